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

const EMPTY = { code: null, col: null, message: null, related: null, branch: null, copies: 0, money: 0, data: null, lost: 0, lossy: null, precise: null, isbn: null };

/** Classifies one labelled row and turns it into its INSERT parameters (classification, edition keys, the row as JSON). */
export function prepareRow({ row, kind }: LabelledRow, ctx: RowContext): PreparedRow {
  const base = { ...EMPTY, line: row.line, offset: row.offset ?? null, raw: row.raw };
  if (kind !== 'data') return { params: { ...base, kind } };
  if (row.deleted) return { params: { ...base, kind: 'deleted' } };
  let outcome: RowOutcome;
  if (row.error !== undefined) outcome = { line: row.line, raw: row.raw, kind: 'reject', code: 'E_ROW_PARSE', message: row.error, copies: 1, money: 0, branch: '?' };
  else outcome = classifyRow(row, ctx);
  if (row.offset !== undefined) outcome.offset = row.offset;
  switch (outcome.kind) {
    case 'total':
      return { params: { ...base, kind: 'total' } };
    case 'reject':
      return { params: { ...base, kind: 'reject', code: outcome.code, col: outcome.column ?? null, message: outcome.message, branch: outcome.branch, copies: outcome.copies, money: outcome.money } };
    case 'batch': {
      const { raw: _raw, ...data } = outcome;
      return { params: { ...base, kind: 'batch', branch: outcome.branch, copies: outcome.copies, money: outcome.money, data: JSON.stringify(data) } };
    }
    case 'copies': {
      const keys = editionKeys(outcome.edition);
      const { raw: _raw, ...data } = outcome;
      return {
        params: {
          ...base,
          kind: 'copies',
          branch: outcome.branch,
          copies: outcome.copies.length,
          money: outcome.money,
          data: JSON.stringify(data),
          lost: outcome.lostLetters,
          lossy: keys.lossy,
          precise: keys.precise,
          isbn: keys.isbn ?? null,
        },
        copies: outcome.copies.map((c) => ({ key: c.key, inventoryNumber: c.inventoryNumber })),
      };
    }
  }
}
