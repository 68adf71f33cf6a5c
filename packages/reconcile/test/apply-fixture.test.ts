import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BranchDirectory, KARAGANDA_CBS } from '@kitap/holdings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApplyResult, DEFAULT_SUBJECT_RULES, applyActs, findingsJson, runAudit } from '../src/index.js';
import { ROOT, recordFrames } from './apply-support.js';

const DIR = join(ROOT, 'fixtures/reconcile');
const branches = BranchDirectory.fromJson(KARAGANDA_CBS);
const inventoryNumbers = { branchPrefixes: 'strip' } as const;

interface Planted {
  findings: { code: string; file: string; line?: number; act?: string; actDate?: string; inventoryNumber?: string; copies?: { branch?: string }[] }[];
  acts: { file: string; number: string; date: string; kind: 'write-off' | 'internal-transfer' | 'external-transfer'; from?: string; lines: number }[];
}
const planted = JSON.parse(readFileSync(join(DIR, 'planted.json'), 'utf8')) as Planted;
const place = (f: { file: string; line?: number }): string => `${f.file.replace(/^.*fixtures\/reconcile\//, '')}:${f.line ?? ''}`;

// What applying fixes: the copies the holdings still show active after their act, and the copy an internal
// transfer left at its sending library. Everything else planted is for the audit to report.
const fixed = planted.findings.filter((f) => {
  if (f.code === 'WRITTEN_OFF_STILL_ACTIVE' || f.code === 'TRANSFERRED_OUT_STILL_ACTIVE') return true;
  if (f.code !== 'TRANSFER_LOCATION_MISMATCH') return false;
  const act = planted.acts.find((a) => a.file === f.file && a.number === f.act && a.date === f.actDate)!;
  return f.copies?.[0]?.branch === act.from;
});

describe('applying the acts to the generated year of the customer, whose holdings already show most of them', () => {
  let out: string;
  let result: ApplyResult;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'kitap-apply-fixture-'));
    result = await applyActs({ records: join(DIR, 'holdings.mrc'), acts: [join(DIR, 'acts')], outRecords: join(out, 'holdings.mrc'), layouts: ['852/876'], branches, inventoryNumbers, asOf: '2025-06-30' });
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('applies exactly the lines the holdings do not show yet, and accounts for every other line', () => {
    expect(fixed.map(place)).toHaveLength(6);
    expect(result.applied.map(place).sort()).toEqual(fixed.map(place).sort());
    const lines = planted.acts.reduce((s, a) => s + a.lines, 0);
    const internal = planted.acts.filter((a) => a.kind === 'internal-transfer').reduce((s, a) => s + a.lines, 0);
    const count = (code: string): number => planted.findings.filter((f) => f.code === code).length;
    const byCode: Record<string, number> = {};
    for (const n of result.notApplied) byCode[n.code] = (byCode[n.code] ?? 0) + 1;
    const notAtSender = count('TRANSFER_LOCATION_MISMATCH') - 1;
    const elsewhere = count('ACT_LINE_UNMATCHED') + count('INVENTORY_NUMBER_INVALID') + count('ACT_LINE_AMBIGUOUS');
    expect(byCode).toEqual({
      ACT_LINE_UNMATCHED: count('ACT_LINE_UNMATCHED'),
      INVENTORY_NUMBER_INVALID: count('INVENTORY_NUMBER_INVALID'),
      ACT_LINE_AMBIGUOUS: count('ACT_LINE_AMBIGUOUS'),
      W_ACT_NOT_APPLIED_NOT_AT_SENDER: notAtSender,
      // Internal transfers the holdings already show (none of the planted unmatched, invalid or ambiguous lines is one).
      W_ACT_NOT_APPLIED_ALREADY_MOVED: internal - count('TRANSFER_LOCATION_MISMATCH'),
      W_ACT_NOT_APPLIED_WITHDRAWN: lines - 6 - notAtSender - (internal - count('TRANSFER_LOCATION_MISMATCH')) - elsewhere,
    });
    expect(result.counts).toEqual({
      acts: planted.acts.length,
      lines: 3007,
      applied: 6,
      notApplied: 3001,
      records: { in: 1706, out: 1706, changed: 6, unreadable: 0 },
      copies: { in: 12010, out: 12010, changed: 6 },
    });
    expect(result.counts.lines).toBe(lines);
    expect(result.notInMarc).toEqual({
      'transfer.act': 3,
      'transfer.date': 3,
      'transfer.from': 3,
      'transfer.institution': 2,
      'transfer.to': 1,
      'writeOff.act': 3,
      'writeOff.date': 3,
      'writeOff.reason': 3,
    });
  });

  it('then the audit finds every planted discrepancy but those the acts fixed', async () => {
    const audit = await runAudit({
      holdings: join(out, 'holdings.mrc'),
      acts: [join(DIR, 'acts')],
      asOf: '2025-06-30',
      year: 2023,
      fundStart: join(DIR, 'fund-start.csv'),
      fundEnd: join(DIR, 'fund-end.csv'),
      branches,
      inventoryNumbers,
      rules: DEFAULT_SUBJECT_RULES,
    });
    const key = (f: { code: string; file?: string; line?: number; inventoryNumber?: string }): string => `${f.code} ${place({ file: f.file ?? '', ...(f.line === undefined ? {} : { line: f.line }) })} ${f.inventoryNumber ?? ''}`;
    const fixedKeys = new Set(fixed.map(key));
    expect(findingsJson(audit).findings.map(key).sort()).toEqual(planted.findings.map(key).filter((k) => !fixedKeys.has(k)).sort());
  }, 60_000);

  it('writes the untouched records byte for byte, and the same bytes on a second run', async () => {
    const before = await recordFrames(join(DIR, 'holdings.mrc'));
    const after = await recordFrames(join(out, 'holdings.mrc'));
    const touched = new Set(result.applied.map((a) => a.copy.index));
    expect(touched.size).toBe(6);
    expect(after.map((bytes, i) => bytes.equals(before[i]!) !== touched.has(i)).every(Boolean)).toBe(true);
    await applyActs({ records: join(DIR, 'holdings.mrc'), acts: [join(DIR, 'acts')], outRecords: join(out, 'again.mrc'), layouts: ['852/876'], branches, inventoryNumbers, asOf: '2025-06-30' });
    expect(readFileSync(join(out, 'again.mrc')).equals(readFileSync(join(out, 'holdings.mrc')))).toBe(true);
  }, 60_000);
});
