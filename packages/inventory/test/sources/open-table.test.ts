import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { DBFFile } from 'dbffile';
import { describe, expect, it } from 'vitest';
import { detectFormat, openTable } from '../../src/sources/open-table.js';
import { collect, REGISTER, tempDir, toCsv } from './helpers.js';

const dir = tempDir('open');

async function xlsxBytes(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Лист1').addRows(REGISTER.map((r) => [...r]));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function dbfBytes(): Promise<Uint8Array> {
  const path = dir.path('source.dbf');
  const dbf = await DBFFile.create(path, [{ name: 'INV_NUM', type: 'C', size: 10 }, { name: 'TITLE', type: 'C', size: 60 }], { encoding: 'cp866' });
  await dbf.appendRecords([{ INV_NUM: '48213', TITLE: 'Война и мир' }]);
  return readFileSync(path);
}

describe('detectFormat', () => {
  it('trusts the magic bytes over a wrong extension', async () => {
    expect(detectFormat('register.csv', await xlsxBytes())).toBe('xlsx');
    expect(detectFormat('register.txt', Buffer.from('\uFEFF<?xml version="1.0"?><Книги/>', 'utf8'))).toBe('xml');
    expect(detectFormat('register.xlsx', Buffer.from('  \r\n<Книги><Книга/></Книги>', 'utf8'))).toBe('xml');
    expect(detectFormat('register.dat', await dbfBytes())).toBe('dbf');
  });

  it('falls back to the extension, and to text', () => {
    expect(detectFormat('register.csv', Buffer.from(toCsv(REGISTER), 'utf8'))).toBe('csv');
    expect(detectFormat('register.xlsx', Buffer.from(toCsv(REGISTER), 'utf8'))).toBe('csv'); // a CSV saved under the wrong name
    expect(detectFormat('register', Buffer.from(toCsv(REGISTER), 'utf8'))).toBe('csv');
    expect(detectFormat('register.dbf', Uint8Array.of(0x03, 0, 0, 0, 0))).toBe('dbf');
    expect(detectFormat('register.bin', Uint8Array.of(0x00, 0x01, 0x02, 0x00))).toBeUndefined();
  });

  it('does not take a text line starting with a DBF version byte for a DBF header', () => {
    // 0x03 is a dBase III version byte; text after it cannot make a consistent header
    expect(detectFormat('x.txt', Buffer.from('\u00031987;Абай жолы;1 200,00\n', 'utf8'))).toBe('csv');
  });
});

describe('openTable', () => {
  it('opens an XLSX named .csv as XLSX and says why', async () => {
    const path = dir.write('register.csv', await xlsxBytes());
    const table = await openTable(path);
    expect(table.format).toBe('xlsx');
    expect(table.notes[0]).toMatch(/zip archive/);
    expect((await collect(table.rows)).map((r) => r.cells)).toEqual(REGISTER);
  });

  it('notes when the given format disagrees with the bytes', async () => {
    const path = dir.write('register2.csv', await xlsxBytes());
    const table = await openTable(path, { format: 'csv', encoding: 'utf-8' });
    expect(table.notes[0]).toMatch(/format csv \(given\); the file's bytes look like xlsx/);
  });

  it('explains what to do with an Excel 97-2003 .xls file', async () => {
    const path = dir.write('old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    await expect(openTable(path)).rejects.toMatchObject({ code: 'E_INPUT', message: expect.stringMatching(/\.xls.*save it as \.xlsx/) });
  });

  it('names the file that cannot be opened, and refuses an empty one', async () => {
    await expect(openTable(dir.path('нет-такого.csv'))).rejects.toMatchObject({ code: 'E_INPUT', message: expect.stringContaining('нет-такого.csv') });
    await expect(openTable(dir.write('empty.csv', ''))).rejects.toMatchObject({ code: 'E_INPUT', message: expect.stringContaining('empty') });
  });

  it('refuses invalid options as usage errors', async () => {
    const path = dir.write('ok.csv', toCsv(REGISTER));
    await expect(openTable(path, { delimiter: ';;' })).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(openTable(path, { encoding: 'marc8' })).rejects.toMatchObject({ code: 'E_USAGE' });
    await expect(openTable(path, { sheet: 0 })).rejects.toMatchObject({ code: 'E_USAGE' });
  });

  it('lets the caller stop early (a header search) without reading the rest', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => [String(60000 + i), 'Әуезов М.', 'Абай жолы', '1987', '1 200,00', 'Ф-л №4']);
    for (const [name, bytes] of [['big.csv', Buffer.from(toCsv([...REGISTER, ...lines]), 'utf8')], ['big.xlsx', await xlsxBytes()]] as const) {
      const table = await openTable(dir.write(name, bytes));
      const first: string[][] = [];
      for await (const row of table.rows) {
        first.push(row.cells);
        if (first.length === 3) break;
      }
      expect(first).toEqual(REGISTER.slice(0, 3));
    }
  });
});
