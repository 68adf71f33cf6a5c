import { type RowContext, type RowOutcome, classifyRow } from './classify-row.js';
import { editionKeys } from './edition-keys.js';
import type { TableRow } from './sources/open-table.js';

/** Where a row stands relative to the header. */
export type RowLabel = 'preamble' | 'header' | 'blank' | 'data';

/** A row read from the table, labelled by the reader. */
export interface LabelledRow {
  row: TableRow;
  kind: RowLabel;
}

/**
 * A row ready for the store: the parameters of its INSERT, and for a row of
 * copies their keys, which the committing thread checks for uniqueness
 * against every earlier row before inserting (a clash turns the row into an
 * E_INV_DUPLICATE reject there). Plain data, so worker threads can make it.
 */
export interface PreparedRow {
  params: Record<string, string | number | null>;
  copies?: { key: string; inventoryNumber: string }[];
}

/** The INSERT parameters of a row that is not a row of copies (all columns, so the statement always gets the same shape). */
function params(row: TableRow, kind: string, o: { code?: string | null; col?: string | null; message?: string | null; branch?: string | null; copies?: number; money?: number; data?: string | null } = {}): PreparedRow['params'] {
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
    related: null,
    lossy: null,
    precise: null,
    isbn: null,
    raw: row.raw,
    data: o.data ?? null,
  };
}

/** The classified row as JSON for the store, without its raw text (kept in its own column). */
function dataJson(outcome: RowOutcome): string {
  const raw = outcome.raw;
  (outcome as { raw?: string | undefined }).raw = undefined;
  const json = JSON.stringify(outcome);
  outcome.raw = raw;
  return json;
}

/** Classifies one labelled row and turns it into its INSERT parameters (classification, edition keys, the row as JSON). */
export function prepareRow({ row, kind }: LabelledRow, ctx: RowContext): PreparedRow {
  if (kind !== 'data') return { params: params(row, kind) };
  if (row.deleted) return { params: params(row, 'deleted') };
  let outcome: RowOutcome;
  if (row.error !== undefined) outcome = { line: row.line, raw: row.raw, kind: 'reject', code: 'E_ROW_PARSE', message: row.error, copies: 1, money: 0, branch: '?' };
  else outcome = classifyRow(row, ctx);
  if (row.offset !== undefined) outcome.offset = row.offset;
  switch (outcome.kind) {
    case 'total':
      return { params: params(row, 'total') };
    case 'reject':
      return { params: params(row, 'reject', { code: outcome.code, col: outcome.column ?? null, message: outcome.message, branch: outcome.branch, copies: outcome.copies, money: outcome.money }) };
    case 'batch':
      return { params: params(row, 'batch', { branch: outcome.branch, copies: outcome.copies, money: outcome.money, data: dataJson(outcome) }) };
    case 'copies': {
      const keys = editionKeys(outcome.edition);
      const p = params(row, 'copies', { branch: outcome.branch, copies: outcome.copies.length, money: outcome.money, data: dataJson(outcome) });
      p['lost'] = outcome.lostLetters;
      p['lossy'] = keys.lossy;
      p['precise'] = keys.precise;
      p['isbn'] = keys.isbn ?? null;
      const copies: { key: string; inventoryNumber: string }[] = [];
      for (const c of outcome.copies) copies.push({ key: c.key, inventoryNumber: c.inventoryNumber });
      return { params: p, copies };
    }
  }
}
