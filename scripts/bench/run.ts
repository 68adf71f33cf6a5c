/**
 * The kitap benchmark (`pnpm bench`, which builds first).
 *
 * Generates a seeded file of BENCH_RECORDS (default 100,000) MARC21 records of
 * about 2 KB in bench-data/ (git-ignored; reused while the generator and the
 * parameters are unchanged), then measures, each BENCH_RUNS (default 3) times
 * and reports the median:
 *
 *  - ISO2709 → ISO2709 with validation: `kitap convert --mode strict` vs `yaz-marcdump -i marc -o marc`;
 *  - ISO2709 → MARCXML: `kitap convert --to marcxml` vs `yaz-marcdump -i marc -o marcxml`;
 *  - full decode to objects in one process: readIso2709 touching record.fields vs marcjs's Iso2709Parser;
 *  - peak memory (max RSS) of `kitap convert` on the file and on three concatenated copies of it;
 *  - `kitap lint` with every rule of the customer's profile (JSON report to a file) and `kitap fix`
 *    with its journal, against `kitap convert` on the same file (the codec's share of the time), and
 *    lint's peak memory on the file and on the three copies;
 *  - `kitap dedup` on a labelled data set (scripts/gen-dedup-benchmark.ts, seed 42, 2,000 editions, with
 *    the corpus when present): precision of `match` and recall of `match` + `review`; and its time and
 *    memory on a ~65,000-record labelled catalog (seed 7), against `kitap convert` of the same file;
 *    with BENCH_DEDUP_1M=1 also once on a ~1,000,000-record labelled catalog (seed 11, streamed by the
 *    generator: ~1.1 GB in bench-data/dedup-1m, minutes to make and minutes to run);
 *  - `kitap inventory` on a generated 500,000-row 1C export (scripts/gen-inventory-benchmark.ts, seed 5),
 *    its time and peak memory, and its memory on a 100,000-row export (memory must not grow with the rows);
 *  - `kitap reconcile` of 1,000,000 copies (MARC, 852/876) against 100,000 act lines
 *    (scripts/gen-reconcile-benchmark.ts, seed 6), its time and peak memory.
 *
 * Prints a table and, for the full-size run (or with BENCH_WRITE_DOCS=1),
 * rewrites the marked section of docs/benchmarks.md. Exits 1 when a target is missed.
 *
 *   BENCH_RECORDS=5000 pnpm bench     # a quick run
 *   BENCH_NO_INSTALL=1                # never apt-get install yaz
 *   BENCH_DEDUP_1M=1                  # also kitap dedup on 1,000,000 records (one run)
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBenchFile, ensureConcatenated } from './bench-data.js';
import { describeMachine, ensureYaz, loadAverage } from './machine.js';
import { type RunResult, median, run } from './measure.js';
import { dedupQuality } from './dedup-quality.js';
import { type BenchReport, type Row, formatMb, formatRate, formatRatio, renderMarkdown, renderText, replaceSection } from './report.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const records = Number(process.env.BENCH_RECORDS ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const seed = Number(process.env.BENCH_SEED ?? 2709);
const FULL_SIZE = 100_000;

/** Targets from the project's performance goals. */
const TARGETS = {
  decodeRate: 60_000,
  decodeVsMarcjs: 3,
  /** ISO2709 → ISO2709 and → MARCXML: at least yaz-marcdump's throughput. */
  convertVsYaz: 1.0,
  peakRssMb: 200,
  /** kitap lint runs two worker threads by default on two cores, each with its own heap (docs/benchmarks.md, "Memory"). */
  lintPeakRssMb: 400,
  /** The larger input may use at most this much more memory: memory must not grow with the input. */
  rssGrowth: 1.25,
  lintRate: 20_000,
  fixRate: 10_000,
  dedupPrecision: 0.99,
  dedupRecall: 0.95,
  dedup65kSeconds: 15,
  /** kitap dedup on 1,000,000 records: at most this many seconds and this much peak memory (2 cores). */
  dedup1mSeconds: 180,
  dedup1mPeakMb: 2048,
  /** kitap inventory: 500,000 rows of a 1C export mapped in at most this many seconds. */
  inventory500kSeconds: 60,
  /** kitap reconcile: 1,000,000 copies against 100,000 act lines in at most this many seconds. */
  reconcile1mSeconds: 30,
} as const;

