/**
 * An act laid out like the paper form: the header block (see form-header.ts)
 * above a table «№ п/п | Инв. № | Автор, заглавие | Год | Цена | Кол-во |
 * Сумма» closed by an «Итого:» row. A row of column numbers under the
 * headings (1 | 2 | 3 …) is skipped; rows after «Итого» (signatures) are not
 * read.
 */
import type { Finding } from '@kitap/core';
import { formatMoney } from '@kitap/holdings';
import type { TableRow } from '@kitap/inventory';
import type { Act, ActLine } from './act.js';
import { parseActMoney, parseCopyCount } from './act-cell-values.js';
import { cellOf, type ActColumns } from './act-columns.js';
import { actFinding, actLabel } from './act-finding.js';
import { noteActHeaderLines, type ActHeaderLines } from './act-header-lines.js';
import { readLineCells, type LineCellContext } from './act-line-cells.js';
import { BARE_CLOSING_LABEL, CLOSING_LABEL } from './closing-row.js';
import { readFormHeader, rowText, type FormHeader } from './form-header.js';

/** What reading a form needs: the file, the branch directory and the inventory number options. */
export type FormActContext = LineCellContext;


/** True for a row that only numbers the columns: 1, 2, 3 … */
function isColumnNumbers(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  return filled.length >= 3 && filled.every((c, i) => c === String(i + 1));
}

/** Reads one paper-form act, row by row: the header block is given whole, table rows are added one at a time. */
export class FormActReader {
  readonly #context: FormActContext;
  readonly #columns: ActColumns;
  readonly #header: FormHeader;
  readonly #label: string;
  readonly #act: Act;
  #closed = false;
  #closing: { line: number; copies?: number; sum?: number } | undefined;
  /** What could not be read, in row order. */
  readonly problems: Finding[] = [];
  /** Table rows that cannot be read (each with its finding). */
  rowsNotRead = 0;

  /** `headerRows`: the rows above the table header, `title` the index of the «АКТ №» row among them. */
  constructor(headerRows: readonly TableRow[], title: number, columns: ActColumns, context: FormActContext) {
    this.#context = context;
    this.#columns = columns;
    this.#header = readFormHeader(headerRows, title, context.file, context.branches, this.problems);
    const h = this.#header;
    this.#label = actLabel(h);
    const act: Act = { file: context.file, source: 'form', number: h.number, date: h.date, type: h.type, lines: [] };
    if (h.reason !== undefined) act.reason = h.reason;
    if (h.branch !== undefined) act.branch = h.branch;
    if (h.toBranch !== undefined) act.toBranch = h.toBranch;
    if (h.toInstitution !== undefined) act.toInstitution = h.toInstitution;
    if (h.statedCopies !== undefined) act.statedCopies = h.statedCopies;
    if (h.statedSum !== undefined) act.statedSum = h.statedSum;
    this.#act = act;
    const lines: ActHeaderLines = { title: h.titleLine };
    if (h.statedCopiesLine !== undefined) lines.statedCopies = h.statedCopiesLine;
    if (h.statedSumLine !== undefined) lines.statedSum = h.statedSumLine;
    noteActHeaderLines(act, lines);
  }

  /** False once the «Итого» row is read: the rest of the sheet is not the table. */
  get open(): boolean {
    return !this.#closed;
  }

