// The main job on the bundled sample: what `pnpm demo` runs after the build.
// Exit 1 from `kitap convert` means "some records were rejected", which the
// sample does on purpose (see fixtures/sample/MANIFEST.md); only 2 is a failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const bin = 'packages/cli/dist/bin.js';
mkdirSync('out', { recursive: true });

function kitap(...args) {
  process.stderr.write(`\n$ kitap ${args.join(' ')}\n`);
  const run = spawnSync(process.execPath, [bin, ...args], { stdio: 'inherit' });
  if (run.status === 2 || run.status === null) {
    process.stderr.write(`kitap ${args[0]} failed (exit ${run.status})\n`);
    process.exit(2);
  }
  return run.status;
}

kitap('info', 'fixtures/sample/catalog-cp1251.iso');
kitap('convert', 'fixtures/sample/catalog-cp1251.iso', '-o', 'out/catalog.mrc');
kitap('convert', 'out/catalog.mrc', '-o', 'out/catalog.xml');
kitap('convert', 'fixtures/sample/catalog-utf8.mrc', '-o', 'out/catalog-utf8.mrc');
// Clean-up: the dirty sample catalog, checked, fixed with a journal, and the fix undone.
kitap('convert', 'fixtures/lint/dirty.mrk', '-o', 'out/dirty.mrc');
kitap('lint', 'out/dirty.mrc', '-o', 'out/lint.html');
kitap('lint', 'out/dirty.mrc', '-o', 'out/lint.xlsx');
kitap('fix', 'out/dirty.mrc', '-o', 'out/fixed.mrc');
kitap('fix', '--undo', 'out/fixed.mrc.journal.jsonl', 'out/fixed.mrc', '-o', 'out/restored.mrc');
// Duplicates: a catalog with duplicates made the way they arise; the automatic matches merged, the rest listed for review.
kitap('dedup', 'fixtures/dedup/catalog.mrc', '--report', 'out/dedup.json', '--review', 'out/review.xlsx');
kitap('merge', 'fixtures/dedup/catalog.mrc', '--decisions', 'out/dedup.json', '-o', 'out/merged.mrc');
// The 1C fund inventory: the export mapped onto the sample catalog, every row, copy and tiyn accounted for.
kitap('inventory', 'fixtures/inventory/export-cp1251.csv', '--catalog', 'fixtures/sample/catalog-utf8.mrc', '--out', 'out/inventory');
// The audit: a year of write-off and transfer acts against the holdings, with the withdrawal table of 2023.
kitap('reconcile', '--holdings', 'fixtures/reconcile/holdings.mrc', '--acts', 'fixtures/reconcile/acts', '--out', 'out/audit', '--as-of', '2025-06-30', '--year', '2023', '--fund-start', 'fixtures/reconcile/fund-start.csv', '--fund-end', 'fixtures/reconcile/fund-end.csv');
process.stderr.write(
  '\nDone: see out/ — catalog.mrc, catalog.xml, dirty.mrc (converted), lint.html and lint.xlsx (what is wrong), fixed.mrc with fixed.mrc.journal.jsonl (the clean-up and every change), restored.mrc (the fix undone), dedup.json and review.xlsx (duplicates, explained), merged.mrc (automatic matches merged, every copy kept), inventory/ (the 1C export as web-rabis.jsonl and records.mrc, with rejects.csv, batches.csv and report.json), audit/ (report.html and report.xlsx: the acts checked against the holdings, and the withdrawal table), and the *.rejects.ndjson, *.warnings.ndjson and *.report.json beside each.\n',
);