if (!Number.isInteger(records) || records < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error('BENCH_RECORDS and BENCH_RUNS must be positive integers');
  process.exit(2);
}

const log = (line: string): void => console.error(line);
const rel = (path: string): string => relative(root, path);
const problems: string[] = [];
const details: string[] = [];

const dataDir = join(root, 'bench-data');
mkdirSync(dataDir, { recursive: true });
const bin = join(root, 'packages/cli/dist/bin.js');
const worker = join(root, 'scripts/bench/decode-worker.ts');
const node = process.execPath;

log(`kitap bench: ${records.toLocaleString('en-US')} records, ${runs} run(s) each`);
const started = Date.now();
const loadAtStart = loadAverage();
const input = ensureBenchFile(dataDir, records, seed, join(root, 'scripts/fixtures'), (done) => log(`  generated ${done.toLocaleString('en-US')} records`));
log(`${input.generated ? 'generated' : 'reusing'} ${rel(input.path)}: ${(input.bytes / 2 ** 20).toFixed(1)} MiB, ${Math.round(input.bytes / records)} bytes per record${input.generated ? ` in ${((Date.now() - started) / 1000).toFixed(1)} s` : ''}`);
const bigInput = await ensureConcatenated(input, 3);
log(`${bigInput.generated ? 'wrote' : 'reusing'} ${rel(bigInput.path)}: 3 copies, ${bigInput.records.toLocaleString('en-US')} records`);

const haveCli = existsSync(bin);
if (!haveCli) problems.push(`${rel(bin)} does not exist: build the CLI first (pnpm build); kitap convert was not measured`);
const haveYaz = ensureYaz(log);
if (!haveYaz) problems.push('yaz-marcdump is unavailable: the yaz columns are empty and their ratios are skipped');

interface Series {
  results: RunResult[];
  seconds: number;
  ok: boolean;
}

async function repeat(label: string, command: string, args: string[], options: { stdoutFile?: string; memory?: boolean; okExit?: readonly number[]; times?: number } = {}, check?: (r: RunResult) => string | undefined): Promise<Series> {
  const results: RunResult[] = [];
  for (let i = 0; i < (options.times ?? runs); i++) {
    const { okExit = [0], times: _, ...runOptions } = options;
    const result = await run(command, args, { cwd: root, ...runOptions });
    results.push(result);
    const problem = !okExit.includes(result.exitCode ?? -1) ? `exit code ${result.exitCode}: ${errorLine(result.stderrTail)}` : check?.(result);
    log(`  ${label}, run ${i + 1}: ${result.seconds.toFixed(2)} s${result.maxRssKb ? `, max RSS ${formatMb(result.maxRssKb)}` : ''}${problem ? ` — ${problem}` : ''}`);
    if (problem) {
      problems.push(`${label}: ${problem}`);
      return { results, seconds: Number.NaN, ok: false };
    }
  }
  const seconds = median(results.map((r) => r.seconds));
  const shown = [command === node ? 'node' : command, ...args].map((a) => (a.startsWith(root) ? rel(a) : a)).join(' ');
  details.push(`${label}: \`${shown}${options.stdoutFile ? ` > ${rel(options.stdoutFile)}` : ''}\` — ${results.map((r) => r.seconds.toFixed(2)).join(', ')} s`);
  return { results, seconds, ok: true };
}

/** The line of a failed command's stderr that says what went wrong (not the stack trace). */
function errorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('at ') && !/^Node\.js v/.test(l));
  return lines.find((l) => /error/i.test(l)) ?? lines[lines.length - 1] ?? '(no message)';
}

const maxRss = (s: Series | undefined): number | undefined => {
  if (!s?.ok) return undefined;
  const values = s.results.map((r) => r.maxRssKb).filter((v): v is number => v !== undefined) ?? [];
  return values.length ? Math.max(...values) : undefined;
};

function convertCheck(output: string, expected: number): (r: RunResult) => string | undefined {
  return () => {
    try {
      const report = JSON.parse(readFileSync(`${output}.report.json`, 'utf8')) as { counts?: { written?: number } };
      const written = report.counts?.written;
      return written === expected ? undefined : `the report says ${written} records written, expected ${expected}`;
    } catch (error) {
      return `no readable report (${(error as Error).message})`;
    }
  };
}

