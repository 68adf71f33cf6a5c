import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AtomicFile, stableZipTimes } from '@kitap/core';
import { type CopyLayout, copyFields } from '@kitap/holdings';
import { OUTPUT_FILES } from '@kitap/inventory';
import { readRecords } from '@kitap/marc';
import { dedupSettings } from '../../job/dedup-settings.js';
import { atomicConcat, atomicCopy } from '../atomic-copy.js';
import { jsonlLines } from '../jsonl-lines.js';
import { migrationLedger } from '../migration-ledger.js';
import { ledgerOnlyHtml, ledgerPreface } from '../migration-report.js';
import { countRecordTerminators } from '../record-count.js';
import type { StageContext, StageSpec } from '../stage.js';

/** The holdings the package delivers: after the acts when there were acts, else straight from the inventory. */
function holdings(ctx: StageContext): { records: string; jsonl: string } {
  if (ctx.options.acts?.length) return { records: ctx.paths.acts.records, jsonl: ctx.paths.acts.jsonl };
  return { records: ctx.paths.inventory.catalog, jsonl: join(ctx.paths.inventory.dir, OUTPUT_FILES.webRabis) };
}

/** Every reject file of every stage, under the name it gets in `<dir>/rejects/`. */
function rejectFiles(ctx: StageContext): [string, string][] {
  const p = ctx.paths;
  return [
    [p.convert.rejects, 'catalog-convert.ndjson'],
    [p.clean.rejects, 'catalog-clean.ndjson'],
    [p.dedup.rejects, 'catalog-dedup.ndjson'],
    [p.dedup.mergeRejects, 'catalog-merge.ndjson'],
    [join(p.inventory.dir, OUTPUT_FILES.rejects), 'inventory-rows.csv'],
    [join(p.inventory.dir, OUTPUT_FILES.batches), 'inventory-batches.csv'],
    // Only when acts are applied in this run: a folder once run with acts keeps the file under work/.
    ...(ctx.options.acts?.length ? [[p.acts.notApplied, 'acts-not-applied.ndjson'] as [string, string]] : []),
  ];
}

/** Every name kitap may deliver in `rejects/`: the files it replaces or removes there (any other file is the user's). */
const REJECT_NAMES = ['catalog-convert.ndjson', 'catalog-clean.ndjson', 'catalog-dedup.ndjson', 'catalog-merge.ndjson', 'inventory-rows.csv', 'inventory-batches.csv', 'acts-not-applied.ndjson'];

/** Copies in the delivered records, every copy layout counted (as dedup and merge count them). */
async function countMarcCopies(records: string, layouts: readonly CopyLayout[]): Promise<number> {
  let n = 0;
  for await (const item of readRecords(records, { format: 'iso2709', file: records, encoding: 'utf-8', mode: 'strict' })) if (item.kind === 'record') n += copyFields(item.record, layouts).length;
  return n;
}

async function countInv(jsonl: string): Promise<number> {
  let n = 0;
  for await (const line of jsonlLines(jsonl)) n += ((JSON.parse(line) as { inv?: unknown[] }).inv ?? []).length;
  return n;
}

