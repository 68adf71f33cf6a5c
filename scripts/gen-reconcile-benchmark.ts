/**
 * Writes large generated reconciliation data for benchmarks: holdings.mrc
 * (MARC 21 with 852/876 copies) and acts.csv (act lines in the flat act
 * shape) in one directory, streamed in chunks so memory stays flat (see
 * scripts/fixtures/reconcile-benchmark-data.ts).
 *
 *   npx tsx scripts/gen-reconcile-benchmark.ts --copies 1000000 --act-lines 100000 --out bench-data/reconcile-1m/ [--seed 6]
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { type WriteStream, createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// Workspace packages must resolve to their sources (the "source" export
// condition), so the data can be made on a fresh clone before any build.
const SOURCE_CONDITION = '--conditions=source';
if (!process.execArgv.includes(SOURCE_CONDITION) && !(process.env.NODE_OPTIONS ?? '').includes(SOURCE_CONDITION)) {
  const again = spawnSync(process.execPath, [...process.execArgv, SOURCE_CONDITION, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}
const { reconcileBenchmarkChunks } = await import('./fixtures/reconcile-benchmark-data.js');

const USAGE = 'usage: npx tsx scripts/gen-reconcile-benchmark.ts --copies 1000000 --act-lines 100000 --out bench-data/reconcile-1m/ [--seed 6]';
const { values } = parseArgs({
  options: {
    copies: { type: 'string', default: '1000000' },
    'act-lines': { type: 'string', default: '100000' },
    seed: { type: 'string', default: '6' },
    out: { type: 'string', default: 'bench-data/reconcile-1m/' },
  },
});

function wholeNumber(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, got ${JSON.stringify(text)}`);
    console.error(USAGE);
    process.exit(2);
  }
  return n;
}

const copies = wholeNumber('copies', values.copies);
const actLines = wholeNumber('act-lines', values['act-lines']);
const seed = wholeNumber('seed', values.seed);
if (actLines > copies) {
  console.error('--act-lines cannot exceed --copies');
  console.error(USAGE);
  process.exit(2);
}
const out = resolve(values.out);
mkdirSync(out, { recursive: true });

const started = performance.now();
const streams: Record<'holdings.mrc' | 'acts.csv', WriteStream> = {
  'holdings.mrc': createWriteStream(join(out, 'holdings.mrc')),
  'acts.csv': createWriteStream(join(out, 'acts.csv')),
};
const bytes = { 'holdings.mrc': 0, 'acts.csv': 0 };
let peakRss = 0;
const chunks = reconcileBenchmarkChunks({ seed, copies, actLines });
let step = chunks.next();
while (!step.done) {
  const { file, bytes: chunk } = step.value;
  bytes[file] += chunk.length;
  if (!streams[file].write(chunk)) await once(streams[file], 'drain');
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  step = chunks.next();
}
for (const stream of Object.values(streams)) {
  stream.end();
  await once(stream, 'finish');
}
const summary = step.value;
const seconds = (performance.now() - started) / 1000;

console.log(`wrote ${out} in ${seconds.toFixed(1)} s, peak RSS ${(peakRss / 1048576).toFixed(0)} MB`);
console.log(`  holdings.mrc: ${bytes['holdings.mrc']} bytes, ${summary.records} records, ${summary.copies} copies (${summary.withdrawn} withdrawn by the acts)`);
console.log(`  acts.csv: ${bytes['acts.csv']} bytes, ${summary.actLines} lines in ${summary.acts} acts`);
console.log(`  planted: ${Object.entries(summary.problems).map(([k, v]) => `${k} ${v}`).join(', ')}`);
