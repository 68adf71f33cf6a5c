import type { Finding, Severity } from '@kitap/core';
import { type BranchDirectory, type InventoryNumberOptions, type MapperLayout, dottedDate, formatMoneyDecimal, isIsoDate } from '@kitap/holdings';
import type { Act, ActLine } from '../acts/act.js';
import { actLabel } from '../acts/act-finding.js';
import { checkActs } from '../acts/check-acts.js';
import { actsByLine } from '../acts/acts-by-line.js';
import { readActs } from '../acts/read-acts.js';
import type { HoldingCopy } from '../holdings/holding-copy.js';
import type { ReaderData } from '../reader-cases.js';
import { readHoldings } from '../holdings/read-holdings.js';
import type { SubjectRules } from '../statistics/subject-rules.js';
import { type WithdrawalEntry, type WithdrawalTable, withdrawalTable } from '../statistics/withdrawal-table.js';
import { actBeforeReceipt, compareActLines, copiesWanted, matchActLine, withdrawsCopy } from './act-line-match.js';
import { type FundCell, cellKey, readFundSnapshot } from './fund-snapshot.js';

/** What an audit reads and how. */
export interface AuditOptions {
  holdings: string;
  acts: readonly string[];
  /** The holdings' date: acts dated after it are not expected to show in them yet. */
  asOf: string;
  /** The report year: the withdrawal table and the balance count the acts of this year. All acts when absent. */
  year?: number | undefined;
  fundStart?: string | undefined;
  fundEnd?: string | undefined;
  branches: BranchDirectory;
  inventoryNumbers: InventoryNumberOptions;
  rules: SubjectRules;
  holdingsEncoding?: string | undefined;
  /** The copy layouts read from MARC holdings (default: every layout). */
  layouts?: readonly MapperLayout[] | undefined;
}

/** A finding of the audit: the toolkit's finding shape plus the act, the line and the copies involved. */
export interface AuditFinding extends Finding {
  /** The act the finding is about; `branch` is the act's library (the sending one for a transfer), when known. */
  act?: { file: string; number: string; date: string; branch?: string };
  line?: number;
  inventoryNumber?: string;
  copies?: { inventoryNumber: string; branch?: string; record?: string; status?: string }[];
  /** A finding of reading the inputs: what the Russian report needs beside its case (`messageId`, reader-cases.ts). */
  data?: ReaderData;
}

/** One cell of the balance: fund at start + received − withdrawn − transferred out + transferred in = fund at end. */
export interface BalanceRow {
  branch: string;
  group: string;
  language: string;
  start: { copies: number; sum: number };
  received: { copies: number; sum: number };
  withdrawn: { copies: number; sum: number };
  transferredOut: { copies: number; sum: number };
  transferredIn: { copies: number; sum: number };
  expectedEnd: { copies: number; sum: number };
  end: { copies: number; sum: number };
}

export interface AuditResult {
  acts: Act[];
  findings: AuditFinding[];
  withdrawals: WithdrawalTable;
  balance?: BalanceRow[];
  /**
   * The audit's ledger: act rows read = `lines` + `rowsNotRead`; `lines` = `matched` + `unmatched` +
   * `ambiguous` + `invalid` (an inventory number that cannot be read). Every row not counted as
   * matched has its finding.
   */
  counts: { acts: number; lines: number; rowsNotRead: number; matched: number; unmatched: number; ambiguous: number; invalid: number; holdingsCopies: number; holdingsProblems: number };
}

const zero = (): { copies: number; sum: number } => ({ copies: 0, sum: 0 });

function copySummary(c: HoldingCopy): { inventoryNumber: string; branch?: string; record?: string; status?: string } {
  const out: { inventoryNumber: string; branch?: string; record?: string; status?: string } = { inventoryNumber: c.inventoryNumber };
  if (c.branch !== undefined) out.branch = c.branch;
  if (c.record !== undefined) out.record = c.record;
  if (c.status !== undefined) out.status = c.status;
  return out;
}

function lineFinding(code: string, severity: Severity, message: string, line: ActLine, extra: Partial<AuditFinding> = {}): AuditFinding {
  return {
    ruleId: code,
    severity,
    message: `${actLabel({ number: line.actNumber, date: line.actDate })}, line ${line.line}: ${message}`,
    place: { file: line.file, line: line.line },
    act: { file: line.file, number: line.actNumber, date: line.actDate },
    line: line.line,
    inventoryNumber: line.inventoryNumber,
    ...extra,
  };
}

