import { type RowContext, type RowOutcome, classifyRow } from './classify-row.js';
import { editionKeys } from './edition-keys.js';
import { copyRowData, editionJson } from './stored-row.js';
import type { TableRow } from './sources/open-table.js';

/** Where a row stands relative to the header. */
export type RowLabel = 'preamble' | 'header' | 'blank' | 'data';

/** A row read from the table, labelled by the reader. */
export interface LabelledRow {
  row: TableRow;
  kind: RowLabel;
}

/**
 * A row ready for the store: the values of its `rows` columns (narrow: what
 * the ledger, the report and the grouping read) and of its `row_text` columns
 * (raw text, classified data, edition), and for a row of copies their keys,
 * which the committing thread checks for uniqueness against every earlier row
 * before inserting (a clash turns the row into an E_INV_DUPLICATE reject
 * there). Plain data of one shape, so worker threads can make it.
 */
export interface PreparedRow {
  line: number;
  kind: string;
  branch: string | null;
  copies: number;
  money: number;
  lost: number;
  offset: number | null;
  code: string | null;
  col: string | null;
  message: string | null;
  lossy: string | null;
  precise: string | null;
  isbn: string | null;
  /** The reader's warning about the row's bytes (some could not be decoded and became U+FFFD). */
  warning: string | null;
  raw: string;
  data: string | null;
  edition: string | null;
  /** A row of copies: the normalised key and the number as written of each. */
  numbers: { key: string; inventoryNumber: string }[] | null;
}

/** A row that is not a row of copies. */
function prepared(row: TableRow, kind: string, o: { code?: string; col?: string | null; message?: string; branch?: string; copies?: number; money?: number; data?: string } = {}): PreparedRow {
  return {
    line: row.line,
    kind,
    branch: o.branch ?? null,
    copies: o.copies ?? 0,
    money: o.money ?? 0,
    lost: 0,
    offset: row.offset ?? null,
    code: o.code ?? null,
    col: o.col ?? null,
    message: o.message ?? null,
    lossy: null,
    precise: null,
    isbn: null,
    warning: row.warning ?? null,
    raw: row.raw,
    data: o.data ?? null,
    edition: null,
    numbers: null,
  };
}

/** A batch row as JSON for the store, without its raw text (kept in its own column). */
function batchJson(outcome: RowOutcome): string {
  const raw = outcome.raw;
  (outcome as { raw?: string | undefined }).raw = undefined;
  const json = JSON.stringify(outcome);
  outcome.raw = raw;
  return json;
}

/** Classifies one labelled row and turns it into the values the store keeps (classification, edition keys, data). */
export function prepareRow({ row, kind }: LabelledRow, ctx: RowContext): PreparedRow {
  if (kind !== 'data') return prepared(row, kind);
  if (row.deleted) return prepared(row, 'deleted');
  let outcome: RowOutcome;
  if (row.error !== undefined) outcome = { line: row.line, raw: row.raw, kind: 'reject', code: 'E_ROW_PARSE', message: row.error, copies: 1, money: 0, branch: '?' };
  else outcome = classifyRow(row, ctx);
  if (row.offset !== undefined) outcome.offset = row.offset;
  switch (outcome.kind) {
    case 'total':
      return prepared(row, 'total');
    case 'reject':
      return prepared(row, 'reject', { code: outcome.code, col: outcome.column ?? null, message: outcome.message, branch: outcome.branch, copies: outcome.copies, money: outcome.money });
    case 'batch':
      return prepared(row, 'batch', { branch: outcome.branch, copies: outcome.copies, money: outcome.money, data: batchJson(outcome) });
    case 'copies': {
      const keys = editionKeys(outcome.edition);
      return {
        line: row.line,
        kind: 'copies',
        branch: outcome.branch,
        copies: outcome.copies.length,
        money: outcome.money,
        lost: outcome.lostLetters,
        offset: row.offset ?? null,
        code: null,
        col: null,
        message: null,
        lossy: keys.lossy,
        precise: keys.precise,
        isbn: keys.isbn ?? null,
        warning: row.warning ?? null,
        raw: row.raw,
        data: copyRowData(outcome),
        edition: editionJson(outcome.edition),
        numbers: outcome.copies,
      };
    }
  }
}
