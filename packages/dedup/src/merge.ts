import { KitapError } from '@kitap/core';
import { COPY_LAYOUTS as COPY_LAYOUT_NAMES, COPY_MAPPERS, type CopyLayout, LAYOUT_SPECS, copyFields } from '@kitap/holdings';
import { type DataField, type Field, MarcRecord, detectFlavour, fieldText, fieldsEqual, subfieldValue } from '@kitap/marc';
import { foldForMatch, parseIsbn } from '@kitap/text';
import type { DedupConfig } from './config.js';

/** What a merge did: which record survived, what it took from the others. */
export interface MergeOutcome {
  record: MarcRecord;
  /** Position (in the cluster's member list) of the survivor. */
  survivor: number;
  copiesIn: number;
  copiesOut: number;
  fieldsBrought: number;
  controlNumbersKept: string[];
}

// Fields a survivor may take from a merged-away record when it lacks them: identifiers, codes,
// classification, notes, subjects, added entries, series. Never the title, imprint or extent.
const MARC21_BRING = /^(020|022|024|035|041|080|082|084|490|5\d\d|6\d\d|7[0-5]\d|830)$/;
const UNIMARC_BRING = /^(010|011|035|101|3\d\d|225|6\d\d|70[0-2]|71[0-2])$/;

/**
 * Every field that holds a copy in a layout kitap knows (852/876, 949, 910, 952, 995, 090, RUSMARC
 * 899). A merged-away record's copy fields all move to the survivor, whatever layouts the project
 * config reads copies from: a layout left out of the config must not make its copies vanish.
 */
export const COPY_FIELD_TAGS: ReadonlySet<string> = new Set(Object.keys(COPY_MAPPERS).map((layout) => layout.split('/').pop()!));

/** The copies a record holds, one per copy field of COPY_FIELD_TAGS: what a merge must keep, counted the same way in and out. */
export function copyFieldCount(record: MarcRecord): number {
  let n = 0;
  for (const tag of record.tags) if (COPY_FIELD_TAGS.has(tag)) n++;
  return n;
}

/**
 * What makes two ISBNs the same: the ISBN-13 of a valid one; the digits (and X) of one whose check
 * digit is wrong, so «978-601-7000-00-1» and «9786017000001» are one ISBN written two ways.
 */
function isbnKey(value: string): string {
  const valid = parseIsbn(value)?.isbn13;
  if (valid !== undefined) return valid;
  // The number as written, before any qualifier («(пер.)», «: 1500 тг»).
  const written = /[0-9][0-9 -]*[0-9Xx]/u.exec(value)?.[0];
  return written === undefined ? value : written.replace(/[ -]/gu, '').toUpperCase();
}

function copyTags(layouts: readonly CopyLayout[]): Set<string> {
  const tags = new Set<string>();
  for (const l of layouts) {
    const spec = LAYOUT_SPECS[l];
    tags.add(spec.tag);
    if (spec.locationTag) tags.add(spec.locationTag);
  }
  return tags;
}

function controlOrder(a: string | undefined, b: string | undefined): number {
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b) || a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The survivor of a cluster by the configured policies; ties go to the record that comes first. */
export function chooseSurvivor(members: readonly MarcRecord[], config: DedupConfig): number {
  const copies = members.map((r) => copyFields(r, config.layouts).length);
  const order = members.map((_, i) => i);
  order.sort((x, y) => {
    for (const policy of config.survivor) {
      let d = 0;
      if (policy === 'most-copies') d = copies[y]! - copies[x]!;
      else if (policy === 'most-complete') d = members[y]!.size - members[x]!.size;
      else d = controlOrder(members[x]!.controlValue('001')?.trim(), members[y]!.controlValue('001')?.trim());
      if (d !== 0) return d;
    }
    return x - y;
  });
  return order[0]!;
}

/** The highest number used in $8 links of the given fields (852/876 pairs). */
function maxLink(fields: readonly Field[]): number {
  let max = 0;
  for (const f of fields) if (f.kind === 'data') for (const sf of f.subfields) if (sf.code === '8') max = Math.max(max, Number.parseInt(sf.value, 10) || 0);
  return max;
}

/**
 * Merges a cluster into its survivor: every copy field of every member moves
 * to the survivor (852/876 links renumbered so pairs stay pairs), fields the
 * survivor lacks are brought over by category, and each merged-away control
 * number is kept in 035 $z (MARC21 and UNIMARC alike: "cancelled or invalid
 * control number"). A merge that would lose a copy throws E_MERGE_COPY_LOST:
 * that is a bug, and the run must stop.
 */
