import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { KitapError, stableZipTimes } from '@kitap/core';
import { WRITE_OFF_REASONS } from '@kitap/holdings';
import type ExcelJS from 'exceljs';
import type { AuditResult, BalanceRow } from '../audit/run-audit.js';
import { WITHDRAWAL_LABELS } from '../statistics/withdrawal-labels.js';
import { actRows } from './act-rows.js';
import { balanceInReportOrder, balanceIsOff } from './balance-order.js';
import type { AuditReportMeta, ReportPreface } from './audit-report-meta.js';
import { auditSummary } from './audit-summary.js';
import { branchRows, type BranchRow } from './branch-rows.js';
import { SEVERITY_NAMES } from './check-names.js';
import { findingRows } from './finding-rows.js';
import { languageName, libraryName } from './report-labels.js';
import { type CellKind, type CellValue, putCell } from './xlsx-cells.js';
import { withdrawalBlocks } from './withdrawal-blocks.js';

/** The sheet names of the auditors' workbook, in order («Баланс» only with fund snapshots). */
export const AUDIT_SHEETS = Object.freeze({
  summary: 'Сводка',
  findings: 'Замечания',
  withdrawals: 'Выбытие',
  branches: 'По филиалам',
  acts: 'Акты',
  balance: 'Баланс',
} as const);

/** The headings of the findings sheet, in column order. */
export const FINDING_HEADINGS = Object.freeze(['Код', 'Проверка', 'Важность', 'Акт', 'Дата акта', 'Файл', 'Строка', 'Инв. №', 'Экземпляр', 'Фактически', 'Ожидалось', 'Описание'] as const);

/** The headings of the acts sheet, in column order. */
export const ACT_HEADINGS = Object.freeze([
  '№ акта',
  'Дата акта',
  'Вид',
  'Причина',
  'Код библиотеки',
  'Библиотека',
  'Получатель',
  'Указано в акте, экз.',
  'Указано в акте, тг',
  'Строк',
  'Сумма строк, тг',
  'Строк без цены',
  'Инструкция',
  'Источник',
  'Файл',
] as const);

type Sheet = ExcelJS.Worksheet;
type Book = ExcelJS.stream.xlsx.WorkbookWriter;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF1' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
const LANDSCAPE: Partial<ExcelJS.PageSetup> = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };

function sheet(book: Book, name: string, widths: readonly number[], frozen: { rows: number; columns?: number }): Sheet {
  const s = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: frozen.rows, xSplit: frozen.columns ?? 0 }], pageSetup: LANDSCAPE });
  widths.forEach((w, i) => {
    s.getColumn(i + 1).width = w;
  });
  return s;
}

