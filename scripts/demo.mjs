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
process.stderr.write('\nDone: see out/ (catalog.mrc, catalog.xml, *.rejects.ndjson, *.warnings.ndjson, *.report.json).\n');
