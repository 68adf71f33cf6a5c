/**
 * Writes the labelled duplicate-detection benchmark (see
 * scripts/fixtures/dedup-benchmark-data.ts for how it is built).
 *
 *   npx tsx scripts/gen-dedup-benchmark.ts --seed 42 --editions 2000 --out DIR
 *       [--corpus DIR]    the shared real-world corpus (default: ../shared/corpus beside the project, when present)
 *       [--no-corpus]     generated records only
 *       [--chunk N]       stream the set, N editions at a time (generated records only): for sets too
 *                         large to hold in memory, e.g. --editions 736000 --chunk 20000 for ~1,000,000 records
 *
 * Writes DIR/dedup-benchmark.mrc (ISO2709, UTF-8) and DIR/dedup-truth.json
 * ({ clusters, hardNegatives, stats }); record indexes in the JSON are
 * 0-based positions in the .mrc file. A streamed set shuffles within each
 * chunk, so it is not the same file as an unstreamed one of the same seed.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// Workspace packages must resolve to their sources (the "source" export
// condition), so the benchmark can be made on a fresh clone before any build.
const SOURCE_CONDITION = '--conditions=source';
if (!process.execArgv.includes(SOURCE_CONDITION) && !(process.env.NODE_OPTIONS ?? '').includes(SOURCE_CONDITION)) {
  const again = spawnSync(process.execPath, [...process.execArgv, SOURCE_CONDITION, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}
const { addStats, buildDedupBenchmark, streamDedupBenchmark } = await import('./fixtures/dedup-benchmark-data.js');
type DedupBenchmarkStats = import('./fixtures/dedup-benchmark-data.js').DedupBenchmarkStats;
const { writeIso2709 } = await import('../packages/marc/src/index.js');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '42' },
    editions: { type: 'string', default: '2000' },
    out: { type: 'string' },
    corpus: { type: 'string' },
    'no-corpus': { type: 'boolean', default: false },
    chunk: { type: 'string' },
  },
});

function positiveInteger(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return n;
}

if (!values.out) {
  console.error('usage: npx tsx scripts/gen-dedup-benchmark.ts --seed 42 --editions 2000 --out DIR [--corpus DIR | --no-corpus] [--chunk N]');
  process.exit(2);
}
const seed = positiveInteger('seed', values.seed);
const editions = positiveInteger('editions', values.editions);
const outDir = resolve(values.out);
const defaultCorpus = resolve(root, '../shared/corpus');
const corpusDir = values['no-corpus'] ? undefined : values.corpus ? resolve(values.corpus) : existsSync(defaultCorpus) ? defaultCorpus : undefined;
if (values.corpus && !existsSync(values.corpus)) console.warn(`warning: ${values.corpus} does not exist; generated records only`);

const started = performance.now();
mkdirSync(outDir, { recursive: true });
const mrcPath = join(outDir, 'dedup-benchmark.mrc');
const truthPath = join(outDir, 'dedup-truth.json');
let s: DedupBenchmarkStats;
let bytes = 0;
let timing: string;
if (values.chunk === undefined) {
  const benchmark = await buildDedupBenchmark(corpusDir ? { seed, editions, corpusDir } : { seed, editions });
  const built = performance.now();
  const mrc = Buffer.concat(benchmark.records.map((r) => writeIso2709(r)));
  const truth = { clusters: benchmark.truth, hardNegatives: benchmark.hardNegatives, stats: benchmark.stats };
  writeFileSync(mrcPath, mrc);
  writeFileSync(truthPath, JSON.stringify(truth, null, 1) + '\n');
  bytes = mrc.length;
  s = benchmark.stats;
  timing = `built in ${((built - started) / 1000).toFixed(2)} s, written in ${((performance.now() - built) / 1000).toFixed(2)} s`;
} else {
  // Streamed: records and clusters go to disk chunk by chunk; the hard negatives (a few per hundred records) wait for the end.
  if (corpusDir && values.corpus) console.warn('warning: a streamed set (--chunk) has generated records only; --corpus is ignored');
  const chunk = positiveInteger('chunk', values.chunk);
  const mrc = openSync(mrcPath, 'w');
  const truth = openSync(truthPath, 'w');
  const hardNegatives: unknown[] = [];
  let total: DedupBenchmarkStats | undefined;
  try {
    writeSync(truth, '{\n"clusters": [');
    let first = true;
    for (const part of streamDedupBenchmark({ seed, editions, chunk })) {
      const block = Buffer.concat(part.records.map((r) => writeIso2709(r)));
      writeSync(mrc, block);
      bytes += block.length;
      for (const c of part.truth) {
        writeSync(truth, `${first ? '' : ','}\n${JSON.stringify(c)}`);
        first = false;
      }
      hardNegatives.push(...part.hardNegatives);
      total = total ? addStats(total, part.stats) : part.stats;
      console.error(`  ${total.records.toLocaleString('en-US')} records`);
    }
    s = total!;
    writeSync(truth, `\n],\n"hardNegatives": [${hardNegatives.map((h) => `\n${JSON.stringify(h)}`).join(',')}\n],\n"stats": ${JSON.stringify(s, null, 1)}\n}\n`);
  } finally {
    closeSync(mrc);
    closeSync(truth);
  }
  timing = `built and written in ${((performance.now() - started) / 1000).toFixed(2)} s, ${chunk} editions at a time`;
}

console.log(`wrote ${mrcPath} (${s.records} records, ${bytes} bytes) and dedup-truth.json`);
console.log(`  ${s.editions} editions (${s.generatedEditions} generated, ${s.corpusEditions} from ${s.corpusFile ?? 'no corpus'}); ${s.marc21Records} MARC21, ${s.rusmarcRecords} RUSMARC`);
console.log(`  ${s.clusters} duplicate clusters (sizes ${JSON.stringify(s.clusterSizes)}), ${s.duplicateRecords} duplicate records`);
console.log(`  ${s.hardNegatives} hard-negative pairs ${JSON.stringify(s.hardNegativeKinds)}`);
console.log(`  ${timing}`);
