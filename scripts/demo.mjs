// The main job on the bundled sample: what `pnpm demo` runs after the build.
// `kitap migrate` takes the sample's legacy catalog (cp1251 ISO2709), its 1C
// inventory export and a year of acts (fixtures/sample/migration/, see its
// MANIFEST.md) to a Web-RABIS package in out/migration/. Exit 1 means "some
// input was rejected or the audit found errors", which the sample plants on
// purpose; only 2 is a failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const bin = 'packages/cli/dist/bin.js';
const sample = 'fixtures/sample/migration';
const out = 'out/migration';
mkdirSync('out', { recursive: true });

const args = ['migrate', '--catalog', `${sample}/catalog.iso`, '--inventory', `${sample}/inventory-1c.csv`, '--acts', `${sample}/acts`, '--out', out, '--as-of', '2024-01-15', '--year', '2023'];
process.stderr.write(`\n$ kitap ${args.join(' ')}\n`);
const run = spawnSync(process.execPath, [bin, ...args], { stdio: 'inherit' });
if (run.status === 2 || run.status === null) {
  process.stderr.write(`kitap migrate failed (exit ${run.status})\n`);
  process.exit(2);
}
process.stderr.write(
  `\nDone. Open the report: ${resolve(out, 'report.html')}\n` +
    `The Web-RABIS package is ${out}/records.mrc and ${out}/web-rabis.jsonl; every reject is in ${out}/rejects/, the ledger in ${out}/ledger.json.\n` +
    `Decide the doubtful duplicates in the browser: npx pnpm@12.4.2 kitap serve ${out}\n`,
);
