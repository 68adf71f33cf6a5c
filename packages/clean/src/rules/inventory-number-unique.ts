import { COPY_LAYOUTS, copyFields } from '@kitap/holdings';
import { z } from 'zod';
import { defineCrossRule } from '../rule.js';

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
    return copyFields(record, options.layouts).flatMap((copy) => {
      const inv = copy.inventoryNumber;
      if (!inv || inv.value.trim() === '') return [];
      return [{ key: inv.value.trim().toUpperCase(), field: inv.field, subfield: inv.code, value: inv.value }];
    });
  },
});