const out = (name: string): string => join(dataDir, name);

// 1. ISO2709 → ISO2709, validated.
log('ISO2709 → ISO2709 (validated)');
const kitapIso = haveCli
  ? await repeat('kitap convert → ISO2709', node, [bin, 'convert', input.path, '-o', out('kitap-out.mrc'), '--mode', 'strict'], { memory: true }, convertCheck(out('kitap-out.mrc'), records))
  : undefined;
if (kitapIso?.ok && statSync(out('kitap-out.mrc')).size !== input.bytes) {
  problems.push(`kitap convert → ISO2709 wrote ${statSync(out('kitap-out.mrc')).size} bytes for ${input.bytes} bytes of clean UTF-8 input (expected a byte-identical copy)`);
}
const yazIso = haveYaz ? await repeat('yaz-marcdump -o marc', 'yaz-marcdump', ['-i', 'marc', '-o', 'marc', input.path], { stdoutFile: out('yaz-out.mrc'), memory: true }) : undefined;

// 2. ISO2709 → MARCXML.
log('ISO2709 → MARCXML');
const kitapXml = haveCli ? await repeat('kitap convert → MARCXML', node, [bin, 'convert', input.path, '-o', out('kitap-out.xml'), '--to', 'marcxml'], {}, convertCheck(out('kitap-out.xml'), records)) : undefined;
const yazXml = haveYaz ? await repeat('yaz-marcdump -o marcxml', 'yaz-marcdump', ['-i', 'marc', '-o', 'marcxml', input.path], { stdoutFile: out('yaz-out.xml') }) : undefined;

// 3. Full decode to objects, in process.
log('full decode in process');
interface Decoded {
  records: number;
  fields: number;
  rejects: number;
  ms: number;
}
async function decodeSeries(which: 'kitap' | 'marcjs'): Promise<{ rate: number; runs: Decoded[] } | undefined> {
  const decoded: Decoded[] = [];
  const series = await repeat(`decode (${which})`, node, ['--import', 'tsx', worker, which, input.path], {}, (r) => {
    try {
      const d = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as Decoded;
      decoded.push(d);
      return d.records === records && d.rejects === 0 ? undefined : `decoded ${d.records} records and ${d.rejects} rejects, expected ${records} records`;
    } catch {
      return `unexpected output: ${r.stdout.slice(0, 200)}`;
    }
  });
  if (!series.ok) return undefined;
  details.push(`decode (${which}) in-process time: ${decoded.map((d) => (d.ms / 1000).toFixed(2)).join(', ')} s (start-up excluded)`);
  return { rate: records / (median(decoded.map((d) => d.ms)) / 1000), runs: decoded };
}
const decodeKitap = await decodeSeries('kitap');
const decodeMarcjs = await decodeSeries('marcjs');

// 4. Peak memory on a 3× larger input.
log('peak memory on 3× the input');
const kitapBig = haveCli
  ? await repeat(`kitap convert → ISO2709 (${bigInput.records.toLocaleString('en-US')} records)`, node, [bin, 'convert', bigInput.path, '-o', out('kitap-out-x3.mrc'), '--mode', 'strict'], { memory: true }, convertCheck(out('kitap-out-x3.mrc'), bigInput.records))
  : undefined;

