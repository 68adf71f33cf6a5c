import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Through the built CLI: worker threads exist only in dist (tests on the sources classify in line).
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'packages/cli/dist/bin.js');
const EXPORT = join(ROOT, 'fixtures/inventory/export-cp1251.csv');
const OUTPUTS = ['records.mrc', 'web-rabis.jsonl', 'rejects.csv', 'batches.csv', 'report.json'];

const tmp = (): string => mkdtempSync(join(tmpdir(), 'kitap-inv-worker-'));
const kitap = (args: string[], extra: Record<string, string>) =>
  spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, KITAP_NO_PROGRESS: '1', ...extra }, encoding: 'utf8', maxBuffer: 64 << 20 });
const outputs = (dir: string): (string | undefined)[] => OUTPUTS.map((f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'latin1') : undefined));

describe('kitap inventory when a classifying worker dies', () => {
  it.each(['1', '2'])('classifies the rows in the main thread instead (worker dies at batch %s): the same files, a line on the log, no stack trace', (at) => {
    const inline = tmp();
    const failing = tmp();
    const a = kitap(['inventory', EXPORT, '--out', inline], { KITAP_WORKERS: '0' });
    expect(a.status, a.stderr).toBe(1);
    const b = kitap(['inventory', EXPORT, '--out', failing], { KITAP_WORKERS: '1', KITAP_TEST_WORKER_DIES: at });
    expect(b.stderr).not.toMatch(/node:internal|\n\s+at /);
    expect(b.status, b.stderr).toBe(a.status);
    expect(outputs(failing)).toEqual(outputs(inline));
    expect(b.stderr).toMatch(/a classifying worker stopped \(exit code 134\); its rows and the rest were classified in the main thread/);
  }, 120_000);

  it('an export whose distinct titles are ~200 characters long (the worker outgrows its heap) gives the same files as in line', () => {
    const input = join(tmp(), 'export.csv');
    const lines = ['№ п/п;Инв. №;Автор;Заглавие;Год издания;Издательство;Цена;Кол-во;Сумма;Дата поступления;Филиал;Язык'];
    const filler = 'қазақ әдебиеті '.repeat(14);
    for (let i = 1; i <= 15_000; i++) lines.push(`${i};${90000 + i};Әуезов М. ${i};${`Абай жолы ${i} ${filler}`.slice(0, 200)};1988;Жазушы;100,00;1;100,00;05.01.1988;ЦГБ;каз`);
    writeFileSync(input, `${lines.join('\r\n')}\r\n`);
    const inline = tmp();
    const worker = tmp();
    const a = kitap(['inventory', input, '--out', inline], { KITAP_WORKERS: '0' });
    expect(a.status, a.stderr).toBe(0);
    const b = kitap(['inventory', input, '--out', worker], { KITAP_WORKERS: '1' });
    expect(b.stderr).not.toMatch(/node:internal|\n\s+at /);
    expect(b.status, b.stderr).toBe(0);
    expect(outputs(worker)).toEqual(outputs(inline));
  }, 240_000);

  it('a run killed while writing its outputs leaves no temporary files after the next run', () => {
    const out = tmp();
    const first = kitap(['inventory', EXPORT, '--out', out], { KITAP_TEST_KILL_AT: 'write:0' });
    expect(first.signal).toBe('SIGKILL');
    const again = kitap(['inventory', EXPORT, '--out', out], {});
    expect(again.status, again.stderr).toBe(1);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
