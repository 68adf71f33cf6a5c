import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BranchDirectory, KARAGANDA_CBS } from '@kitap/holdings';
import Excel from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingsJson } from '../../src/audit/audit-json.js';
import { type AuditFinding, type AuditResult, runAudit } from '../../src/audit/run-audit.js';
import { auditHtml } from '../../src/report/audit-html.js';
import { writeAuditXlsx } from '../../src/report/audit-xlsx.js';
import { linesWord } from '../../src/report/finding-values.js';
import { COPY_STATUS_NAMES } from '../../src/report/report-labels.js';
import { DEFAULT_SUBJECT_RULES } from '../../src/statistics/subject-rules.js';
import { expectRussianText, expectRussianValue, pageFindings } from './russian-text.js';

const BRANCHES = BranchDirectory.fromJson(KARAGANDA_CBS);
const FIXTURES = fileURLToPath(new URL('../../../../fixtures/reconcile/', import.meta.url));
const META = { holdings: 'holdings.mrc', acts: ['acts'], asOf: '2025-06-30', year: 2023, generated: 'kitap', branches: BRANCHES };

const DATE = /^\d{2}\.\d{2}\.\d{4}$/u;
const STATUSES: readonly string[] = Object.values(COPY_STATUS_NAMES);
const LIBRARIES: readonly string[] = BRANCHES.branches.map((b) => b.name);

/**
 * The codes whose findings carry actual and expected values in the customer's
 * year (fixtures/reconcile), each with what its values must look like in the
 * workbook: dates as DD.MM.YYYY, statuses and libraries by their Russian
 * names, counts in Russian words, sums and numbers as the audit gives them.
 */
const VALUES: Record<string, (shown: { actual: string; expected: string }, f: AuditFinding) => void> = {
  ACT_BEFORE_RECEIPT: ({ actual, expected }) => {
    expect(actual).toMatch(DATE);
    expect(expected).toMatch(/^не раньше \d{2}\.\d{2}\.\d{4}$/u);
  },
  WRITTEN_OFF_STILL_ACTIVE: ({ actual, expected }) => {
    expect(STATUSES).toContain(actual);
    expect(expected).toBe('списан');
  },
  TRANSFERRED_OUT_STILL_ACTIVE: ({ actual, expected }) => {
    expect(STATUSES).toContain(actual);
    expect(expected).toBe('передан');
  },
  TRANSFER_LOCATION_MISMATCH: ({ actual, expected }) => {
    expect([...LIBRARIES, 'библиотека не указана']).toContain(actual);
    expect(LIBRARIES).toContain(expected);
  },
  INVENTORY_NUMBER_DUPLICATE: ({ actual, expected }) => {
    expect(actual).toMatch(/^\d+ строк[аи]?$/u);
    expect(expected).toBe('1 строка');
  },
  INVENTORY_NUMBER_INVALID: ({ actual, expected }, f) => {
    expect(actual).toBe(f.actual === '' ? 'нет номера' : f.actual);
    expect(expected).toBe('инвентарный номер, например 48213');
  },
  BALANCE_MISMATCH: ({ actual, expected }) => {
    expect(actual).toMatch(/^\d+ экз\., [\d.]+ тг$/u);
    expect(expected).toMatch(/^\d+ экз\., [\d.]+ тг$/u);
  },
  // Sums and counts are shown as the audit gives them.
  PRICE_MISMATCH: ({ actual, expected }, f) => expect([actual, expected]).toEqual([f.actual, f.expected]),
  ACT_TOTAL_MISMATCH: ({ actual, expected }, f) => expect([actual, expected]).toEqual([f.actual, f.expected]),
};

