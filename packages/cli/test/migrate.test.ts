import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BranchDirectory, COPY_MAPPERS, KARAGANDA_CBS, parseInventoryNumber } from '@kitap/holdings';
import { readRecords } from '@kitap/marc';
import { MigrationStore } from '@kitap/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from './helpers.js';
import { expectSameFiles, migrationFiles as files } from './migration-folder.js';

/**
 * The whole sample migration end to end, run as a user runs it: the built
 * binary, in a folder of its own (`--out out`, so every path the outputs name
 * is the same from run to run). What the sample plants is in
 * fixtures/sample/migration/planted.json.
 */
const SAMPLE = join(ROOT, 'fixtures/sample/migration');
const planted = JSON.parse(readFileSync(join(SAMPLE, 'planted.json'), 'utf8')) as Planted;

interface PlantedFinding {
  code: string;
  file: string;
  line: number;
  inventoryNumber?: string;
}
interface Planted {
  convert: { read: number; written: number; rejectsByCode: Record<string, number> };
  fix: { byRule: Record<string, number> };
  dedup: { matchClusters: number; reviewClusters: number; mergedAway: number; recordsAfterMerge: number; copies: number };
  dedupReview: { members: string[] }[];
  inventory: { ledger: { rows: { read: number; mapped: number; rejected: { total: number; byCode: Record<string, number> }; batchLevel: number; filtered: { total: number } }; copies: { expected: number; mapped: number; rejected: number } } };
  actTotals: { acts: number; lines: number; withdrawn: { copies: number; sum: number; kazCopies: number; kazSum: number } };
  withdrawals: { inventoryNumber: string; status: string }[];
  moves: unknown[];
  findings: PlantedFinding[];
}

const ARGS = ['migrate', '--catalog', join(SAMPLE, 'catalog.iso'), '--inventory', join(SAMPLE, 'inventory-1c.csv'), '--acts', join(SAMPLE, 'acts'), '--out', 'out', '--as-of', '2024-01-15', '--year', '2023'];
function migrate(cwd: string, extra: string[] = []) {
  return spawnSync(process.execPath, [BIN, ...ARGS, ...extra], { cwd, env: { ...process.env, KITAP_NO_PROGRESS: '1' }, encoding: 'utf8' });
}

interface LedgerRow {
  stage: string;
  unit: string;
  in: number;
  out: number;
  rejected: number;
  filtered: number;
  balanced: boolean;
}
function ledgerOf(dir: string): { balanced: boolean; stages: LedgerRow[]; links: { check: string; equal: boolean }[] } {
  return JSON.parse(readFileSync(join(dir, 'ledger.json'), 'utf8'));
}
function row(rows: LedgerRow[], stage: string, unit: string): LedgerRow {
  const found = rows.filter((r) => r.stage === stage && r.unit === unit);
  expect(found.length, `${stage} ${unit}`).toBeGreaterThan(0);
  return found[0]!;
}

/** A small seeded generator, so the "random" kill points are the same on every run of the tests. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Starts the job, kills it (SIGKILL) after `ms`, and waits for it to be gone; false when it finished before the kill. */
function killAfter(cwd: string, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...ARGS], { cwd, env: { ...process.env, KITAP_NO_PROGRESS: '1' }, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal === 'SIGKILL');
    });
  });
}

