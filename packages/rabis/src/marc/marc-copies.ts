import { COPY_MAPPERS, MAPPER_LAYOUTS, type MapperLayout, type ReadCopy } from '@kitap/holdings';
import type { MarcRecord } from '@kitap/marc';

/** The tags that mark a record as holding copies in a layout (for 852/876 either one). */
const LAYOUT_TAGS: Readonly<Record<MapperLayout, readonly string[]>> = {
  '910': ['910'],
  '952': ['952'],
  '995': ['995'],
  '852/876': ['876', '852'],
  '899': ['899'],
  '949': ['949'],
  '090': ['090'],
};

/**
 * The copy layout of a record: the first of `MAPPER_LAYOUTS` (910, 952, 995,
 * 852/876, 899, 949, 090) whose fields the record has, or undefined when it
 * has none. One layout per record: a MARC 21 record's 090 is a call number
 * when it also has 852/876, which come first.
 */
export function copyLayoutOf(record: MarcRecord): MapperLayout | undefined {
  const tags = new Set(record.tags);
  return MAPPER_LAYOUTS.find((layout) => LAYOUT_TAGS[layout].some((tag) => tags.has(tag)));
}

/** The copies of a MARC record in `layout`, or in the layout it has (`copyLayoutOf`) when none is given. */
export function marcCopies(record: MarcRecord, layout: MapperLayout | undefined = copyLayoutOf(record)): ReadCopy[] {
  return layout === undefined ? [] : COPY_MAPPERS[layout].read(record);
}
