import { COPY_LAYOUTS, COPY_MAPPERS, type CopyLayout, type MapperLayout, copyFields } from '@kitap/holdings';
import type { MarcRecord } from '@kitap/marc';

const QUICK: ReadonlySet<string> = new Set(COPY_LAYOUTS);

/**
 * How many copies a record holds in the given layouts, counted the same way
 * before and after the acts are applied (copies in = copies out): by their
 * item fields (`copyFields`, which decodes only those), or by the mapper for a
 * layout `copyFields` does not read (899).
 */
export function countCopies(record: MarcRecord, layouts: readonly MapperLayout[]): number {
  let count = 0;
  for (const layout of layouts) {
    if (QUICK.has(layout)) count += copyFields(record, [layout as CopyLayout]).length;
    else if (record.tags.includes(layout)) count += COPY_MAPPERS[layout].read(record).length;
  }
  return count;
}