let dir: string;
let result: AuditResult;
let rows: { finding: AuditFinding; code: string; actual: string; expected: string; message: string }[];
let page: ReturnType<typeof pageFindings>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kitap-finding-values-'));
  result = await runAudit({
    holdings: join(FIXTURES, 'holdings.mrc'),
    acts: [join(FIXTURES, 'acts')],
    asOf: '2025-06-30',
    year: 2023,
    fundStart: join(FIXTURES, 'fund-start.csv'),
    fundEnd: join(FIXTURES, 'fund-end.csv'),
    branches: BRANCHES,
    inventoryNumbers: { branchPrefixes: 'strip' },
    rules: DEFAULT_SUBJECT_RULES,
  });
  const path = join(dir, 'report.xlsx');
  await writeAuditXlsx(result, path, META);
  const book = new Excel.Workbook();
  await book.xlsx.readFile(path);
  const s = book.getWorksheet('Замечания')!;
  const text = (row: number, column: number): string => String(s.getRow(row).getCell(column).value ?? '');
  rows = result.findings.map((finding, i) => ({ finding, code: text(i + 2, 1), actual: text(i + 2, 10), expected: text(i + 2, 11), message: text(i + 2, 12) }));
  page = pageFindings(auditHtml(result, META));
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the «Фактически» and «Ожидалось» columns, in Russian', () => {
  it.each(Object.keys(VALUES))('%s: the workbook shows its values and its text in Russian', (code) => {
    const of = rows.filter((r) => r.code === code);
    expect(of.length, `the customer's year gives no ${code}`).toBeGreaterThan(0);
    for (const row of of) {
      expect(row.finding.actual !== undefined || row.finding.expected !== undefined, code).toBe(true);
      expectRussianValue(row.actual, `${code} actual «${row.actual}»`);
      expectRussianValue(row.expected, `${code} expected «${row.expected}»`);
      VALUES[code]!(row, row.finding);
      expectRussianText(row.message, row.finding.message);
    }
  });

  it.each(Object.keys(VALUES))('%s: the page shows the same Russian values under the text', (code) => {
    expect(page).toHaveLength(result.findings.length);
    const of = page.map((p, i) => ({ ...p, row: rows[i]! })).filter((p) => p.code === code);
    expect(of.length).toBeGreaterThan(0);
    for (const p of of) {
      expectRussianValue(p.values, `${code} «${p.values}»`);
      if (p.row.actual !== '') expect(p.values).toContain(`фактически: ${p.row.actual}`);
      if (p.row.expected !== '') expect(p.values).toContain(`ожидалось: ${p.row.expected}`);
      expectRussianText(p.message, p.row.finding.message);
    }
  });

  it('names the copy\'s library and status, not their codes, and the date the copy came', () => {
    const receipt = rows.find((r) => r.code === 'ACT_BEFORE_RECEIPT')!;
    const iso = /on or after (\d{4})-(\d{2})-(\d{2})/u.exec(receipt.finding.expected!)!;
    expect(receipt.expected).toBe(`не раньше ${iso[3]}.${iso[2]}.${iso[1]}`);
    const moved = rows.find((r) => r.code === 'TRANSFER_LOCATION_MISMATCH')!;
    expect(moved.expected).toBe(BRANCHES.byCode(moved.finding.expected!)!.name);
  });

  it('keeps findings.json as scripts read it: ISO dates, English statuses, branch codes', () => {
    const json = findingsJson(result).findings;
    expect(json.map((f) => [f.code, f.actual, f.expected, f.message])).toEqual(result.findings.map((f) => [f.ruleId, f.actual, f.expected, f.message]));
    const receipt = json.find((f) => f.code === 'ACT_BEFORE_RECEIPT')!;
    expect(receipt.expected).toMatch(/^on or after \d{4}-\d{2}-\d{2}$/u);
    const active = json.find((f) => f.code === 'WRITTEN_OFF_STILL_ACTIVE')!;
    expect(active.expected).toBe('written-off');
    const duplicate = json.find((f) => f.code === 'INVENTORY_NUMBER_DUPLICATE')!;
    expect(duplicate.expected).toBe('1 line');
  });
});

describe('linesWord', () => {
  it('agrees with the number as Russian does', () => {
    expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111].map((n) => `${n} ${linesWord(n)}`)).toEqual(['1 строка', '2 строки', '4 строки', '5 строк', '11 строк', '12 строк', '14 строк', '21 строка', '22 строки', '25 строк', '101 строка', '111 строк']);
  });
});
