import type { CopyMapper } from './copy-mapper.js';
import { fieldMapper } from './field-mapper.js';

/**
 * RUSMARC 899 «Данные о местонахождении» (location data; repeatable, one per
 * copy; marked obsolete but still in live data). $a location — the
 * organisation or branch holding the copy, and $b fund or collection name are
 * defined in the format (unimarc.org.ua/wiki/899); $j shelf mark (call
 * number) per the project's domain notes. $p inventory number and $x barcode
 * are how the exports kitap was built against use them, not confirmed against
 * the RUSMARC text (check a real export before relying on them).
 */
export const rusmarc899: CopyMapper = fieldMapper({
  layout: '899',
  flavour: 'unimarc',
  table: {
    tag: '899',
    rules: [
      { code: 'a', property: 'branch' },
      { code: 'b', property: 'department' },
      { code: 'j', property: 'callNumber' },
      { code: 'p', property: 'inventoryNumber' },
      { code: 'x', property: 'barcode' },
    ],
  },
});
