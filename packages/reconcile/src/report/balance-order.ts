import type { BalanceRow } from '../audit/run-audit.js';
import { LANGUAGE_GROUPS } from '../statistics/language-group.js';
import { SUBJECT_GROUPS } from '../statistics/subject-group.js';

function rank(list: readonly string[], value: string): number {
  const i = list.indexOf(value);
  return i < 0 ? list.length : i;
}

/**
 * The balance rows in report order: libraries as the audit gives them, and
 * inside a library the subject groups in the annual report's column order
 * (ОПЛ … Художественная литература), Kazakh before the other languages.
 */
export function balanceInReportOrder(rows: readonly BalanceRow[]): BalanceRow[] {
  const branches = new Map<string, number>();
  for (const r of rows) if (!branches.has(r.branch)) branches.set(r.branch, branches.size);
  return [...rows].sort(
    (a, b) =>
      branches.get(a.branch)! - branches.get(b.branch)! ||
      rank(SUBJECT_GROUPS, a.group) - rank(SUBJECT_GROUPS, b.group) ||
      rank(LANGUAGE_GROUPS, a.language) - rank(LANGUAGE_GROUPS, b.language) ||
      (a.group < b.group ? -1 : a.group > b.group ? 1 : 0) ||
      (a.language < b.language ? -1 : a.language > b.language ? 1 : 0),
  );
}

/** True when the row does not balance: the fund at the end differs from start + received − withdrawn ± transfers. */
export function balanceIsOff(row: BalanceRow): boolean {
  return row.end.copies !== row.expectedEnd.copies || row.end.sum !== row.expectedEnd.sum;
}
