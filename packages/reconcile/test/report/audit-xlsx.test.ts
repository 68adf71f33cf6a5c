import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKitapError } from '@kitap/core';
import { BranchDirectory, KARAGANDA_CBS, WRITE_OFF_REASONS } from '@kitap/holdings';
import Excel from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.js';
import { writeAuditXlsx } from '../../src/report/audit-xlsx.js';
import { sheetText } from '../../src/report/sheet-text.js';
import { SUBJECT_GROUPS } from '../../src/statistics/subject-group.js';
import { DEFAULT_SUBJECT_RULES } from '../../src/statistics/subject-rules.js';
import type { WithdrawalRow } from '../../src/statistics/withdrawal-table.js';
import { readZipEntry } from './read-zip-entry.js';
import { FINDINGS, META, auditResult } from './report-fixture.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kitap-audit-xlsx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function written(name: string, options: Parameters<typeof auditResult>[0] = {}, meta = META): Promise<{ book: Excel.Workbook; path: string }> {
  const path = join(dir, name);
  await writeAuditXlsx(auditResult(options), path, meta);
  const book = new Excel.Workbook();
  await book.xlsx.readFile(path);
  return { book, path };
}

function sheet(book: Excel.Workbook, name: string): Excel.Worksheet {
  const s = book.getWorksheet(name);
  if (!s) throw new Error(`no sheet «${name}» in ${book.worksheets.map((w) => w.name).join(', ')}`);
  return s;
}

/** The row whose first cell is `label`. */
function rowLabelled(s: Excel.Worksheet, label: string, column = 1): Excel.Row {
  for (let r = 1; r <= s.rowCount; r++) if (s.getRow(r).getCell(column).value === label) return s.getRow(r);
  throw new Error(`no row «${label}» on ${s.name}`);
}

function texts(row: Excel.Row, from: number, to: number): unknown[] {
  const out: unknown[] = [];
  for (let c = from; c <= to; c++) out.push(row.getCell(c).value);
  return out;
}

/** The values of a row of the annual report's layout: copies, tenge, copies by group. */
function reportValues(row: WithdrawalRow | WithdrawalRow['kazakh']): unknown[] {
  return [row.copies, row.sum / 100, ...SUBJECT_GROUPS.map((g) => row.byGroup[g].copies)];
}

