import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BranchDirectory, KARAGANDA_CBS } from '@kitap/holdings';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AuditResult, DEFAULT_SUBJECT_RULES, SUBJECT_GROUPS, findingsJson, runAudit } from '../src/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DIR = join(ROOT, 'fixtures/reconcile');

interface Cell {
  copies: number;
  sum: number;
  kazCopies: number;
  kazSum: number;
}
interface PlantedRow extends Cell {
  byGroup: Record<string, Cell>;
  byBranch: Record<string, Cell>;
}
interface Planted {
  findings: { code: string; file: string; line?: number; inventoryNumber?: string }[];
  withdrawals2023: Record<string, PlantedRow>;
  balance: { line: number; branch: string; group: string; language: string; expectedEnd: { copies: number; sum: number }; end: { copies: number; sum: number } }[];
}
const planted = JSON.parse(readFileSync(join(DIR, 'planted.json'), 'utf8')) as Planted;

describe('kitap reconcile on the generated year of the customer (1/10 scale)', () => {
  let result: AuditResult;
  beforeAll(async () => {
    result = await runAudit({
      holdings: join(DIR, 'holdings.mrc'),
      acts: [join(DIR, 'acts')],
      asOf: '2025-06-30',
      year: 2023,
      fundStart: join(DIR, 'fund-start.csv'),
      fundEnd: join(DIR, 'fund-end.csv'),
      branches: BranchDirectory.fromJson(KARAGANDA_CBS),
      inventoryNumbers: { branchPrefixes: 'strip' },
      rules: DEFAULT_SUBJECT_RULES,
    });
  }, 60_000);

  it('finds exactly the planted discrepancies, each at its act line, and nothing else', () => {
    const key = (f: { code: string; file?: string; line?: number; inventoryNumber?: string }): string => `${f.code} ${(f.file ?? '').replace(/^.*fixtures\/reconcile\//, '')}:${f.line ?? ''} ${f.inventoryNumber ?? ''}`;
    const got = findingsJson(result).findings.map(key).sort();
    const want = planted.findings.map(key).sort();
    expect(got).toEqual(want);
  });

  it('every finding names its act, and shows both spellings where the holdings write the number differently', () => {
    for (const f of findingsJson(result).findings) {
      if (f.code === 'BALANCE_MISMATCH') continue;
      expect(f.file, f.message).toBeTruthy();
      expect(f.message).toMatch(/act № /);
    }
    const ambiguous = findingsJson(result).findings.filter((f) => f.code === 'ACT_LINE_AMBIGUOUS');
    for (const f of ambiguous) expect(f.copies?.length).toBeGreaterThan(1);
  });

  it('reproduces the withdrawal table of 2023 to the tiyn: by reason, Kazakh, subject group and branch', () => {
    const rows = { ...result.withdrawals.rows, total: result.withdrawals.total } as Record<string, (typeof result.withdrawals)['total']>;
    for (const [reason, want] of Object.entries(planted.withdrawals2023)) {
      const got = rows[reason]!;
      expect({ reason, copies: got.copies, sum: got.sum, kazCopies: got.kazakh.copies, kazSum: got.kazakh.sum }).toEqual({ reason, copies: want.copies, sum: want.sum, kazCopies: want.kazCopies, kazSum: want.kazSum });
      for (const group of SUBJECT_GROUPS) {
        const w = want.byGroup[group] ?? { copies: 0, sum: 0, kazCopies: 0, kazSum: 0 };
        expect([reason, group, got.byGroup[group]?.copies ?? 0, got.byGroup[group]?.sum ?? 0, got.kazakh.byGroup[group]?.copies ?? 0, got.kazakh.byGroup[group]?.sum ?? 0]).toEqual([reason, group, w.copies, w.sum, w.kazCopies, w.kazSum]);
      }
      for (const [branch, w] of Object.entries(want.byBranch)) {
        expect([reason, branch, got.byBranch[branch]?.copies ?? 0, got.byBranch[branch]?.sum ?? 0]).toEqual([reason, branch, w.copies, w.sum]);
      }
    }
  });

  it('balances every branch × subject group × language but the planted ones', () => {
    const byCell = new Map(result.balance!.map((b) => [`${b.branch}|${b.group}|${b.language}`, b]));
    for (const want of planted.balance) {
      const got = byCell.get(`${want.branch}|${want.group}|${want.language}`);
      expect([want.line, got?.expectedEnd, got?.end]).toEqual([want.line, want.expectedEnd, want.end]);
    }
  });
});

describe('kitap reconcile without fund snapshots', () => {
  it('reads only the copy numbers of records no act names, and finds the same as a full read', async () => {
    const common = { holdings: join(DIR, 'holdings.mrc'), acts: [join(DIR, 'acts')], asOf: '2025-06-30', year: 2023, branches: BranchDirectory.fromJson(KARAGANDA_CBS), inventoryNumbers: { branchPrefixes: 'strip' } as const, rules: DEFAULT_SUBJECT_RULES };
    const quick = await runAudit(common);
    const full = await runAudit({ ...common, fundStart: join(DIR, 'fund-start.csv'), fundEnd: join(DIR, 'fund-end.csv') });
    const strip = (r: AuditResult) => findingsJson(r).findings.filter((f) => f.code !== 'BALANCE_MISMATCH').map((f) => `${f.code} ${f.file}:${f.line}`);
    expect(quick.counts).toEqual(full.counts);
    expect(strip(quick)).toEqual(strip(full));
    expect(quick.withdrawals).toEqual(full.withdrawals);
  }, 60_000);
});
