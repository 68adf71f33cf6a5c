import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AtomicFile, KitapError, removeStaleTempFiles } from '@kitap/core';
import type { DedupConfig } from '@kitap/dedup';
import type { BranchDirectory, MapperLayout } from '@kitap/holdings';
import type { CharsetName } from '@kitap/marc';
import { type AttachThresholds, attachStage, attachThresholdsSchema, indexCatalog } from './catalog-stage.js';
import type { RecordFlavour } from './edition-record.js';
import { groupStage } from './group-stage.js';
import { type InventoryReport, buildReport } from './inventory-report.js';
import { JobStore, asJobStateError } from './job-store.js';
import { type Mapping, inventoryOptions, parseMapping } from './mapping.js';
import { type ReadLayout, readStage } from './read-stage.js';
import { type OpenTable, type TableFormat, openTable } from './sources/open-table.js';
import { OUTPUT_FILES, type WriteCounts, writeStage } from './write-stage.js';
import { makeOutputFolder } from './output-folder.js';

export interface InventoryJobOptions {
  input: string;
  out: string;
  format?: TableFormat | undefined;
  encoding?: CharsetName | undefined;
  mapping?: Mapping | undefined;
  catalog?: string | undefined;
  catalogEncoding?: string | undefined;
  layout: MapperLayout;
  flavour: RecordFlavour;
  branches: BranchDirectory;
  dedup: DedupConfig;
  attach?: AttachThresholds | undefined;
  idPrefix?: string | undefined;
  /** Called after each committed batch of a stage (progress; tests use it to kill the process mid-run). */
  onCheckpoint?: ((stage: string, done: number) => void) | undefined;
  log?: ((line: string) => void) | undefined;
}

export interface InventoryResult {
  report: InventoryReport;
  written: WriteCounts;
  resumed: boolean;
  stagesSkipped: string[];
}

/** The job state's file in the output folder. */
export const JOB_FILE = 'job.sqlite';

/**
 * What identifies an input for resuming: its path, size and the SHA-256 of its bytes. (Size and
 * modification time alone would take a corrected export put back with its old time — `cp -p`,
 * an archive — for the old one, and resume with the old rows.)
 */
async function fileStamp(path: string): Promise<{ path: string; size: number; sha256: string }> {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new KitapError('E_INPUT', 'this is a folder; give the file', { file: path });
    size = stat.size;
  } catch (error) {
    if (error instanceof KitapError) throw error;
    throw new KitapError('E_INPUT', 'cannot open the file: no such file', { file: path });
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return { path: resolve(path), size, sha256: hash.digest('hex') };
}

/**
 * `kitap inventory`: a 1C export (CSV, XLSX, DBF, XML) into Web-RABIS
 * structures, as one resumable job in `<out>/job.sqlite`:
 * catalog index (with `--catalog`) → read and classify rows → group into
 * editions → attach to catalog records → write records.mrc, web-rabis.jsonl,
 * rejects.csv, batches.csv and report.json. A stage finished by an earlier run
 * with the same input and options is not repeated; the outputs are always
 * rewritten from the store, so they come out byte-identical.
 */