describe('writeAuditXlsx', () => {
  it('writes the sheets in order with Russian names, «Баланс» only with a balance', async () => {
    const { book } = await written('with-balance.xlsx', { balance: true });
    expect(book.worksheets.map((s) => s.name)).toEqual(['Сводка', 'Замечания', 'Выбытие', 'По филиалам', 'Акты', 'Баланс']);
    const { book: plain } = await written('without-balance.xlsx');
    expect(plain.worksheets.map((s) => s.name)).toEqual(['Сводка', 'Замечания', 'Выбытие', 'По филиалам', 'Акты']);
  });

  it('lists one finding a row under Russian headings, with frozen headings and filters', async () => {
    const { book } = await written('findings.xlsx');
    const s = sheet(book, 'Замечания');
    expect(texts(s.getRow(1), 1, 12)).toEqual(['Код', 'Проверка', 'Важность', 'Акт', 'Дата акта', 'Файл', 'Строка', 'Инв. №', 'Экземпляр', 'Фактически', 'Ожидалось', 'Описание']);
    expect(s.actualRowCount).toBe(1 + FINDINGS.length);
    expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(s.autoFilter).toBe('A1:L1');

    const transfer = rowLabelled(s, 'TRANSFERRED_OUT_STILL_ACTIVE');
    expect(texts(transfer, 2, 4)).toEqual(['Передан в другую организацию, но числится в фонде', 'ошибка', 'ПП-7']);
    expect(transfer.getCell(5).value).toEqual(new Date('2023-10-11T00:00:00Z'));
    expect(transfer.getCell(5).numFmt).toBe('dd.mm.yyyy');
    expect(transfer.getCell(7).value).toBe(7);
    expect(transfer.getCell(9).value).toBe('23776, Центральная городская библиотека, запись 000701317, в фонде');

    // The total mismatch names no act; the sheet finds act № 21 by the line it points at.
    const total = rowLabelled(s, 'ACT_TOTAL_MISMATCH');
    expect(total.getCell(4).value).toBe('21');
    expect(texts(total, 10, 11)).toEqual(['5 074,00', '5 000,00']);
    expect(rowLabelled(s, 'PRICE_MISMATCH').getCell(3).value).toBe('предупреждение');
  });

  it('writes cells that start with =, +, - or @ as text, never as formulas', async () => {
    const { book, path } = await written('hostile.xlsx');
    const row = rowLabelled(sheet(book, 'Замечания'), 'ACT_LINE_UNMATCHED');
    const cells = [row.getCell(8), row.getCell(10), row.getCell(11), row.getCell(12)];
    // The description is the Russian wording, which quotes the inventory number «=1+1».
    expect(cells.map((c) => c.value)).toEqual(['=1+1', '+77012345678', '-15', 'В фонде нет экземпляра с инв. № «=1+1».']);
    for (const c of cells) {
      expect(c.type).toBe(Excel.ValueType.String);
      expect(c.formula).toBeUndefined();
    }
    // And in the file itself: string cells, no formula element anywhere.
    const zip = await readFile(path);
    const xml = readZipEntry(zip, 'xl/worksheets/sheet2.xml');
    expect(xml).toBeDefined();
    expect(xml).not.toMatch(/<f[ >]/);
    // H5 is a shared string (t="s") whose text is «=1+1».
    const shared = [...(readZipEntry(zip, 'xl/sharedStrings.xml') ?? '').matchAll(/<si><t[^>]*>([^<]*)<\/t><\/si>/g)].map((m) => m[1]);
    const h = xml!.match(/<c r="H5"[^>]*t="s"[^>]*><v>(\d+)<\/v><\/c>/);
    expect(h).not.toBeNull();
    expect(shared[Number(h![1])]).toBe('=1+1');
    expect(xml).not.toMatch(/t="str"/);
    for (let i = 1; i <= 6; i++) expect(readZipEntry(zip, `xl/worksheets/sheet${i}.xml`) ?? '').not.toMatch(/<f[ >]/);
  });

  it('keeps a control character of a broken export from breaking the file', async () => {
    const { book } = await written('control.xlsx');
    const row = rowLabelled(sheet(book, 'Замечания'), 'HOLDINGS_COPY_INVALID');
    // No wording fits this finding: its English message follows the Russian name, in brackets.
    expect(row.getCell(12).value).toBe('Экземпляр в фонде не читается. (a copy of record 000701999 has a price «12\uFFFD45» that is not money)');
    expect(row.getCell(9).value).toBe('запись 000701999');
  });

  it('lays out the withdrawal table like the annual report, totals equal to the table', async () => {
    const result = auditResult();
    const { book } = await written('withdrawals.xlsx');
    const s = sheet(book, 'Выбытие');
    expect(s.getRow(1).getCell(1).value).toBe('Выбытие документов из библиотечного фонда');
    expect(texts(s.getRow(2), 2, 4)).toEqual(['Всего, экз.', 'Сумма, тг', 'по отраслям знаний, экз.']);
    expect(texts(s.getRow(3), 4, 10)).toEqual(['ОПЛ', 'ЕН', 'Техника', 'С/х', 'Искусство/Спорт', 'Филология', 'Художественная литература']);
    const t = result.withdrawals;
    const total = s.getRow(4);
    expect(total.getCell(1).value).toBe('Выбыло всего');
    expect(texts(total, 2, 10)).toEqual(reportValues(t.total));
    expect(total.getCell(2).value).toBe(8);
    expect(total.getCell(3).value).toBe(12173.27);
    expect(total.getCell(3).numFmt).toBe('#,##0.00');
    expect(total.getCell(2).numFmt).toBe('#,##0');
    expect(s.getRow(5).getCell(1).value).toBe('в т.ч. на казахском языке');
    expect(texts(s.getRow(5), 2, 10)).toEqual(reportValues(t.total.kazakh));
    const reasons = ['ветхость', 'устарелость по содержанию', 'передано в другие ведомства', 'недостача при проверке фонда', 'утеряно читателями', 'стихийное бедствие', 'прочие причины'];
    WRITE_OFF_REASONS.forEach((r, i) => {
      const row = s.getRow(6 + i);
      expect(row.getCell(1).value).toBe(reasons[i]);
      expect(texts(row, 2, 10)).toEqual(reportValues(t.rows[r]));
    });
    // The sums by group: «Художественная литература» of «ветхость» is 5 650,00 тг.
    const sums = rowLabelled(s, 'Сумма выбывших документов по отраслям знаний, тг');
    const worn = s.getRow(sums.number + 4);
    expect(worn.getCell(1).value).toBe('ветхость');
    expect(worn.getCell(2).value).toBe(5650);
    expect(worn.getCell(9).value).toBe(5650);
    expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 1 });
  });

  it('breaks the withdrawals down by library, the rows adding up to «Итого»', async () => {
    const { book } = await written('branches.xlsx');
    const s = sheet(book, 'По филиалам');
    expect(texts(s.getRow(1), 1, 5)).toEqual(['Код', 'Библиотека', 'Выбыло всего', 'Выбыло всего', 'в т.ч. на казахском языке']);
    expect(texts(s.getRow(3), 1, 6)).toEqual(['CGB', 'Центральная городская библиотека', 3, 6073, 1, 999]);
    expect(texts(s.getRow(4), 1, 6)).toEqual(['D15', 'Детская библиотека-филиал №15', 3, 4150, 2, 2400]);
    expect(texts(s.getRow(5), 1, 6)).toEqual(['F04', 'Библиотека-филиал №4', 2, 1950.27, 2, 1950.27]);
    const total = rowLabelled(s, 'Итого', 2);
    expect(texts(total, 3, 6)).toEqual([8, 12173.27, 5, 5349.27]);
    // ветхость (columns 7, 8) and утеряно читателями (columns 15, 16) of «Ф-л №4».
    expect(texts(s.getRow(5), 7, 8)).toEqual([1, 1500]);
    expect(texts(s.getRow(5), 15, 16)).toEqual([1, 450.27]);
  });

  it('lists the acts with their totals and the instruction their date puts them under', async () => {
    const { book } = await written('acts.xlsx');
    const s = sheet(book, 'Акты');
    expect(texts(s.getRow(1), 1, 4)).toEqual(['№ акта', 'Дата акта', 'Вид', 'Причина']);
    expect(s.actualRowCount).toBe(7);
    expect(s.autoFilter).toBe('A1:O1');
    // In date order: ПП-2 (07.03.2023) first.
    expect(texts(s.getRow(2), 1, 7)).toEqual(['ПП-2', new Date('2023-03-07T00:00:00Z'), 'передача', 'перемещение внутри системы', 'F16', 'Библиотека-филиал №16', 'Библиотека-филиал №23']);
    const act21 = rowLabelled(s, '21');
    expect(texts(act21, 8, 12)).toEqual([2, 5000, 2, 5074, 0]);
    expect(act21.getCell(13).value).toBe('приказ № 374');
    expect(rowLabelled(s, 'ПП-7').getCell(7).value).toBe('РГУ «Учреждение ЕЦ-166/17»');
    expect(rowLabelled(s, 'ПП-7').getCell(4).value).toBe('передано в другие ведомства');
    // 17.04.2025 is the last day of order 374; 18.04.2025 falls under 136-НҚ.
    expect(rowLabelled(s, '3').getCell(13).value).toBe('приказ № 374');
    expect(rowLabelled(s, '4').getCell(13).value).toBe('приказ № 136-НҚ');
    expect(rowLabelled(s, '4').getCell(14).value).toBe('форма акта');
  });

  it('sums up the run: counts, money in tenge, every check with its Russian name', async () => {
    const { book } = await written('summary.xlsx', {}, { ...META, year: 2023 });
    const s = sheet(book, 'Сводка');
    expect(s.getRow(1).getCell(1).value).toBe('Сверка фонда с актами списания и передачи');
    expect(rowLabelled(s, 'Фонд на дату').getCell(2).value).toBe('30.06.2025');
    expect(rowLabelled(s, 'Отчётный год').getCell(2).value).toBe('2023');
    expect(rowLabelled(s, 'Сформировано').getCell(2).value).toBe('kitap 0.1.0, тест');
    expect(rowLabelled(s, 'Актов').getCell(2).value).toBe(6);
    expect(texts(rowLabelled(s, 'Выбыло из фонда за 2023 год'), 2, 3)).toEqual([8, 12173.27]);
    expect(texts(rowLabelled(s, 'в т.ч. передано в другие ведомства'), 2, 3)).toEqual([1, 999]);
    expect(rowLabelled(s, 'в т.ч. передано в другие ведомства').getCell(3).numFmt).toBe('#,##0.00');
    expect(texts(rowLabelled(s, 'Строка акта: экземпляра с таким инв. № нет в фонде'), 2, 4)).toEqual(['ACT_LINE_UNMATCHED', 'ошибка', 1]);
    expect(texts(rowLabelled(s, 'Экземпляр списан дважды'), 2, 4)).toEqual(['COPY_WRITTEN_OFF_TWICE', 'ошибка', 0]);
    expect(texts(rowLabelled(s, 'Цена в акте не совпадает с ценой в фонде'), 2, 4)).toEqual(['PRICE_MISMATCH', 'предупреждение', 1]);
    // A code outside the twelve checks is listed after them.
    expect(texts(rowLabelled(s, 'Экземпляр в фонде не читается'), 2, 4)).toEqual(['HOLDINGS_COPY_INVALID', 'ошибка', 1]);
  });

  it('writes the balance, the row that does not add up showing its difference', async () => {
    const { book } = await written('balance.xlsx', { balance: true });
    const s = sheet(book, 'Баланс');
    expect(texts(s.getRow(1), 1, 6)).toEqual(['Код', 'Библиотека', 'Отрасль', 'Язык', 'На начало, экз.', 'На начало, тг']);
    // Kazakh before the other languages.
    expect(texts(s.getRow(2), 1, 4)).toEqual(['F04', 'Библиотека-филиал №4', 'Художественная литература', 'на казахском']);
    expect(texts(s.getRow(2), 19, 20)).toEqual([1, 1500]);
    expect(texts(s.getRow(3), 19, 20)).toEqual([0, 0]);
  });

  it('writes the fixture scenario: one row per finding, totals equal to the withdrawal table', async () => {
    const branches = BranchDirectory.fromJson(KARAGANDA_CBS);
    const fixtures = new URL('../../../../fixtures/reconcile/', import.meta.url).pathname;
    const result = await runAudit({
      holdings: join(fixtures, 'holdings.mrc'),
      acts: [join(fixtures, 'acts')],
      asOf: '2025-06-30',
      year: 2023,
      fundStart: join(fixtures, 'fund-start.csv'),
      fundEnd: join(fixtures, 'fund-end.csv'),
      branches,
      inventoryNumbers: { branchPrefixes: 'strip' },
      rules: DEFAULT_SUBJECT_RULES,
    });
    const path = join(dir, 'scenario.xlsx');
    await writeAuditXlsx(result, path, { holdings: 'holdings.mrc', acts: ['acts'], asOf: '2025-06-30', year: 2023, generated: 'kitap', branches });
    const book = new Excel.Workbook();
    await book.xlsx.readFile(path);
    expect(sheet(book, 'Замечания').actualRowCount).toBe(1 + result.findings.length);
    expect(sheet(book, 'Акты').actualRowCount).toBe(1 + result.acts.length);
    const w = sheet(book, 'Выбытие');
    expect(texts(w.getRow(4), 2, 10)).toEqual(reportValues(result.withdrawals.total));
    expect(Math.round((w.getRow(4).getCell(3).value as number) * 100)).toBe(result.withdrawals.total.sum);
    const total = rowLabelled(sheet(book, 'По филиалам'), 'Итого', 2);
    expect(Math.round((total.getCell(4).value as number) * 100)).toBe(result.withdrawals.total.sum);
    expect(sheet(book, 'Баланс').actualRowCount).toBe(1 + result.balance!.length);
  });

  it('stops with E_OUTPUT when the file cannot be written, leaving nothing behind', async () => {
    const target = join(dir, 'missing-folder', 'report.xlsx');
    const error = await writeAuditXlsx(auditResult(), target, META).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isKitapError(error) && error.code).toBe('E_OUTPUT');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('sheetText', () => {
  it('keeps text a cell can hold as it is, formulas-looking text included', () => {
    expect(sheetText('=СУММ(A1:A3)')).toBe('=СУММ(A1:A3)');
    expect(sheetText('Әуезов М. «Абай жолы»\tт. 1\n')).toBe('Әуезов М. «Абай жолы»\tт. 1\n');
    expect(sheetText('𝔸 😀')).toBe('𝔸 😀');
  });

  it('replaces characters XML cannot carry and cuts text past the cell limit', () => {
    expect(sheetText('Көшпенділер\u0000\u001F\uD800')).toBe('Көшпенділер\uFFFD\uFFFD\uFFFD');
    const long = sheetText('ы'.repeat(40_000));
    expect(long.length).toBe(32_767);
    expect(long.endsWith('…')).toBe(true);
  });

  it('always gives text XML 1.0 allows, at most the cell limit long', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const out = sheetText(text);
        expect(out).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u);
        expect(out.isWellFormed()).toBe(true);
        expect(out.length).toBeLessThanOrEqual(32_767);
      }),
    );
  });
});
