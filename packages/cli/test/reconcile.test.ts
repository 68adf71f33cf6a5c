import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const DIR = 'fixtures/reconcile';

describe('kitap reconcile', () => {
  it('writes findings and the withdrawal table, prints the summary in the report wording, and exits 1 on error findings', async () => {
    const out = tempDir();
    const { code, stderr } = await runCli(['reconcile', '--holdings', `${DIR}/holdings.mrc`, '--acts', `${DIR}/acts`, '--out', out, '--as-of', '30.06.2025', '--year', '2023', '--fund-start', `${DIR}/fund-start.csv`, '--fund-end', `${DIR}/fund-end.csv`]);
    expect(code).toBe(1);
    expect(stderr).toContain('acts: 51 with 3007 lines; matched 2999 copies, unmatched 3, ambiguous 2, inventory number unreadable 3; holdings: 12010 copies');
    expect(stderr).toContain('ledger act lines: 3007 = matched 2999 + unmatched 3 + ambiguous 2 + unreadable number 3 (balanced)');
    expect(stderr).toContain('Выбыло всего (2023): 2837 экз. на сумму 1 499 774,39 тг');
    expect(stderr).toContain('balance: 294 cells (branch × subject group × language), 2 do not balance');
    const findings = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as { findings: { code: string }[]; totals: { byCode: Record<string, number> } };
    expect(findings.totals.byCode['ACT_LINE_UNMATCHED']).toBe(3);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { withdrawals: { total: { copies: number; sum: number } }; actsByInstruction: Record<string, number> };
    expect(summary.withdrawals.total).toMatchObject({ copies: 2837, sum: 149977439 });
    expect(summary.actsByInstruction).toEqual({ 'order-136-nk': 2, 'order-374': 49 });
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<svg');
    expect(readFileSync(join(out, 'report.xlsx')).subarray(0, 2).toString('latin1')).toBe('PK');
  }, 60_000);

  it('asks for --year when fund snapshots are given, without a stack trace', async () => {
    const { code, stderr } = await runCli(['reconcile', '--holdings', `${DIR}/holdings.mrc`, '--acts', `${DIR}/acts`, '--out', tempDir(), '--fund-start', `${DIR}/fund-start.csv`, '--fund-end', `${DIR}/fund-end.csv`]);
    expect(code).toBe(2);
    expect(stderr).toContain('--year');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('--profile picks the copy layouts read: a RUSMARC profile finds no 852/876 copies', async () => {
    const { stderr } = await runCli(['reconcile', '--holdings', `${DIR}/holdings.mrc`, '--acts', `${DIR}/acts/akt-17.xlsx`, '--out', tempDir(), '--as-of', '2025-06-30', '--profile', 'rusmarc']);
    expect(stderr).toContain('holdings: 0 copies');
    const bad = await runCli(['reconcile', '--holdings', `${DIR}/holdings.mrc`, '--acts', `${DIR}/acts`, '--out', tempDir(), '--profile', 'unimarc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown profile');
  }, 60_000);

  it('names a missing holdings file', async () => {
    const out = tempDir();
    const { code, stderr } = await runCli(['reconcile', '--holdings', `${DIR}/nothing.mrc`, '--acts', `${DIR}/acts`, '--out', out, '--as-of', '2025-06-30']);
    expect(code).toBe(2);
    expect(stderr).toContain('nothing.mrc');
    expect(existsSync(join(out, 'findings.json'))).toBe(false);
  });

  it('says a holdings folder or a missing acts folder is an input error (exit 2), naming it, before writing anything', async () => {
    const out = join(tempDir(), 'out');
    const folder = await runCli(['reconcile', '--holdings', DIR, '--acts', `${DIR}/acts`, '--out', out, '--as-of', '2025-06-30']);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain(`E_INPUT at ${DIR}: --holdings: this is a folder; give a file`);
    const acts = await runCli(['reconcile', '--holdings', `${DIR}/holdings.mrc`, '--acts', `${DIR}/no-such-acts`, '--out', out, '--as-of', '2025-06-30']);
    expect(acts.code).toBe(2);
    expect(acts.stderr).toContain('no-such-acts: --acts: no such file or folder');
    expect(existsSync(out)).toBe(false);
  });
});

describe('kitap acts check', () => {
  it('checks act files alone and lists the findings with file and line', async () => {
    const { code, stdout, stderr } = await runCli(['acts', 'check', `${DIR}/acts`, '--as-of', '2025-06-30']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/acts-2023\.csv, line 542: error ACT_TOTAL_MISMATCH: act № 6 of 06\.03\.2023/);
    expect(stdout).toMatch(/line 842: error INVENTORY_NUMBER_INVALID/);
    expect(stderr).toMatch(/^51 acts, 3007 lines; \d+ findings/m);
  });

  it('--format json gives the acts and findings as data', async () => {
    const { stdout } = await runCli(['acts', 'check', `${DIR}/acts/akt-17.xlsx`, '--as-of', '2025-06-30', '--format', 'json']);
    const data = JSON.parse(stdout) as { acts: { number: string; type: string }[] };
    expect(data.acts).toEqual([expect.objectContaining({ number: '17', type: 'write-off' })]);
  });
});
