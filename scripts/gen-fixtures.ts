/**
 * Writes the committed sample fixtures (fixtures/sample/*) from fixed seeds.
 *
 *   pnpm fixtures                 # rewrite fixtures/sample/
 *   pnpm fixtures --out DIR       # write DIR/sample/ instead
 *   pnpm fixtures --check         # exit 1 when the committed files differ from a fresh generation
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// Workspace packages must resolve to their sources (the "source" export
// condition), so the fixtures can be made on a fresh clone before any build.
const SOURCE_CONDITION = '--conditions=source';
if (!process.execArgv.includes(SOURCE_CONDITION) && !(process.env.NODE_OPTIONS ?? '').includes(SOURCE_CONDITION)) {
  const again = spawnSync(process.execPath, [...process.execArgv, SOURCE_CONDITION, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}
const { buildSampleFixtures } = await import('./fixtures/sample-fixtures.js');
const { buildLintFixtures } = await import('./fixtures/lint-fixtures.js');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' }, check: { type: 'boolean', default: false } } });
const outDir = resolve(values.out ?? join(root, 'fixtures'));

const { buildDedupFixtures } = await import('./fixtures/dedup-fixtures.js');
const { buildInventoryFixtures } = await import('./fixtures/inventory-fixtures.js');
const { buildReconcileFixtures } = await import('./fixtures/reconcile-fixtures.js');
const { buildMigrationFixtures } = await import('./fixtures/migration-fixtures.js');
const files = [...buildSampleFixtures().files, ...buildLintFixtures().files, ...(await buildDedupFixtures()).files, ...(await buildInventoryFixtures()).files, ...(await buildReconcileFixtures()).files, ...(await buildMigrationFixtures()).files];
let differ = 0;
for (const file of files) {
  const path = join(outDir, file.path);
  if (values.check) {
    let old: Buffer | undefined;
    try {
      old = readFileSync(path);
    } catch {
      old = undefined;
    }
    if (!old || !old.equals(file.bytes)) {
      differ++;
      console.error(`differs: ${path}`);
    }
    continue;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.bytes);
  console.log(`wrote ${path} (${file.bytes.length} bytes)`);
}
if (values.check) {
  console.log(differ ? `${differ} of ${files.length} fixture files differ from a fresh generation; run pnpm fixtures` : `all ${files.length} fixture files are up to date`);
  process.exitCode = differ ? 1 : 0;
}
