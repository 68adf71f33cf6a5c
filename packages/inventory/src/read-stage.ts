import { KitapError } from '@kitap/core';
import type { ColumnId } from './columns.js';
import { type RowContext, type RowOutcome, classifyRow, isBlankRow } from './classify-row.js';
import { editionKeys } from './edition-keys.js';
import type { JobStore } from './job-store.js';
import { type ColumnIndexes, type Mapping, findHeader, resolveColumns } from './mapping.js';
import type { OpenTable, TableRow } from './sources/open-table.js';

/** How many rows the header is looked for in. */
const HEADER_SEARCH_ROWS = 40;
/** Rows per transaction (and checkpoint). */
const BATCH = 2000;

/** The header and columns the read stage settled on (stored, so a resumed run uses the same). */
export interface ReadLayout {
  headerLine: number | undefined;
  header: string[];
  columns: Partial<Record<ColumnId, number>>;
  unmapped: string[];
}

/**
 * Finds the header and the columns: from the table itself when the format
 * names its columns (DBF, XML), else from the mapping's `headerLine` or by
 * detection among the first rows. A mapping that names a column the header
 * lacks, or no title column at all, is an E_MAPPING error: nothing could be
 * read right with it.
 */
export function settleLayout(table: OpenTable, firstRows: readonly TableRow[], mapping: Mapping, file: string): ReadLayout {
  let header: string[];
  let headerLine: number | undefined;
  if (table.columns) {
    header = table.columns;
    headerLine = undefined;
  } else {
    const found = mapping.headerLine !== undefined ? firstRows.find((r) => r.line === mapping.headerLine) : findHeader(firstRows);
    if (!found) {
      if (mapping.headerLine !== undefined) throw new KitapError('E_MAPPING', `the mapping's headerLine ${mapping.headerLine} is not a row of the export`, { file });
      throw new KitapError('E_MAPPING', `no header row found in the first ${HEADER_SEARCH_ROWS} rows (no row has two known column headings such as «Инв. №», «Заглавие», «Цена»); write a mapping file with headerLine and columns (kitap inventory --detect writes one to edit)`, { file });
    }
    header = [...found.cells];
    headerLine = found.line;
  }
  const indexes: ColumnIndexes = resolveColumns(header, headerLine, mapping);
  if (indexes.missing.length) {
    const list = indexes.missing.map((m) => `${m.column} → "${m.heading}"`).join(', ');
    throw new KitapError('E_MAPPING', `the mapping names columns the export does not have: ${list}`, headerLine === undefined ? { file } : { file, line: headerLine });
  }
  if (indexes.columns.title === undefined) {
    throw new KitapError('E_MAPPING', `no title column (Заглавие, Наименование, Название …) among the headings: ${header.map((h) => `«${h.trim()}»`).join(', ')}`, headerLine === undefined ? { file } : { file, line: headerLine });
  }
  return { headerLine, header, columns: indexes.columns, unmapped: indexes.unmapped };
}

/** What the read stage reports as it goes. */
export interface ReadProgress {
  (rowsDone: number): void;
}

/**
 * Reads every row of the export into the job store: each is classified
 * (copies, batch, total, reject) and copies' inventory numbers are checked
 * for uniqueness against every earlier row. Rows at or before the stored
 * checkpoint were read by an earlier run and are skipped.
 */
