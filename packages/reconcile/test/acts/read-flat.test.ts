import { describe, expect, it } from 'vitest';
import { readActs } from '../../src/acts/read-acts.js';
import { BRANCHES, FLAT_HEADER, tempDir, toCsv, writeFlatXlsx } from './act-fixtures.js';

const dir = tempDir('flat');

/** Lines of the customer's flat export (act_number … stated_sum). */
const ROWS: string[][] = [
  FLAT_HEADER,
  ['17', '10.10.2023', 'write-off', 'ветхость', '№15 д.', '', '48213', 'Мұқанов С.', 'Ботакөз', '1987', '1 200,00', '3', '4 150,00'],
  ['17', '10.10.2023', 'write-off', 'ветхость', '№15 д.', '', '48214', 'Мұқанов С.', 'Ботакөз', '1987', '1 200,00', '3', '4 150,00'],
  ['17', '10.10.2023', 'write-off', 'ветхость', '№15 д.', '', '51890', 'Волков А.', 'Волшебник Изумрудного города', '2004', '1 750,00', '3', '4 150,00'],
  // Same number and date in another library: another act.
  ['17', '10.10.2023', 'write-off', 'устарелость', 'Ф-л №4', '', 'Инв. № 0052117', 'Әуезов М.', 'Абай жолы', '1977', '850,50', '1', '850,50'],
  ['18', '2023-10-12', 'списание', 'утеряно читателями', 'Ф-л №4', '', '52118', 'Есенберлин І.', 'Көшпенділер', '1990', '2 300,00', '', ''],
  ['19', '15.11.2023', 'transfer', '', 'Ф-л №4', 'ООИФ ЦГБ', 'Ф4/60001', 'Толстой Л.', 'Война и мир', '2004', '3 100,00', '1', '3 100,00'],
  ['23', '20.12.2023', 'передача', 'передача дублетов', 'ЦГБ', 'РГУ Учреждение ЕЦ-166/17', '70001', 'Жансүгіров І.', 'Құлагер', '1985', '500,00', '2', '1 000,00'],
  ['23', '20.12.2023', 'передача', 'передача дублетов', 'ЦГБ', 'РГУ Учреждение ЕЦ-166/17', '70002', 'Жансүгіров І.', 'Құлагер', '1985', '500,00', '2', '1 000,00'],
];

