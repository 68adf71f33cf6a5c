import { join } from 'node:path';
import { AtomicFile, KitapError } from '@kitap/core';
import { type BranchDirectory, type Copy, type LostValue, type MapperLayout, formatMoneyDecimal } from '@kitap/holdings';
import { type MarcRecord, writeIso2709 } from '@kitap/marc';
import { stringify } from 'csv-stringify/sync';
import type { BatchRow, CopyRow, EditionData } from './classify-row.js';
import { catalogRecord } from './catalog-stage.js';
import { type RecordFlavour, newEditionRecord, withCopies } from './edition-record.js';
import type { JobStore } from './job-store.js';
import { mergedEdition } from './merged-edition.js';
import { EbookJson } from './ebook-json.js';
import { copiesOfRow } from './row-copies.js';
import { CopyRowReader, type StoredCopyRow } from './stored-row.js';
import type { WebRabisEbook } from './web-rabis-ebook.js';

/** Where the outputs go, and how records are written. */
export interface WriteOptions {
  out: string;
  layout: MapperLayout;
  flavour: RecordFlavour;
  branches: BranchDirectory;
  /** Prefix of the 001 of new records; the edition's number follows, 7 digits. */
  idPrefix: string;
  /** Called after each record written, with how many are written (a progress display, a test's kill hook). */
  progress?: (records: number) => void;
}

/** The files of a run, by name. */
export const OUTPUT_FILES = { records: 'records.mrc', webRabis: 'web-rabis.jsonl', rejects: 'rejects.csv', batches: 'batches.csv', report: 'report.json' } as const;

/** Buffers text into ~256 KiB writes. */
class Buffered {
  private parts: (string | Uint8Array)[] = [];
  private size = 0;
  constructor(readonly file: AtomicFile) {}
  async add(chunk: string | Uint8Array): Promise<void> {
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.size >= 256 * 1024) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.parts.length) return;
    const bytes = Buffer.concat(this.parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
    this.parts = [];
    this.size = 0;
    await this.file.write(bytes);
  }
  async close(): Promise<void> {
    await this.flush();
    await this.file.close();
  }
}

/** Counts the writers saw, for the check that what was written is what the store says was mapped. */
export interface WriteCounts {
  records: number;
  ebooks: number;
  copies: number;
  rejects: number;
  batches: number;
  /** Values the MARC copy layout cannot hold (they are in web-rabis.jsonl). */
  notInMarc: number;
}

/**
 * Writes records.mrc, web-rabis.jsonl, rejects.csv and batches.csv from the
 * job store, in the order of the export's rows: a target (a new record, or an
 * existing catalog record that receives copies) comes where its first copy
 * row is. Everything is written to temporary files and renamed at the end, so
 * a killed run leaves the previous outputs or none.
 */
