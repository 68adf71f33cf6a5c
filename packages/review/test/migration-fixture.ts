/**
 * A migration folder made by hand from real outputs of the built CLI, until
 * `kitap migrate` writes one: the dedup fixture catalog is cleaned
 * (`kitap fix`), searched for duplicates (`kitap dedup`) and merged
 * (`kitap merge`), and the reconcile fixture is audited (`kitap reconcile`).
 * The folder then holds what the review page reads:
 * - `migrate.sqlite`: stages convert/clean/dedup done and the review queue of
 *   the doubtful clusters of dedup, members as mnemonic text of the cleaned
 *   catalog (the one dedup read);
 * - `journal.jsonl`: the fix journal followed by the merge journal;
 * - `ledger.json`: the stages of those runs in the shape of `kitap migrate`;
 * - `findings.json`: the audit's findings.
 * The intermediate files stay in `work` (beside the folder), so a test can run
 * `kitap migrate --from dedup` or `kitap merge` again on `work.cleaned`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CopyLayout, copyFields } from '@kitap/holdings';
import { type MarcRecord, mrkEncoder, readIso2709All } from '@kitap/marc';
import { MigrationStore, type ReviewCluster, reviewKey } from '@kitap/store';
import { MIGRATION_FILES } from '../src/index.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The built CLI (`pnpm build`); the test command builds it before the tests run. */
export const BIN = join(ROOT, 'packages/cli/dist/bin.js');
/** Where the browser test writes its screenshots (git-ignored). */
export const SCREENSHOTS = join(ROOT, 'test-output', 'review');

export interface KitapRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would; fails with the command's own words when it exits 2 (usage or internal error). */
export function runKitap(args: string[], options: { cwd?: string; allow?: number[] } = {}): KitapRun {
  if (!existsSync(BIN)) throw new Error(`the built CLI is missing (${BIN}): run \`npx -y pnpm@12.4.2 build\` first`);
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, KITAP_NO_PROGRESS: '1' }, encoding: 'utf8' });
  const result = { code: run.status, stdout: run.stdout, stderr: run.stderr };
  const allowed = options.allow ?? [0, 1];
  if (run.status === null || !allowed.includes(run.status)) throw new Error(`kitap ${args.join(' ')} exited ${String(run.status)}:\n${run.stderr}`);
  return result;
}

export interface MigrationFixture {
  /** The migration folder the page is served from. */
  dir: string;
  /** The intermediate outputs the folder was made from. */
  work: {
    dir: string;
    /** The cleaned catalog: what dedup read, whose record positions the review queue uses. */
    cleaned: string;
    /** `kitap dedup --report` of the cleaned catalog. */
    dedupReport: string;
    merged: string;
  };
  /** The review queue as stored, in order. */
  queue: ReviewCluster[];
}

export interface FixtureOptions {
  /** Which of the optional files to write (all by default): a migration stopped early lacks some. */
  ledger?: boolean;
  journal?: boolean;
  findings?: boolean;
}

const DEDUP_CATALOG = join(ROOT, 'fixtures', 'dedup', 'catalog.mrc');
const RECONCILE = join(ROOT, 'fixtures', 'reconcile');

interface DedupReportJson {
  config: { layouts: CopyLayout[] };
  clusters: { id: string; decision: string; score: number; members: { index: number; id: string | null }[]; why: unknown }[];
}

interface LedgerStagesJson {
  ledger: { stages: Record<string, { in: number; out: number; rejected: number; filtered: number }> };
}

