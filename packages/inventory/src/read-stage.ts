import { KitapError } from '@kitap/core';
import type { ColumnId } from './columns.js';
import { type RowContext, isBlankRow } from './classify-row.js';
import { BatchedInsert } from './batched-insert.js';
import { ClassifyPool } from './classify-pool.js';
import { RepeatedCells } from './repeated-cells.js';
import type { LabelledRow, PreparedRow, RowLabel } from './prepare-row.js';
import type { JobStore } from './job-store.js';
import { type ColumnIndexes, type Mapping, findHeader, resolveColumns } from './mapping.js';
import type { OpenTable, TableRow } from './sources/open-table.js';

/** How many rows the header is looked for in. */
const HEADER_SEARCH_ROWS = 40;
/** Rows per batch sent to a worker, and per transaction (and checkpoint). */
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
 *
 * Classifying is the costly part and needs no shared state, so it can run in
 * a worker thread (`classify-pool.ts`: one when a second core is idle) on
 * batches of rows, while this thread reads the file and commits the
 * classified batches in their order — the uniqueness check and the
 * checkpoint stay sequential, so the result is the same as classifying in
 * line. Rows are written to the store in batches (`BatchedInsert`).
 */
export async function readStage(store: JobStore, table: OpenTable, mapping: Mapping, ctxBase: Omit<RowContext, 'columns'>, file: string, progress?: ReadProgress, log?: (line: string) => void): Promise<ReadLayout> {
  const db = store.db;
  // Rows are written in batches; only the copies' keys are checked row by row.
  const insertRow = new BatchedInsert(db, 'rows', ['line', 'kind', 'branch', 'copies', 'money', 'lost', 'offset', 'code', 'col', 'message', 'related', 'lossy', 'precise', 'isbn', 'warning']);
  const insertText = new BatchedInsert(db, 'row_text', ['line', 'raw', 'data', 'edition']);
  const findCopy = db.prepare<[string], { line: number; inventory_number: string }>('SELECT line, inventory_number FROM copies WHERE key = ?');
  const insertCopy = db.prepare('INSERT OR IGNORE INTO copies(key, line, inventory_number) VALUES (?, ?, ?)');
  const removeCopy = db.prepare('DELETE FROM copies WHERE key = ?');

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

  let done = 0;
  const commit = db.transaction((batch: readonly PreparedRow[]) => {
    for (const p of batch) {
      if (p.numbers) {
        // Insert the copies' keys; a key already there (a duplicate, rare) undoes the row's inserts.
        let clash: { key: string; line: number; inventoryNumber: string } | undefined;
        const added: string[] = [];
        for (const c of p.numbers) {
          if (insertCopy.run(c.key, p.line, c.inventoryNumber).changes === 1) {
            added.push(c.key);
            continue;
          }
          const hit = findCopy.get(c.key)!;
          clash = { key: c.key, line: hit.line, inventoryNumber: hit.inventory_number };
          break;
        }
        if (clash) {
          for (const key of added) removeCopy.run(key);
          const n = p.numbers.find((c) => c.key === clash.key)!.inventoryNumber;
          const message = `inventory number "${n}" is already used by the copy on line ${clash.line} ("${clash.inventoryNumber}")`;
          insertRow.add(p.line, 'reject', p.branch, p.copies, p.money, 0, p.offset, 'E_INV_DUPLICATE', 'inventoryNumber', message, `line ${clash.line}`, null, null, null, p.warning);
          insertText.add(p.line, p.raw, null, null);
          continue;
        }
      }
      insertRow.add(p.line, p.kind, p.branch, p.copies, p.money, p.lost, p.offset, p.code, p.col, p.message, null, p.lossy, p.precise, p.isbn, p.warning);
      insertText.add(p.line, p.raw, p.data, p.edition);
    }
    insertRow.flush();
    insertText.flush();
    const last = batch[batch.length - 1];
    if (last) store.setMeta('read.line', String(last.line));
    store.setMeta('read.layout', layoutJson);
  });

  const pool = ClassifyPool.start(ctx);
  const inFlight: Promise<PreparedRow[]>[] = [];
  const settle = async (): Promise<void> => {
    const batch = await inFlight.shift()!;
    commit(batch);
    done += batch.length;
    progress?.(done);
  };
  let pending: LabelledRow[] = [];
  const send = async (): Promise<void> => {
    if (!pending.length) return;
    const prepared = pool.prepare(pending);
    // Awaited in order by `settle`; a failure of a later batch must not go unhandled meanwhile.
    prepared.catch(() => undefined);
    inFlight.push(prepared);
    pending = [];
    if (inFlight.length > pool.depth) await settle();
  };
  // An XML element repeated in a row gives its column two values: such a row is an error row.
  const repeated = table.format === 'xml' && table.columns ? new RepeatedCells(table.columns, layout.header, layout.columns) : undefined;
  // Labels a row and queues it; true when a batch is full and should be sent.
  const consider = (row: TableRow): boolean => {
    if (row.line <= checkpoint) return false;
    let kind: RowLabel;
    if (layout!.headerLine !== undefined && row.line < layout!.headerLine) kind = 'preamble';
    else if (row.line === layout!.headerLine) kind = 'header';
    // A row the reader could not read has no cells to speak of, but it is data all the same: it is rejected, never blank.
    else if (row.error !== undefined) kind = 'data';
    else if (isBlankRow(row.cells)) kind = 'blank';
    else kind = 'data';
    if (kind === 'data' && row.error === undefined && repeated !== undefined) {
      const conflict = repeated.conflict(row.cells);
      if (conflict !== undefined) row = { ...row, error: `XML row element ${row.line}: ${conflict}` };
    }
    pending.push({ row, kind });
    return pending.length >= BATCH;
  };
  try {
    for (const row of buffered) if (consider(row)) await send();
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      if (consider(next.value)) await send();
    }
    await send();
    while (inFlight.length) await settle();
  } finally {
    await pool.close();
    // Said on the log, not in report.json: the outputs are the same bytes either way.
    if (pool.fallback !== undefined) log?.(`${pool.fallback}; its rows and the rest were classified in the main thread (the same result)`);
  }
  // The caller marks the stage done once it has saved the notes gathered while reading.
  return layout;
}
