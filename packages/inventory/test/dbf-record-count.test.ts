import { describe, expect, it } from 'vitest';
import { encode } from '@kitap/marc';
import { openTable } from '../src/sources/open-table.js';
import { collect, tempDir } from './sources/helpers.js';
import { runSmallExport, scratch } from './run-small-export.js';

const FIELDS: [string, 'C' | 'N', number][] = [
  ['INV_NO', 'C', 10],
  ['TITLE', 'C', 40],
  ['PRICE', 'N', 10],
  ['BRANCH', 'C', 10],
];
const RECORD_LENGTH = 1 + FIELDS.reduce((n, f) => n + f[2], 0);
const HEADER_LENGTH = 32 + 32 * FIELDS.length + 1;

/** A dBase III file of `count` records (cp866), its header declaring `declared` records, ended by 0x1A. */
function dbf(count: number, declared = count): Buffer {
  const header = Buffer.alloc(HEADER_LENGTH);
  header.writeUInt8(0x03, 0);
  header.writeUInt8(123, 1);
  header.writeUInt8(1, 2);
  header.writeUInt8(1, 3);
  header.writeUInt32LE(declared, 4);
  header.writeUInt16LE(HEADER_LENGTH, 8);
  header.writeUInt16LE(RECORD_LENGTH, 10);
  header.writeUInt8(0x65, 29); // cp866
  FIELDS.forEach(([name, type, size], i) => {
    const at = 32 + 32 * i;
    header.write(name, at, 'latin1');
    header.write(type, at + 11, 'latin1');
    header.writeUInt8(size, at + 16);
  });
  header.writeUInt8(0x0d, HEADER_LENGTH - 1);
  const records = Array.from({ length: count }, (_, i) => {
    const cells = [String(60000 + i), `Книга ${i}`, '150.00', 'ЦГБ'];
    const parts = FIELDS.map(([, type, size], j) => {
      const bytes = Buffer.from(encode(cells[j] as string, 'cp866'));
      const pad = Buffer.alloc(size - bytes.length, 0x20);
      return type === 'N' ? Buffer.concat([pad, bytes]) : Buffer.concat([bytes, pad]);
    });
    return Buffer.concat([Buffer.from(' '), ...parts]);
  });
  return Buffer.concat([header, ...records, Buffer.from([0x1a])]);
}

const files = tempDir('dbf-count');
const dir = scratch('dbf-count');
const MAPPING = { columns: { inventoryNumber: 'INV_NO', title: 'TITLE', price: 'PRICE', branch: 'BRANCH' } };

describe('DBF record count and end of file', () => {
  it('rejects a record cut off by the end of the file, with its record number and bytes, and balances the ledger', async () => {
    const whole = dbf(6);
    const cut = whole.subarray(0, HEADER_LENGTH + RECORD_LENGTH * 5 + 30);
    const { result, rejects } = await runSmallExport(dir, 'cut.dbf', cut, MAPPING);
    expect(result.report.totals.rows).toMatchObject({ read: 6, mapped: 5, rejected: 1 });
    expect(result.report.notData.blank).toBe(0);
    expect(result.report.ledger.balanced).toBe(true);
    expect(rejects.map((r) => [r[0], r[2]])).toEqual([['6', 'E_ROW_PARSE']]);
    expect(rejects[0]?.[4]).toMatch(/DBF record 6 is cut off by the end of the file/);
    expect(rejects[0]?.[6]).toMatch(/^60005 +Книга 5/);
  });

  it('reads the records beyond a header count that is too small, up to the end-of-file marker, and says so', async () => {
    const table = await openTable(files.write('fewer.dbf', dbf(50, 10)));
    const rows = await collect(table.rows);
    expect(rows).toHaveLength(50);
    expect(rows[49]?.cells[0]).toBe('60049');
    expect(rows.some((r) => r.error !== undefined)).toBe(false);
    expect(table.notes.join('\n')).toMatch(/declares 10 records, but the file holds 50 before its end-of-file marker/);
  });

  it('rejects bytes after the last record that are neither a record nor the end marker, with their offset and text', async () => {
    const whole = dbf(5);
    // The end marker overwritten by garbage that starts with no deletion flag: a damaged sixth record.
    const damaged = Buffer.concat([whole.subarray(0, whole.length - 1), Buffer.from('#60099   Книга 99', 'utf8')]);
    const { result, rejects } = await runSmallExport(dir, 'trailing.dbf', damaged, MAPPING);
    expect(result.report.totals.rows).toMatchObject({ read: 6, mapped: 5, rejected: 1 });
    expect(result.report.ledger.balanced).toBe(true);
    expect(rejects.map((r) => [r[0], r[2]])).toEqual([['6', 'E_ROW_PARSE']]);
    expect(rejects[0]?.[4]).toMatch(new RegExp(`after DBF record 5 \\(byte ${HEADER_LENGTH + 5 * RECORD_LENGTH}\\) are neither a record nor the end-of-file marker`));
    expect(rejects[0]?.[6]).toContain('#60099');
  });

  it('reads a header count that is too large as the records the file holds, with a note and no reject', async () => {
    const table = await openTable(files.write('more.dbf', dbf(50, 500)));
    const rows = await collect(table.rows);
    expect(rows).toHaveLength(50);
    expect(rows.some((r) => r.error !== undefined)).toBe(false);
    expect(table.notes.join('\n')).toMatch(/declares 500 records, but the file holds only 50 complete ones/);
  });
});
