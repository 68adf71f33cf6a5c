import type { CopyMapper } from './copy-mapper.js';
import { fieldMapper } from './field-mapper.js';

/**
 * The customer's local 949, the layout of its 1C inventory export (see
 * fixtures/sample/MANIFEST.md; 949 has no standard meaning): $a library sigla
 * (branch), $b department, $i inventory number, $p barcode, $c price, $d date
 * received (DD.MM.YYYY), $e source, $h call number. It has no status.
 */
export const customer949: CopyMapper = fieldMapper({
  layout: '949',
  flavour: 'marc21',
  table: {
    tag: '949',
    rules: [
      { code: 'a', property: 'branch' },
      { code: 'b', property: 'department' },
      { code: 'i', property: 'inventoryNumber' },
      { code: 'p', property: 'barcode' },
      { code: 'c', property: 'price', codec: 'money' },
      { code: 'd', property: 'dateReceived', codec: 'date-dotted' },
      { code: 'e', property: 'source' },
      { code: 'h', property: 'callNumber' },
    ],
  },
});