export async function writeStage(store: JobStore, options: WriteOptions): Promise<WriteCounts> {
  const db = store.db;
  const records = new Buffered(new AtomicFile(join(options.out, OUTPUT_FILES.records)));
  const jsonl = new Buffered(new AtomicFile(join(options.out, OUTPUT_FILES.webRabis)));
  const rejects = new Buffered(new AtomicFile(join(options.out, OUTPUT_FILES.rejects)));
  const batches = new Buffered(new AtomicFile(join(options.out, OUTPUT_FILES.batches)));
  const counts: WriteCounts = { records: 0, ebooks: 0, copies: 0, rejects: 0, batches: 0, notInMarc: 0 };
  const ebooks = new EbookJson(options.branches);
  let attached: IterableIterator<{ id: number; catalog: number }> | undefined;
  // The rows of records that could not be written; they are made rejects once every record is written.
  const unwritable: { lines: number[]; code: string; message: string; related: string | null }[] = [];
  try {
    // The copy rows by edition, in edition order. Editions are numbered in the order of their first row,
    // so this is the order of the export; a catalog record that receives copies from several editions
    // is written once, where its first edition comes. row_editions holds only rows of copies (the
    // attach stage takes out the others), so the rows are read along its index with their text alone;
    // CROSS JOIN keeps SQLite to that order (left alone, it scans and sorts everything it read).
    const copyRows = db.prepare<[], StoredCopyRow & { group: number }>(
      'SELECT re.edition AS "group", t.line AS line, t.data AS data, t.edition AS edition FROM row_editions re CROSS JOIN row_text t ON t.line = re.line ORDER BY re.edition, re.line',
    );
    // The editions attached to a catalog record, in edition order, read alongside (there are none without --catalog).
    // Ended in `finally`: a statement left iterating keeps the connection busy, and it could not be closed.
    attached = db
      .prepare<[], { id: number; catalog: number }>('SELECT id, catalog FROM editions WHERE catalog IS NOT NULL ORDER BY id')
      .iterate();
    let nextAttached = attached.next();
    const editionsAttached = attached;
    const catalogOf = (edition: number): number | null => {
      while (!nextAttached.done && nextAttached.value.id < edition) nextAttached = editionsAttached.next();
      return !nextAttached.done && nextAttached.value.id === edition ? nextAttached.value.catalog : null;
    };
    const reader = new CopyRowReader();
    const firstEditionOf = new Map<number, number>();
    for (const r of db
      .prepare<[], { catalog: number; edition: number }>(
        'SELECT e.catalog AS catalog, MIN(e.id) AS edition FROM editions e WHERE e.catalog IS NOT NULL AND EXISTS (SELECT 1 FROM row_editions re WHERE re.edition = e.id) GROUP BY e.catalog',
      )
      .iterate()) {
      firstEditionOf.set(r.catalog, r.edition);
    }
    const rowsOfCatalog = db.prepare<[number], StoredCopyRow & { score: number | null; explanation: string | null }>(
      'SELECT t.line, t.data, t.edition, e.score, e.explanation FROM editions e CROSS JOIN row_editions re ON re.edition = e.id CROSS JOIN row_text t ON t.line = re.line WHERE e.catalog = ? ORDER BY t.line',
    );
    type Target = { edition: number; catalog: number | null; rows: CopyRow[] };
    const targets = async function* (): AsyncGenerator<Target> {
      let current: Target | undefined;
      let group = 0;
      let catalog: number | null = null;
      for (const r of copyRows.iterate()) {
        if (r.group !== group) {
          if (current) yield current;
          current = undefined;
          group = r.group;
          catalog = catalogOf(group);
        }
        if (catalog !== null) {
          // Copies for a catalog record: written whole at the record's first edition, skipped at the others.
          if (current === undefined && firstEditionOf.get(catalog) === r.group) current = { edition: r.group, catalog, rows: [] };
          continue;
        }
        current ??= { edition: r.group, catalog: null, rows: [] };
        current.rows.push(reader.read(r));
      }
      if (current) yield current;
    };
    for await (const target of targets()) {
      let record: MarcRecord;
      let rows: CopyRow[];
      let kitap: WebRabisEbook['kitap'];
      let edition: EditionData;
      if (target.catalog !== null) {
        const found = rowsOfCatalog.all(target.catalog);
        rows = found.map((r) => reader.read(r));
        record = await catalogRecord(store, target.catalog);
        const id = record.controlValue('001')?.trim() || `catalog record ${target.catalog + 1}`;
        edition = editionOfRecord(record, rows[0]!.edition);
        kitap = { action: 'attach', controlNumber: id, catalogRecord: target.catalog + 1, sourceLines: rows.map((r) => r.line) };
        const best = found[0]!;
        if (best.score !== null) kitap.match = { score: best.score, reasons: best.explanation ? (JSON.parse(best.explanation) as string[]) : [] };
      } else {
        rows = target.rows;
        edition = mergedEdition(rows);
        const id = `${options.idPrefix}${String(target.edition).padStart(7, '0')}`;
        record = newEditionRecord(id, edition, options.flavour);
        kitap = { action: 'create', controlNumber: id, sourceLines: rows.map((r) => r.line) };
      }
      const copies = rows.flatMap(copiesOfRow);
      const { record: withCopyFields, lost } = withCopies(record, copies, options.layout);
      const bytes = isoBytes(withCopyFields);
      if (bytes instanceof KitapError) {
        // The record cannot be written (a catalog record with a stray ESC, a record grown past 99,999
        // bytes): its rows become rejects saying why, and the run goes on.
        const what = target.catalog !== null ? `catalog record ${kitap.controlNumber} (record ${target.catalog + 1} of the catalog), which this row's copies were to join,` : `the new record ${kitap.controlNumber} made for this row's edition`;
        unwritable.push({ lines: rows.map((r) => r.line), code: bytes.code, message: `${what} cannot be written as ISO2709: ${bytes.message}`, related: target.catalog !== null ? `catalog ${kitap.controlNumber}` : null });
        continue;
      }
      if (lost.length) {
        counts.notInMarc += lost.length;
        kitap.notInMarc = describeLost(lost, copies);
      }
      await records.add(bytes);
      counts.records++;
      await jsonl.add(`${ebooks.json(edition, copies, kitap)}\n`);
      counts.ebooks++;
      counts.copies += copies.length;
      options.progress?.(counts.records);
    }

    // The statement left iterating keeps the connection busy: it is ended before the rows are changed.
    attached.return?.();
    attached = undefined;
    if (unwritable.length) {
      const setReject = db.prepare("UPDATE rows SET kind = 'reject', code = ?, col = NULL, message = ?, related = ? WHERE line = ?");
      db.transaction(() => {
        for (const u of unwritable) for (const line of u.lines) setReject.run(u.code, u.message, u.related, line);
      })();
    }
    await rejects.add(`\ufeff${stringify([['line', 'offset', 'code', 'column', 'message', 'related', 'raw']])}`);
    for (const r of db
      .prepare<[], { line: number; offset: number | null; code: string; col: string | null; message: string; related: string | null; raw: string }>(
        "SELECT r.line, r.offset, r.code, r.col, r.message, r.related, t.raw FROM rows r JOIN row_text t ON t.line = r.line WHERE r.kind = 'reject' ORDER BY r.line",
      )
      .iterate()) {
      await rejects.add(stringify([[r.line, r.offset ?? '', r.code, r.col ?? '', r.message, r.related ?? '', r.raw]]));
      counts.rejects++;
    }
    await batches.add(`\ufeff${stringify([['line', 'kind', 'copies', 'sum', 'branch', 'title', 'batch', 'raw']])}`);
    const batchRows = db.prepare<[], StoredCopyRow & { kind: string; raw: string }>(
      "SELECT r.line, r.kind, t.data, t.edition, t.raw FROM rows r JOIN row_text t ON t.line = r.line WHERE r.kind IN ('batch', 'already') ORDER BY r.line",
    );
    for (const r of batchRows.iterate()) {
      if (r.kind === 'batch') {
        const b = JSON.parse(r.data) as BatchRow;
        await batches.add(stringify([[r.line, b.reason, b.copies, formatMoneyDecimal(b.money), b.branch, b.title ?? '', b.batch ?? '', r.raw]]));
      } else {
        const c = reader.read(r);
        await batches.add(stringify([[r.line, 'already-in-catalog', c.copies.length, formatMoneyDecimal(c.money), c.branch, c.edition.title, c.batch ?? '', r.raw]]));
      }
      counts.batches++;
    }
  } catch (error) {
    for (const f of [records, jsonl, rejects, batches]) await f.file.abort().catch(() => undefined);
    throw error;
  } finally {
    attached?.return?.();
  }
  for (const f of [records, jsonl, rejects, batches]) await f.close();
  return counts;
}

/** The record as ISO2709, or why it cannot be written (rows are checked before, so it is rare). */
function isoBytes(record: MarcRecord): Uint8Array | KitapError {
  try {
    return writeIso2709(record);
  } catch (error) {
    if (!(error instanceof KitapError)) throw error;
    return error;
  }
}

function describeLost(lost: readonly LostValue[], copies: readonly Copy[]): string[] {
  return lost.map((l) => `${copies[l.copy]?.inventoryNumber ?? `copy ${l.copy + 1}`}: ${l.property} = ${l.value}`);
}

/** The edition as the existing record describes it (for the ebook of an attach), with the export's data where the record is silent. */
function editionOfRecord(record: MarcRecord, fallback: EditionData): EditionData {
  const marc21 = record.first('245') !== undefined;
  const titleField = record.dataFields(marc21 ? '245' : '200')[0];
  const title = titleField?.subfields.filter((s) => s.code === 'a').map((s) => s.value.replace(/\s*[/:;=.]\s*$/u, ''))[0];
  const author = record.subfieldValues(marc21 ? '100' : '700', 'a')[0]?.replace(/[,.]\s*$/u, '');
  const out: EditionData = { ...fallback, title: title || fallback.title };
  if (author) out.author = author;
  return out;
}