export function mergeCluster(members: readonly MarcRecord[], config: DedupConfig): MergeOutcome {
  const survivorAt = chooseSurvivor(members, config);
  const survivor = members[survivorAt]!;
  const flavour = detectFlavour(survivor) === 'unimarc' ? 'unimarc' : 'marc21';
  const bring = flavour === 'marc21' ? MARC21_BRING : UNIMARC_BRING;
  // Copy fields (and 852 locations) of every known layout move, not only the config's.
  const copyTagSet = new Set([...copyTags(config.layouts), ...copyTags(COPY_LAYOUT_NAMES), ...COPY_FIELD_TAGS]);
  const copiesIn = members.reduce((n, r) => n + copyFieldCount(r), 0);

  const fields: Field[] = [...survivor.fields];
  const isbns = new Set(survivor.subfieldValues(flavour === 'marc21' ? '020' : '010', 'a').map(isbnKey));
  const seenText = new Set(fields.filter((f) => f.kind === 'data').map((f) => `${f.tag}|${foldForMatch(fieldText(f))}`));
  const agency = survivor.controlValue('003')?.trim();
  let fieldsBrought = 0;
  const controlNumbersKept: string[] = [];
  const moved: Field[] = [];
  let link = maxLink(fields);

  members.forEach((other, i) => {
    if (i === survivorAt) return;
    const links = new Map<string, string>();
    for (const f of other.fields) {
      if (copyTagSet.has(f.tag) && f.kind === 'data') {
        // Copies move whole; 852/876 pairs keep their pairing under new link numbers.
        const old = subfieldValue(f, '8');
        let field: DataField = f;
        if (old !== undefined) {
          if (!links.has(old)) links.set(old, String(++link));
          field = { ...f, subfields: f.subfields.map((sf) => (sf.code === '8' ? { code: '8', value: links.get(old)! } : sf)) };
        }
        moved.push(field);
        continue;
      }
      if (f.kind !== 'data' || !bring.test(f.tag)) continue;
      // A field linked to an 880 by $6 is not brought: its link number would point at the survivor's own 880.
      if (f.subfields.some((sf) => sf.code === '6')) continue;
      if (fields.some((g) => fieldsEqual(f, g))) continue;
      const textKey = `${f.tag}|${foldForMatch(fieldText(f))}`;
      if (seenText.has(textKey)) continue;
      if (f.tag === (flavour === 'marc21' ? '020' : '010')) {
        const isbn = subfieldValue(f, 'a');
        const key = isbn === undefined ? undefined : isbnKey(isbn);
        if (key === undefined || isbns.has(key)) continue;
        isbns.add(key);
      }
      seenText.add(textKey);
      fields.push(f);
      fieldsBrought++;
    }
    const id = other.controlValue('001')?.trim();
    if (id) {
      const otherAgency = other.controlValue('003')?.trim() ?? agency;
      const value = otherAgency ? `(${otherAgency})${id}` : id;
      const exists = fields.some((g) => g.tag === '035' && g.kind === 'data' && g.subfields.some((sf) => (sf.code === 'z' || sf.code === 'a') && sf.value === value));
      if (!exists) fields.push({ kind: 'data', tag: '035', ind1: ' ', ind2: ' ', subfields: [{ code: 'z', value }] });
      controlNumbersKept.push(value);
    }
  });

  // Fields keep MARC's tag order: each new field goes after the last field whose tag is not above its own.
  const merged = new MarcRecord(survivor.leader, stableTagOrder(survivor.fields, [...fields.slice(survivor.size), ...moved]));
  merged.place = survivor.place;
  const copiesOut = copyFieldCount(merged);
  if (copiesOut !== copiesIn) {
    throw new KitapError('E_MERGE_COPY_LOST', `merging ${members.length} records would leave ${copiesOut} of ${copiesIn} copies`, survivor.place);
  }
  return { record: merged, survivor: survivorAt, copiesIn, copiesOut, fieldsBrought, controlNumbersKept };
}

/** The survivor's fields in their order, each added field placed after the last field with a tag not above its own. */
function stableTagOrder(original: readonly Field[], added: readonly Field[]): Field[] {
  const out = [...original];
  for (const f of added) {
    let at = out.length;
    for (let i = out.length - 1; i >= 0; i--) {
      if (out[i]!.tag <= f.tag) {
        at = i + 1;
        break;
      }
      at = i;
    }
    out.splice(at, 0, f);
  }
  return out;
}
