/**
 * Writes a large generated 1C inventory export for benchmarks: the row shape
 * of fixtures/inventory/export-cp1251.csv (cp1251, `;`, CRLF), streamed in
 * chunks so memory stays flat (see scripts/fixtures/inventory-benchmark-data.ts).
 *
 *   npx tsx scripts/gen-inventory-benchmark.ts --rows 500000 --out bench-data/inventory-500k.csv [--seed 5]
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// Workspace packages must resolve to their sources (the "source" export
// condition), so the data can be made on a fresh clone before any build.
const SOURCE_CONDITION = '--conditions=source';
if (!process.execArgv.includes(SOURCE_CONDITION) && !(process.env.NODE_OPTIONS ?? '').includes(SOURCE_CONDITION)) {
  const again = spawnSync(process.execPath, [...process.execArgv, SOURCE_CONDITION, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}
const { inventoryBenchmarkChunks } = await import('./fixtures/inventory-benchmark-data.js');

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '500000' },
    seed: { type: 'string', default: '5' },
    out: { type: 'string', default: 'bench-data/inventory-500k.csv' },
  },
});

function wholeNumber(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, got ${JSON.stringify(text)}`);
    console.error('usage: npx tsx scripts/gen-inventory-benchmark.ts --rows 500000 --out bench-data/inventory-500k.csv [--seed 5]');
    process.exit(2);
  }
  return n;
}

const rows = wholeNumber('rows', values.rows);
const seed = wholeNumber('seed', values.seed);
const out = resolve(values.out);
mkdirSync(dirname(out), { recursive: true });

const started = performance.now();
const stream = createWriteStream(out);
const chunks = inventoryBenchmarkChunks({ seed, rows });
let bytes = 0;
let peakRss = 0;
let step = chunks.next();
while (!step.done) {
  bytes += step.value.length;
  if (!stream.write(step.value)) await once(stream, 'drain');
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  step = chunks.next();
}
stream.end();
await once(stream, 'finish');
const summary = step.value;
const seconds = (performance.now() - started) / 1000;

console.log(`wrote ${out} (${bytes} bytes) in ${seconds.toFixed(1)} s, peak RSS ${(peakRss / 1048576).toFixed(0)} MB`);
console.log(`  ${summary.rows} rows, ${summary.editions} editions, ${summary.copies} copies, ${summary.moneyTiyn} tiyn, ${summary.blankLines} blank lines`);
console.log(`  planted: ${Object.entries(summary.problems).map(([k, v]) => `${k} ${v}`).join(', ')}`);
