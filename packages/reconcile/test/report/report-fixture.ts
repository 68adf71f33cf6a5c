/**
 * A small audit result of the customer's shape, built by hand for the report
 * tests: six acts of Karaganda libraries (two of them on either side of the
 * change of instruction on 17/18 April 2025), the withdrawal table of their
 * lines, findings of several checks — one of them an act row whose cells look
 * like spreadsheet formulas — and a two-row balance with one row off.
 */
import { BranchDirectory, KARAGANDA_CBS } from '@kitap/holdings';
import type { Act, ActLine } from '../../src/acts/act.js';
import type { AuditFinding, AuditResult, BalanceRow } from '../../src/audit/run-audit.js';
import type { AuditReportMeta } from '../../src/report/audit-report-meta.js';
import { type WithdrawalEntry, withdrawalTable } from '../../src/statistics/withdrawal-table.js';

export const BRANCHES = BranchDirectory.fromJson(KARAGANDA_CBS);
export const FLAT = 'acts/acts-2023.csv';
export const FORM = 'acts/akt-4-2025.xlsx';

function line(act: Omit<Act, 'lines'>, n: number, inventoryNumber: string, price: number, author: string, title: string): ActLine {
  const l: ActLine = { file: act.file, line: n, actNumber: act.number, actDate: act.date, actType: act.type, inventoryNumber, inventoryKey: inventoryNumber.replace(/^\D+/u, ''), author, title, price };
  if (act.reason !== undefined) l.reason = act.reason;
  if (act.branch !== undefined) l.fromBranch = act.branch;
  if (act.toBranch !== undefined) l.toBranch = act.toBranch;
  if (act.toInstitution !== undefined) l.toInstitution = act.toInstitution;
  return l;
}

function act(head: Omit<Act, 'lines'>, lines: [number, string, number, string, string][]): Act {
  return { ...head, lines: lines.map(([n, inv, price, author, title]) => line(head, n, inv, price, author, title)) };
}

/** The acts: № 17 of «№15 д.» (worn), № 21 of ЦГБ (outdated), ПП-7 to an outside institution, ПП-2 inside the system, № 3 and № 4 of «Ф-л №4» in April 2025. */
export const ACTS: Act[] = [
  act({ file: FLAT, source: 'flat', number: '17', date: '2023-10-10', type: 'write-off', reason: 'worn', branch: 'D15', statedCopies: 3, statedSum: 415000 }, [
    [2, '15001', 120000, 'Мұқанов С.', 'Ботакөз'],
    [3, '15002', 120000, 'Мұқанов С.', 'Ботакөз'],
    [4, '15003', 175000, 'Волков А.', 'Волшебник Изумрудного города'],
  ]),
  act({ file: FLAT, source: 'flat', number: '21', date: '2023-11-02', type: 'write-off', reason: 'outdated', branch: 'CGB', statedCopies: 2, statedSum: 500000 }, [
    [5, 'ЦГБ-48213', 253700, 'Симонович С.', 'Информатика. Базовый курс'],
    [6, 'ЦГБ-48214', 253700, 'Симонович С.', 'Информатика. Базовый курс'],
  ]),
  act({ file: FLAT, source: 'flat', number: 'ПП-7', date: '2023-10-11', type: 'transfer', reason: 'transferred', branch: 'CGB', toInstitution: 'РГУ «Учреждение ЕЦ-166/17»' }, [[7, '23776', 99900, 'Есенберлин І.', 'Көшпенділер']]),
  act({ file: FLAT, source: 'flat', number: 'ПП-2', date: '2023-03-07', type: 'transfer', branch: 'F16', toBranch: 'F23' }, [[8, '27490', 150000, 'Толстой Л. Н.', 'Война и мир. Т. 1']]),
  act({ file: FLAT, source: 'flat', number: '3', date: '2025-04-17', type: 'write-off', reason: 'lost', branch: 'F04', statedCopies: 1, statedSum: 45027 }, [[9, '=1+1', 45027, 'Есенберлин І.', 'Көшпенділер']]),
  act({ file: FORM, source: 'form', number: '4', date: '2025-04-18', type: 'write-off', reason: 'worn', branch: 'F04', statedCopies: 1, statedSum: 150000 }, [[12, '48300', 150000, 'Әуезов М.', 'Абай жолы']]),
];

/** One entry per withdrawn copy of the acts above (the internal transfer is no withdrawal). */
export const ENTRIES: WithdrawalEntry[] = [
  { reason: 'worn', group: 'fiction', kazakh: true, branch: 'D15', price: 120000 },
  { reason: 'worn', group: 'fiction', kazakh: true, branch: 'D15', price: 120000 },
  { reason: 'worn', group: 'fiction', kazakh: false, branch: 'D15', price: 175000 },
  { reason: 'outdated', group: 'tech', kazakh: false, branch: 'CGB', price: 253700 },
  { reason: 'outdated', group: 'tech', kazakh: false, branch: 'CGB', price: 253700 },
  { reason: 'transferred', group: 'fiction', kazakh: true, branch: 'CGB', price: 99900 },
  { reason: 'lost', group: 'fiction', kazakh: true, branch: 'F04', price: 45027 },
  { reason: 'worn', group: 'fiction', kazakh: true, branch: 'F04', price: 150000 },
];

