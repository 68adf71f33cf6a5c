import { type Field, MarcRecord } from '@kitap/marc';
import type { CopyMapper, LostValue, MapperLayout, UnmappedSubfield } from './copy-mapper.js';
import { customer949 } from './customer-949.js';
import { irbis910 } from './irbis-910.js';
import { koha952 } from './koha-952.js';
import { koha995 } from './koha-995.js';
import { kohaRu090 } from './koha-ru-090.js';
import { marc21Holdings } from './marc21-852-876.js';
import { rusmarc899 } from './rusmarc-899.js';

/** The mapper of each layout. */
export const COPY_MAPPERS: Readonly<Record<MapperLayout, CopyMapper>> = {
  '910': irbis910,
  '952': koha952,
  '995': koha995,
  '852/876': marc21Holdings,
  '899': rusmarc899,
  '949': customer949,
  '090': kohaRu090,
};

/** A subfield of a source copy field that had no place in the copy model, with the copy it came from. */
export interface UnmappedValue extends UnmappedSubfield {
  /** Index of the copy (in the source layout's reading order). */
  copy: number;
}

/** What `remapCopies` returns: the new record, the values the target layout could not hold, and the source subfields no layout could take. */
export interface Remapped {
  record: MarcRecord;
  lost: LostValue[];
  unmapped: UnmappedValue[];
}

/**
 * The record with its copies moved from one layout to another: the source
 * copy fields are removed and the target fields inserted as one block, in copy
 * order, where tag order puts them (before the first remaining field with a
 * greater tag). Every other field stays untouched and in order — fields
 * already in the target layout too. The input record is not changed.
 * `lost` lists the values the target cannot hold; `unmapped` the source
 * subfields the copy model had no place for (they go with the source fields).
 */
export function remapCopies(record: MarcRecord, from: MapperLayout, to: MapperLayout): Remapped {
  const read = COPY_MAPPERS[from].read(record);
  const { fields: written, lost } = COPY_MAPPERS[to].write(read.map((c) => c.copy));
  const removed = new Set(read.flatMap((c) => c.fields));
  const kept: Field[] = record.fields.filter((_, i) => !removed.has(i));
  const firstTag = written[0]?.tag;
  let at = firstTag === undefined ? kept.length : kept.findIndex((f) => f.tag > firstTag);
  if (at < 0) at = kept.length;
  const out = new MarcRecord(record.leader, [...kept.slice(0, at), ...written, ...kept.slice(at)]);
  out.place = { ...record.place };
  out.warnings.push(...record.warnings);
  const unmapped = read.flatMap((c, n) => c.unmapped.map((u) => ({ copy: n, ...u })));
  return { record: out, lost, unmapped };
}
