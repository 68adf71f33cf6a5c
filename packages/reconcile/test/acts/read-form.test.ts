import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkActs } from '../../src/acts/check-acts.js';
import { readActs } from '../../src/acts/read-acts.js';
import { BRANCHES, tempDir, writeFormAct, type FormLine } from './act-fixtures.js';

const dir = tempDir('form');

/** The three lines of the example act of accounting.md. */
const AKT_17_LINES: FormLine[] = [
  { inv: 48213, authorTitle: 'Мұқанов С. Ботакөз', year: 1987, price: 1200 },
  { inv: 48214, authorTitle: 'Мұқанов С. Ботакөз', year: 1987, price: 1200 },
  { inv: 51890, authorTitle: 'Волков А. Волшебник Изумрудного города', year: 2004, price: 1750 },
];

describe('paper-form acts', () => {
  it('reads the write-off act of the example: merged header cells, the table and the «Итого» row', async () => {
    const file = dir.path('akt-17.xlsx');
    const { lineRows, titleRow } = await writeFormAct(file, {
      library: 'Библиотека-филиал № 15 д.',
      totals: 'Всего исключено 3 экз. на сумму 4 150,00 тенге.',
      lines: AKT_17_LINES,
    });
    const { acts, problems } = await readActs([file], { branches: BRANCHES });
    expect(problems).toEqual([]);
    expect(titleRow).toBe(5);
    const line = { file, actNumber: '17', actDate: '2023-10-10', actType: 'write-off', reason: 'worn', fromBranch: 'D15', fromBranchText: 'Библиотека-филиал № 15 д.' };
    expect(acts).toEqual([
      {
        file,
        source: 'form',
        number: '17',
        date: '2023-10-10',
        type: 'write-off',
        reason: 'worn',
        branch: 'D15',
        statedCopies: 3,
        statedSum: 415_000,
        lines: [
          { ...line, line: lineRows[0], inventoryNumber: '48213', inventoryKey: '48213', author: 'Мұқанов С.', title: 'Ботакөз', year: 1987, price: 120_000 },
          { ...line, line: lineRows[1], inventoryNumber: '48214', inventoryKey: '48214', author: 'Мұқанов С.', title: 'Ботакөз', year: 1987, price: 120_000 },
          { ...line, line: lineRows[2], inventoryNumber: '51890', inventoryKey: '51890', author: 'Волков А.', title: 'Волшебник Изумрудного города', year: 2004, price: 175_000 },
        ],
      },
    ]);
    expect(checkActs(acts, { asOf: '2023-12-31' })).toEqual([]);
  });

  it('reads a transfer to an outside institution, with the date in words and the parties labelled', async () => {
    const file = dir.path('akt-5-peredacha.xlsx');
    await writeFormAct(file, {
      title: 'АКТ № 5 от «20» декабря 2023 г.',
      kind: 'приема-передачи документов',
      body: ['Передающая сторона: Центральная городская библиотека', 'Принимающая сторона: РГУ «Учреждение ЕЦ-166/17».', 'Основание: распоряжение акимата области'],
      totals: 'Всего передано 2 экз. на сумму 3 500,00 тенге.',
      lines: [
        { inv: 'ЦГБ-70001', authorTitle: 'Есенберлин І. Көшпенділер', year: 1990, price: 1750 },
        { inv: 'ЦГБ-70002', authorTitle: 'Есенберлин І. Көшпенділер', year: 1990, price: 1750 },
      ],
    });
    const { acts, problems } = await readActs([file], { branches: BRANCHES });
    expect(problems).toEqual([]);
    expect(acts).toHaveLength(1);
    const act = acts[0]!;
    expect(act).toMatchObject({ number: '5', date: '2023-12-20', type: 'transfer', reason: 'transferred', branch: 'CGB', toInstitution: 'РГУ «Учреждение ЕЦ-166/17»', statedCopies: 2, statedSum: 350_000 });
    expect(act.toBranch).toBeUndefined();
    expect(act.lines.map((l) => [l.inventoryNumber, l.inventoryKey, l.reason, l.fromBranch, l.fromBranchText, l.toInstitution])).toEqual([
      ['ЦГБ-70001', '70001', 'transferred', 'CGB', 'Центральная городская библиотека', 'РГУ «Учреждение ЕЦ-166/17»'],
      ['ЦГБ-70002', '70002', 'transferred', 'CGB', 'Центральная городская библиотека', 'РГУ «Учреждение ЕЦ-166/17»'],
    ]);
  });

  it('reads a transfer inside the system to «ООИФ ЦГБ»: no reason, the receiving branch', async () => {
    const file = dir.path('akt-8-ooif.xlsx');
    await writeFormAct(file, {
      title: 'АКТ № 8 от 02.11.2023',
      kind: 'приема-передачи документов',
      body: ['Откуда: Ф-л №4', 'Куда: ООИФ ЦГБ'],
      lines: [{ inv: '60001', authorTitle: 'Толстой Л. Н. Война и мир', year: 2004, price: 3100 }],
    });
    const { acts, problems } = await readActs([file], { branches: BRANCHES });
    expect(problems).toEqual([]);
    expect(acts[0]).toMatchObject({ number: '8', date: '2023-11-02', type: 'transfer', branch: 'F04', toBranch: 'CGB', statedCopies: 1, statedSum: 310_000 });
    expect(acts[0]?.reason).toBeUndefined();
    expect(acts[0]?.toInstitution).toBeUndefined();
    expect(acts[0]?.lines[0]).toMatchObject({ toBranch: 'CGB', fromBranch: 'F04', author: 'Толстой Л. Н.', title: 'Война и мир' });
  });

  it('takes the stated totals from the «Итого» row when the header has none, skipping a row of column numbers', async () => {
    const file = dir.path('akt-22.xlsx');
    const { lineRows } = await writeFormAct(file, {
      title: 'АКТ № 22 от 14.12.2023',
      library: 'Ф-л №4',
      body: ['подлежат исключению по причине: утеряно читателями'],
      columnNumbers: true,
      lines: [
        { inv: '52117', authorTitle: 'Әуезов М. Абай жолы', year: 1977, price: 850.5 },
        { inv: '52118', authorTitle: 'Есенберлин І. Көшпенділер', year: 1990, price: 2300 },
      ],
    });
    const { acts, problems } = await readActs([file], { branches: BRANCHES });
    expect(problems).toEqual([]);
    expect(acts[0]).toMatchObject({ number: '22', reason: 'lost', branch: 'F04', statedCopies: 2, statedSum: 315_050 });
    expect(acts[0]?.lines.map((l) => l.line)).toEqual(lineRows);
  });

  it('reports an «Итого» row that disagrees with the lines, and leaves the header\'s totals to checkActs', async () => {
    const file = dir.path('akt-30.xlsx');
    const { closingRow, totalsRow } = await writeFormAct(file, {
      title: 'АКТ № 30 от 10.10.2023',
      library: 'Библиотека-филиал № 15 д.',
      totals: 'Всего исключено 4 экз. на сумму 4 150,00 тенге.',
      lines: AKT_17_LINES,
      closing: { copies: 3, sum: 4150.01 },
    });
    const { acts, problems } = await readActs([file], { branches: BRANCHES });
    expect(problems.map((p) => [p.ruleId, p.place.line, p.actual, p.expected])).toEqual([['ACT_TOTAL_MISMATCH', closingRow, '4 150,00', '4 150,01']]);
    expect(problems[0]?.message).toBe('act № 30 of 10.10.2023: the «Итого» row sums to 4 150,01, the act\'s lines to 4 150,00');
    expect(acts[0]).toMatchObject({ statedCopies: 4, statedSum: 415_000 });
    expect(checkActs(acts, { asOf: '2023-12-31' }).map((f) => [f.ruleId, f.place.line, f.actual, f.expected])).toEqual([['ACT_TOTAL_MISMATCH', totalsRow, '3', '4']]);
    expect(totalsRow).toBe(10);
  });

  it('points findings about the header at the rows that state them: the title, and the «Итого» row standing for the totals', async () => {
    const file = dir.path('akt-46.xlsx');
    const { titleRow, closingRow } = await writeFormAct(file, {
      title: 'АКТ № 46 от 31.09.2023',
      library: 'Библиотека-филиал № 15 д.',
      lines: AKT_17_LINES,
      closing: { copies: 2, sum: 2400 },
    });
    const { acts, problems } = await readActs([file], { branches: BRANCHES });
    expect(problems).toEqual([]);
    expect(acts[0]).toMatchObject({ date: '31.09.2023', statedCopies: 2, statedSum: 240_000 });
    expect(checkActs(acts, { asOf: '2023-12-31' }).map((f) => [f.ruleId, f.place.line, f.actual, f.expected])).toEqual([
      ['ACT_DATE_INVALID', titleRow, '31.09.2023', 'a date such as 10.10.2023'],
      ['ACT_TOTAL_MISMATCH', closingRow, '3', '2'],
      ['ACT_TOTAL_MISMATCH', closingRow, '4 150,00', '2 400,00'],
    ]);
  });

  it('reports a line counting several copies, a line sum that is not its price, and a header it cannot read', async () => {
    const file = dir.path('akt-31.xlsx');
    const { lineRows, titleRow } = await writeFormAct(file, {
      title: 'АКТ № 31 от 10.10.2023',
      kind: 'о книгах',
      library: 'Ф-л №4',
      body: ['по причине: по приказу директора'],
      lines: [
        { inv: '48213', authorTitle: 'Мұқанов С. Ботакөз', year: 1987, price: 1200, quantity: 2 },
        { inv: '48214', authorTitle: 'Мұқанов С. Ботакөз', year: 1987, price: 1200, sum: 1100 },
      ],
      closing: null,
    });
    const { acts, problems } = await readActs([file], { branches: BRANCHES });
    expect(problems.map((p) => [p.ruleId, p.severity, p.place.line, p.actual, p.expected])).toEqual([
      ['ACT_HEADER_INVALID', 'error', titleRow, undefined, 'об исключении документов из библиотечного фонда, or приема-передачи'],
      ['ACT_HEADER_INVALID', 'error', titleRow + 3, 'по приказу директора', expect.any(String)],
      ['ACT_LINE_INVALID', 'error', lineRows[0], '2', '1'],
      ['ACT_LINE_INVALID', 'warning', lineRows[1], '1 100,00', '1 200,00'],
    ]);
    expect(acts[0]).toMatchObject({ number: '31', type: 'write-off', branch: 'F04' });
    expect(acts[0]?.reason).toBeUndefined();
    expect(acts[0]?.lines.map((l) => l.price)).toEqual([120_000, 120_000]);
  });
});

