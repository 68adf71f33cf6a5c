/**
 * Acts from a flat table: one row per act line, with the act's number, date,
 * type, reason and libraries repeated on every row. Rows are grouped into
 * acts by (act number, act date, act type, sending library), in the order
 * the acts first appear.
 */
import type { Finding } from '@kitap/core';
import { formatMoney, type WriteOffReason } from '@kitap/holdings';
import type { TableRow } from '@kitap/inventory';
import type { Act, ActLine, ActType } from './act.js';
import { parseActMoney, parseCopyCount } from './act-cell-values.js';
import { cellOf, type ActColumnId, type ActColumns } from './act-columns.js';
import { parseActDate } from './act-date.js';
import { actFinding, actLabel, type ReaderFindingDetails } from './act-finding.js';
import { noteActHeaderLines } from './act-header-lines.js';
import { readLineCells, type LineCellContext } from './act-line-cells.js';
import { normalizeActNumber } from './act-number.js';
import { resolveActLibrary } from './act-party.js';
import { parseActReason } from './act-reason.js';
import { parseActType } from './act-type.js';
import { CLOSING_LABEL } from './closing-row.js';

/** What reading a flat table needs: the file, the branch directory and the inventory number options. */
export type FlatActContext = LineCellContext;

/** A stated total of one act, with the line that first gave it. */
interface StatedValue {
  value: number;
  line: number;
}

/** An act being collected, with the stated totals its rows gave. */
interface Collected {
  act: Act;
  label: string;
  copies?: StatedValue;
  sum?: StatedValue;
}


const REASONS_EXPECTED = 'worn, outdated, transferred, shortage, lost, disaster or other (or the Russian words of acts)';

/** Collects the rows of one flat table into acts. */
export class FlatActReader {
  readonly #context: FlatActContext;
  readonly #columns: ActColumns;
  readonly #acts = new Map<string, Collected>();
  /** What could not be read, in row order. */
  readonly problems: Finding[] = [];
  /** Data rows that are no act line (each with its finding). */
  rowsNotRead = 0;

  constructor(columns: ActColumns, context: FlatActContext) {
    this.#columns = columns;
    this.#context = context;
  }

  #cell(cells: readonly string[], id: ActColumnId): string {
    return cellOf(cells, this.#columns, id);
  }