/** A finding about an act line, as the audit makes them. */
function about(code: string, severity: 'error' | 'warning', a: Act, n: number, message: string, extra: Partial<AuditFinding> = {}): AuditFinding {
  const l = a.lines.find((x) => x.line === n)!;
  return { ruleId: code, severity, message, place: { file: a.file, line: n }, act: { file: a.file, number: a.number, date: a.date }, line: n, inventoryNumber: l.inventoryNumber, ...extra };
}

export const FINDINGS: AuditFinding[] = [
  // ACT_TOTAL_MISMATCH names no act: the report finds it by its place (the act's first line).
  { ruleId: 'ACT_TOTAL_MISMATCH', severity: 'error', message: 'act № 21 of 02.11.2023: the act states a sum of 5 000,00 tenge, its lines sum to 5 074,00', place: { file: FLAT, line: 5 }, actual: '5 074,00', expected: '5 000,00' },
  about('PRICE_MISMATCH', 'warning', ACTS[1]!, 6, 'act № 21 of 02.11.2023, line 6: the act prices copy «ЦГБ-48214» (in the holdings «48214») at 2537.00, the register at 253.70', {
    actual: '2537.00',
    expected: '253.70',
    copies: [{ inventoryNumber: '48214', branch: 'CGB', record: '000700063', status: 'written-off' }],
  }),
  about('TRANSFERRED_OUT_STILL_ACTIVE', 'error', ACTS[2]!, 7, 'act № ПП-7 of 11.10.2023, line 7: copy «23776» was handed to РГУ «Учреждение ЕЦ-166/17» but the holdings still show it available at CGB', {
    actual: 'available',
    expected: 'transferred',
    copies: [{ inventoryNumber: '23776', branch: 'CGB', record: '000701317', status: 'available' }],
  }),
  // A hostile act row: cells that a spreadsheet would take for formulas.
  about('ACT_LINE_UNMATCHED', 'error', ACTS[4]!, 9, '@act № 3 of 17.04.2025, line 9: no copy of the holdings has inventory number «=1+1»', { actual: '+77012345678', expected: '-15' }),
  { ruleId: 'HOLDINGS_COPY_INVALID', severity: 'error', message: 'a copy of record 000701999 has a price «12\u000145» that is not money', place: { file: 'holdings.mrc', index: 41, recordId: '000701999' } },
  {
    ruleId: 'BALANCE_MISMATCH',
    severity: 'error',
    message: 'F04, fiction, kaz: fund at start 11 copies (1 950,27) + received 0 − withdrawn 2 (1 950,27) = 9 copies (0,00), but the fund at the end is 10 (1 500,00)',
    place: { file: 'fund-end.csv', line: 24 },
    line: 24,
    actual: '10 copies, 1500.00',
    expected: '9 copies, 0.00',
  } as AuditFinding,
];

const cell = (copies: number, sum: number): { copies: number; sum: number } => ({ copies, sum });

export const BALANCE: BalanceRow[] = [
  {
    branch: 'F04',
    group: 'fiction',
    language: 'other',
    start: cell(40, 600000),
    received: cell(2, 30000),
    withdrawn: cell(0, 0),
    transferredOut: cell(0, 0),
    transferredIn: cell(0, 0),
    expectedEnd: cell(42, 630000),
    end: cell(42, 630000),
  },
  {
    branch: 'F04',
    group: 'fiction',
    language: 'kaz',
    start: cell(11, 195027),
    received: cell(0, 0),
    withdrawn: cell(2, 195027),
    transferredOut: cell(0, 0),
    transferredIn: cell(0, 0),
    expectedEnd: cell(9, 0),
    end: cell(10, 150000),
  },
];

/** The result the reports are written from; `balance` only when asked. */
export function auditResult(options: { balance?: boolean; findings?: AuditFinding[] } = {}): AuditResult {
  const result: AuditResult = {
    acts: ACTS,
    findings: options.findings ?? FINDINGS,
    withdrawals: withdrawalTable(ENTRIES),
    counts: { acts: ACTS.length, lines: 9, rowsNotRead: 0, matched: 8, unmatched: 1, ambiguous: 0, invalid: 0, holdingsCopies: 12010, holdingsProblems: 1 },
  };
  if (options.balance) result.balance = BALANCE;
  return result;
}

export const META: AuditReportMeta = {
  holdings: 'holdings.mrc',
  acts: ['acts'],
  asOf: '2025-06-30',
  generated: 'kitap 0.1.0, тест',
  branches: BRANCHES,
};
