/**
 * Writes the labelled duplicate-detection benchmark (see
 * scripts/fixtures/dedup-benchmark-data.ts for how it is built).
 *
 *   npx tsx scripts/gen-dedup-benchmark.ts --seed 42 --editions 2000 --out DIR
 *       [--corpus DIR]    the shared real-world corpus (default: ../shared/corpus beside the project, when present)
 *       [--no-corpus]     generated records only
 *
 * Writes DIR/dedup-benchmark.mrc (ISO2709, UTF-8) and DIR/dedup-truth.json
 * ({ clusters, hardNegatives, stats }); record indexes in the JSON are
 * 0-based positions in the .mrc file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
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
const { buildDedupBenchmark } = await import('./fixtures/dedup-benchmark-data.js');
const { writeIso2709 } = await import('../packages/marc/src/index.js');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '42' },
    editions: { type: 'string', default: '2000' },
    out: { type: 'string' },
    corpus: { type: 'string' },
    'no-corpus': { type: 'boolean', default: false },
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
  console.error('usage: npx tsx scripts/gen-dedup-benchmark.ts --seed 42 --editions 2000 --out DIR [--corpus DIR | --no-corpus]');
  process.exit(2);
}
const seed = positiveInteger('seed', values.seed);
const editions = positiveInteger('editions', values.editions);
const outDir = resolve(values.out);
const defaultCorpus = resolve(root, '../shared/corpus');
const corpusDir = values['no-corpus'] ? undefined : values.corpus ? resolve(values.corpus) : existsSync(defaultCorpus) ? defaultCorpus : undefined;
if (values.corpus && !existsSync(values.corpus)) console.warn(`warning: ${values.corpus} does not exist; generated records only`);

const started = performance.now();
const benchmark = await buildDedupBenchmark(corpusDir ? { seed, editions, corpusDir } : { seed, editions });
const built = performance.now();

mkdirSync(outDir, { recursive: true });
const mrc = Buffer.concat(benchmark.records.map((r) => writeIso2709(r)));
const truth = { clusters: benchmark.truth, hardNegatives: benchmark.hardNegatives, stats: benchmark.stats };
writeFileSync(join(outDir, 'dedup-benchmark.mrc'), mrc);
writeFileSync(join(outDir, 'dedup-truth.json'), JSON.stringify(truth, null, 1) + '\n');
const written = performance.now();

const s = benchmark.stats;
console.log(`wrote ${join(outDir, 'dedup-benchmark.mrc')} (${s.records} records, ${mrc.length} bytes) and dedup-truth.json`);
console.log(`  ${s.editions} editions (${s.generatedEditions} generated, ${s.corpusEditions} from ${s.corpusFile ?? 'no corpus'}); ${s.marc21Records} MARC21, ${s.rusmarcRecords} RUSMARC`);
console.log(`  ${s.clusters} duplicate clusters (sizes ${JSON.stringify(s.clusterSizes)}), ${s.duplicateRecords} duplicate records`);
console.log(`  ${s.hardNegatives} hard-negative pairs ${JSON.stringify(s.hardNegativeKinds)}`);
console.log(`  built in ${((built - started) / 1000).toFixed(2)} s, written in ${((written - built) / 1000).toFixed(2)} s`);