export async function runInventory(options: InventoryJobOptions): Promise<InventoryResult> {
  const log = options.log ?? (() => {});
  const mapping = options.mapping ?? parseMapping({});
  const inventoryNumbers = inventoryOptions(mapping);
  const format = options.format ?? mapping.format;
  const encoding = options.encoding ?? (mapping.encoding as CharsetName | undefined);
  const attach = options.attach ?? attachThresholdsSchema.parse({});
  makeOutputFolder(options.out);
  // A run killed while writing leaves its half-written outputs as hidden temporary files: never delivered, removed here.
  const stale = removeStaleTempFiles(options.out);
  if (stale) log(`removed ${stale} temporary file(s) a killed run left in ${options.out}`);
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify({
        // The layout of job.sqlite: a state left by an older kitap is thrown away, not resumed.
        version: 5,
        input: await fileStamp(options.input),
        catalog: options.catalog === undefined ? null : await fileStamp(options.catalog),
        format: format ?? null,
        encoding: encoding ?? null,
        catalogEncoding: options.catalogEncoding ?? null,
        mapping,
        layout: options.layout,
        flavour: options.flavour,
        branches: options.branches.branches,
        dedup: options.dedup,
        attach,
        idPrefix: options.idPrefix ?? null,
      }),
    )
    .digest('hex');
  const { store, resumed } = JobStore.open(join(options.out, JOB_FILE), fingerprint);
  const skipped: string[] = [];
  try {
    if (resumed) log(`resuming the run in ${join(options.out, JOB_FILE)} (stage reached: ${store.meta('stage')})`);
    if (options.catalog !== undefined) {
      if (store.done('catalog')) skipped.push('catalog');
      else {
        log(`indexing the catalog ${options.catalog}`);
        await indexCatalog(store, options.catalog, { encoding: options.catalogEncoding, inventoryNumbers, branches: options.branches });
      }
    }
    let layout: ReadLayout;
    let table: Pick<OpenTable, 'format' | 'encoding' | 'notes' | 'delimiter'>;
    if (store.done('read')) {
      skipped.push('read');
      layout = JSON.parse(store.meta('read.layout')!) as ReadLayout;
      table = JSON.parse(store.meta('read.table')!) as typeof table;
    } else {
      const opened = await openTable(options.input, {
        ...(format ? { format } : {}),
        ...(encoding ? { encoding } : {}),
        ...(mapping.delimiter ? { delimiter: mapping.delimiter } : {}),
        ...(mapping.sheet !== undefined ? { sheet: mapping.sheet } : {}),
        ...(mapping.xmlRow ? { xmlRow: mapping.xmlRow } : {}),
      });
      table = { format: opened.format, notes: [...opened.notes], ...(opened.encoding ? { encoding: opened.encoding } : {}), ...(opened.delimiter ? { delimiter: opened.delimiter } : {}) };
      store.setMeta('read.table', JSON.stringify(table));
      for (const note of opened.notes) log(note);
      const totals = mapping.totals.map((t) => new RegExp(t, 'iu'));
      const readStarted = Date.now();
      layout = await readStage(store, opened, mapping, { branches: options.branches, inventoryNumbers, totals, defaults: mapping.defaults, record: { flavour: options.flavour, layout: options.layout } }, options.input, (n) => options.onCheckpoint?.('read', n), log);
      // Some notes arrive while reading (the XLSX sheet chosen, DBF records marked deleted).
      const early = table.notes.length;
      table = { ...table, notes: [...opened.notes] };
      for (const note of opened.notes.slice(early)) log(note);
      // The notes and the stage's end in one transaction: a resumed run never lacks them.
      store.db.transaction(() => {
        store.setMeta('read.table', JSON.stringify(table));
        store.markDone('read');
      })();
      log(`read the rows: ${((Date.now() - readStarted) / 1000).toFixed(1)} s`);
    }
    let t = Date.now();
    const lap = (stage: string): void => {
      log(`${stage}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
      t = Date.now();
    };
    if (store.done('group')) skipped.push('group');
    else {
      groupStage(store);
      lap('grouped the rows into editions');
    }
    options.onCheckpoint?.('group', 0);
    if (options.catalog !== undefined) {
      if (store.done('attach')) skipped.push('attach');
      else {
        attachStage(store, options.dedup, attach, options.flavour);
        lap('matched the editions against the catalog');
      }
      options.onCheckpoint?.('attach', 0);
    }
    const written = await writeStage(store, { out: options.out, layout: options.layout, flavour: options.flavour, branches: options.branches, idPrefix: options.idPrefix ?? '1C', progress: (n) => options.onCheckpoint?.('write', n) });
    lap('wrote the outputs');

    const columns: Record<string, string> = {};
    for (const [id, index] of Object.entries(layout.columns)) columns[id] = layout.header[index]?.trim() || `column ${index + 1}`;
    const input: InventoryReport['input'] = { file: options.input, format: table.format, columns, unmappedHeadings: layout.unmapped, notes: table.notes };
    if (table.encoding) input.encoding = table.encoding;
    if (layout.headerLine !== undefined) input.headerLine = layout.headerLine;
    const base: Pick<InventoryReport, 'input' | 'catalog'> = { input };
    if (options.catalog !== undefined) {
      const n = store.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM catalog').get()!.n;
      const rejected = store.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM catalog_rejects').get()!.n;
      base.catalog = { file: options.catalog, records: n, rejected };
    }
    const report = buildReport(store, base);
    // What the writers wrote must be what the store says was mapped.
    const written_ = report.ledger.stages['written']!;
    if (written.copies !== written_.out || written.rejects !== report.totals.rows.rejected) {
      report.ledger.balanced = false;
    }
    const file = new AtomicFile(join(options.out, OUTPUT_FILES.report));
    await file.write(`${JSON.stringify(report, null, 1)}\n`);
    await file.close();
    if (!report.ledger.balanced) {
      throw new KitapError('E_LEDGER', `the inventory ledger does not balance (see ${join(options.out, OUTPUT_FILES.report)}): ${JSON.stringify(report.ledger.stages)}`);
    }
    return { report, written, resumed, stagesSkipped: skipped };
  } catch (error) {
    throw asJobStateError(error, join(options.out, JOB_FILE));
  } finally {
    store.close();
  }
}

/** Writes a detected mapping file (for `--detect`). */
export async function writeMappingFile(path: string, mapping: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(mapping, null, 2)}\n`);
}
