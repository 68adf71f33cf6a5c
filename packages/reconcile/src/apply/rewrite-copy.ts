/**
 * One copy of a record written anew through its layout's mapper, every other
 * field of the record left as it was. The copy's fields are replaced where
 * they stand; what the mapper had no place for when reading them (unknown
 * subfields, repeats, values that do not parse) is carried over at the end of
 * the new field, so nothing the record held is lost.
 *
 * MARC 21 holdings keep a copy in two fields linked by $8: the location (852)
 * is rewritten only when what it holds changes (a transfer inside the system),
 * keeps its $8 and its notes ($x/$z), and when it is shared with other copies
 * the moved copy gets a location of its own, with a new link number, just
 * before its item, rather than moving the others (the mapper, which lists
 * copies by their first field, may then list it after them).
 */
import { COPY_MAPPERS, COPY_PROPERTIES, type Copy, LOCATION_852, type MapperLayout, type ReadCopy, type UnmappedSubfield, copyValue } from '@kitap/holdings';
import { type DataField, type Field, MarcRecord, type Subfield, dataField, subfieldValue } from '@kitap/marc';

/** The layouts whose copies have a location field of their own, linked by $8: its tag and where its notes are. */
const LINKED_LOCATION: Partial<Record<MapperLayout, { tag: string; noteCodes: readonly string[] }>> = {
  '852/876': { tag: LOCATION_852.tag, noteCodes: LOCATION_852.notes?.read ?? [] },
};
const LINK = '8';
const KEEP_LINK = Symbol('keep the link as written');

/** The copy one field holds read alone, and the subfields the mapper has no place for in it. */
function readAlone(record: MarcRecord, layout: MapperLayout, field: DataField): ReadCopy | undefined {
  return COPY_MAPPERS[layout].read(new MarcRecord(record.leader, [field]))[0];
}

/** The field with this tag that the mapper writes for the copy. */
function writtenField(layout: MapperLayout, copy: Copy, tag: string): DataField {
  const field = COPY_MAPPERS[layout].write([copy]).fields.find((f) => f.tag === tag);
  if (field === undefined) throw new RangeError(`the ${layout} mapper writes no ${tag} field`);
  return field;
}

/** Whether two copies have the same values, notes aside. */
function sameValuesButNotes(a: Copy, b: Copy): boolean {
  return COPY_PROPERTIES.every((p) => p === 'notes' || copyValue(a, p) === copyValue(b, p));
}

/** `notes` without one occurrence of each of `remove`, in order. */
function notesWithout(notes: readonly string[] | undefined, remove: readonly string[]): string[] {
  const left = [...remove];
  const out: string[] = [];
  for (const note of notes ?? []) {
    const at = left.indexOf(note);
    if (at >= 0) left.splice(at, 1);
    else out.push(note);
  }
  return out;
}

/** The subfields of `old`, in order, that the new field must carry: those the mapper did not place, and the notes when the new field does not write them. */
function carried(old: DataField, unmapped: readonly UnmappedSubfield[], noteCodes: readonly string[]): Subfield[] {
  const left = [...unmapped];
  const out: Subfield[] = [];
  for (const sf of old.subfields) {
    const at = left.findIndex((u) => u.code === sf.code && u.value === sf.value);
    if (at >= 0) {
      left.splice(at, 1);
      out.push(sf);
    } else if (noteCodes.includes(sf.code) && sf.value !== '') out.push(sf);
  }
  return out;
}

/** The $8 link of a field. */
function linkOf(field: DataField): string | undefined {
  return subfieldValue(field, LINK);
}

/** The greatest link number ($8 `5.1` → 5) among the record's location and item fields. */
function maxLink(fields: readonly Field[], tags: ReadonlySet<string>): number {
  let max = 0;
  for (const f of fields) {
    if (f.kind !== 'data' || !tags.has(f.tag)) continue;
    const n = Number.parseInt(linkOf(f) ?? '', 10);
    if (n > max) max = n;
  }
  return max;
}

/** The written field with the old field's indicators, the carried subfields after it, and the link set (or kept). */
function rebuilt(written: DataField, indicators: DataField, extra: readonly Subfield[], link: string | undefined | typeof KEEP_LINK): DataField {
  let subfields = [...written.subfields, ...extra];
  if (link !== KEEP_LINK) {
    subfields = subfields.filter((sf) => sf.code !== LINK);
    if (link !== undefined) subfields.unshift({ code: LINK, value: link });
  }
  return dataField(written.tag, indicators.ind1, indicators.ind2, subfields);
}

/**
 * The record with copy `target` of `copies` (as `COPY_MAPPERS[layout].read`
 * gave them for this record) written as `next`. The input record is not
 * changed.
 */
export function rewriteCopy(record: MarcRecord, layout: MapperLayout, copies: readonly ReadCopy[], target: number, next: Copy): MarcRecord {
  const fields = record.fields;
  const read = copies[target]!;
  const location = LINKED_LOCATION[layout];
  const replaced = new Map<number, DataField>();
  let inserted: { before: number; field: DataField } | undefined;
  let itemCopy = next;
  let itemLink: string | undefined | typeof KEEP_LINK = KEEP_LINK;
  const locationAt = location === undefined ? undefined : read.fields.find((i) => fields[i]!.tag === location.tag);
  if (location !== undefined) {
    const old = locationAt === undefined ? undefined : (fields[locationAt] as DataField);
    const before = old === undefined ? undefined : readAlone(record, layout, old);
    // Notes read from the location stay in it; the item field writes the others.
    const itemNotes = notesWithout(next.notes, before?.copy.notes ?? []);
    itemCopy = { ...next };
    if (itemNotes.length > 0) itemCopy.notes = itemNotes;
    else delete itemCopy.notes;
    const written = writtenField(layout, next, location.tag);
    const after = readAlone(record, layout, written)?.copy ?? {};
    if (!sameValuesButNotes(before?.copy ?? {}, after)) {
      const extra = old === undefined ? [] : carried(old, before?.unmapped ?? [], location.noteCodes);
      const shared = locationAt !== undefined && copies.some((c, n) => n !== target && c.fields.includes(locationAt));
      if (old !== undefined && !shared) replaced.set(locationAt!, rebuilt(written, old, extra, linkOf(old)));
      else {
        const itemAt = read.fields.find((i) => i !== locationAt);
        if (itemAt === undefined) throw new RangeError('a copy without an item field cannot be moved');
        const tags = new Set([location.tag, ...copies.flatMap((c) => c.fields.map((i) => fields[i]!.tag))]);
        itemLink = `${maxLink(fields, tags) + 1}.1`;
        inserted = { before: itemAt, field: rebuilt(written, old ?? written, extra, itemLink) };
      }
    }
  }
  for (const at of read.fields) {
    if (at === locationAt) continue;
    const old = fields[at] as DataField;
    const written = writtenField(layout, itemCopy, old.tag);
    const link = location === undefined ? KEEP_LINK : itemLink === KEEP_LINK ? linkOf(old) : itemLink;
    replaced.set(at, rebuilt(written, old, carried(old, readAlone(record, layout, old)?.unmapped ?? [], []), link));
  }
  const out: Field[] = [];
  fields.forEach((field, i) => {
    if (inserted?.before === i) out.push(inserted.field);
    out.push(replaced.get(i) ?? field);
  });
  const result = new MarcRecord(record.leader, out);
  result.place = { ...record.place };
  result.warnings.push(...record.warnings);
  return result;
}