/** The deliverables at the top of `<dir>`: the Web-RABIS package, the rejects, the journal, the review list, the report and the ledger. */
export const packageStage: StageSpec = {
  stage: 'package',
  unit: 'files',
  inputs: (ctx) => {
    const h = holdings(ctx);
    return [h.records, h.jsonl, ctx.paths.clean.journal, ctx.paths.dedup.journal, ctx.paths.dedup.review, ctx.paths.reconcile.findings, ctx.paths.reconcile.reportHtml, ctx.paths.reconcile.reportXlsx, ...rejectFiles(ctx).map(([f]) => f)];
  },
  settings: (ctx) => ({ ledger: ['convert', 'clean', 'dedup', 'inventory', 'acts', 'reconcile'].map((s) => ctx.summaries[s as 'convert'] ?? null) }),
  outputs: (ctx) => Object.values(ctx.paths.out).filter((p) => p !== ctx.paths.out.rejects && (p !== ctx.paths.out.findings || Boolean(ctx.options.acts?.length))),
  async run(ctx) {
    const out = ctx.paths.out;
    const h = holdings(ctx);
    await atomicCopy(h.records, out.records);
    await atomicCopy(h.jsonl, out.jsonl);
    await atomicConcat([ctx.paths.clean.journal, ctx.paths.dedup.journal], out.journal);
    if (existsSync(ctx.paths.dedup.review)) await atomicCopy(ctx.paths.dedup.review, out.review);
    await mkdir(out.rejects, { recursive: true });
    // kitap's own reject files of an earlier run go; a file the library keeps there (a signed acceptance …) stays.
    for (const old of await readdir(out.rejects)) if (REJECT_NAMES.includes(old)) await rm(join(out.rejects, old), { force: true });
    const rejects: string[] = [];
    for (const [from, name] of rejectFiles(ctx)) {
      if (!existsSync(from)) continue;
      await atomicCopy(from, join(out.rejects, name));
      rejects.push(name);
    }
    const records = (await countRecordTerminators(out.records)) ?? 0;
    const copies = await countInv(out.jsonl);
    const inputRecords = ctx.summaries[ctx.options.acts?.length ? 'acts' : 'inventory']?.ledger.find((r) => r.unit === 'records')?.out ?? 0;
    const inputCopies = (ctx.options.acts?.length ? (ctx.summaries.acts?.copiesFrom1C as number | undefined) : ctx.summaries.inventory?.ledger.find((r) => r.unit === 'copies')?.out) ?? 0;
    const catalogCopies = ctx.summaries.dedup?.ledger.find((r) => r.unit === 'copies')?.out ?? 0;
    const mappedCopies = ctx.summaries.inventory?.ledger.find((r) => r.unit === 'copies')?.out ?? 0;
    const marcCopies = await countMarcCopies(out.records, dedupSettings(ctx.options.config).config.layouts);
    const summary = {
      line: `records.mrc: ${records} records with ${marcCopies} copies; web-rabis.jsonl: ${copies} copies from 1C; rejects/: ${rejects.length} files`,
      ledger: [
        { stage: 'package' as const, unit: 'records' as const, in: inputRecords, out: records, rejected: 0, filtered: 0 },
        { stage: 'package' as const, unit: 'copies' as const, in: inputCopies, out: copies, rejected: 0, filtered: 0, note: 'copies from 1C in web-rabis.jsonl' },
        { stage: 'package' as const, unit: 'copies' as const, in: catalogCopies + mappedCopies, out: marcCopies, rejected: 0, filtered: 0, note: `copies in records.mrc: the catalog's own after the merge (${catalogCopies}) and those from 1C (${mappedCopies})` },
      ],
      rejectFiles: rejects,
    };
    const ledger = migrationLedger({ ...ctx.summaries, package: summary });
    if (ctx.options.acts?.length) {
      await atomicCopy(ctx.paths.reconcile.findings, out.findings);
      await atomicCopy(ctx.paths.reconcile.reportHtml, out.reportHtml);
      await atomicCopy(ctx.paths.reconcile.reportXlsx, out.reportXlsx);
    } else {
      await rm(out.findings, { force: true });
      await writeAtomically(out.reportHtml, ledgerOnlyHtml(ledger, `kitap migrate, as of ${ctx.asOf}`));
      await writeLedgerXlsx(out.reportXlsx, ledgerPreface(ledger).rows, ctx.asOf);
    }
    await writeAtomically(out.ledger, `${JSON.stringify(ledger, null, 1)}\n`);
    return { ...summary, balanced: ledger.balanced };
  },
};

async function writeAtomically(path: string, text: string): Promise<void> {
  const file = new AtomicFile(path);
  await file.write(text);
  await file.close();
}

/** report.xlsx of a migration without acts: the ledger sheet alone. */
async function writeLedgerXlsx(path: string, rows: readonly (readonly (string | number)[])[], asOf: string): Promise<void> {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  book.creator = 'kitap';
  book.created = new Date(`${asOf}T00:00:00Z`);
  book.modified = new Date(`${asOf}T00:00:00Z`);
  const sheet = book.addWorksheet('Миграция', { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const r of rows) sheet.addRow([...r]);
  sheet.getRow(1).font = { bold: true };
  const file = new AtomicFile(path);
  await file.write(stableZipTimes(Buffer.from(await book.xlsx.writeBuffer()), asOf));
  await file.close();
}
