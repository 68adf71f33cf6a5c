import { COPY_LAYOUTS, type CopyLayout, copyFields } from '@kitap/holdings';
import { type MarcRecord, subfieldValue } from '@kitap/marc';
import { z } from 'zod';
import { inventoryCodes } from '../inventory-codes.js';
import { type CrossKey, defineCrossRule } from '../rule.js';

/**
 * An inventory number identifies one copy in the whole library system and is
 * never reused; two copies with the same number mean a typo or a copy entered
 * twice. Checked across the whole input through a disk-backed index.
 */
export default defineCrossRule({
  meta: {
    id: 'inventory-number-unique',
    family: 'copies',
    description: 'An inventory number must belong to one copy in the whole catalog.',
    severity: 'error',
    fixable: false,
    flavours: ['marc21', 'unimarc'],
    options: z.object({
      layouts: z.array(z.enum(COPY_LAYOUTS)).default([...COPY_LAYOUTS]),
    }),
    messages: {
      duplicate: 'Inventory number {value} is also used in {first} ({count} copies share it)',
    },
  },
  strategy: 'duplicates',
  keys(record, { options }) {
    const codes = inventoryCodes(options.layouts);
    // A layout listed twice makes copyFields give each of its copies twice: then its answer is taken as it is.
    if (codes.size !== options.layouts.length) return copyKeys(record, options.layouts);
    // Otherwise the copies are the data fields of the layouts' tags, in field order, each with its first inventory-number subfield.
    const keys: CrossKey[] = [];
    const fields = record.fields;
    for (let field = 0; field < fields.length; field++) {
      const f = fields[field]!;
      if (f.kind !== 'data') continue;
      const code = codes.get(f.tag);
      if (code === undefined) continue;
      const value = subfieldValue(f, code);
      if (value !== undefined) addKey(keys, value, field, code);
    }
    return keys;
  },
});

function copyKeys(record: MarcRecord, layouts: readonly CopyLayout[]): CrossKey[] {
  const keys: CrossKey[] = [];
  for (const copy of copyFields(record, layouts)) {
    const inv = copy.inventoryNumber;
    if (inv) addKey(keys, inv.value, inv.field, inv.code);
  }
  return keys;
}

/** A copy's inventory number as a key: compared without surrounding spaces and case; a blank one is no key. */
function addKey(keys: CrossKey[], value: string, field: number, subfield: string): void {
  const trimmed = value.trim();
  if (trimmed !== '') keys.push({ key: trimmed.toUpperCase(), field, subfield, value });
}
