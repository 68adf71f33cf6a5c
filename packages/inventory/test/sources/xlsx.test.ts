import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../src/sources/open-table.js';
import { cellText, formatDecimals, isDateFormat, numberText } from '../../src/sources/xlsx-cell-text.js';
import { collect, tempDir } from './helpers.js';

const dir = tempDir('xlsx');

async function writeWorkbook(name: string, options: { hideFirst?: boolean } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const register = wb.addWorksheet('Инвентарная книга');
  register.mergeCells('A1:F1');
  register.getCell('A1').value = 'Инвентарная книга Ф-л №4';
  register.addRow([]);
  register.getRow(3).values = ['Инв. №', 'Автор', 'Заглавие', 'Дата поступления', 'Цена, тг', 'Сумма'];
  register.mergeCells('D3:D4'); // a header cell spanning two rows
  register.getRow(5).values = ['48213', 'Әуезов М.', 'Абай жолы', new Date(Date.UTC(1987, 9, 12)), 1200.5, { formula: 'E5*2', result: 2401 }];
  register.getRow(6).values = [48214, 'Есенберлин І.', { richText: [{ text: 'Көшпен', font: { bold: true } }, { text: 'ділер' }] }, new Date(Date.UTC(1990, 2, 1)), 850, { formula: 'E6*2', result: 1700 }];
  register.getRow(8).values = [48215, 'Толстой Л.', 'Война и мир', new Date(Date.UTC(2004, 0, 5, 14, 30)), 0.1 + 0.2, null];
  register.getColumn(4).numFmt = 'dd.mm.yyyy';
  for (const row of [5, 6, 8]) {
    register.getCell(`E${row}`).numFmt = '#,##0.00';
    register.getCell(`F${row}`).numFmt = '#,##0.00';
  }
  register.getCell('D8').numFmt = 'dd.mm.yyyy hh:mm';
  if (options.hideFirst === true) register.state = 'hidden';
  const acts = wb.addWorksheet('Акты');
  acts.addRow(['№ акта', 'Дата', 'Причина']);
  acts.addRow([17, '10.10.2023', 'ветхость']);
  const path = dir.path(name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('XLSX', () => {
  it('reads the first sheet as text: numbers without float noise, decimals as formatted, dates, formulas, rich text', async () => {
    const table = await openTable(await writeWorkbook('register.xlsx'));
    expect(table.format).toBe('xlsx');
    const rows = await collect(table.rows);
    expect(rows.map((r) => [r.line, r.cells])).toEqual([
      [1, ['Инвентарная книга Ф-л №4']],
      [3, ['Инв. №', 'Автор', 'Заглавие', 'Дата поступления', 'Цена, тг', 'Сумма']],
      [5, ['48213', 'Әуезов М.', 'Абай жолы', '12.10.1987', '1200.50', '2401.00']],
      [6, ['48214', 'Есенберлин І.', 'Көшпенділер', '01.03.1990', '850.00', '1700.00']],
      [8, ['48215', 'Толстой Л.', 'Война и мир', '05.01.2004 14:30', '0.30']],
    ]);
    expect(rows[2]?.raw).toBe('48213\tӘуезов М.\tАбай жолы\t12.10.1987\t1200.50\t2401.00');
    expect(table.notes.join('\n')).toMatch(/sheet «Инвентарная книга» \(the first sheet, 1 of 2; not read: «Акты»\)/);
  });

  it('reads a sheet chosen by name or by number', async () => {
    const path = await writeWorkbook('two-sheets.xlsx');
    for (const sheet of ['Акты', 'акты ', 2] as const) {
      const rows = await collect((await openTable(path, { sheet })).rows);
      expect(rows.map((r) => r.cells)).toEqual([['№ акта', 'Дата', 'Причина'], ['17', '10.10.2023', 'ветхость']]);
    }
  });

  it('skips a hidden first sheet by default', async () => {
    const table = await openTable(await writeWorkbook('hidden.xlsx', { hideFirst: true }));
    const rows = await collect(table.rows);
    expect(rows[0]?.cells[0]).toBe('№ акта');
    expect(table.notes.join('\n')).toMatch(/sheet «Акты» \(the first visible sheet, 2 of 2/);
  });

  it('names the sheets it has when the one asked for is missing', async () => {
    const table = await openTable(await writeWorkbook('missing.xlsx'), { sheet: 'Списание' });
    await expect(collect(table.rows)).rejects.toMatchObject({ code: 'E_INPUT', message: expect.stringMatching(/no sheet «Списание».*«Инвентарная книга», «Акты»/) });
  });

  it('reports a damaged workbook as an input error', async () => {
    const path = dir.write('damaged.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
    const table = await openTable(path);
    await expect(collect(table.rows)).rejects.toMatchObject({ code: 'E_INPUT', message: expect.stringContaining('damaged.xlsx') });
  });
});

describe('XLSX cell text', () => {
  it('writes numbers in shortest form, padded but never rounded to the format', () => {
    expect(numberText(1200.4999999999998)).toBe('1200.5');
    expect(numberText(1200)).toBe('1200');
    expect(numberText(1200.5, '#,##0.00')).toBe('1200.50');
    // Three decimals would read as a thousands group («16.055» = 16 055): a fourth digit keeps the number unambiguous.
    expect(numberText(1200.125, '#,##0.00')).toBe('1200.1250');
    expect(numberText(16.055, '0.00')).toBe('16.0550');
    expect(numberText(250.25, '0.000')).toBe('250.2500');
    expect(numberText(1.5, '0.000')).toBe('1.5000');
    expect(numberText(1200.5, '0')).toBe('1200.5');
    expect(numberText(3, '0.00" тг"')).toBe('3.00');
  });

  it('tells date formats from number formats', () => {
    expect(isDateFormat('dd.mm.yyyy')).toBe(true);
    expect(isDateFormat('[$-419]d mmmm yyyy')).toBe(true);
    expect(isDateFormat('#,##0.00" тг"')).toBe(false);
    expect(isDateFormat('0.00E+00')).toBe(false);
    expect(formatDecimals('#,##0.000;[Red]-#,##0.000')).toBe(3);
    expect(formatDecimals('General')).toBeUndefined();
  });

  it('gives formula results, errors and hyperlinks as text', () => {
    expect(cellText({ formula: 'A1', result: 32790 }, 'dd.mm.yyyy')).toBe('09.10.1989');
    expect(cellText({ formula: 'A1', result: Number.NaN }, undefined)).toBe('#ERROR');
    expect(cellText({ error: '#N/A' }, undefined)).toBe('#N/A');
    expect(cellText({ text: 'Абай жолы', hyperlink: 'https://example.kz' }, undefined)).toBe('Абай жолы');
    expect(cellText(true, undefined)).toBe('TRUE');
  });
});
