import { join } from 'node:path';
import { AtomicFile, KitapError } from '@kitap/core';
import { type BranchDirectory, type Copy, type LostValue, type MapperLayout, formatMoneyDecimal, toWebRabisInv } from '@kitap/holdings';
import { type MarcRecord, writeIso2709 } from '@kitap/marc';
import { stringify } from 'csv-stringify/sync';
import type { BatchRow, CopyRow, EditionData } from './classify-row.js';
import { catalogRecord } from './catalog-stage.js';
import { type RecordFlavour, newEditionRecord, withCopies } from './edition-record.js';
import type { JobStore } from './job-store.js';
import { mergedEdition } from './merged-edition.js';
import { IMPORTED_STATE, type WebRabisEbook, webRabisEbookSchema } from './web-rabis-ebook.js';

/** Where the outputs go, and how records are written. */
export interface WriteOptions {
  out: string;
  layout: MapperLayout;
  flavour: RecordFlavour;
  branches: BranchDirectory;
  /** Prefix of the 001 of new records; the edition's number follows, 7 digits. */
  idPrefix: string;
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
  try {
    // The copy rows by edition, in edition order. Editions are numbered in the order of their first row,
    // so this is the order of the export; a catalog record that receives copies from several editions
    // is written once, where its first edition comes.
    const copyRows = db.prepare<[], { edition: number; line: number; data: string; catalog: number | null }>(
      `SELECT re.edition AS edition, re.line AS line, r.data AS data, e.catalog AS catalog
       FROM row_editions re JOIN rows r ON r.line = re.line JOIN editions e ON e.id = re.edition
       WHERE r.kind = 'copies' ORDER BY re.edition, re.line`,
    );
    const firstEditionOf = new Map<number, number>();
    for (const r of db
      .prepare<[], { catalog: number; edition: number }>(
        "SELECT e.catalog AS catalog, MIN(e.id) AS edition FROM editions e WHERE e.catalog IS NOT NULL AND EXISTS (SELECT 1 FROM row_editions re JOIN rows r ON r.line = re.line WHERE re.edition = e.id AND r.kind = 'copies') GROUP BY e.catalog",
      )
      .iterate()) {
      firstEditionOf.set(r.catalog, r.edition);
    }
    const rowsOfCatalog = db.prepare<[number], { data: string; line: number; score: number | null; explanation: string | null }>(
      "SELECT r.data, r.line, e.score, e.explanation FROM editions e JOIN row_editions re ON re.edition = e.id JOIN rows r ON r.line = re.line WHERE e.catalog = ? AND r.kind = 'copies' ORDER BY r.line",
    );
    type Target = { edition: number; catalog: number | null; rows: CopyRow[] };
    const targets = async function* (): AsyncGenerator<Target> {
      let current: Target | undefined;
      for (const r of copyRows.iterate()) {
        if (current && current.edition !== r.edition) {
          yield current;
          current = undefined;
        }
        if (r.catalog !== null) {
          // Copies for a catalog record: written whole at the record's first edition, skipped at the others.
          if (current === undefined && firstEditionOf.get(r.catalog) === r.edition) current = { edition: r.edition, catalog: r.catalog, rows: [] };
          continue;
        }
        current ??= { edition: r.edition, catalog: null, rows: [] };
        current.rows.push(JSON.parse(r.data) as CopyRow);
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
        rows = found.map((r) => JSON.parse(r.data) as CopyRow);
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
      if (lost.length) {
        counts.notInMarc += lost.length;
        kitap.notInMarc = describeLost(lost, copies);
      }
      await records.add(writeIso2709(withCopyFields));
      counts.records++;
      await jsonl.add(`${JSON.stringify(ebook(edition, copies, options.branches, kitap))}\n`);
      counts.ebooks++;
      counts.copies += copies.length;
    }

    await rejects.add(`\ufeff${stringify([['line', 'offset', 'code', 'column', 'message', 'related', 'raw']])}`);
    for (const r of db
      .prepare<[], { line: number; offset: number | null; code: string; col: string | null; message: string; related: string | null; raw: string }>(
        "SELECT line, offset, code, col, message, related, raw FROM rows WHERE kind = 'reject' ORDER BY line",
      )
      .iterate()) {
      await rejects.add(stringify([[r.line, r.offset ?? '', r.code, r.col ?? '', r.message, r.related ?? '', r.raw]]));
      counts.rejects++;
    }
    await batches.add(`\ufeff${stringify([['line', 'kind', 'copies', 'sum', 'branch', 'title', 'batch', 'raw']])}`);
    for (const r of db.prepare<[], { line: number; kind: string; data: string | null; raw: string; message: string | null }>("SELECT line, kind, data, raw, message FROM rows WHERE kind IN ('batch', 'already') ORDER BY line").iterate()) {
      if (r.kind === 'batch') {
        const b = JSON.parse(r.data!) as BatchRow;
        await batches.add(stringify([[r.line, b.reason, b.copies, formatMoneyDecimal(b.money), b.branch, b.title ?? '', b.batch ?? '', r.raw]]));
      } else {
        const c = JSON.parse(r.data!) as CopyRow;
        await batches.add(stringify([[r.line, 'already-in-catalog', c.copies.length, formatMoneyDecimal(c.money), c.branch, c.edition.title, c.batch ?? '', r.raw]]));
      }
      counts.batches++;
    }
  } catch (error) {
    for (const f of [records, jsonl, rejects, batches]) await f.file.abort().catch(() => undefined);
    throw error;
  }
  for (const f of [records, jsonl, rejects, batches]) await f.close();
  return counts;
}

/** The canonical copies of a row, in the order of its inventory numbers. */
export function copiesOfRow(row: CopyRow): Copy[] {
  return row.copies.map((c) => {
    const copy: Copy = { inventoryNumber: c.inventoryNumber, branch: row.branch, status: 'available', price: c.price };
    if (row.department !== undefined) copy.department = row.department;
    // A barcode belongs to one copy: a row that stands for several cannot give it to all.
    if (row.barcode !== undefined && row.copies.length === 1) copy.barcode = row.barcode;
    if (row.dateReceived !== undefined) copy.dateReceived = row.dateReceived;
    if (row.batch !== undefined) copy.accessionBatch = row.batch;
    if (row.source !== undefined) copy.source = row.source;
    if (row.receiptAct !== undefined) copy.receiptAct = row.receiptAct;
    if (row.note !== undefined) copy.notes = [row.note];
    return copy;
  });
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

function ebook(edition: EditionData, copies: readonly Copy[], branches: BranchDirectory, kitap: WebRabisEbook['kitap']): WebRabisEbook {
  const year = edition.year === undefined ? undefined : String(edition.year);
  const source: WebRabisEbook['sources'][number] = { title: edition.title };
  if (edition.author !== undefined) source.authors = edition.author;
  if (edition.isbn !== undefined) source.isbn = edition.isbn;
  if (year !== undefined) source.year = year;
  const publishing: WebRabisEbook['publishings'][number] = {};
  if (edition.place !== undefined) publishing.placeEdition = edition.place;
  if (edition.publisher !== undefined) publishing.publishingHouse = edition.publisher;
  if (year !== undefined) publishing.yearEdition = year;
  const siglas = [...new Set(copies.map((c) => c.branch!))].map((sigla) => ({ sigla }));
  const inv = copies.map((copy) => {
    const result = toWebRabisInv(copy, {
      department: (c: Copy) => {
        const branch = c.branch === undefined ? undefined : branches.byCode(c.branch);
        if (!branch) return undefined;
        const department = c.department === undefined ? undefined : branch.departments?.find((d) => d.code === c.department);
        return department ? { code: `${branch.code}/${department.code}`, name: `${branch.name}, ${department.name}` } : { code: branch.code, name: branch.name };
      },
    });
    // Every mapped copy has an inventory number, a branch of the directory and a status: a failure here is a bug.
    if (!result.ok) throw new KitapError('E_INTERNAL', `copy ${copy.inventoryNumber ?? '?'} cannot become a Web-RABIS copy: ${result.reason} (lines ${kitap.sourceLines.join(', ')})`);
    return result.inv;
  });
  const doc: WebRabisEbook = { state: { ...IMPORTED_STATE }, title: edition.title, sources: [source], publishings: Object.keys(publishing).length ? [publishing] : [], siglas, inv, kitap };
  if (edition.author !== undefined) doc.author = edition.author;
  if (edition.volume !== undefined) doc.volumeNumber = edition.volume;
  if (edition.bbk !== undefined) doc.bbk = edition.bbk;
  if (edition.udc !== undefined) doc.udc = edition.udc;
  if (edition.language !== undefined) doc.language = { language: edition.language };
  const checked = webRabisEbookSchema.safeParse(doc);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new KitapError('E_INTERNAL', `a web-rabis.jsonl document does not fit its schema at ${issue.path.join('.')}: ${issue.message} (lines ${kitap.sourceLines.join(', ')})`);
  }
  return checked.data;
}