/** A row of headings: bold, shaded, wrapped, bordered. `from` is the first column (1-based). */
function headingRow(s: Sheet, headings: readonly string[], from = 1): ExcelJS.Row {
  const row = s.addRow([]);
  headings.forEach((h, i) => {
    const cell = row.getCell(from + i);
    putCell(cell, 'text', h);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  return row;
}

/** A row of values of the given kinds; `bold` for total rows, `indent` for «в т.ч.» rows. */
function valueRow(s: Sheet, cells: readonly (readonly [CellKind, CellValue])[], style: { bold?: boolean; indent?: boolean } = {}): ExcelJS.Row {
  const row = s.addRow([]);
  cells.forEach(([kind, value], i) => {
    const cell = row.getCell(i + 1);
    putCell(cell, kind, value);
    if (style.bold) cell.font = { bold: true };
    if (style.indent && i === 0) cell.alignment = { indent: 1 };
  });
  row.commit();
  return row;
}

function blankRow(s: Sheet): void {
  s.addRow([]).commit();
}

function titleRow(s: Sheet, title: string): void {
  const row = s.addRow([]);
  putCell(row.getCell(1), 'text', title);
  row.getCell(1).font = { bold: true, size: 13 };
  row.commit();
}

/** A caller's section as a sheet before the audit's: a header row, then its rows (numbers as counts). */
function prefaceSheet(book: Book, preface: ReportPreface): void {
  const [header = [], ...rows] = preface.rows;
  const s = sheet(book, preface.label.slice(0, 31), header.map((_, i) => (i === 0 ? 30 : i === header.length - 1 ? 60 : 14)), { rows: 1 });
  headingRow(s, header.map(String)).commit();
  for (const r of rows) valueRow(s, r.map((v) => (typeof v === 'number' ? (['copies', v] as const) : (['text', v] as const))));
  s.commit();
}

function summarySheet(book: Book, result: AuditResult, meta: AuditReportMeta): void {
  const summary = auditSummary(result, meta);
  const s = sheet(book, AUDIT_SHEETS.summary, [62, 34, 18, 16], { rows: 1 });
  titleRow(s, summary.title);
  for (const a of summary.about) valueRow(s, [['text', a.label], ['text', a.value]]);
  blankRow(s);
  headingRow(s, ['Показатель', 'Количество']).commit();
  for (const c of summary.counts) valueRow(s, [['text', c.label], ['copies', c.value]], { indent: c.label.startsWith('в т.ч.') });
  blankRow(s);
  headingRow(s, ['Суммы', 'Экз.', 'Сумма, тг']).commit();
  for (const m of summary.money) valueRow(s, [['text', m.label], ['copies', m.copies], ['money', m.sum]], { indent: m.label.startsWith('в т.ч.') });
  blankRow(s);
  headingRow(s, ['Проверка', 'Код', 'Важность', 'Найдено']).commit();
  for (const c of summary.checks) valueRow(s, [['text', c.name], ['text', c.code], ['text', SEVERITY_NAMES[c.severity]], ['copies', c.count]], { bold: c.count > 0 && c.severity === 'error' });
  s.commit();
}

function findingsSheet(book: Book, result: AuditResult, meta: AuditReportMeta): void {
  const s = sheet(book, AUDIT_SHEETS.findings, [28, 40, 15, 10, 12, 36, 8, 14, 48, 22, 22, 90], { rows: 1 });
  s.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: FINDING_HEADINGS.length } };
  headingRow(s, FINDING_HEADINGS).commit();
  for (const f of findingRows(result, meta.branches)) {
    valueRow(s, [
      ['text', f.code],
      ['text', f.check],
      ['text', f.severityName],
      ['text', f.actNumber],
      ['date', f.actDate],
      ['text', f.file],
      ['int', f.line],
      ['text', f.inventoryNumber],
      ['text', f.copy],
      ['text', f.actual],
      ['text', f.expected],
      ['text', f.message],
    ]);
  }
  s.commit();
}

function withdrawalsSheet(book: Book, result: AuditResult, meta: AuditReportMeta): void {
  const blocks = withdrawalBlocks(result.withdrawals, meta.year);
  const s = sheet(book, AUDIT_SHEETS.withdrawals, [40, 14, 18, 14, 14, 14, 14, 16, 14, 18], { rows: 3, columns: 1 });
  blocks.forEach((block, index) => {
    if (index > 0) blankRow(s);
    titleRow(s, block.title);
    const moneyOnly = block.columns[0]?.unit === 'tiyn';
    if (moneyOnly) {
      headingRow(s, ['', ...block.columns.map((c) => c.label)]).commit();
    } else {
      // The annual report's two-row heading: «Всего, экз.» and «Сумма, тг» span both rows, the groups sit under «по отраслям знаний».
      const top = headingRow(s, ['', block.columns[0]!.label, block.columns[1]!.label, WITHDRAWAL_LABELS.byGroup, ...block.columns.slice(3).map(() => '')]);
      const r = top.number;
      const under = headingRow(s, ['', '', '', ...block.columns.slice(2).map((c) => c.label)]);
      // Merged before the rows are committed: the streaming writer cannot touch a committed row.
      s.mergeCells(r, 1, r + 1, 1);
      s.mergeCells(r, 2, r + 1, 2);
      s.mergeCells(r, 3, r + 1, 3);
      s.mergeCells(r, 4, r, 1 + block.columns.length);
      under.commit();
    }
    for (const line of block.lines) {
      valueRow(s, [['text', line.label], ...block.columns.map((c, i): [CellKind, CellValue] => [c.unit === 'tiyn' ? 'money' : 'copies', line.values[i]])], { bold: line.level === 0, indent: line.level === 1 });
    }
  });
  s.commit();
}

