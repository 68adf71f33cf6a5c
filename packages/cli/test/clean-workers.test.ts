/**
 * `kitap lint` and `kitap fix` hand ISO2709 records to worker threads once an
 * input is large enough; the built binary is run with and without them on a
 * catalog with everything a worker must read as the main thread did (legacy
 * character sets between UTF-8 records, a wrong record length, bytes between
 * records, a damaged record), and every output must be the same bytes.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Leader, MarcRecord, controlField, dataField, subfields, writeIso2709 } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { BIN, legacyIso2709, sampleRecord, tempDir } from './helpers.js';

/** Counts the worker threads the binary starts (on stderr at exit), without changing what they do. */
const COUNT_WORKERS = `data:text/javascript,${encodeURIComponent(`
  import wt from 'node:worker_threads';
  import { syncBuiltinESMExports } from 'node:module';
  let started = 0;
  const Worker = wt.Worker;
  wt.Worker = class extends Worker { constructor(...args) { super(...args); started++; } };
  syncBuiltinESMExports();
  if (wt.isMainThread) process.on('exit', () => process.stderr.write('workers started: ' + started + '\\n'));
`)}`;

function dirty(n: number): MarcRecord {
  return new MarcRecord(Leader.DEFAULT, [
    controlField('001', `KZ-D${n}`),
    dataField('020', ' ', ' ', subfields('a', '9786010313287')),
    dataField('245', '1', '0', subfields('a', ` Қан  мен тер ${n} /`, 'c', 'Ә. Нұрпейісов.')),
    dataField('949', ' ', ' ', subfields('a', 'ЦГБ', 'i', `${n % 40}`)),
  ]);
}

/** 2,600 records: workers start after the first 2,000. */
function catalog(dir: string): string {
  const parts: Buffer[] = [];
  for (let n = 0; n < 2600; n++) {
    if (n === 2100 || n === 2101 || n === 2350) parts.push(legacyIso2709(sampleRecord(n), n === 2350 ? 'pt154' : 'rk1048'));
    else if (n === 2200) {
      // A record length that points inside the record: framed by its terminator, repaired in lenient mode.
      const bytes = Buffer.from(writeIso2709(sampleRecord(n)));
      bytes.write(String(bytes.length - 7).padStart(5, '0'), 0, 'latin1');
      parts.push(bytes);
    } else if (n === 2300) parts.push(Buffer.from('00042nam a2200037   4500\x1e\x1d', 'latin1'));
    else parts.push(Buffer.from(writeIso2709(n % 7 === 3 ? dirty(n) : sampleRecord(n % 1000))));
    if (n % 500 === 250) parts.push(Buffer.from('\r\n'));
  }
  const path = join(dir, 'catalog.mrc');
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

function run(dir: string, workers: number, args: string[]): { code: number | null; stderr: string; files: Map<string, Buffer> } {
  const result = spawnSync(process.execPath, ['--import', COUNT_WORKERS, BIN, ...args], { cwd: dir, env: { ...process.env, KITAP_NO_PROGRESS: '1', KITAP_WORKERS: String(workers) } });
  const files = new Map(readdirSync(dir).filter((f) => f.startsWith('out')).map((f) => [f, readFileSync(join(dir, f))]));
  return { code: result.status, stderr: result.stderr.toString('utf8'), files };
}

describe('lint and fix in worker threads', () => {
  const dirs = { none: tempDir(), two: tempDir() };
  const input = catalog(tempDir());

  it('give the same findings, fixed records, journal, rejects and reports as one thread', { timeout: 240_000 }, () => {
    const outputs = (['none', 'two'] as const).map((which) => {
      const dir = dirs[which];
      const workers = which === 'none' ? 0 : 2;
      const lint = run(dir, workers, ['lint', input, '--profile', 'kazakh-public-library', '--format', 'json', '-o', 'out-lint.json']);
      const fix = run(dir, workers, ['fix', input, '-o', 'out-fixed.mrc', '--profile', 'kazakh-public-library']);
      return { lint, fix };
    });
    const [none, two] = outputs as [(typeof outputs)[0], (typeof outputs)[0]];
    const started = Math.min(2, availableParallelism());
    expect(none.lint.stderr).toContain('workers started: 0');
    expect(two.lint.stderr).toContain(`workers started: ${started}`);
    expect(two.fix.stderr).toContain(`workers started: ${started}`);
    expect(two.lint.code).toBe(none.lint.code);
    expect(two.fix.code).toBe(none.fix.code);
    const summary = JSON.parse(none.fix.files.get('out-fixed.mrc.report.json')!.toString('utf8'));
    expect(summary.counts).toMatchObject({ read: 2600, rejected: 1 });
    expect(summary.counts.changedRecords).toBeGreaterThan(300);
    const lint = JSON.parse(none.lint.files.get('out-lint.json')!.toString('utf8'));
    // Cross-record findings from records the workers read.
    const late = (rule: string): boolean => lint.findings.some((f: { ruleId: string; place: { index: number } }) => f.ruleId === rule && f.place.index > 2000);
    expect(late('inventory-number-unique') && late('control-number-unique')).toBe(true);
    expect([...two.fix.files.keys()].sort()).toEqual([...none.fix.files.keys()].sort());
    for (const [name, bytes] of [...none.lint.files, ...none.fix.files]) expect(two.fix.files.get(name) ?? two.lint.files.get(name), name).toEqual(bytes);
  });
});