describe('paper-form variants', () => {
  it('reads «АКТ СПИСАНИЯ № 44» with the date in words on the next row', async () => {
    const file = dir.path('akt-44.xlsx');
    await writeFormAct(file, {
      title: 'АКТ СПИСАНИЯ № 44',
      kind: 'от «3» мая 2024 г.',
      library: '№1 юн.',
      body: ['Причина списания: недостача'],
      lines: [{ inv: '91001', authorTitle: 'Толстой Л. Н. Анна Каренина', year: 2015, price: 2750 }],
    });
    const { acts, problems } = await readActs([file], { branches: BRANCHES });
    expect(problems).toEqual([]);
    expect(acts[0]).toMatchObject({ number: '44', date: '2024-05-03', type: 'write-off', reason: 'shortage', branch: 'Y01', statedCopies: 1, statedSum: 275_000 });
  });

  it('reads a form without «Кол-во» and «Сумма» columns, its «Итого» label in the first column', async () => {
    const file = dir.path('akt-45.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Лист1');
    ws.addRow(['АКТ № 45 от 11.09.2023']);
    ws.addRow(['об исключении документов из библиотечного фонда']);
    ws.addRow(['Библиотека-филиал №27']);
    ws.addRow(['по причине: морально устаревшая']);
    ws.addRow(['№ п/п', 'Инв. №', 'Автор, заглавие', 'Год', 'Цена']);
    ws.addRow([1, '27001', 'Есенберлин І. Көшпенділер', 1990, '1 750,00']);
    ws.addRow([2, '27002', 'Всего понемногу', 1996, '1 750,00']);
    ws.addRow(['Итого:', '2', '3 500,00']);
    ws.addRow(['Председатель комиссии: ____________']);
    await wb.xlsx.writeFile(file);
    const { acts, problems } = await readActs([file], { branches: BRANCHES });
    expect(problems).toEqual([]);
    expect(acts[0]).toMatchObject({ number: '45', date: '2023-09-11', reason: 'outdated', branch: 'F27', statedCopies: 2, statedSum: 350_000 });
    expect(acts[0]?.lines.map((l) => [l.line, l.inventoryKey, l.author, l.title])).toEqual([
      [6, '27001', 'Есенберлин І.', 'Көшпенділер'],
      [7, '27002', undefined, 'Всего понемногу'],
    ]);
  });
});

