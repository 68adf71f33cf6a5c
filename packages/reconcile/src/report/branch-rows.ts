import { type BranchDirectory, WRITE_OFF_REASONS, type WriteOffReason } from '@kitap/holdings';
import type { WithdrawalCell, WithdrawalTable } from '../statistics/withdrawal-table.js';
import { libraryName } from './report-labels.js';

/** The withdrawals of one library: in total, in Kazakh, and by reason (copies and tiyn). */
export interface BranchRow {
  /** The branch code as the table has it. */
  code: string;
  name: string;
  total: WithdrawalCell;
  kazakh: WithdrawalCell;
  byReason: Record<WriteOffReason, WithdrawalCell>;
}

const ZERO: WithdrawalCell = Object.freeze({ copies: 0, sum: 0 });

function cell(c: WithdrawalCell | undefined): WithdrawalCell {
  return { copies: c?.copies ?? 0, sum: c?.sum ?? 0 };
}

/**
 * The withdrawal table by library, one row per library of the table in its
 * order (ЦГБ, then the branches by number), and the total row («Итого»)
 * taken from the table's total, so the rows add up to it.
 */
export function branchRows(table: WithdrawalTable, branches?: BranchDirectory): { rows: BranchRow[]; total: BranchRow } {
  const rows = Object.keys(table.total.byBranch).map(
    (code): BranchRow => ({
      code,
      name: libraryName(code, branches),
      total: cell(table.total.byBranch[code]),
      kazakh: cell(table.total.kazakh.byBranch[code]),
      byReason: Object.fromEntries(WRITE_OFF_REASONS.map((r) => [r, cell(table.rows[r].byBranch[code] ?? ZERO)])) as Record<WriteOffReason, WithdrawalCell>,
    }),
  );
  const total: BranchRow = {
    code: '',
    name: 'Итого',
    total: cell(table.total),
    kazakh: cell(table.total.kazakh),
    byReason: Object.fromEntries(WRITE_OFF_REASONS.map((r) => [r, cell(table.rows[r])])) as Record<WriteOffReason, WithdrawalCell>,
  };
  return { rows, total };
}