  /** Reads one row under the table header. */
  add(row: TableRow): void {
    if (this.#closed) return;
    const place = { file: this.#context.file, line: row.line };
    if (row.error !== undefined) {
      this.problems.push(actFinding('ACT_LINE_INVALID', 'error', `${this.#label}: the row cannot be read: ${row.error}`, place, { case: 'row-unreadable', data: { detail: row.error } }));
      this.rowsNotRead++;
      return;
    }
    const cells = row.cells;
    if (cells.every((c) => c.trim() === '') || isColumnNumbers(cells)) return;
    // «Итого» anywhere on a row without an inventory number; on a row with one, only as a cell of its own up to
    // the inventory number's column (a title «Всего 100 вопросов» with its inventory number is a line of the act).
    const inventoryColumn = this.#columns.inventoryNumber ?? 0;
    const inventoryText = cellOf(cells, this.#columns, 'inventoryNumber');
    if (cells.some((c, i) => (inventoryText === '' ? CLOSING_LABEL.test(c) : i <= inventoryColumn && BARE_CLOSING_LABEL.test(c)))) {
      this.#close(row);
      return;
    }
    const copyColumns = ['inventoryNumber', 'author', 'title', 'authorTitle', 'price', 'sum'] as const;
    if (copyColumns.every((id) => cellOf(cells, this.#columns, id) === '')) return;
    const h = this.#header;
    const line: ActLine = { file: this.#context.file, line: row.line, actNumber: h.number, actDate: h.date, actType: h.type, inventoryNumber: '' };
    if (h.reason !== undefined) line.reason = h.reason;
    if (h.branch !== undefined) line.fromBranch = h.branch;
    if (h.branchText !== undefined) line.fromBranchText = h.branchText;
    if (h.toBranch !== undefined) line.toBranch = h.toBranch;
    if (h.toInstitution !== undefined) line.toInstitution = h.toInstitution;
    Object.assign(line, readLineCells(cells, row.line, this.#columns, this.#context, this.#label, this.problems));
    this.#act.lines.push(line);
  }

  /** The «Итого:» row: its copies and sum, from the «Кол-во» and «Сумма» columns (else the numbers after the label). */
  #close(row: TableRow): void {
    this.#closed = true;
    const cells = row.cells;
    const closing: { line: number; copies?: number; sum?: number } = { line: row.line };
    const copiesText = cellOf(cells, this.#columns, 'quantity');
    const sumText = cellOf(cells, this.#columns, 'sum') || cellOf(cells, this.#columns, 'price');
    let copies = copiesText === '' ? undefined : parseCopyCount(copiesText);
    let sum: number | undefined;
    if (sumText !== '') {
      const money = parseActMoney(sumText);
      if (money.ok) sum = money.tiyn;
    }
    if (copies === undefined && sum === undefined) {
      // No columns to go by: the numbers after the label, the last being the sum.
      const label = cells.findIndex((c) => CLOSING_LABEL.test(c));
      const values = cells.slice(label + 1).map((c) => c.trim()).filter((c) => c !== '');
      const last = values.at(-1);
      const money = last === undefined ? undefined : parseActMoney(last);
      if (money?.ok === true) sum = money.tiyn;
      const before = values.length >= 2 ? parseCopyCount(values.at(-2)!) : undefined;
      if (before !== undefined) copies = before;
    }
    if (copies !== undefined) closing.copies = copies;
    if (sum !== undefined) closing.sum = sum;
    this.#closing = closing;
    if (copies === undefined && sum === undefined) {
      this.problems.push(actFinding('ACT_HEADER_INVALID', 'warning', `${this.#label}: the closing row «${rowText(row)}» gives neither a number of copies nor a sum`, { file: this.#context.file, line: row.line }, { case: 'closing-row-empty', actual: rowText(row) }));
    }
  }

  /**
   * The act. The header's totals are the act's stated totals; without them,
   * the «Итого» row's. When the header has them, the «Итого» row is compared
   * with the lines here (ACT_TOTAL_MISMATCH at the «Итого» row), since
   * `checkActs` sees only the header's.
   */
  finish(): Act {
    const act = this.#act;
    const closing = this.#closing;
    if (closing !== undefined) {
      const place = { file: this.#context.file, line: closing.line };
      if (closing.copies !== undefined) {
        if (act.statedCopies === undefined) {
          act.statedCopies = closing.copies;
          noteActHeaderLines(act, { statedCopies: closing.line });
        }
        else if (closing.copies !== act.lines.length) {
          this.problems.push(actFinding('ACT_TOTAL_MISMATCH', 'error', `${this.#label}: the «Итого» row counts ${closing.copies} copies, the act lists ${act.lines.length}`, place, { actual: String(act.lines.length), expected: String(closing.copies) }));
        }
      }
      if (closing.sum !== undefined) {
        const lines = act.lines.reduce((sum, l) => sum + (l.price ?? 0), 0);
        if (act.statedSum === undefined) {
          act.statedSum = closing.sum;
          noteActHeaderLines(act, { statedSum: closing.line });
        }
        else if (closing.sum !== lines) {
          this.problems.push(actFinding('ACT_TOTAL_MISMATCH', 'error', `${this.#label}: the «Итого» row sums to ${formatMoney(closing.sum)}, the act's lines to ${formatMoney(lines)}`, place, { actual: formatMoney(lines), expected: formatMoney(closing.sum) }));
        }
      }
    }
    return act;
  }
}