describe('titles that begin like a closing row', () => {
  it('reads «Итоговая аттестация» in the title column before the inventory number as a line, not the «Итого» that ends the table', async () => {
    const file = dir.path('akt-itogovaya.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Акт');
    ws.addRow(['АКТ № 46 от 12.09.2023']);
    ws.addRow(['об исключении документов из библиотечного фонда']);
    ws.addRow(['Библиотека-филиал №27']);
    ws.addRow(['по причине: морально устаревшая']);
    ws.addRow(['№ п/п', 'Автор, заглавие', 'Инв. №', 'Год', 'Цена']);
    ws.addRow([1, 'Есенберлин І. Көшпенділер', '27011', 1990, '1 500,50']);
    ws.addRow([2, 'Итоговая аттестация. 9 класс', '27012', 2015, '700,40']);
    ws.addRow([3, 'Всего 100 вопросов', '27013', 2016, '800,40']);
    ws.addRow(['Итого:', '', '', '3', '3 001,30']);
    await wb.xlsx.writeFile(file);
    const { acts, problems } = await readActs([file], { branches: BRANCHES });
    expect(problems).toEqual([]);
    expect(acts[0]?.lines.map((l) => [l.line, l.inventoryKey, l.title])).toEqual([
      [6, '27011', 'Көшпенділер'],
      [7, '27012', 'Итоговая аттестация. 9 класс'],
      [8, '27013', 'Всего 100 вопросов'],
    ]);
  });
});

