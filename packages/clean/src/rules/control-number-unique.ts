import { z } from 'zod';
import { defineCrossRule } from '../rule.js';

/**
 * The control number (001) identifies a record: links from copies, orders,
 * analytic records (773 $w) and the next import all go through it. Two records
 * with one number mean a record loaded twice or a number reused, and an update
 * or a link may land on the wrong one. Checked across the whole input through
 * a disk-backed index.
 */
export default defineCrossRule({
  meta: {
    id: 'control-number-unique',
    family: 'copies',
    description: 'The control number in 001 must identify one record in the whole catalog.',
    severity: 'error',
    fixable: false,
    flavours: ['marc21', 'unimarc'],
    options: z.object({
      /** Compare 003 (the agency that assigned the number) with 001, for catalogs that merge records of several agencies. */
      withAgency: z.boolean().default(false),
    }),
    messages: {
      duplicate: 'Control number {value} (001) is also used in {first} ({count} records share it)',
    },
  },
  strategy: 'duplicates',
  keys(record, { options }) {
    const field = record.fields.findIndex((f) => f.tag === '001' && f.kind === 'control');
    if (field < 0) return [];
    const value = record.controlValue('001')!;
    const number = value.trim();
    if (number === '') return [];
    const agency = options.withAgency ? (record.controlValue('003')?.trim() ?? '') : '';
    return [{ key: `${agency}\u0000${number}`, field, value }];
  },
});