function branchesSheet(book: Book, result: AuditResult, meta: AuditReportMeta): void {
  const { rows, total } = branchRows(result.withdrawals, meta.branches);
  const groups = [WITHDRAWAL_LABELS.total, WITHDRAWAL_LABELS.kazakh, ...WRITE_OFF_REASONS.map((r) => WITHDRAWAL_LABELS.reasons[r])];
  const s = sheet(book, AUDIT_SHEETS.branches, [10, 36, ...groups.flatMap(() => [10, 16])], { rows: 2, columns: 2 });
  const top = headingRow(s, ['Код', WITHDRAWAL_LABELS.branch, ...groups.flatMap((g) => [g, ''])]);
  const r = top.number;
  const under = headingRow(s, ['', '', ...groups.flatMap(() => ['экз.', 'сумма, тг'])]);
  s.mergeCells(r, 1, r + 1, 1);
  s.mergeCells(r, 2, r + 1, 2);
  groups.forEach((_, i) => s.mergeCells(r, 3 + 2 * i, r, 4 + 2 * i));
  under.commit();
  const write = (b: BranchRow, bold: boolean): void => {
    const cells: [CellKind, CellValue][] = [
      ['text', b.code],
      ['text', b.name],
      ['copies', b.total.copies],
      ['money', b.total.sum],
      ['copies', b.kazakh.copies],
      ['money', b.kazakh.sum],
      ...WRITE_OFF_REASONS.flatMap((reason): [CellKind, CellValue][] => [
        ['copies', b.byReason[reason].copies],
        ['money', b.byReason[reason].sum],
      ]),
    ];
    valueRow(s, cells, { bold });
  };
  for (const b of rows) write(b, false);
  write(total, true);
  s.commit();
}

function actsSheet(book: Book, result: AuditResult, meta: AuditReportMeta): void {
  const s = sheet(book, AUDIT_SHEETS.acts, [10, 12, 11, 28, 10, 32, 32, 12, 16, 8, 16, 9, 18, 14, 40], { rows: 1 });
  s.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ACT_HEADINGS.length } };
  headingRow(s, ACT_HEADINGS).commit();
  for (const a of actRows(result.acts, meta.branches)) {
    valueRow(s, [
      ['text', a.number],
      ['date', a.date],
      ['text', a.typeName],
      ['text', a.reasonName],
      ['text', a.library],
      ['text', a.libraryName],
      ['text', a.receiver],
      ['copies', a.statedCopies],
      ['money', a.statedSum],
      ['copies', a.lines],
      ['money', a.linesSum],
      ['copies', a.linesWithoutPrice],
      ['text', a.instructionName],
      ['text', a.sourceName],
      ['text', a.file],
    ]);
  }
  s.commit();
}

/** The headings of the balance sheet, in column order. */
export const BALANCE_HEADINGS = Object.freeze([
  'Код',
  'Библиотека',
  'Отрасль',
  'Язык',
  'На начало, экз.',
  'На начало, тг',
  'Поступило, экз.',
  'Поступило, тг',
  'Выбыло, экз.',
  'Выбыло, тг',
  'Передано в др. библиотеки, экз.',
  'Передано, тг',
  'Получено из др. библиотек, экз.',
  'Получено, тг',
  'Должно быть на конец, экз.',
  'Должно быть, тг',
  'На конец, экз.',
  'На конец, тг',
  'Расхождение, экз.',
  'Расхождение, тг',
] as const);