/**
 * The audit of `kitap reconcile`: every act line against the holdings.
 *
 * 1. Acts are read and checked on their own (totals, duplicate and invalid
 *    inventory numbers, dates).
 * 2. The holdings are streamed once; only the copies whose inventory number
 *    some act line names are kept (memory grows with the acts, not with the
 *    fund), and receipts of the report year are summed for the balance.
 * 3. Each act line, in the order of the act dates, matches 0, 1 or several
 *    copies, and a matched copy is checked: withdrawn once, not active after
 *    the act, where the transfer sent it, not withdrawn before it came, at the
 *    price of the register. Each withdrawal counts once, at its earliest act,
 *    into the withdrawal table.
 * 4. With fund snapshots, each branch × subject group × language must balance.
 */
export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const { acts, problems, rowsNotRead } = await readActs([...options.acts], { branches: options.branches, inventoryNumbers: options.inventoryNumbers });
  const lines = acts.flatMap((a) => a.lines);
  // Findings about the acts alone, with the act and (for a line's inventory number) the number they are about.
  const lineAt = new Map(lines.map((l) => [`${l.file}|${l.line}`, l]));
  const findings: AuditFinding[] = [...problems, ...checkActs(acts, { asOf: options.asOf, holdingsAsOf: options.asOf, inventoryNumbers: options.inventoryNumbers, branches: options.branches })].map((f) => {
    const line = lineAt.get(`${f.place.file}|${f.place.line}`);
    if (!line) return f;
    const out: AuditFinding = { ...f, act: { file: line.file, number: line.actNumber, date: line.actDate }, line: line.line };
    if (f.ruleId.startsWith('INVENTORY_NUMBER_')) out.inventoryNumber = line.inventoryNumber;
    return out;
  });
  const wanted = copiesWanted<HoldingCopy>(lines);

  const inYear = (date: string | undefined): boolean => options.year === undefined || (date !== undefined && date.startsWith(`${options.year}-`));
  const balanceOn = options.fundStart !== undefined && options.fundEnd !== undefined && options.year !== undefined;
  const received = new Map<string, { copies: number; sum: number }>();
  let holdingsCopies = 0;
  let holdingsProblems = 0;
  // Only copies an act names, and (for the balance) copies received in the year, need their groups.
  const wants = (key: string, copy: { dateReceived?: string | undefined }): boolean => wanted.has(key) || (balanceOn && copy.dateReceived !== undefined && inYear(copy.dateReceived));
  for await (const item of readHoldings(options.holdings, { branches: options.branches, inventoryNumbers: options.inventoryNumbers, rules: options.rules, encoding: options.holdingsEncoding, layouts: options.layouts, wants, wantsKeyOnly: !balanceOn })) {
    if (item.kind === 'problem') {
      holdingsProblems++;
      findings.push(item.finding);
      continue;
    }
    holdingsCopies++;
    const copy = item.copy;
    wanted.get(copy.key)?.push(copy);
    if (balanceOn && copy.dateReceived !== undefined && inYear(copy.dateReceived) && copy.branch !== undefined) {
      const k = cellKey(copy.branch, copy.group, copy.language);
      const cell = received.get(k) ?? zero();
      cell.copies++;
      cell.sum += copy.price ?? 0;
      received.set(k, cell);
    }
  }

  // Act lines in the order of their acts' dates (then file and line): "the earliest act" is well defined.
  const ordered = [...lines].sort(compareActLines);
  const withdrawnBy = new Map<string, ActLine>();
  const entries: WithdrawalEntry[] = [];
  const withdrawn = new Map<string, { copies: number; sum: number }>();
  const moved = new Map<string, { out: { copies: number; sum: number }; in: { copies: number; sum: number } }>();
  const movedCopies = new Set<string>();
  let matched = 0;
  let unmatched = 0;
  let ambiguous = 0;
  let invalid = 0;
  const add = (map: Map<string, { copies: number; sum: number }>, key: string, price: number): void => {
    const cell = map.get(key) ?? zero();
    cell.copies++;
    cell.sum += price;
    map.set(key, cell);
  };
  // The last move of each copy (in date order): only there must the holdings show the copy where the act sent
  // it — a copy sent on from where an earlier act sent it is rightly somewhere else by the end.
  const lastMove = new Map<string, ActLine>();
  for (const line of ordered) {
    if (withdrawsCopy(line) || line.toBranch === undefined) continue;
    const match = matchActLine(line, wanted);
    if (match.kind === 'one') lastMove.set(match.copy.key, line);
  }
  for (const line of ordered) {
    const match = matchActLine(line, wanted);
    if (match.kind === 'invalid') {
      invalid++; // INVENTORY_NUMBER_INVALID, from checkActs
      continue;
    }
    if (match.kind === 'unmatched') {
      unmatched++;
      findings.push(lineFinding('ACT_LINE_UNMATCHED', 'error', `no copy of the holdings has inventory number «${line.inventoryNumber}»`, line));
      continue;
    }
    if (match.kind === 'ambiguous') {
      const copies = match.copies;
      ambiguous++;
      findings.push(
        lineFinding('ACT_LINE_AMBIGUOUS', 'error', `inventory number «${line.inventoryNumber}» fits ${copies.length} copies of the holdings: ${copies.map((c) => `«${c.inventoryNumber}» at ${c.branch ?? '?'}${c.record ? ` (record ${c.record})` : ''}`).join(', ')}`, line, {
          copies: copies.map(copySummary),
        }),
      );
      continue;
    }
    matched++;
    const copy = match.copy;
    const about = { copies: [copySummary(copy)] };
    const spelled = copy.inventoryNumber === line.inventoryNumber ? `«${line.inventoryNumber}»` : `«${line.inventoryNumber}» (in the holdings «${copy.inventoryNumber}»)`;
    if (actBeforeReceipt(line, copy)) {
      findings.push(lineFinding('ACT_BEFORE_RECEIPT', 'error', `copy ${spelled} was received on ${dottedDate(copy.dateReceived)}, after the act`, line, { ...about, actual: line.actDate, expected: `on or after ${copy.dateReceived}` }));
    }
    if (line.price !== undefined && copy.price !== undefined && line.price !== copy.price) {
      findings.push(lineFinding('PRICE_MISMATCH', 'warning', `the act prices copy ${spelled} at ${formatMoneyDecimal(line.price)}, the register at ${formatMoneyDecimal(copy.price)}`, line, { ...about, actual: formatMoneyDecimal(line.price), expected: formatMoneyDecimal(copy.price) }));
    }
    if (!withdrawsCopy(line)) {
      // A transfer inside the system: the copy must now be where the act sent it.
      const gone = withdrawnBy.get(copy.key);
      if (gone !== undefined) {
        // Lines go in date order: the copy had left the fund when this act moved it.
        findings.push(
          lineFinding('COPY_MOVED_AFTER_WITHDRAWAL', 'error', `the act moves copy ${spelled}, which ${actLabel({ number: gone.actNumber, date: gone.actDate })}, line ${gone.line} had already withdrawn`, line, {
            ...about,
            related: { file: gone.file, line: gone.line },
          }),
        );
        continue;
      }
      if (line.toBranch !== undefined && lastMove.get(copy.key) === line && copy.branch !== line.toBranch && isIsoDate(line.actDate) && line.actDate <= options.asOf) {
        findings.push(lineFinding('TRANSFER_LOCATION_MISMATCH', 'error', `the act sends copy ${spelled} to ${line.toBranch}, the holdings have it at ${copy.branch ?? 'no library'}`, line, { ...about, actual: copy.branch ?? '', expected: line.toBranch }));
      }
      // Every move of the year counts (a copy sent on from where it was sent is moved twice); the same
      // line given twice in one act (INVENTORY_NUMBER_DUPLICATE) counts once.
      const move = `${copy.key}\u0001${line.actNumber}\u0001${line.actDate}\u0001${line.fromBranch}\u0001${line.toBranch}`;
      if (inYear(line.actDate) && !movedCopies.has(move) && line.fromBranch !== undefined && line.toBranch !== undefined) {
        movedCopies.add(move);
        const price = line.price ?? copy.price ?? 0;
        const from = cellKey(line.fromBranch, copy.group, copy.language);
        const to = cellKey(line.toBranch, copy.group, copy.language);
        const f = moved.get(from) ?? { out: zero(), in: zero() };
        f.out.copies++;
        f.out.sum += price;
        moved.set(from, f);
        const t = moved.get(to) ?? { out: zero(), in: zero() };
        t.in.copies++;
        t.in.sum += price;
        moved.set(to, t);
      }
      continue;
    }
    const first = withdrawnBy.get(copy.key);
    if (first) {
      findings.push(
        lineFinding('COPY_WRITTEN_OFF_TWICE', 'error', `copy ${spelled} was already withdrawn by ${actLabel({ number: first.actNumber, date: first.actDate })}, line ${first.line}`, line, {
          ...about,
          related: { file: first.file, line: first.line },
        }),
      );
      continue;
    }
    withdrawnBy.set(copy.key, line);
    if (isIsoDate(line.actDate) && line.actDate <= options.asOf) {
      if (line.actType === 'write-off' && copy.status !== 'written-off') {
        findings.push(lineFinding('WRITTEN_OFF_STILL_ACTIVE', 'error', `copy ${spelled} is written off by the act but the holdings still show it ${copy.status ?? 'active'}${copy.branch ? ` at ${copy.branch}` : ''}`, line, { ...about, actual: copy.status ?? 'active', expected: 'written-off' }));
      } else if (line.actType === 'transfer' && copy.status !== 'transferred' && copy.status !== 'written-off') {
        findings.push(lineFinding('TRANSFERRED_OUT_STILL_ACTIVE', 'error', `copy ${spelled} was handed to ${line.toInstitution ?? 'another institution'} but the holdings still show it ${copy.status ?? 'active'}${copy.branch ? ` at ${copy.branch}` : ''}`, line, { ...about, actual: copy.status ?? 'active', expected: 'transferred' }));
      }
    }
    if (!inYear(line.actDate)) continue;
    const price = line.price ?? copy.price ?? 0;
    const branch = line.fromBranch ?? copy.branch ?? '?';
    entries.push({ reason: line.actType === 'transfer' ? 'transferred' : (line.reason ?? 'other'), group: copy.group, kazakh: copy.language === 'kaz', branch, price });
    add(withdrawn, cellKey(branch, copy.group, copy.language), price);
  }

  let balance: BalanceRow[] | undefined;
  if (balanceOn) {
    const start = await readFundSnapshot(options.fundStart!, options.branches);
    const end = await readFundSnapshot(options.fundEnd!, options.branches);
    balance = [];
    const keys = new Set([...start.keys(), ...end.keys(), ...received.keys(), ...withdrawn.keys(), ...moved.keys()]);
    const endLines = new Map<string, FundCell>(end);
    for (const key of [...keys].sort()) {
      const [branch, group, language] = key.split('|') as [string, string, string];
      const s = start.get(key) ?? { copies: 0, sum: 0 };
      const e = end.get(key) ?? { copies: 0, sum: 0 };
      const r = received.get(key) ?? zero();
      const w = withdrawn.get(key) ?? zero();
      const m = moved.get(key) ?? { out: zero(), in: zero() };
      const expected = { copies: s.copies + r.copies - w.copies - m.out.copies + m.in.copies, sum: s.sum + r.sum - w.sum - m.out.sum + m.in.sum };
      const row: BalanceRow = {
        branch,
        group,
        language,
        start: { copies: s.copies, sum: s.sum },
        received: r,
        withdrawn: w,
        transferredOut: m.out,
        transferredIn: m.in,
        expectedEnd: expected,
        end: { copies: e.copies, sum: e.sum },
      };
      balance.push(row);
      if (expected.copies !== e.copies || expected.sum !== e.sum) {
        const at = endLines.get(key);
        findings.push({
          ruleId: 'BALANCE_MISMATCH',
          severity: 'error',
          message: `${branch}, ${group}, ${language}: fund at start ${s.copies} copies (${formatMoneyDecimal(s.sum)}) + received ${r.copies} (${formatMoneyDecimal(r.sum)}) − withdrawn ${w.copies} (${formatMoneyDecimal(w.sum)}) − transferred out ${m.out.copies} + transferred in ${m.in.copies} = ${expected.copies} copies (${formatMoneyDecimal(expected.sum)}), but the fund at the end is ${e.copies} (${formatMoneyDecimal(e.sum)})`,
          place: at ? { file: options.fundEnd!, line: at.line } : { file: options.fundEnd! },
          ...(at ? { line: at.line } : {}),
          actual: `${e.copies} copies, ${formatMoneyDecimal(e.sum)}`,
          expected: `${expected.copies} copies, ${formatMoneyDecimal(expected.sum)}`,
        } as AuditFinding);
      }
    }
  }

  findings.sort(compareFindings);
  nameActs(findings, acts);
  const result: AuditResult = {
    acts,
    findings,
    withdrawals: withdrawalTable(entries),
    counts: { acts: acts.length, lines: lines.length, rowsNotRead, matched, unmatched, ambiguous, invalid, holdingsCopies, holdingsProblems },
  };
  if (balance) result.balance = balance;
  return result;
}

/**
 * Every finding that points at a line of an act (one of its lines, or its
 * title or totals row) names that act, with the act's library: a finding
 * about an act as a whole (a wrong total, a number listed twice) then counts
 * for its library as the findings about its copies do.
 */
function nameActs(findings: AuditFinding[], acts: readonly Act[]): void {
  const actAt = actsByLine(acts);
  for (const f of findings) {
    const file = f.act?.file ?? f.place.file;
    const line = f.line ?? f.place.line;
    if (file === undefined || line === undefined) continue;
    const act = actAt(file, line);
    if (act === undefined || (f.act !== undefined && (f.act.number !== act.number || f.act.date !== act.date))) continue;
    f.act = { file: f.act?.file ?? act.file, number: act.number, date: act.date };
    if (act.branch !== undefined) f.act.branch = act.branch;
  }
}

/** Findings in a stable order: file, line, code. */
function compareFindings(a: Finding, b: Finding): number {
  const fa = a.place.file ?? '';
  const fb = b.place.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.place.line ?? a.place.index ?? 0;
  const lb = b.place.line ?? b.place.index ?? 0;
  if (la !== lb) return la - lb;
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}