export async function readStage(store: JobStore, table: OpenTable, mapping: Mapping, ctxBase: Omit<RowContext, 'columns'>, file: string, progress?: ReadProgress): Promise<ReadLayout> {
  const db = store.db;
  const insertRow = db.prepare(
    'INSERT OR REPLACE INTO rows(line, kind, branch, copies, money, lost, offset, code, col, message, related, lossy, precise, isbn, raw, data) VALUES (@line, @kind, @branch, @copies, @money, @lost, @offset, @code, @col, @message, @related, @lossy, @precise, @isbn, @raw, @data)',
  );
  const findCopy = db.prepare<[string], { line: number; inventory_number: string }>('SELECT line, inventory_number FROM copies WHERE key = ?');
  const insertCopy = db.prepare('INSERT INTO copies(key, line, inventory_number) VALUES (?, ?, ?)');

  const stored = store.meta('read.layout');
  const checkpoint = Number(store.meta('read.line') ?? '0');
  let layout: ReadLayout | undefined = stored ? (JSON.parse(stored) as ReadLayout) : undefined;
  const iterator = table.rows[Symbol.asyncIterator]();
  const buffered: TableRow[] = [];
  if (!layout) {
    while (buffered.length < HEADER_SEARCH_ROWS) {
      const next = await iterator.next();
      if (next.done) break;
      buffered.push(next.value);
    }
    layout = settleLayout(table, buffered, mapping, file);
  }
  const ctx: RowContext = { ...ctxBase, columns: layout.columns };
  const layoutJson = JSON.stringify(layout);

  let pending: { row: TableRow; kind: 'preamble' | 'header' | 'blank' | 'data' }[] = [];
  let done = 0;
  const flush = db.transaction((batch: typeof pending) => {
    for (const { row, kind } of batch) {
      if (kind !== 'data') {
        insertRow.run(plainRow(row, kind));
        continue;
      }
      let outcome: RowOutcome;
      if (row.error !== undefined) outcome = { line: row.line, raw: row.raw, kind: 'reject', code: 'E_ROW_PARSE', message: row.error, copies: 1, money: 0, branch: '?' };
      else if (row.deleted) {
        insertRow.run(plainRow(row, 'deleted'));
        continue;
      } else outcome = classifyRow(row, ctx);
      if (row.offset !== undefined) outcome.offset = row.offset;
      if (outcome.kind === 'copies') {
        const clash = firstClash(outcome.copies.map((c) => c.key), findCopy);
        if (clash) {
          const n = outcome.copies.find((c) => c.key === clash.key)!.inventoryNumber;
          outcome = {
            line: outcome.line,
            raw: outcome.raw,
            ...(outcome.offset === undefined ? {} : { offset: outcome.offset }),
            kind: 'reject',
            code: 'E_INV_DUPLICATE',
            column: 'inventoryNumber',
            message: `inventory number "${n}" is already used by the copy on line ${clash.line} ("${clash.inventoryNumber}")`,
            copies: outcome.copies.length,
            money: outcome.money,
            branch: outcome.branch,
          };
          insertRow.run(rowParams(outcome, `line ${clash.line}`));
          continue;
        }
        for (const c of outcome.copies) insertCopy.run(c.key, outcome.line, c.inventoryNumber);
      }
      insertRow.run(rowParams(outcome, null));
    }
    const last = batch[batch.length - 1];
    if (last) store.setMeta('read.line', String(last.row.line));
    store.setMeta('read.layout', layoutJson);
  });

  const consider = (row: TableRow): void => {
    if (row.line <= checkpoint) return;
    let kind: 'preamble' | 'header' | 'blank' | 'data';
    if (layout!.headerLine !== undefined && row.line < layout!.headerLine) kind = 'preamble';
    else if (row.line === layout!.headerLine) kind = 'header';
    else if (isBlankRow(row.cells)) kind = 'blank';
    else kind = 'data';
    pending.push({ row, kind });
    if (pending.length >= BATCH) {
      flush(pending);
      done += pending.length;
      pending = [];
      progress?.(done);
    }
  };
  for (const row of buffered) consider(row);
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    consider(next.value);
  }
  flush(pending);
  done += pending.length;
  progress?.(done);
  store.markDone('read');
  return layout;
}

function firstClash(keys: readonly string[], find: { get(key: string): { line: number; inventory_number: string } | undefined }): { key: string; line: number; inventoryNumber: string } | undefined {
  for (const key of keys) {
    const hit = find.get(key);
    if (hit) return { key, line: hit.line, inventoryNumber: hit.inventory_number };
  }
  return undefined;
}

function plainRow(row: TableRow, kind: string): Record<string, unknown> {
  return { line: row.line, offset: row.offset ?? null, kind, code: null, col: null, message: null, related: null, raw: row.raw, branch: null, copies: 0, money: 0, data: null, lost: 0, lossy: null, precise: null, isbn: null };
}

function rowParams(outcome: RowOutcome, related: string | null): Record<string, unknown> {
  const common = { line: outcome.line, offset: outcome.offset ?? null, raw: outcome.raw, related, code: null, col: null, message: null, branch: null, copies: 0, money: 0, data: null, lost: 0, lossy: null, precise: null, isbn: null };
  switch (outcome.kind) {
    case 'total':
      return { ...common, kind: 'total' };
    case 'reject':
      return { ...common, kind: 'reject', code: outcome.code, col: outcome.column ?? null, message: outcome.message, branch: outcome.branch, copies: outcome.copies, money: outcome.money };
    case 'batch':
      return { ...common, kind: 'batch', branch: outcome.branch, copies: outcome.copies, money: outcome.money, data: JSON.stringify({ ...outcome, raw: undefined }) };
    case 'copies': {
      const keys = editionKeys(outcome.edition);
      return {
        ...common,
        kind: 'copies',
        branch: outcome.branch,
        copies: outcome.copies.length,
        money: outcome.money,
        data: JSON.stringify({ ...outcome, raw: undefined }),
        lost: outcome.lostLetters,
        lossy: keys.lossy,
        precise: keys.precise,
        isbn: keys.isbn ?? null,
      };
    }
  }
}