describe('kitap migrate on the bundled sample', () => {
  let first: string;
  let firstRun: ReturnType<typeof migrate>;
  let out: string;
  let reference: Map<string, Buffer>;

  beforeAll(() => {
    first = tempDir();
    firstRun = migrate(first);
    out = join(first, 'out');
    reference = files(out);
  }, 180_000);

  it('finishes with exit 1 (the sample plants rejects and audit errors), prints the ledger and where the report is', () => {
    expect(firstRun.status, firstRun.stderr).toBe(1);
    expect(firstRun.stderr).toContain('report: out/report.html');
    expect(firstRun.stderr).toContain('6 doubtful duplicate clusters wait for a decision: kitap serve out');
    for (const f of ['records.mrc', 'web-rabis.jsonl', 'rejects', 'journal.jsonl', 'review.xlsx', 'report.xlsx', 'report.html', 'ledger.json', 'findings.json']) expect(existsSync(join(out, f)), f).toBe(true);
  });

  it('balances its ledger, stage by stage and across the hand-overs, with the counts the sample plants', () => {
    const ledger = ledgerOf(out);
    expect(ledger.balanced).toBe(true);
    expect(ledger.stages.every((r) => r.balanced)).toBe(true);
    expect(ledger.links.length).toBeGreaterThanOrEqual(6);
    expect(ledger.links.every((l) => l.equal)).toBe(true);
    const s = ledger.stages;
    const rejectedOnConvert = Object.values(planted.convert.rejectsByCode).reduce((a, b) => a + b, 0);
    expect(row(s, 'convert', 'records')).toMatchObject({ in: planted.convert.read, out: planted.convert.written, rejected: rejectedOnConvert });
    expect(row(s, 'clean', 'records')).toMatchObject({ in: planted.convert.written, out: planted.convert.written, rejected: 0 });
    expect(row(s, 'dedup', 'records')).toMatchObject({ in: planted.convert.written, out: planted.dedup.recordsAfterMerge, filtered: planted.dedup.mergedAway });
    expect(row(s, 'dedup', 'copies')).toMatchObject({ in: planted.dedup.copies, out: planted.dedup.copies });
    const rows = planted.inventory.ledger.rows;
    expect(row(s, 'inventory', 'rows')).toMatchObject({ in: rows.read, out: rows.mapped, rejected: rows.rejected.total, filtered: rows.batchLevel + rows.filtered.total });
    const copies = planted.inventory.ledger.copies;
    expect(row(s, 'inventory', 'copies')).toMatchObject({ in: copies.expected, out: copies.mapped, rejected: copies.rejected });
    // Every act line is applied or left for the audit; the one dated before its copy came is not applied.
    const beforeReceipt = planted.findings.filter((f) => f.code === 'ACT_BEFORE_RECEIPT').length;
    expect(row(s, 'acts', 'act lines')).toMatchObject({ in: planted.actTotals.lines, out: planted.withdrawals.length + planted.moves.length - beforeReceipt });
    // records.mrc holds the catalog's own copies after the merge and every copy mapped from 1C.
    const packaged = s.filter((r) => r.stage === 'package' && r.unit === 'copies');
    expect(packaged.map((r) => r.out).sort((a, b) => a - b)).toEqual([copies.mapped, planted.dedup.copies + copies.mapped]);
  });

  it('rejects exactly the planted records, each with its code, into rejects/', () => {
    const lines = readFileSync(join(out, 'rejects', 'catalog-convert.ndjson'), 'utf8').trim().split('\n');
    const codes: Record<string, number> = {};
    for (const l of lines) {
      const r = JSON.parse(l) as { code: string };
      codes[r.code] = (codes[r.code] ?? 0) + 1;
    }
    expect(codes).toEqual(planted.convert.rejectsByCode);
    const inventoryRejects = readFileSync(join(out, 'rejects', 'inventory-rows.csv'), 'utf8').trim().split('\n').slice(1);
    expect(inventoryRejects).toHaveLength(planted.inventory.ledger.rows.rejected.total);
  });

  it('fixes what the planted defects call for, and journals every change', () => {
    const report = JSON.parse(readFileSync(join(out, 'work/clean/report.json'), 'utf8')) as { changesByRule: Record<string, number> };
    expect(report.changesByRule).toEqual(planted.fix.byRule);
    const journal = readFileSync(join(out, 'journal.jsonl'), 'utf8');
    const changes = journal.split('\n').filter((l) => l.includes('"type":"change"')).length;
    expect(changes).toBe(Object.values(planted.fix.byRule).reduce((a, b) => a + b, 0));
  });

  it('queues the planted doubtful duplicates for review, and nothing else', () => {
    const store = MigrationStore.open(join(out, 'migrate.sqlite'));
    try {
      const keys = store.queue().map((q) => q.key).sort();
      expect(keys).toEqual(planted.dedupReview.map((r) => [...r.members].sort().join('|')).sort());
      expect(store.stages().map((s) => s.status)).toEqual(['done', 'done', 'done', 'done', 'done', 'done', 'done']);
    } finally {
      store.close();
    }
  });

  it('reports exactly the planted act discrepancies, and the withdrawal table of the year', () => {
    const findings = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as { findings: { code: string; file?: string; line?: number }[] };
    const place = (f: { code: string; file?: string; line?: number }): string => `${f.code} ${(f.file ?? '').replace(/^.*acts[\\/]/, 'acts/')}:${f.line ?? ''}`;
    expect(findings.findings.map(place).sort()).toEqual(planted.findings.map(place).sort());
    // Every discrepancy of the sample is about an act: each names it (number, date) and its library,
    // also those about the act as a whole (a wrong total at the form's «Итого» row, a number listed twice).
    const acts = findings.findings as { code: string; act?: { number: string; date: string; branch?: string } }[];
    for (const f of acts) expect(f.act, f.code).toMatchObject({ number: expect.stringMatching(/^\d+$/), date: expect.stringMatching(/^2023-\d\d-\d\d$/), branch: expect.any(String) });
    const summary = JSON.parse(readFileSync(join(out, 'work/reconcile/summary.json'), 'utf8')) as { withdrawals: { total: { copies: number; sum: number; kazakh: { copies: number; sum: number } } } };
    const w = planted.actTotals.withdrawn;
    expect(summary.withdrawals.total).toMatchObject({ copies: w.copies, sum: w.sum, kazakh: { copies: w.kazCopies, sum: w.kazSum } });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<section id="migration"><h2>Миграция</h2>');
    expect(html).toContain('учёт сходится');
  });

  it('delivers every copy an act withdrew with its status, act and reason — never deleted', async () => {
    const branches = BranchDirectory.fromJson(KARAGANDA_CBS);
    const keyOf = (raw: string): string => {
      const n = parseInventoryNumber(raw, { branchPrefixes: 'strip' }, branches);
      return n.ok ? n.value.key : raw;
    };
    const expected = new Map(planted.withdrawals.map((w) => [w.inventoryNumber, w]));
    const seen = new Map<string, string>();
    for await (const item of readRecords(join(out, 'records.mrc'), { format: 'iso2709' })) {
      if (item.kind !== 'record') continue;
      for (const { copy } of COPY_MAPPERS['852/876'].read(item.record)) {
        if (copy.inventoryNumber !== undefined && expected.has(keyOf(copy.inventoryNumber))) seen.set(keyOf(copy.inventoryNumber), copy.status ?? 'available');
      }
    }
    // Every withdrawn copy is still there; the one an act dated before its receipt did not take stays active for people to resolve.
    const beforeReceipt = new Set(planted.findings.filter((f) => f.code === 'ACT_BEFORE_RECEIPT').map((f) => f.inventoryNumber));
    expect([...seen.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [inv, w] of expected) expect(`${inv} ${seen.get(inv)}`).toBe(`${inv} ${beforeReceipt.has(inv) ? 'available' : w.status}`);
    const jsonl = readFileSync(join(out, 'web-rabis.jsonl'), 'utf8');
    const states = new Map<string, string>();
    for (const line of jsonl.trim().split('\n')) for (const c of (JSON.parse(line) as { inv: { invNumber: string; state: { code: string } }[] }).inv) states.set(keyOf(c.invNumber), c.state.code);
    for (const [inv, w] of expected) if (states.has(inv) && !beforeReceipt.has(inv)) expect(`${inv} ${states.get(inv)}`).toBe(`${inv} ${w.status}`);
  });

  it('gives the same bytes in a fresh folder, and skips every finished stage when run again', () => {
    const second = tempDir();
    expect(migrate(second).status).toBe(1);
    expectSameFiles(files(join(second, 'out')), reference);
    const again = migrate(second);
    expect(again.status).toBe(1);
    expect(again.stderr.match(/already done, inputs unchanged/g)).toHaveLength(7);
    expectSameFiles(files(join(second, 'out')), reference);
  }, 180_000);

  it('killed at random points and started again, ends with the same bytes as an uninterrupted run', async () => {
    const random = seeded(20261126);
    for (let n = 0; n < 3; n++) {
      const dir = tempDir();
      const ms = 800 + Math.floor(random() * 9000);
      const killed = await killAfter(dir, ms);
      const resumed = migrate(dir);
      expect(resumed.status, `killed after ${ms} ms: ${resumed.stderr}`).toBe(1);
      if (killed) expect(resumed.stderr).toMatch(/already done|started/);
      expectSameFiles(files(join(dir, 'out')), reference);
    }
  }, 300_000);

  it('applies people\'s decisions with --from dedup: a cluster decided «merge» is merged, one kept apart stays', () => {
    const dir = tempDir();
    cpSync(first, dir, { recursive: true });
    const store = MigrationStore.open(join(dir, 'out', 'migrate.sqlite'));
    const [merge, keep] = store.queue();
    store.decide(merge!.key, 'merge');
    store.decide(keep!.key, 'keep-apart');
    store.close();
    const run = migrate(dir, ['--from', 'dedup']);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain('[convert] already done');
    expect(run.stderr).toContain('1 decided merge, 1 kept apart, 4 undecided');
    const ledger = ledgerOf(join(dir, 'out'));
    expect(ledger.balanced).toBe(true);
    expect(row(ledger.stages, 'dedup', 'records')).toMatchObject({ filtered: planted.dedup.mergedAway + merge!.members.length - 1, out: planted.dedup.recordsAfterMerge - (merge!.members.length - 1) });
    const after = MigrationStore.open(join(dir, 'out', 'migrate.sqlite'));
    expect(after.queue().find((q) => q.key === merge!.key)?.decision).toBe('merge');
    after.close();
  }, 180_000);

  it('gives a corrected act file a new audit when run again in the same folder, the audit a fresh folder gives', () => {
    const dir = tempDir();
    const acts = join(dir, 'acts');
    cpSync(join(SAMPLE, 'acts'), acts, { recursive: true });
    const args = ARGS.map((a) => (a === join(SAMPLE, 'acts') ? acts : a));
    const run = (cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, KITAP_NO_PROGRESS: '1' }, encoding: 'utf8' });
    expect(run(dir).status).toBe(1);
    const before = readFileSync(join(dir, 'out', 'findings.json'), 'utf8');
    // The fund commission corrects act 4: it has 10 lines, not the 11 its stated count says (a planted ACT_TOTAL_MISMATCH).
    const csv = join(acts, 'acts-2023.csv');
    const text = readFileSync(csv, 'latin1');
    const corrected = text.replace(/^(4;31\.05\.2023;.*);11;/mu, '$1;10;');
    expect(corrected).not.toBe(text);
    writeFileSync(csv, corrected, 'latin1');
    const again = run(dir);
    expect(again.stderr).toContain('[reconcile] started');
    const after = readFileSync(join(dir, 'out', 'findings.json'), 'utf8');
    expect(after).not.toBe(before);
    const fresh = tempDir();
    cpSync(acts, join(fresh, 'acts'), { recursive: true });
    expect(run(fresh).status).toBe(1);
    expect(after).toBe(readFileSync(join(fresh, 'out', 'findings.json'), 'utf8'));
  }, 180_000);

  it('run again without acts, delivers no act rejects, and leaves the files people keep in rejects/', () => {
    const dir = tempDir();
    cpSync(first, dir, { recursive: true });
    writeFileSync(join(dir, 'out', 'rejects', 'ACCEPTED.txt'), 'Принято комиссией\n');
    const withoutActs = ARGS.filter((a, i) => a !== '--acts' && ARGS[i - 1] !== '--acts');
    const run = spawnSync(process.execPath, [BIN, ...withoutActs], { cwd: dir, env: { ...process.env, KITAP_NO_PROGRESS: '1' }, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(1);
    const rejects = readdirSync(join(dir, 'out', 'rejects')).sort();
    expect(rejects).toContain('ACCEPTED.txt');
    expect(rejects).not.toContain('acts-not-applied.ndjson');
  }, 180_000);
});
