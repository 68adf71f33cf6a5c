import type { CopyMapper } from './copy-mapper.js';
import { fieldMapper } from './field-mapper.js';

/**
 * The local 090 of Koha's Russian MARC21 frameworks («Шифры»), one field per
 * copy: $e inventory number, $f storage sigla (branch). It holds nothing else;
 * its shelving index ($a) and author mark ($b) are unmapped, and a second $e or
 * $f in one field is unmapped too (kitap reads one copy per 090, as
 * `copyFields` does).
 */
export const kohaRu090: CopyMapper = fieldMapper({
  layout: '090',
  flavour: 'marc21',
  table: {
    tag: '090',
    rules: [
      { code: 'e', property: 'inventoryNumber' },
      { code: 'f', property: 'branch' },
    ],
  },
});
