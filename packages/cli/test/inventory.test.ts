import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, tempDir } from './helpers.js';

const EXPORT = 'fixtures/inventory/export-cp1251.csv';
const CATALOG = 'fixtures/sample/catalog-utf8.mrc';
const OUTPUTS = ['records.mrc', 'web-rabis.jsonl', 'rejects.csv', 'batches.csv', 'report.json'];

function spawnKitap(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, KITAP_NO_PROGRESS: '1', ...env }, encoding: 'utf8' });
}

function outputs(dir: string): Buffer[] {
  return OUTPUTS.map((f) => readFileSync(join(dir, f)));
}

describe('kitap inventory', () => {
  it('--detect prints a mapping file naming the columns it found', async () => {
    const { code, stdout, stderr } = await runCli(['inventory', EXPORT, '--detect']);
    expect(code).toBe(0);
    const mapping = JSON.parse(stdout) as { format: string; encoding: string; delimiter: string; headerLine: number; columns: Record<string, string> };
    expect(mapping).toMatchObject({ format: 'csv', encoding: 'cp1251', delimiter: ';', headerLine: 3 });
    expect(mapping.columns).toMatchObject({ inventoryNumber: 'Инв. №', author: 'Автор', title: 'Заглавие', price: 'Цена', quantity: 'Кол-во', sum: 'Сумма', branch: 'Филиал', batch: '№ КСУ' });
    expect(stderr).toContain('cp1251');
  });

  it('prints the ledger of rows, copies and money, and exits 1 when rows were rejected', async () => {
    const out = tempDir();
    const { code, stderr } = await runCli(['inventory', EXPORT, '--catalog', CATALOG, '--out', out]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/rows: read 3949 = mapped 3915 \+ rejected 26 \+ batch-level 5 \+ already in catalog 2 \+ totals 1 \(balanced\)/);
    expect(stderr).toMatch(/money, KZT: read 8 144 581,30 = mapped 7 571 814,80 .* \(balanced\)/);
    expect(stderr).toContain('199 existing records receive 2345 copies; 399 new records hold 1580 copies');
    for (const f of OUTPUTS) expect(existsSync(join(out, f)), f).toBe(true);
  }, 60_000);

  it('a mapping file given by column numbers reads the export the same way as detection', async () => {
    const dir = tempDir();
    const mapping = join(dir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ headerLine: 3, columns: { inventoryNumber: 2, author: 3, title: 4, year: 5, publisher: 6, isbn: 7, bbk: 8, udc: 9, price: 10, quantity: 11, sum: 12, dateReceived: 13, batch: 14, branch: 15, language: 16 } }));
    await runCli(['inventory', EXPORT, '--out', join(dir, 'detected')]);
    await runCli(['inventory', EXPORT, '--mapping', mapping, '--out', join(dir, 'mapped')]);
    expect(readFileSync(join(dir, 'mapped', 'records.mrc'))).toEqual(readFileSync(join(dir, 'detected', 'records.mrc')));
    expect(readFileSync(join(dir, 'mapped', 'rejects.csv'))).toEqual(readFileSync(join(dir, 'detected', 'rejects.csv')));
  }, 60_000);

  it('a mapping that names a column the export lacks stops with E_MAPPING, not a stack trace', async () => {
    const dir = tempDir();
    const mapping = join(dir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ columns: { inventoryNumber: 'Инвентарный номер' } }));
    const { code, stderr } = await runCli(['inventory', EXPORT, '--mapping', mapping, '--out', join(dir, 'out')]);
    expect(code).toBe(2);
    expect(stderr).toContain('E_MAPPING');
    expect(stderr).toContain('inventoryNumber → "Инвентарный номер"');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('--delimiter of more than one character is a usage error, not a mapping file problem', async () => {
    const out = join(tempDir(), 'out');
    const run = await runCli(['inventory', EXPORT, '--delimiter', 'ab', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('E_USAGE: --delimiter takes one character, not "ab"');
    expect(existsSync(out)).toBe(false);
  });

  it('a mapping file with a setting kitap does not know is refused with its name', async () => {
    const dir = tempDir();
    const mapping = join(dir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ column: { title: 'Заглавие' } }));
    const { code, stderr } = await runCli(['inventory', EXPORT, '--mapping', mapping, '--out', join(dir, 'out')]);
    expect(code).toBe(2);
    expect(stderr).toContain('E_MAPPING');
    expect(stderr).toContain('column');
  });

  it('classifying in worker threads (KITAP_WORKERS=2) gives the same bytes as in line (KITAP_WORKERS=0)', () => {
    const inline = tempDir();
    const workers = tempDir();
    expect(spawnKitap(['inventory', EXPORT, '--out', inline], { KITAP_WORKERS: '0' }).status).toBe(1);
    const run = spawnKitap(['inventory', EXPORT, '--out', workers], { KITAP_WORKERS: '2' });
    expect(run.status, run.stderr).toBe(1);
    expect(outputs(workers)).toEqual(outputs(inline));
  }, 120_000);

  it.each(['read:1500', 'group:0', 'attach:0'])('a run killed (SIGKILL at %s) and started again finishes with the same bytes as an uninterrupted run', (at) => {
    const whole = tempDir();
    const killed = tempDir();
    const args = (out: string) => ['inventory', EXPORT, '--catalog', CATALOG, '--out', out];
    expect(spawnKitap(args(whole)).status).toBe(1);
    const first = spawnKitap(args(killed), { KITAP_TEST_KILL_AT: at });
    expect(first.signal).toBe('SIGKILL');
    for (const f of OUTPUTS) expect(existsSync(join(killed, f)), `${f} after the kill`).toBe(false);
    const second = spawnKitap(args(killed));
    expect(second.status, second.stderr).toBe(1);
    expect(second.stderr).toContain('resuming the run');
    expect(outputs(killed)).toEqual(outputs(whole));
  }, 120_000);
});