// 5. Clean-up: lint with every rule of the customer's profile, fix with the journal.
log('kitap lint and kitap fix (profile kazakh-public-library)');
function lintCheck(output: string, expected: number): (r: RunResult) => string | undefined {
  return () => {
    try {
      // The summary closes the report; the findings before it can be far larger than a string may be.
      const size = statSync(output).size;
      const fd = openSync(output, 'r');
      const tail = Buffer.alloc(Math.min(size, 1 << 20));
      readSync(fd, tail, 0, tail.length, size - tail.length);
      closeSync(fd);
      const text = tail.toString('utf8');
      const summary = JSON.parse(text.slice(text.lastIndexOf('"summary":') + 10, text.lastIndexOf('}'))) as { records?: number; findings?: number };
      if (summary.records !== expected) return `the summary says ${summary.records} records, expected ${expected}`;
      // Once per input, not once per run: every run finds the same.
      const line = `kitap lint on ${expected.toLocaleString('en-US')} records: ${summary.findings?.toLocaleString('en-US')} findings (${(size / 2 ** 20).toFixed(0)} MiB of JSON)`;
      if (!details.includes(line)) details.push(line);
      return undefined;
    } catch (error) {
      return `no readable lint report (${(error as Error).message})`;
    }
  };
}
const lintArgs = (file: string, report: string): string[] => [bin, 'lint', file, '--profile', 'kazakh-public-library', '--format', 'json', '-o', report];
const kitapLint = haveCli ? await repeat('kitap lint', node, lintArgs(input.path, out('lint.json')), { memory: true, okExit: [0, 1] }, lintCheck(out('lint.json'), records)) : undefined;
const kitapLintBig = haveCli ? await repeat(`kitap lint (${bigInput.records.toLocaleString('en-US')} records)`, node, lintArgs(bigInput.path, out('lint-x3.json')), { memory: true, okExit: [0, 1] }, lintCheck(out('lint-x3.json'), bigInput.records)) : undefined;
const kitapFix = haveCli
  ? await repeat('kitap fix', node, [bin, 'fix', input.path, '-o', out('fixed.mrc'), '--profile', 'kazakh-public-library'], { memory: true }, convertCheck(out('fixed.mrc'), records))
  : undefined;

// 6. Deduplication: quality on a labelled set, time and memory on a catalog of the customer's size.
log('kitap dedup (labelled data sets)');
/** A labelled set in bench-data/<name> (made once); `chunk`: streamed, that many editions at a time. */
function ensureDedupSet(name: string, seed: number, editions: number, corpus: boolean, chunk?: number): string {
  const dir = join(dataDir, name);
  const marker = join(dir, `params-${seed}-${editions}-${corpus ? 'corpus' : 'no-corpus'}${chunk ? `-chunk-${chunk}` : ''}.txt`);
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const args = ['--import', 'tsx', join(root, 'scripts/gen-dedup-benchmark.ts'), '--seed', String(seed), '--editions', String(editions), '--out', dir];
    if (!corpus) args.push('--no-corpus');
    if (chunk) args.push('--chunk', String(chunk));
    const gen = spawnSync(node, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (gen.status !== 0) throw new Error(`generating the dedup data set ${name} failed`);
    writeFileSync(marker, 'generated\n');
  }
  return dir;
}
const corpusPresent = existsSync(join(root, '../shared/corpus'));
const qualityDir = ensureDedupSet('dedup-quality', 42, 2000, corpusPresent);
const qualityRun = haveCli ? await repeat('kitap dedup (labelled, seed 42)', node, [bin, 'dedup', join(qualityDir, 'dedup-benchmark.mrc'), '--report', out('dedup-quality.json')], { okExit: [0, 1] }) : undefined;
const quality = qualityRun?.ok
  ? dedupQuality(JSON.parse(readFileSync(out('dedup-quality.json'), 'utf8')).clusters, JSON.parse(readFileSync(join(qualityDir, 'dedup-truth.json'), 'utf8')))
  : undefined;