function groupName(group: string): string {
  return (WITHDRAWAL_LABELS.groups as Readonly<Record<string, string>>)[group] ?? group;
}

function balanceSheet(book: Book, balance: readonly BalanceRow[], meta: AuditReportMeta): void {
  const s = sheet(book, AUDIT_SHEETS.balance, [10, 32, 16, 16, ...BALANCE_HEADINGS.slice(4).map(() => 13)], { rows: 1, columns: 4 });
  s.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: BALANCE_HEADINGS.length } };
  headingRow(s, BALANCE_HEADINGS).commit();
  for (const b of balanceInReportOrder(balance)) {
    const off = balanceIsOff(b);
    valueRow(
      s,
      [
        ['text', b.branch],
        ['text', libraryName(b.branch, meta.branches)],
        ['text', groupName(b.group)],
        ['text', languageName(b.language)],
        ...[b.start, b.received, b.withdrawn, b.transferredOut, b.transferredIn, b.expectedEnd, b.end].flatMap((c): [CellKind, CellValue][] => [
          ['copies', c.copies],
          ['money', c.sum],
        ]),
        ['copies', b.end.copies - b.expectedEnd.copies],
        ['money', b.end.sum - b.expectedEnd.sum],
      ],
      { bold: off },
    );
  }
  s.commit();
}

/** A fixed date for the workbook's properties: the holdings' date, so no clock gets into the file. */
function propertyDate(asOf: string): Date {
  const time = Date.parse(`${asOf}T00:00:00Z`);
  return Number.isNaN(time) ? new Date(0) : new Date(time);
}

/**
 * Writes the auditors' workbook of `kitap reconcile` (`report.xlsx`), with
 * Russian headings: «Сводка» (the run, counts, money, findings by check),
 * «Замечания» (one row per finding, filters on), «Выбытие» (the withdrawal
 * table laid out like the annual report, its sums by subject group and its
 * Kazakh part by reason), «По филиалам», «Акты» (one row per act with the
 * instruction its date puts it under) and «Баланс» when the result has one.
 * Money is in tenge as numbers (`#,##0.00`, shown with the reader's
 * separators), header rows are frozen. Every text is a shared-string cell
 * (`t="s"`) — a leading `=`, `+`, `-` or `@` never becomes a formula. (Without
 * shared strings exceljs's streaming writer would mark text `t="str"`, the
 * type of a formula's cached result, which is why they are on.)
 *
 * exceljs is loaded only here (it takes half a second to load); rows are
 * streamed to a temporary file beside `path` that is renamed into place at the
 * end, so a failed run leaves no half-written report. Throws KitapError
 * `E_OUTPUT` when the file cannot be written.
 */
export async function writeAuditXlsx(result: AuditResult, path: string, meta: AuditReportMeta): Promise<void> {
  const { default: Excel } = await import('exceljs');
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const book = new Excel.stream.xlsx.WorkbookWriter({ filename: temp, useStyles: true, useSharedStrings: true });
    book.creator = 'kitap';
    book.created = propertyDate(meta.asOf);
    book.modified = propertyDate(meta.asOf);
    for (const p of meta.preface ?? []) prefaceSheet(book, p);
    summarySheet(book, result, meta);
    findingsSheet(book, result, meta);
    withdrawalsSheet(book, result, meta);
    branchesSheet(book, result, meta);
    actsSheet(book, result, meta);
    if (result.balance !== undefined) balanceSheet(book, result.balance, meta);
    await book.commit();
    await writeFile(temp, stableZipTimes(await readFile(temp), meta.asOf));
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    if (error instanceof KitapError) throw error;
    throw new KitapError('E_OUTPUT', `cannot write the audit workbook: ${(error as Error).message}`, { file: path });
  }
}