describe('files that are not acts', () => {
  it('says so for a holdings list without an act title, a table of something else, a broken file and a missing path', async () => {
    const register = dir.path('inventory-book.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Книга');
    ws.addRow(['Инвентарная книга Ф-л №4']);
    ws.addRow(['Инв. №', 'Автор', 'Заглавие', 'Цена']);
    ws.addRow([48213, 'Әуезов М.', 'Абай жолы', 1200]);
    await wb.xlsx.writeFile(register);
    const other = dir.write('readers.csv', 'Фамилия;Имя;Телефон\r\nАхметова;Гульнара;87001234567\r\n');
    const broken = dir.path('broken.xlsx');
    writeFileSync(broken, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(200, 7)]));
    const missing = dir.path('no-such-act.csv');
    const { acts, problems } = await readActs([register, other, broken, missing], { branches: BRANCHES });
    expect(acts).toEqual([]);
    expect(problems.map((p) => [p.ruleId, p.place.file])).toEqual([
      ['ACT_FILE_UNREADABLE', missing],
      ['ACT_SHAPE_UNKNOWN', register],
      ['ACT_SHAPE_UNKNOWN', other],
      ['ACT_FILE_UNREADABLE', broken],
    ]);
    expect(problems[1]?.message).toBe('line 2 heads a table of inventory numbers, but there is no act_number column and no «АКТ № … от …» title above it');
  });

  it('reports an empty file', async () => {
    const empty = dir.path('empty.csv');
    writeFileSync(empty, '');
    const { problems } = await readActs([empty], { branches: BRANCHES });
    expect(problems.map((p) => p.ruleId)).toEqual(['ACT_FILE_UNREADABLE']);
    expect(problems[0]?.message).toMatch(/empty/);
  });
});