if (quality) details.push(`dedup quality (seed 42, ${corpusPresent ? 'with' : 'without'} the corpus): ${quality.truePairs} true pairs, ${quality.matchPairs} match pairs (${quality.matchPairsCorrect} correct), ${quality.reviewPairs} review pairs; recall of match alone ${quality.recallMatch.toFixed(3)}; hard negatives inside a cluster: ${quality.hardNegativesJoined} ${JSON.stringify(quality.hardNegativesByKind)}`);
const scaleDir = ensureDedupSet('dedup-65k', 7, 47_500, false);
const scaleFile = join(scaleDir, 'dedup-benchmark.mrc');
const scaleRecords = (JSON.parse(readFileSync(join(scaleDir, 'dedup-truth.json'), 'utf8')) as { stats: { records: number } }).stats.records;
const dedupScale = haveCli ? await repeat(`kitap dedup (${scaleRecords.toLocaleString('en-US')} records)`, node, [bin, 'dedup', scaleFile, '--report', out('dedup-65k.json')], { memory: true, okExit: [0, 1] }) : undefined;
const convertScale = haveCli ? await repeat(`kitap convert (${scaleRecords.toLocaleString('en-US')} records, for reference)`, node, [bin, 'convert', scaleFile, '-o', out('dedup-65k-copy.mrc')]) : undefined;
// The million-record target takes minutes to make the data and minutes to run: only when asked for, and once.
const millionWanted = process.env.BENCH_DEDUP_1M === '1';
let millionRecords = 1_000_000;
let dedupMillion: Series | undefined;
if (millionWanted && haveCli) {
  log('kitap dedup at 1,000,000 records (BENCH_DEDUP_1M=1, one run)');
  const millionDir = ensureDedupSet('dedup-1m', 11, 736_000, false, 20_000);
  millionRecords = (JSON.parse(readFileSync(join(millionDir, 'dedup-truth.json'), 'utf8')) as { stats: { records: number } }).stats.records;
  dedupMillion = await repeat(`kitap dedup (${millionRecords.toLocaleString('en-US')} records)`, node, [bin, 'dedup', join(millionDir, 'dedup-benchmark.mrc'), '--report', out('dedup-1m.json')], { memory: true, okExit: [0, 1], times: 1 });
}

