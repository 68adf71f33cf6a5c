import type { CopyMapper } from './copy-mapper.js';
import { fieldMapper } from './field-mapper.js';
import { kohaFlagStatus } from './subfield-table.js';

/**
 * Koha items in MARC21, field 952 (Koha's default MARC21 framework): $a home
 * library (branch), $b current library, $c shelving location (department),
 * $d date acquired (YYYY-MM-DD), $e source, $g price, $i inventory number,
 * $o call number, $p barcode, $t copy number, $y item type, $x non-public and
 * $z public note (notes are written to $x, so nothing internal turns public).
 * Status flags: $0 withdrawn → written-off, $1 lost → lost, $7 not for loan →
 * not-available (the first set flag in that order wins); all flags 0 →
 * available, written as $7 0. Koha keeps loans, holds, transit and bindery
 * outside the item record, so those statuses are lost on writing; $4
 * (damaged) and other subfields are unmapped.
 */
export const koha952: CopyMapper = fieldMapper({
  layout: '952',
  flavour: 'marc21',
  table: {
    tag: '952',
    status: kohaFlagStatus(
      [
        { code: '0', status: 'written-off' },
        { code: '1', status: 'lost' },
        { code: '7', status: 'not-available' },
      ],
      '7',
    ),
    rules: [
      { code: 'a', property: 'branch' },
      { code: 'b', property: 'currentBranch' },
      { code: 'c', property: 'department' },
      { code: 'd', property: 'dateReceived', codec: 'date-iso' },
      { code: 'e', property: 'source' },
      { code: 'g', property: 'price', codec: 'money' },
      { code: 'i', property: 'inventoryNumber' },
      { code: 'o', property: 'callNumber' },
      { code: 'p', property: 'barcode' },
      { code: 't', property: 'copyNumber' },
      { code: 'y', property: 'itemType' },
    ],
    notes: { read: ['x', 'z'], write: 'x' },
  },
});
