import { readFileSync, writeFileSync } from 'node:fs';
import { DBFFile } from 'dbffile';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../src/sources/open-table.js';
import { collect, tempDir } from './helpers.js';

const dir = tempDir('dbf');

const FIELDS = [
  { name: 'INV_NUM', type: 'C', size: 12 },
  { name: 'AUTHOR', type: 'C', size: 40 },
  { name: 'TITLE', type: 'C', size: 80 },
  { name: 'PRICE', type: 'N', size: 12, decimalPlaces: 2 },
  { name: 'COPIES', type: 'N', size: 5, decimalPlaces: 0 },
  { name: 'RECEIVED', type: 'D', size: 8 },
  { name: 'ACTIVE', type: 'L', size: 1 },
] as const;

const RECORDS_RU = [
  { INV_NUM: '48213', AUTHOR: 'Толстой Л.', TITLE: 'Война и мир', PRICE: 1200.5, COPIES: 1, RECEIVED: new Date('1987-10-12'), ACTIVE: true },
  { INV_NUM: '48214', AUTHOR: 'Пушкин А.', TITLE: 'Евгений Онегин', PRICE: 850, COPIES: 2, RECEIVED: new Date('1990-03-01'), ACTIVE: false },
  { INV_NUM: '48215', AUTHOR: 'Волков А.', TITLE: 'Волшебник Изумрудного города', PRICE: 1750, COPIES: 1, RECEIVED: null, ACTIVE: true },
];

const EXPECTED_RU = [
  ['48213', 'Толстой Л.', 'Война и мир', '1200.50', '1', '1987-10-12', 'T'],
  ['48214', 'Пушкин А.', 'Евгений Онегин', '850.00', '2', '1990-03-01', 'F'],
  ['48215', 'Волков А.', 'Волшебник Изумрудного города', '1750.00', '1', '', 'T'],
];

let counter = 0;
async function writeDbf(encoding: string, ldid: number, records: readonly Record<string, unknown>[] = RECORDS_RU): Promise<string> {
  const path = dir.path(`t${++counter}.dbf`);
  const dbf = await DBFFile.create(path, FIELDS.map((f) => ({ ...f })), { encoding });
  await dbf.appendRecords(records as Record<string, unknown>[]);
  const bytes = readFileSync(path);
  bytes[29] = ldid;
  writeFileSync(path, bytes);
  return path;
}

/** Header and record length of a DBF file, for patching records. */
function layout(bytes: Buffer): { headerLength: number; recordLength: number } {
  return { headerLength: bytes.readUInt16LE(8), recordLength: bytes.readUInt16LE(10) };
}

describe('DBF', () => {
  it('reads a cp866 file by its language driver byte, with field names as columns', async () => {
    const path = await writeDbf('cp866', 0x65);
    const table = await openTable(path);
    expect(table).toMatchObject({ format: 'dbf', encoding: 'cp866', encodingSource: 'dbf-header' });
    expect(table.columns).toEqual(['INV_NUM', 'AUTHOR', 'TITLE', 'PRICE', 'COPIES', 'RECEIVED', 'ACTIVE']);
    const rows = await collect(table.rows);
    expect(rows.map((r) => r.cells)).toEqual(EXPECTED_RU);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(rows[0]?.raw).toBe(EXPECTED_RU[0]?.join('\t'));
    expect(table.notes.join('\n')).toMatch(/language driver byte 0x65.*the bytes agree/);
  });

  it('detects cp1251 from the bytes when the header declares no code page', async () => {
    const table = await openTable(await writeDbf('cp1251', 0));
    expect(table).toMatchObject({ encoding: 'cp1251', encodingSource: 'detected' });
    expect((await collect(table.rows)).map((r) => r.cells)).toEqual(EXPECTED_RU);
  });

  it('believes the bytes over a language driver byte that says cp866 for cp1251 data', async () => {
    const table = await openTable(await writeDbf('cp1251', 0x65));
    expect(table).toMatchObject({ encoding: 'cp1251', encodingSource: 'detected' });
    expect(table.notes.join('\n')).toMatch(/although the language driver byte 0x65/);
    expect((await collect(table.rows))[0]?.cells[2]).toBe('Война и мир');
  });

  it('reads Kazakh titles in rk1048 when the encoding is given', async () => {
    const kz = [{ INV_NUM: '48213', AUTHOR: 'Әуезов М.', TITLE: 'Абай жолы', PRICE: 1200, COPIES: 1, RECEIVED: null, ACTIVE: true }];
    const table = await openTable(await writeDbf('rk1048', 0xc9, kz), { encoding: 'rk1048' });
    expect(table.encodingSource).toBe('given');
    expect((await collect(table.rows))[0]?.cells.slice(0, 3)).toEqual(['48213', 'Әуезов М.', 'Абай жолы']);
  });

  it('flags records marked deleted instead of dropping them, and counts them in the notes', async () => {
    const path = await writeDbf('cp866', 0x65);
    const bytes = readFileSync(path);
    const { headerLength, recordLength } = layout(bytes);
    bytes[headerLength + recordLength] = 0x2a; // the second record
    writeFileSync(path, bytes);
    const table = await openTable(path);
    const rows = await collect(table.rows);
    expect(rows.map((r) => r.deleted === true)).toEqual([false, true, false]);
    expect(rows[1]?.cells[0]).toBe('48214');
    expect(table.notes.join('\n')).toMatch(/1 record\(s\) are marked deleted/);
  });

  it('reads a file cut short up to its last complete record and reports the cut one', async () => {
    const path = await writeDbf('cp866', 0x65);
    const bytes = readFileSync(path);
    const { headerLength, recordLength } = layout(bytes);
    writeFileSync(path, bytes.subarray(0, headerLength + recordLength * 2 + 10));
    const table = await openTable(path);
    const rows = await collect(table.rows);
    expect(rows.map((r) => r.cells[0] ?? '')).toEqual(['48213', '48214', '']);
    expect(rows[2]?.error).toMatch(/record 3 is cut off/);
    expect(table.notes.join('\n')).toMatch(/declares 3 records.*2 complete/);
  });

  it('reads more records than one batch', async () => {
    const many = Array.from({ length: 2500 }, (_, i) => ({ ...RECORDS_RU[0], INV_NUM: String(60000 + i) }));
    const table = await openTable(await writeDbf('cp866', 0x26, many));
    const rows = await collect(table.rows);
    expect(rows).toHaveLength(2500);
    expect(rows[2499]).toMatchObject({ line: 2500, cells: ['62499', 'Толстой Л.', 'Война и мир', '1200.50', '1', '1987-10-12', 'T'] });
  });

  it('refuses a file that is not a DBF', async () => {
    const path = dir.write('broken.dbf', Buffer.concat([Buffer.from([0x03, 0x7b, 0x01, 0x01]), Buffer.alloc(60, 0xff)]));
    await expect(openTable(path, { format: 'dbf' })).rejects.toMatchObject({ code: 'E_INPUT', message: expect.stringContaining('broken.dbf') });
  });
});