/** Builds a migration folder (see the top of this file) in a new temporary folder. */
export async function buildMigrationDir(options: FixtureOptions = {}): Promise<MigrationFixture> {
  const base = mkdtempSync(join(tmpdir(), 'kitap-review-'));
  const dir = join(base, 'migration');
  const work = join(base, 'work');
  mkdirSync(dir);
  mkdirSync(work);
  const cleaned = join(work, 'cleaned.mrc');
  const dedupReport = join(work, 'dedup.json');
  const merged = join(work, 'merged.mrc');
  runKitap(['fix', DEDUP_CATALOG, '-o', cleaned]);
  runKitap(['dedup', cleaned, '--report', dedupReport]);
  runKitap(['merge', cleaned, '--decisions', dedupReport, '-o', merged]);

  const store = MigrationStore.open(join(dir, MIGRATION_FILES.store));
  const report = JSON.parse(readFileSync(dedupReport, 'utf8')) as DedupReportJson;
  const queue = await reviewClusters(cleaned, report);
  try {
    const fix = JSON.parse(readFileSync(`${cleaned}.report.json`, 'utf8')) as LedgerStagesJson;
    const merge = JSON.parse(readFileSync(`${merged}.report.json`, 'utf8')) as LedgerStagesJson;
    store.startStage('convert', 'fixture', '2026-01-05T09:00:00.000Z');
    store.finishStage('convert', fix.ledger.stages['read'], '2026-01-05T09:00:01.000Z');
    store.startStage('clean', 'fixture', '2026-01-05T09:00:01.000Z');
    store.finishStage('clean', fix.ledger.stages['fix'], '2026-01-05T09:00:02.000Z');
    store.startStage('dedup', 'fixture', '2026-01-05T09:00:02.000Z');
    store.replaceQueue(queue);
    store.finishStage('dedup', merge.ledger.stages['merge'], '2026-01-05T09:00:03.000Z');
    if (options.ledger !== false) writeFileSync(join(dir, MIGRATION_FILES.ledger), JSON.stringify(ledgerJson(fix, merge), null, 2));
  } finally {
    store.close();
  }
  if (options.journal !== false) {
    writeFileSync(join(dir, MIGRATION_FILES.journal), Buffer.concat([readFileSync(`${cleaned}.journal.jsonl`), readFileSync(`${merged}.journal.jsonl`)]));
  }
  if (options.findings !== false) {
    const audit = join(work, 'audit');
    runKitap([
      'reconcile',
      '--holdings', join(RECONCILE, 'holdings.mrc'),
      '--acts', join(RECONCILE, 'acts'),
      '--out', audit,
      '--as-of', '2025-06-30',
      '--year', '2023',
    ]);
    copyFileSync(join(audit, 'findings.json'), join(dir, MIGRATION_FILES.findings));
  }
  return { dir, work: { dir: work, cleaned, dedupReport, merged }, queue };
}

/** The doubtful clusters of a dedup report as the review queue holds them: members in mnemonic text of the catalog dedup read. */
export async function reviewClusters(catalog: string, report: DedupReportJson): Promise<ReviewCluster[]> {
  const items = await readIso2709All(readFileSync(catalog));
  const records = new Map<number, MarcRecord>();
  items.forEach((item, i) => {
    if (item.kind === 'record') records.set(item.record.place.index ?? i, item.record);
  });
  const encoder = mrkEncoder();
  return report.clusters
    .filter((c) => c.decision === 'review')
    .map((c) => ({
      key: reviewKey(c.members),
      cluster: c.id,
      score: c.score,
      members: c.members.map((m) => {
        const record = records.get(m.index);
        if (!record) throw new Error(`record ${m.index + 1} of cluster ${c.id} is not in ${catalog}`);
        return { index: m.index, id: m.id, title: titleOf(record), mnemonic: String(encoder.encode(record, m.index)), copies: copyFields(record, report.config.layouts).length };
      }),
      why: c.why,
    }));
}

function titleOf(record: MarcRecord): string {
  for (const tag of ['245', '200']) {
    const field = record.fields.find((f) => f.tag === tag);
    if (field?.kind === 'data') {
      const a = field.subfields.find((s) => s.code === 'a')?.value;
      if (a) return a.replace(/\s*[/:;=,.]\s*$/, '');
    }
  }
  return '(no title)';
}

/** The ledger in the shape `kitap migrate` writes it, from the ledgers of the runs the folder was made from. */
function ledgerJson(fix: LedgerStagesJson, merge: LedgerStagesJson): unknown {
  const read = fix.ledger.stages['read']!;
  const clean = fix.ledger.stages['fix']!;
  const dedup = merge.ledger.stages['merge']!;
  const copies = merge.ledger.stages['copies']!;
  const stages = [
    { stage: 'convert', unit: 'records', ...read },
    { stage: 'clean', unit: 'records', ...clean },
    { stage: 'dedup', unit: 'records', ...dedup, note: 'filtered: merged into their duplicates' },
    { stage: 'copies', unit: 'copies', ...copies },
  ];
  return {
    tool: 'kitap migrate',
    version: 1,
    balanced: stages.every((s) => s.in === s.out + s.rejected + s.filtered),
    stages,
    copies: { in: copies.in, out: copies.out, rejected: copies.rejected },
    // A money total to show in tiyn: the 2023 withdrawals of the reconcile fixture (summary.json).
    money: { unit: 'tiyn', withdrawn: 149_977_439 },
  };
}