describe('flat act tables', () => {
  it('groups the rows into acts by number, date, type and library, and reads every field', async () => {
    const file = dir.write('acts-2023.csv', toCsv(ROWS));
    const { acts, problems } = await readActs([file], { branches: BRANCHES });
    expect(problems).toEqual([]);
    expect(acts.map((a) => [a.number, a.date, a.type, a.branch, a.reason, a.lines.length, a.statedCopies, a.statedSum])).toEqual([
      ['17', '2023-10-10', 'write-off', 'D15', 'worn', 3, 3, 415_000],
      ['17', '2023-10-10', 'write-off', 'F04', 'outdated', 1, 1, 85_050],
      ['18', '2023-10-12', 'write-off', 'F04', 'lost', 1, undefined, undefined],
      ['19', '2023-11-15', 'transfer', 'F04', undefined, 1, 1, 310_000],
      ['23', '2023-12-20', 'transfer', 'CGB', 'transferred', 2, 2, 100_000],
    ]);
    expect(acts[0]).toEqual({
      file,
      source: 'flat',
      number: '17',
      date: '2023-10-10',
      type: 'write-off',
      reason: 'worn',
      branch: 'D15',
      statedCopies: 3,
      statedSum: 415_000,
      lines: [
        { file, line: 2, actNumber: '17', actDate: '2023-10-10', actType: 'write-off', reason: 'worn', fromBranch: 'D15', fromBranchText: '№15 д.', inventoryNumber: '48213', inventoryKey: '48213', author: 'Мұқанов С.', title: 'Ботакөз', year: 1987, price: 120_000 },
        { file, line: 3, actNumber: '17', actDate: '2023-10-10', actType: 'write-off', reason: 'worn', fromBranch: 'D15', fromBranchText: '№15 д.', inventoryNumber: '48214', inventoryKey: '48214', author: 'Мұқанов С.', title: 'Ботакөз', year: 1987, price: 120_000 },
        { file, line: 4, actNumber: '17', actDate: '2023-10-10', actType: 'write-off', reason: 'worn', fromBranch: 'D15', fromBranchText: '№15 д.', inventoryNumber: '51890', inventoryKey: '51890', author: 'Волков А.', title: 'Волшебник Изумрудного города', year: 2004, price: 175_000 },
      ],
    });
    // Inventory numbers keep their spelling and get the system-wide key.
    expect(acts[1]?.lines[0]).toMatchObject({ inventoryNumber: 'Инв. № 0052117', inventoryKey: '52117', price: 85_050 });
    expect(acts[3]?.lines[0]).toMatchObject({ inventoryNumber: 'Ф4/60001', inventoryKey: '60001' });
  });

  it('tells a transfer inside the system (to ООИФ ЦГБ) from one to an outside institution', async () => {
    const file = dir.write('transfers.csv', toCsv(ROWS));
    const { acts } = await readActs([file], { branches: BRANCHES });
    const inside = acts.find((a) => a.number === '19')!;
    const outside = acts.find((a) => a.number === '23')!;
    expect(inside).toMatchObject({ type: 'transfer', branch: 'F04', toBranch: 'CGB' });
    expect(inside.reason).toBeUndefined();
    expect(inside.toInstitution).toBeUndefined();
    expect(inside.lines[0]).toMatchObject({ toBranch: 'CGB', fromBranch: 'F04' });
    expect(inside.lines[0]?.reason).toBeUndefined();
    expect(outside).toMatchObject({ type: 'transfer', branch: 'CGB', toInstitution: 'РГУ Учреждение ЕЦ-166/17', reason: 'transferred' });
    expect(outside.toBranch).toBeUndefined();
    expect(outside.lines.map((l) => [l.reason, l.toInstitution])).toEqual([
      ['transferred', 'РГУ Учреждение ЕЦ-166/17'],
      ['transferred', 'РГУ Учреждение ЕЦ-166/17'],
    ]);
  });

  it('reads an XLSX table with the Russian headings, a title row above them and typed cells', async () => {
    const file = dir.path('Акты списания 2023.xlsx');
    await writeFlatXlsx(file, [
      ['Акты списания ЦБС г. Караганды за 2023 год'],
      ['№ акта', 'Дата акта', 'Вид акта', 'Причина', 'Откуда', 'Куда', 'Инв. №', 'Автор', 'Заглавие', 'Год', 'Цена', 'Кол-во по акту', 'Сумма по акту'],
      [41, new Date(Date.UTC(2023, 5, 5)), 'Списание', 'недостача', 'Ф-л №11', '', 31007, 'Толстой Л.', 'Война и мир', 1983, 1250.4, 2, 2500.8],
      [41, new Date(Date.UTC(2023, 5, 5)), 'Списание', 'недостача', 'Ф-л №11', '', '031008а', 'Толстой Л.', 'Война и мир', 1983, 1250.4, 2, 2500.8],
      ['Итого', '', '', '', '', '', '', '', '', '', '', 2, 2500.8],
    ]);
    const { acts, problems } = await readActs([file], { branches: BRANCHES });
    expect(problems).toEqual([]);
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ number: '41', date: '2023-06-05', type: 'write-off', reason: 'shortage', branch: 'F11', statedCopies: 2, statedSum: 250_080 });
    expect(acts[0]?.lines.map((l) => [l.line, l.inventoryNumber, l.inventoryKey, l.price])).toEqual([
      [3, '31007', '31007', 125_040],
      [4, '031008а', '31008а', 125_040],
    ]);
  });

  it('keeps «№ 11» and «№ 11 д.» apart: two libraries, two acts', async () => {
    const file = dir.write('eleven.csv', toCsv([
      FLAT_HEADER,
      ['5', '01.03.2023', 'write-off', 'ветхость', 'Ф-л №11', '', '11001', '', 'Абай жолы', '1980', '700,00', '', ''],
      ['5', '01.03.2023', 'write-off', 'ветхость', '№11 д.', '', '11002', '', 'Көшпенділер', '1981', '700,00', '', ''],
    ]));
    const { acts } = await readActs([file], { branches: BRANCHES });
    expect(acts.map((a) => [a.number, a.branch, a.lines.map((l) => l.inventoryNumber)])).toEqual([
      ['5', 'F11', ['11001']],
      ['5', 'D11', ['11002']],
    ]);
  });

  it('reports rows it cannot read, with the file and line, and keeps what it can', async () => {
    const file = dir.write('bad-rows.csv', toCsv([
      FLAT_HEADER,
      ['', '10.10.2023', 'write-off', 'ветхость', '№15 д.', '', '48290', 'Абай', 'Абай жолы', '1987', '1 200,00', '', ''],
      ['25', '10.10.2023', 'продажа', 'ветхость', '№15 д.', '', '48291', '', 'Абай жолы', '1987', '1 200,00', '', ''],
      ['26', '11.10.2023', 'write-off', 'по приказу директора', 'Ф-л №99', '', '48292', '', 'Абай жолы', '198?', '1 2OO,00', '2', ''],
      ['26', '11.10.2023', 'write-off', '', 'Ф-л №99', '', '48293', '', 'Абай жолы', '1987', '1 200,00', '3', ''],
      ['27', '12.10.2023', 'transfer', '', 'Ф-л №4', '', '48294', '', 'Абай жолы', '1987', '1 200,00', '', ''],
      ['27', '12.10.2023', 'write-off', 'ветхость', 'Ф-л №4', '', '', '', 'Всего 100 вопросов', '1987', '1 200,00', '', ''],
      ['Итого', '', '', '', '', '', '', '', '', '', '', '', ''],
    ]));
    const { acts, problems } = await readActs([file], { branches: BRANCHES });
    expect(problems.map((p) => [p.ruleId, p.severity, p.place.line, p.actual])).toEqual([
      ['ACT_LINE_INVALID', 'error', 2, undefined],
      ['ACT_LINE_INVALID', 'error', 3, 'продажа'],
      ['ACT_LINE_INVALID', 'error', 4, 'Ф-л №99'],
      ['ACT_LINE_INVALID', 'error', 4, 'по приказу директора'],
      ['ACT_LINE_INVALID', 'warning', 4, '198?'],
      ['ACT_LINE_INVALID', 'error', 4, '1 2OO,00'],
      ['ACT_LINE_INVALID', 'error', 5, 'Ф-л №99'],
      ['ACT_LINE_INVALID', 'error', 5, undefined],
      ['ACT_LINE_INVALID', 'error', 5, '3'],
      ['ACT_LINE_INVALID', 'error', 6, undefined],
    ]);
    expect(problems.every((p) => p.place.file === file)).toBe(true);
    expect(problems[0]?.message).toBe('the row has no act number; it is not read (inventory number «48290»)');
    expect(problems[1]?.message).toBe('act № 25 of 10.10.2023: the act type «продажа» is neither a write-off nor a transfer; the row is not read');
    expect(problems[2]?.message).toBe('act № 26 of 11.10.2023: «Ф-л №99» is not a library of the branch directory');
    expect(problems[7]?.message).toBe('act № 26 of 11.10.2023: a write-off line needs a reason');
    expect(problems[8]).toMatchObject({ expected: '2', related: { file, line: 4 } });
    expect(problems[9]?.message).toBe('act № 27 of 12.10.2023: a transfer line needs the receiving library or institution (to_branch)');
    // The rows with an act number and a type are kept, with what could be read.
    expect(acts.map((a) => [a.number, a.lines.map((l) => l.inventoryNumber)])).toEqual([
      ['26', ['48292', '48293']],
      ['27', ['48294']],
      // A book titled «Всего 100 вопросов» without its inventory number is a line (INVENTORY_NUMBER_INVALID in the check), not a total.
      ['27', ['']],
    ]);
    expect(acts[0]?.statedCopies).toBe(2);
    expect(acts[0]?.lines[0]?.price).toBeUndefined();
    expect(acts[0]?.lines[0]?.year).toBeUndefined();
    expect(acts[0]?.branch).toBeUndefined();
    expect(acts[0]?.lines[0]?.fromBranchText).toBe('Ф-л №99');
  });

  it('keeps an unreadable or missing date as written, for the checks to report', async () => {
    const file = dir.write('dates.csv', toCsv([
      FLAT_HEADER,
      ['34', '31.04.2023', 'write-off', 'ветхость', 'Ф-л №4', '', '48301', '', 'Абай жолы', '1987', '1 200,00', '', ''],
      ['35', '', 'write-off', 'ветхость', 'Ф-л №4', '', '48302', '', 'Абай жолы', '1987', '1 200,00', '', ''],
    ]));
    const { acts, problems } = await readActs([file], { branches: BRANCHES });
    expect(problems).toEqual([]);
    expect(acts.map((a) => [a.number, a.date, a.lines[0]?.actDate])).toEqual([
      ['34', '31.04.2023', '31.04.2023'],
      ['35', '', ''],
    ]);
  });
});
