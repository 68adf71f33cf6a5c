/**
 * Act files for the tests: a temporary directory, flat CSV acts as the
 * customer's exports write them (UTF-8 with BOM, `;`, money «1 200,00»,
 * dates DD.MM.YYYY), and paper-form XLSX acts with merged header cells.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll } from 'vitest';
import { BranchDirectory, KARAGANDA_CBS } from '@kitap/holdings';

/** The customer's libraries. */
export const BRANCHES = BranchDirectory.fromJson(KARAGANDA_CBS);

/** A temporary directory removed after the file's tests. */
export function tempDir(prefix: string): { dir: string; path(name: string): string; write(name: string, text: string): string } {
  const dir = mkdtempSync(join(tmpdir(), `kitap-acts-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    path: (name) => join(dir, name),
    write: (name, text) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
  };
}

/** The flat layout's columns, in the order of the customer's export. */
export const FLAT_HEADER = ['act_number', 'act_date', 'act_type', 'reason', 'from_branch', 'to_branch', 'inventory_number', 'author', 'title', 'year', 'price', 'stated_copies', 'stated_sum'];

/** Rows as a UTF-8 CSV with a BOM, `;` between cells, CRLF line ends (quoting where needed). */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const quote = (cell: string): string => (/[";\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  return '\uFEFF' + rows.map((r) => r.map(quote).join(';')).join('\r\n') + '\r\n';
}

/** One line of a paper-form act: inventory number, «Автор, заглавие», year, price, and optionally quantity and sum as written. */
export interface FormLine {
  inv: string | number;
  authorTitle: string;
  year: number;
  /** Tenge, written as a number cell with the format #,##0.00. */
  price: number;
  quantity?: number | string;
  sum?: number;
}

/** A paper-form act as a library keeps it in Excel. */
export interface FormAct {
  title?: string;
  kind?: string;
  library?: string;
  /** Rows under the library line: the commission, the reason, parties of a transfer. */
  body?: string[];
  totals?: string;
  lines: FormLine[];
  /** The «Итого» row's copies and sum (tenge); computed from the lines when left out; null: no «Итого» row. */
  closing?: { copies: number; sum: number } | null;
  /** Put a row of column numbers (1 … 7) under the headings. */
  columnNumbers?: boolean;
}

/**
 * Writes a form act: the approval block, the header lines in cells merged
 * across the sheet (A:G), the table, the «Итого:» row with its label merged
 * over A:E, and the signatures. Returns the sheet rows of the title, the
 * totals line, the table lines and the «Итого» row.
 */
export async function writeFormAct(path: string, act: FormAct): Promise<{ lineRows: number[]; closingRow: number | undefined; titleRow: number; totalsRow: number | undefined }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Акт');
  let r = 1;
  const merged = (text: string, align: 'left' | 'right' | 'center' = 'left'): number => {
    ws.mergeCells(`A${r}:G${r}`);
    const cell = ws.getCell(`A${r}`);
    cell.value = text;
    cell.alignment = { horizontal: align };
    return r++;
  };
  ws.mergeCells(`E${r}:G${r}`);
  ws.getCell(`E${r++}`).value = 'УТВЕРЖДАЮ';
  ws.mergeCells(`E${r}:G${r}`);
  ws.getCell(`E${r++}`).value = 'Директор КГУ «ЦБС г. Караганды»';
  ws.mergeCells(`E${r}:G${r}`);
  ws.getCell(`E${r++}`).value = '____________ 12.10.2023';
  r++;
  const titleRow = merged(act.title ?? 'АКТ № 17 от 10.10.2023', 'center');
  merged(act.kind ?? 'об исключении документов из библиотечного фонда', 'center');
  if (act.library !== undefined) merged(act.library);
  for (const text of act.body ?? ['Комиссия в составе: Ахметова Г. К., Иванова Н. П., Сейткали А. Б., рассмотрев документы, установила, что', 'перечисленные ниже документы подлежат исключению по причине: ветхость.']) merged(text);
  const totalsRow = act.totals === undefined ? undefined : merged(act.totals);
  r++;
  ws.getRow(r++).values = ['№ п/п', 'Инв. №', 'Автор, заглавие', 'Год', 'Цена', 'Кол-во', 'Сумма'];
  if (act.columnNumbers === true) ws.getRow(r++).values = [1, 2, 3, 4, 5, 6, 7];
  const lineRows: number[] = [];
  act.lines.forEach((line, i) => {
    const row = ws.getRow(r);
    const quantity = line.quantity ?? 1;
    row.values = [i + 1, line.inv, line.authorTitle, line.year, line.price, quantity, line.sum ?? (typeof quantity === 'number' ? line.price * quantity : line.price)];
    row.getCell(5).numFmt = '#,##0.00';
    row.getCell(7).numFmt = '#,##0.00';
    lineRows.push(r++);
  });
  let closingRow: number | undefined;
  if (act.closing !== null) {
    const closing = act.closing ?? { copies: act.lines.length, sum: act.lines.reduce((s, l) => s + l.price, 0) };
    ws.mergeCells(`A${r}:E${r}`);
    ws.getCell(`A${r}`).value = 'Итого:';
    ws.getCell(`F${r}`).value = closing.copies;
    ws.getCell(`G${r}`).value = closing.sum;
    ws.getCell(`G${r}`).numFmt = '#,##0.00';
    closingRow = r++;
  }
  r++;
  ws.getCell(`A${r++}`).value = 'Председатель комиссии: ____________ Ахметова Г. К.';
  ws.getCell(`A${r++}`).value = 'Члены комиссии: ____________ Иванова Н. П.';
  await wb.xlsx.writeFile(path);
  return { lineRows, closingRow, titleRow, totalsRow };
}

/** Writes rows to the first sheet of a new workbook (a flat act table in Excel). */
export async function writeFlatXlsx(path: string, rows: readonly (readonly (string | number | Date)[])[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Акты');
  for (const row of rows) ws.addRow([...row]);
  await wb.xlsx.writeFile(path);
}
