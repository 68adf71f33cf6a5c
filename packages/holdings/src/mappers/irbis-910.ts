import type { CopyStatus } from '../copy.js';
import type { CopyMapper } from './copy-mapper.js';
import { fieldMapper } from './field-mapper.js';
import { codeTableStatus } from './subfield-table.js';

/**
 * IRBIS 910 status codes (ManagedIrbis `ExemplarStatus.cs`) that have a
 * canonical status. IRBIS also has 2 (expected, not yet received), C, P (bound
 * into a volume) and R (reproduction): they have no canonical status, so a
 * 910 $a with one of them is kept as unmapped rather than guessed. A
 * `transferred` copy has no code either (IRBIS writes it off with a transfer
 * act in $w), so it is lost on writing.
 */
export const IRBIS_STATUS_CODES: Readonly<Partial<Record<CopyStatus, string>>> = {
  available: '0',
  'on-loan': '1',
  bindery: '3',
  lost: '4',
  'not-available': '5',
  'written-off': '6',
  'in-transit': '8',
  reserved: '9',
  group: 'U',
};

/**
 * IRBIS field 910, one per copy (source: amironov73/ManagedIrbis
 * `ExemplarInfo.cs`): $a status, $b inventory number, $c date received
 * (YYYYMMDD), $d storage place (sigla), $e price, $f acquisition channel,
 * $h barcode, $u accession register (КСУ) line, $v write-off act, $w transfer
 * act, $y receipt act, $1 number of copies of a summary (U) record.
 */
export const irbis910: CopyMapper = fieldMapper({
  layout: '910',
  flavour: 'unimarc',
  table: {
    tag: '910',
    status: codeTableStatus('a', IRBIS_STATUS_CODES, { caseInsensitive: true }),
    statusFirst: true,
    rules: [
      { code: 'b', property: 'inventoryNumber' },
      { code: 'c', property: 'dateReceived', codec: 'date-compact' },
      { code: 'd', property: 'branch' },
      { code: 'e', property: 'price', codec: 'money' },
      { code: 'f', property: 'source' },
      { code: 'h', property: 'barcode' },
      { code: 'u', property: 'accessionBatch' },
      { code: 'v', property: 'writeOff.act' },
      { code: 'w', property: 'transfer.act' },
      { code: 'y', property: 'receiptAct' },
      { code: '1', property: 'copies', codec: 'count' },
    ],
  },
});
