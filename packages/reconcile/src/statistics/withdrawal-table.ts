import { KitapError } from '@kitap/core';
import { WRITE_OFF_REASONS, type WriteOffReason } from '@kitap/holdings';
import { isSubjectGroup, SUBJECT_GROUPS, type SubjectGroup } from './subject-group.js';

/** One withdrawn copy as the table counts it. */
export interface WithdrawalEntry {
  reason: WriteOffReason;
  group: SubjectGroup;
  /** True when the copy counts as Kazakh (`languageGroupOf` gave `kaz`). */
  kazakh: boolean;
  /** The branch code the copy left. */
  branch: string;
  /** Price in tiyn: a whole, non-negative number. */
  price: number;
}

/** A count of copies and their sum in tiyn. */
export interface WithdrawalCell {
  copies: number;
  /** tiyn */
  sum: number;
}

/** A count with its breakdown by subject group (every group, in report order) and by branch (every branch of the table, sorted). */
export interface WithdrawalBreakdown extends WithdrawalCell {
  byGroup: Record<SubjectGroup, WithdrawalCell>;
  byBranch: Record<string, WithdrawalCell>;
}

/** One row of the table: all copies, and those in Kazakh, each broken down by group and branch. */
export interface WithdrawalRow extends WithdrawalCell {
  kazakh: WithdrawalBreakdown;
  byGroup: Record<SubjectGroup, WithdrawalCell>;
  byBranch: Record<string, WithdrawalCell>;
}

/**
 * The withdrawal table of the annual report (`summary.json`): a row per
 * reason, every reason present in WRITE_OFF_REASONS order, and the total.
 */
export interface WithdrawalTable {
  rows: Record<WriteOffReason, WithdrawalRow>;
  total: WithdrawalRow;
}

interface Tally {
  copies: number;
  sum: number;
  byGroup: Map<SubjectGroup, WithdrawalCell>;
  byBranch: Map<string, WithdrawalCell>;
}

function tally(): Tally {
  return { copies: 0, sum: 0, byGroup: new Map(), byBranch: new Map() };
}

function addTo<K>(cells: Map<K, WithdrawalCell>, key: K, price: number): void {
  const cell = cells.get(key);
  if (cell) {
    cell.copies++;
    cell.sum += price;
  } else cells.set(key, { copies: 1, sum: price });
}

function count(t: Tally, entry: WithdrawalEntry): void {
  t.copies++;
  t.sum += entry.price;
  addTo(t.byGroup, entry.group, entry.price);
  addTo(t.byBranch, entry.branch, entry.price);
}

const REASON_SET = new Set<string>(WRITE_OFF_REASONS);
/**
 * Library codes in natural order, independent of locale data: runs of digits
 * by their value, everything else by code unit — «ЦГБ», then «№4» before
 * «№15» before «№15 д.»; Latin codes («CGB», «D15», «F04») before Cyrillic.
 */
function branchOrder(a: string, b: string): number {
  const x = a.match(/\d+|\D+/gu) ?? [];
  const y = b.match(/\d+|\D+/gu) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    const digits = /^\d/u.test(p) && /^\d/u.test(q);
    if (digits) {
      const n = p.replace(/^0+/u, '');
      const m = q.replace(/^0+/u, '');
      if (n.length !== m.length) return n.length - m.length;
      if (n !== m) return n < m ? -1 : 1;
      continue;
    }
    return p < q ? -1 : 1;
  }
  return x.length - y.length || (a < b ? -1 : a > b ? 1 : 0);
}

function checked(entry: WithdrawalEntry, position: number): WithdrawalEntry {
  const problem =
    !REASON_SET.has(entry.reason) ? `unknown reason ${JSON.stringify(entry.reason)}`
    : !isSubjectGroup(entry.group) ? `unknown subject group ${JSON.stringify(entry.group)}`
    : typeof entry.kazakh !== 'boolean' ? `kazakh is not true or false`
    : typeof entry.branch !== 'string' ? `branch is not a string`
    : !Number.isSafeInteger(entry.price) || entry.price < 0 ? `price ${String(entry.price)} is not a whole non-negative number of tiyn`
    : undefined;
  if (problem !== undefined) throw new KitapError('E_WITHDRAWAL_ENTRY', `withdrawal entry ${position + 1}: ${problem}`);
  return entry;
}

function cellOf(cells: Map<string, WithdrawalCell>, key: string): WithdrawalCell {
  const cell = cells.get(key);
  return cell ? { copies: cell.copies, sum: cell.sum } : { copies: 0, sum: 0 };
}

function breakdown(t: Tally, branches: readonly string[]): Pick<WithdrawalBreakdown, 'byGroup' | 'byBranch'> {
  return {
    byGroup: Object.fromEntries(SUBJECT_GROUPS.map((g) => [g, cellOf(t.byGroup as Map<string, WithdrawalCell>, g)])) as Record<SubjectGroup, WithdrawalCell>,
    // fromEntries defines own properties, so a branch called "__proto__" is a key like any other.
    byBranch: Object.fromEntries(branches.map((b) => [b, cellOf(t.byBranch, b)])),
  };
}

function row(all: Tally, kazakh: Tally, branches: readonly string[]): WithdrawalRow {
  return {
    copies: all.copies,
    sum: all.sum,
    kazakh: { copies: kazakh.copies, sum: kazakh.sum, ...breakdown(kazakh, branches) },
    ...breakdown(all, branches),
  };
}

/**
 * The withdrawal table from one entry per withdrawn copy: copies and sums by
 * reason and in total, all and in Kazakh, each broken down by subject group
 * and by branch. Sums are exact integer tiyn; every reason and every group is
 * present (zeros included) in report order, and every branch of the table in
 * every breakdown, in natural order («ЦГБ», «№4», «№15», «№15 д.»), so two runs on
 * the same entries give the same JSON. Throws KitapError E_WITHDRAWAL_ENTRY
 * for an unknown reason or group or a price that is not whole tiyn, and when
 * the total would exceed what a number holds exactly.
 */
export function withdrawalTable(entries: Iterable<WithdrawalEntry>): WithdrawalTable {
  const all = new Map<WriteOffReason, Tally>(WRITE_OFF_REASONS.map((r) => [r, tally()]));
  const kazakh = new Map<WriteOffReason, Tally>(WRITE_OFF_REASONS.map((r) => [r, tally()]));
  const total = tally();
  const totalKazakh = tally();
  let position = 0;
  for (const raw of entries) {
    const entry = checked(raw, position++);
    count(all.get(entry.reason)!, entry);
    count(total, entry);
    if (entry.kazakh) {
      count(kazakh.get(entry.reason)!, entry);
      count(totalKazakh, entry);
    }
  }
  // Prices are non-negative, so an inexact partial sum leaves the total past the limit too.
  if (!Number.isSafeInteger(total.sum)) throw new KitapError('E_WITHDRAWAL_ENTRY', `the total sum of ${position} withdrawn copies is too large to count exactly in tiyn`);
  const branches = [...total.byBranch.keys()].sort(branchOrder);
  const rows = Object.fromEntries(WRITE_OFF_REASONS.map((r) => [r, row(all.get(r)!, kazakh.get(r)!, branches)])) as Record<WriteOffReason, WithdrawalRow>;
  return { rows, total: row(total, totalKazakh, branches) };
}