  #problem(severity: 'error' | 'warning', message: string, line: number, details: ReaderFindingDetails): void {
    this.problems.push(actFinding('ACT_LINE_INVALID', severity, message, { file: this.#context.file, line }, details));
  }

  /** Reads one data row (the header excluded). */
  add(row: TableRow): void {
    const { file, branches } = this.#context;
    const cells = row.cells;
    if (row.error !== undefined) {
      this.#problem('error', `the row cannot be read: ${row.error}`, row.line, { case: 'row-unreadable', data: { detail: row.error } });
      this.rowsNotRead++;
      return;
    }
    if (cells.every((c) => c.trim() === '')) return;
    const inventoryText = this.#cell(cells, 'inventoryNumber');
    const number = normalizeActNumber(this.#cell(cells, 'actNumber'));
    // A closing «Итого» row of a spreadsheet holds no copy and belongs to no act; a row with an act number is a
    // line (a title «Всего 100 вопросов» whose inventory number is missing is reported, not dropped).
    if (inventoryText === '' && (number === '' || CLOSING_LABEL.test(number)) && cells.some((c) => CLOSING_LABEL.test(c))) return;
    if (number === '') {
      this.#problem('error', `the row has no act number; it is not read${inventoryText === '' ? '' : ` (inventory number «${inventoryText}»)`}`, row.line, {
        case: 'act-number-missing',
        ...(inventoryText === '' ? {} : { data: { inventoryNumber: inventoryText } }),
        expected: 'an act number',
      });
      this.rowsNotRead++;
      return;
    }
    const dateText = this.#cell(cells, 'actDate');
    const date = parseActDate(dateText) ?? dateText;
    const toText = this.#cell(cells, 'toBranch');
    const typeText = this.#cell(cells, 'actType');
    const type: ActType | undefined = typeText === '' ? (toText === '' ? 'write-off' : 'transfer') : parseActType(typeText);
    if (type === undefined) {
      this.#problem('error', `${actLabel({ number, date })}: the act type «${typeText}» is neither a write-off nor a transfer; the row is not read`, row.line, { case: 'act-type-unknown', actual: typeText, expected: 'write-off or transfer' });
      this.rowsNotRead++;
      return;
    }
    const fromText = this.#cell(cells, 'fromBranch');
    const fromBranch = fromText === '' ? undefined : resolveActLibrary(fromText, branches);
    const collected = this.#collect(number, date, type, fromBranch, fromText);
    const label = collected.label;

    const line: ActLine = { file, line: row.line, actNumber: number, actDate: date, actType: type, inventoryNumber: '' };
    if (fromText !== '') {
      line.fromBranchText = fromText;
      if (fromBranch !== undefined) line.fromBranch = fromBranch;
      else this.#problem('error', `${label}: «${fromText}» is not a library of the branch directory`, row.line, { case: 'library-unknown', actual: fromText, expected: 'a library of the system' });
    }
    if (toText !== '') {
      const code = resolveActLibrary(toText, branches);
      if (code !== undefined) line.toBranch = code;
      else line.toInstitution = toText;
    } else if (type === 'transfer') {
      this.#problem('error', `${label}: a transfer line needs the receiving library or institution (to_branch)`, row.line, { case: 'receiver-missing', expected: 'a branch code or an institution' });
    }
    const reason = this.#reason(type, this.#cell(cells, 'reason'), line, label);
    if (reason !== undefined) line.reason = reason;

    Object.assign(line, readLineCells(cells, row.line, this.#columns, this.#context, label, this.problems));
    collected.act.lines.push(line);
    this.#stated(collected, 'copies', this.#cell(cells, 'statedCopies'), row.line);
    this.#stated(collected, 'sum', this.#cell(cells, 'statedSum'), row.line);
  }

  /** The act a row belongs to, opened on its first row. */
  #collect(number: string, date: string, type: ActType, fromBranch: string | undefined, fromText: string): Collected {
    const key = `${number}\u0001${date}\u0001${type}\u0001${fromBranch ?? fromText.toLowerCase()}`;
    let collected = this.#acts.get(key);
    if (collected === undefined) {
      const act: Act = { file: this.#context.file, source: 'flat', number, date, type, lines: [] };
      if (fromBranch !== undefined) act.branch = fromBranch;
      collected = { act, label: actLabel(act) };
      this.#acts.set(key, collected);
    }
    return collected;
  }

  /** The line's reason: the cell for a write-off; 'transferred' for a transfer out of the system; none for an internal transfer. */
  #reason(type: ActType, text: string, line: ActLine, label: string): WriteOffReason | undefined {
    if (type === 'transfer') return line.toInstitution !== undefined ? 'transferred' : undefined;
    if (text === '') {
      this.#problem('error', `${label}: a write-off line needs a reason`, line.line, { case: 'reason-missing', expected: REASONS_EXPECTED });
      return undefined;
    }
    const reason = parseActReason(text);
    if (reason === undefined) this.#problem('error', `${label}: the reason «${text}» is not one kitap knows`, line.line, { case: 'reason-unknown', actual: text, expected: REASONS_EXPECTED });
    return reason;
  }

  /** Records a stated total of the act from a row; the rows of one act must agree (the first is kept). */
  #stated(collected: Collected, which: 'copies' | 'sum', text: string, line: number): void {
    if (text === '') return;
    const what = which === 'copies' ? 'number of copies' : 'sum';
    let value: number | undefined;
    if (which === 'copies') value = parseCopyCount(text);
    else {
      const money = parseActMoney(text);
      if (money.ok) value = money.tiyn;
    }
    if (value === undefined) {
      this.#problem('error', `${collected.label}: the stated ${what} «${text}» cannot be read`, line, { case: which === 'copies' ? 'stated-copies-unreadable' : 'stated-sum-unreadable', actual: text });
      return;
    }
    const seen = collected[which];
    if (seen === undefined) {
      collected[which] = { value, line };
      if (which === 'copies') {
        collected.act.statedCopies = value;
        noteActHeaderLines(collected.act, { statedCopies: line });
      } else {
        collected.act.statedSum = value;
        noteActHeaderLines(collected.act, { statedSum: line });
      }
    } else if (seen.value !== value) {
      const show = which === 'copies' ? String : formatMoney;
      this.#problem('error', `${collected.label}: the stated ${what} ${show(value)} differs from ${show(seen.value)} on line ${seen.line}; the first is kept`, line, {
        case: which === 'copies' ? 'stated-copies-differ' : 'stated-sum-differ',
        actual: show(value),
        expected: show(seen.value),
        related: { file: this.#context.file, line: seen.line },
      });
    }
  }

  /** The acts read, in the order they first appear, each with its common reason and receiving party. */
  acts(): Act[] {
    const acts = [...this.#acts.values()].map((c) => c.act);
    for (const act of acts) {
      const reason = common(act.lines.map((l) => l.reason));
      if (reason !== undefined) act.reason = reason;
      const toBranch = common(act.lines.map((l) => l.toBranch));
      if (toBranch !== undefined) act.toBranch = toBranch;
      const toInstitution = common(act.lines.map((l) => l.toInstitution));
      if (toInstitution !== undefined) act.toInstitution = toInstitution;
    }
    return acts;
  }
}

/** The value every item has, or undefined when they differ or have none. */
function common<T>(values: readonly (T | undefined)[]): T | undefined {
  const first = values[0];
  return first !== undefined && values.every((v) => v === first) ? first : undefined;
}
