import type { CopyMapper } from './copy-mapper.js';
import { fieldMapper } from './field-mapper.js';
import { kohaFlagStatus } from './subfield-table.js';

/**
 * Koha items in UNIMARC/RUSMARC, field 995 (Koha's UNIMARC frameworks: fr-FR
 * `unimarc_complet` and uk-UA `unimarc_bibliographic_DEFAULT_local_995`):
 * $a origin of the copy (source), $b owner (branch), $c holding library
 * (current branch), $e shelving location (department), $5 date acquired
 * (YYYY-MM-DD), $f barcode, $j inventory number, $k call number, $p price,
 * $6 copy number, $r item type, $u note (Koha's item note; notes are written
 * here), $x non-public note (read only). Status flags: $0 withdrawn →
 * written-off, $2 lost → lost, $o not for loan → not-available; all 0 →
 * available, written as $o 0. Other statuses are lost on writing.
 */
export const koha995: CopyMapper = fieldMapper({
  layout: '995',
  flavour: 'unimarc',
  table: {
    tag: '995',
    status: kohaFlagStatus(
      [
        { code: '0', status: 'written-off' },
        { code: '2', status: 'lost' },
        { code: 'o', status: 'not-available' },
      ],
      'o',
    ),
    rules: [
      { code: 'b', property: 'branch' },
      { code: 'c', property: 'currentBranch' },
      { code: 'e', property: 'department' },
      { code: '5', property: 'dateReceived', codec: 'date-iso' },
      { code: 'a', property: 'source' },
      { code: 'p', property: 'price', codec: 'money' },
      { code: 'j', property: 'inventoryNumber' },
      { code: 'k', property: 'callNumber' },
      { code: 'f', property: 'barcode' },
      { code: '6', property: 'copyNumber' },
      { code: 'r', property: 'itemType' },
    ],
    notes: { read: ['u', 'x'], write: 'u' },
  },
});