// 7. The 1C inventory: 500,000 rows mapped to Web-RABIS structures; memory against a 100,000-row export.
log('kitap inventory (generated 1C exports)');
function ensureInventoryExport(rowsWanted: number): string {
  const file = join(dataDir, `inventory-${rowsWanted / 1000}k.csv`);
  const marker = `${file}.seed-5.txt`;
  if (!existsSync(marker) || !existsSync(file)) {
    const gen = spawnSync(node, ['--import', 'tsx', join(root, 'scripts/gen-inventory-benchmark.ts'), '--rows', String(rowsWanted), '--seed', '5', '--out', file], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (gen.status !== 0) throw new Error(`generating the inventory export ${rel(file)} failed`);
    writeFileSync(marker, 'generated\n');
  }
  return file;
}
const inventoryBig = ensureInventoryExport(500_000);
const inventorySmall = ensureInventoryExport(100_000);
function inventoryCheck(dir: string): (r: RunResult) => string | undefined {
  return () => {
    try {
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { ledger: { balanced: boolean }; totals: { rows: { read: number } } };
      return report.ledger.balanced ? undefined : 'the ledger does not balance';
    } catch (error) {
      return `no report.json: ${(error as Error).message}`;
    }
  };
}
const inventoryRun = (file: string, dir: string): string[] => {
  rmSync(dir, { recursive: true, force: true });
  return [bin, 'inventory', file, '--out', dir];
};
const inventoryBigDir = out('inventory-500k');
const inventorySmallDir = out('inventory-100k');
// Each run starts from an empty folder (a run in a folder that holds a finished job would only rewrite the outputs).
const inventory500k = haveCli
  ? await repeat('kitap inventory (500,000 rows)', 'sh', ['-c', `rm -rf "${inventoryBigDir}" && exec "${node}" ${inventoryRun(inventoryBig, inventoryBigDir).map((a) => `"${a}"`).join(' ')}`], { memory: true, okExit: [0, 1] }, inventoryCheck(inventoryBigDir))
  : undefined;
const inventory100k = haveCli
  ? await repeat('kitap inventory (100,000 rows)', 'sh', ['-c', `rm -rf "${inventorySmallDir}" && exec "${node}" ${inventoryRun(inventorySmall, inventorySmallDir).map((a) => `"${a}"`).join(' ')}`], { memory: true, okExit: [0, 1] }, inventoryCheck(inventorySmallDir))
  : undefined;

// 8. The audit: 1,000,000 copies against 100,000 act lines.
log('kitap reconcile (generated holdings and acts)');
const reconcileDir = join(dataDir, 'reconcile-1m');
if (!existsSync(join(reconcileDir, 'seed-6.txt')) || !existsSync(join(reconcileDir, 'holdings.mrc'))) {
  const gen = spawnSync(node, ['--import', 'tsx', join(root, 'scripts/gen-reconcile-benchmark.ts'), '--copies', '1000000', '--act-lines', '100000', '--seed', '6', '--out', reconcileDir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (gen.status !== 0) throw new Error('generating the reconcile benchmark data failed');
  writeFileSync(join(reconcileDir, 'seed-6.txt'), 'generated\n');
}
const reconcileOut = out('reconcile-1m-out');
const reconcileRun = haveCli
  ? await repeat('kitap reconcile (1,000,000 copies, 100,000 act lines)', node, [bin, 'reconcile', '--holdings', join(reconcileDir, 'holdings.mrc'), '--acts', join(reconcileDir, 'acts.csv'), '--out', reconcileOut, '--as-of', '2025-06-30'], { memory: true, okExit: [0, 1] }, () =>
      existsSync(join(reconcileOut, 'findings.json')) ? undefined : 'no findings.json',
    )
  : undefined;

// The table.
const n = records.toLocaleString('en-US');
const rate = (s: Series | undefined, count = records): number | undefined => (s?.ok ? count / s.seconds : undefined);
const shown = (value: number | undefined, format: (v: number) => string, absent: string): string => (value === undefined ? absent : format(value));
const kitapAbsent = haveCli ? 'failed' : 'not built';
const yazAbsent = haveYaz ? 'failed' : 'unavailable';

function throughputRow(measure: string, kitap: Series | undefined, peer: Series | undefined, peerName: string): Row {
  const k = rate(kitap);
  const p = rate(peer);
  return {
    measure,
    kitap: shown(k, formatRate, kitapAbsent),
    peer: `${peerName}: ${shown(p, formatRate, yazAbsent)}`,
    ratio: k !== undefined && p !== undefined ? formatRatio(k / p) : '—',
    target: `≥ ${TARGETS.convertVsYaz}× ${peerName}`,
    // Without the peer there is no ratio to judge: say so rather than pass or fail.
    result: k === undefined ? 'fail' : p === undefined ? 'info' : k / p >= TARGETS.convertVsYaz ? 'pass' : 'fail',
  };
}

const rows: Row[] = [
  throughputRow(`ISO2709 → ISO2709, validated (${n} records)`, kitapIso, yazIso, 'yaz-marcdump'),
  throughputRow(`ISO2709 → MARCXML (${n} records)`, kitapXml, yazXml, 'yaz-marcdump'),
];
{
  const k = decodeKitap?.rate;
  const p = decodeMarcjs?.rate;
  const ratio = k !== undefined && p !== undefined ? k / p : undefined;
  rows.push({
    measure: `full decode to objects, in process (${n} records)`,
    kitap: shown(k, formatRate, 'failed'),
    peer: `marcjs: ${shown(p, formatRate, 'failed')}`,
    ratio: shown(ratio, formatRatio, '—'),
    target: `≥ ${TARGETS.decodeRate.toLocaleString('en-US')} rec/s and ≥ ${TARGETS.decodeVsMarcjs}× marcjs`,
    result: k === undefined || ratio === undefined ? 'fail' : k >= TARGETS.decodeRate && ratio >= TARGETS.decodeVsMarcjs ? 'pass' : 'fail',
  });
}
const rssSmall = maxRss(kitapIso);
const rssBig = maxRss(kitapBig);
const yazRss = maxRss(yazIso);
rows.push({
  measure: `peak memory (max RSS), kitap convert, ${n} records`,
  kitap: shown(rssSmall, formatMb, kitapAbsent),
  peer: `yaz-marcdump: ${shown(yazRss, formatMb, yazAbsent)}`,
  ratio: '—',
  target: `< ${TARGETS.peakRssMb} MB`,
  result: rssSmall === undefined ? 'fail' : rssSmall / 1024 < TARGETS.peakRssMb ? 'pass' : 'fail',
});
rows.push({
  measure: `peak memory (max RSS), kitap convert, ${bigInput.records.toLocaleString('en-US')} records`,
  kitap: shown(rssBig, formatMb, kitapAbsent),
  peer: '—',
  ratio: rssBig !== undefined && rssSmall !== undefined ? `${formatRatio(rssBig / rssSmall)} of ${n}` : '—',
  target: `< ${TARGETS.peakRssMb} MB and ≤ ${TARGETS.rssGrowth}× the ${n}-record figure`,
  result: rssBig === undefined || rssSmall === undefined ? 'fail' : rssBig / 1024 < TARGETS.peakRssMb && rssBig <= rssSmall * TARGETS.rssGrowth ? 'pass' : 'fail',
});

{
  const convertRate = rate(kitapIso);
  const cleanRow = (measure: string, series: Series | undefined, target: number): Row => {
    const k = rate(series);
    return {
      measure,
      kitap: shown(k, formatRate, kitapAbsent),
      peer: `kitap convert: ${shown(convertRate, formatRate, kitapAbsent)}`,
      ratio: k !== undefined && convertRate !== undefined ? formatRatio(k / convertRate) : '—',
      target: `≥ ${target.toLocaleString('en-US')} rec/s`,
      result: k === undefined ? 'fail' : k >= target ? 'pass' : 'fail',
    };
  };
  rows.push(cleanRow(`kitap lint, every rule of kazakh-public-library (${n} records)`, kitapLint, TARGETS.lintRate));
  rows.push(cleanRow(`kitap fix with journal (${n} records)`, kitapFix, TARGETS.fixRate));
  const lintSmall = maxRss(kitapLint);
  const lintBig = maxRss(kitapLintBig);
  rows.push({
    measure: `peak memory (max RSS), kitap lint, ${n} → ${bigInput.records.toLocaleString('en-US')} records`,
    kitap: `${shown(lintSmall, formatMb, kitapAbsent)} → ${shown(lintBig, formatMb, kitapAbsent)}`,
    peer: '—',
    ratio: lintBig !== undefined && lintSmall !== undefined ? formatRatio(lintBig / lintSmall) : '—',
    target: `< ${TARGETS.lintPeakRssMb} MB and ≤ ${TARGETS.rssGrowth}× growth`,
    result: lintBig === undefined || lintSmall === undefined ? 'fail' : lintBig / 1024 < TARGETS.lintPeakRssMb && lintBig <= lintSmall * TARGETS.rssGrowth ? 'pass' : 'fail',
  });
}

{
  rows.push({
    measure: 'kitap dedup: precision of automatic `match` (labelled set, seed 42)',
    kitap: quality ? quality.precisionMatch.toFixed(4) : 'failed',
    peer: '—',
    ratio: '—',
    target: `≥ ${TARGETS.dedupPrecision}`,
    result: quality === undefined ? 'fail' : quality.precisionMatch >= TARGETS.dedupPrecision ? 'pass' : 'fail',
  });
  rows.push({
    measure: 'kitap dedup: recall of `match` + `review` (labelled set, seed 42)',
    kitap: quality ? quality.recallMatchReview.toFixed(4) : 'failed',
    peer: '—',
    ratio: '—',
    target: `≥ ${TARGETS.dedupRecall}`,
    result: quality === undefined ? 'fail' : quality.recallMatchReview >= TARGETS.dedupRecall ? 'pass' : 'fail',
  });
  const seconds = dedupScale?.ok ? dedupScale.seconds : undefined;
  rows.push({
    measure: `kitap dedup, ${scaleRecords.toLocaleString('en-US')} records end to end`,
    kitap: seconds === undefined ? 'failed' : `${seconds.toFixed(1)} s, ${shown(maxRss(dedupScale), formatMb, '?')}`,
    peer: `kitap convert: ${convertScale?.ok ? `${convertScale.seconds.toFixed(1)} s` : 'failed'}`,
    ratio: seconds !== undefined && convertScale?.ok ? `${formatRatio(seconds / convertScale.seconds)} of convert` : '—',
    target: `≤ ${TARGETS.dedup65kSeconds} s`,
    result: seconds === undefined ? 'fail' : seconds <= TARGETS.dedup65kSeconds ? 'pass' : 'fail',
  });
  const million = dedupMillion?.ok ? dedupMillion.seconds : undefined;
  const millionRss = maxRss(dedupMillion);
  rows.push({
    measure: `kitap dedup, ${millionWanted ? millionRecords.toLocaleString('en-US') : '~1,000,000'} records end to end (labelled, seed 11; BENCH_DEDUP_1M=1)`,
    kitap: !millionWanted ? 'not run' : million === undefined ? kitapAbsent : `${million.toFixed(1)} s, ${shown(millionRss, formatMb, '?')}`,
    peer: '—',
    ratio: '—',
    target: `≤ ${TARGETS.dedup1mSeconds} s and ≤ ${TARGETS.dedup1mPeakMb.toLocaleString('en-US')} MB`,
    result: !millionWanted ? 'n/a' : million === undefined || millionRss === undefined ? 'fail' : million <= TARGETS.dedup1mSeconds && millionRss / 1024 <= TARGETS.dedup1mPeakMb ? 'pass' : 'fail',
  });
}

{
  const seconds = inventory500k?.ok ? inventory500k.seconds : undefined;
  const big = maxRss(inventory500k);
  const small = maxRss(inventory100k);
  rows.push({
    measure: 'kitap inventory, 500,000 rows of a 1C export (cp1251 CSV) to Web-RABIS structures',
    kitap: seconds === undefined ? 'failed' : `${seconds.toFixed(1)} s (${Math.round(500_000 / seconds).toLocaleString('en-US')} rows/s), ${shown(big, formatMb, '?')}`,
    peer: `100,000 rows: ${inventory100k?.ok ? `${inventory100k.seconds.toFixed(1)} s, ${shown(small, formatMb, '?')}` : 'failed'}`,
    ratio: big !== undefined && small !== undefined ? `memory ${formatRatio(big / small)} of 100,000 rows` : '—',
    target: `≤ ${TARGETS.inventory500kSeconds} s; memory ≤ ${TARGETS.rssGrowth}× the 100,000-row run`,
    result: seconds === undefined || big === undefined || small === undefined ? 'fail' : seconds <= TARGETS.inventory500kSeconds && big <= small * TARGETS.rssGrowth ? 'pass' : 'fail',
  });
}

{
  const seconds = reconcileRun?.ok ? reconcileRun.seconds : undefined;
  rows.push({
    measure: 'kitap reconcile, 1,000,000 copies against 100,000 act lines',
    kitap: seconds === undefined ? 'failed' : `${seconds.toFixed(1)} s, ${shown(maxRss(reconcileRun), formatMb, '?')}`,
    peer: '—',
    ratio: '—',
    target: `≤ ${TARGETS.reconcile1mSeconds} s`,
    result: seconds === undefined ? 'fail' : seconds <= TARGETS.reconcile1mSeconds ? 'pass' : 'fail',
  });
}

details.push(`peak memory measured with ${existsSync('/usr/bin/time') ? '`/usr/bin/time -v` (maximum resident set size)' : 'VmHWM from /proc/<pid>/status, polled every 20 ms'}; the highest of the runs is shown`);
const report: BenchReport = { rows, machine: describeMachine(new Date(), loadAtStart), records, inputBytes: input.bytes, runs, details, problems };

console.log('');
console.log(renderText(report));

if (records === FULL_SIZE || process.env.BENCH_WRITE_DOCS === '1') {
  const docPath = join(root, 'docs/benchmarks.md');
  const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n\nRun `pnpm bench`; see `scripts/bench/run.ts`.\n';
  writeFileSync(docPath, replaceSection(doc, renderMarkdown(report)));
  console.log(`\nwrote ${rel(docPath)}`);
} else {
  console.log(`\n(a ${n}-record run does not rewrite docs/benchmarks.md; set BENCH_WRITE_DOCS=1 to make it)`);
}

for (const dir of [inventoryBigDir, inventorySmallDir, reconcileOut]) rmSync(dir, { recursive: true, force: true });
for (const name of ['kitap-out.mrc', 'kitap-out.xml', 'yaz-out.mrc', 'yaz-out.xml', 'kitap-out-x3.mrc', 'lint.json', 'lint-x3.json', 'fixed.mrc', 'dedup-quality.json', 'dedup-65k.json', 'dedup-65k-copy.mrc', 'dedup-1m.json']) {
  for (const suffix of ['', '.report.json', '.rejects.ndjson', '.warnings.ndjson', '.journal.jsonl']) rmSync(out(name + suffix), { force: true });
}
process.exitCode = rows.some((r) => r.result === 'fail') ? 1 : 0;
