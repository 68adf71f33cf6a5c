import { WRITE_OFF_REASONS } from '@kitap/holdings';
import { SUBJECT_GROUPS } from '../statistics/subject-group.js';
import { WITHDRAWAL_LABELS } from '../statistics/withdrawal-labels.js';
import { WITHDRAWAL_COLUMNS, type WithdrawalColumn, type WithdrawalLine, withdrawalLayout } from '../statistics/withdrawal-layout.js';
import type { WithdrawalBreakdown, WithdrawalTable } from '../statistics/withdrawal-table.js';

/** One table of the withdrawal sheet and section: a title, columns and rows, values in column order (copies, or tiyn). */
export interface WithdrawalBlock {
  /** What the block is, for tests and anchors: the annual report's table, its sums by group, its Kazakh part by reason. */
  key: 'report' | 'sums' | 'kazakh';
  title: string;
  columns: WithdrawalColumn[];
  lines: WithdrawalLine[];
}

type Counted = Pick<WithdrawalBreakdown, 'copies' | 'sum' | 'byGroup'>;

function copiesLine(key: WithdrawalLine['key'], label: string, level: 0 | 1, cell: Counted): WithdrawalLine {
  return { key, label, level, values: [cell.copies, cell.sum, ...SUBJECT_GROUPS.map((g) => cell.byGroup[g].copies)] };
}

function sumsLine(key: WithdrawalLine['key'], label: string, level: 0 | 1, cell: Counted): WithdrawalLine {
  return { key, label, level, values: [cell.sum, ...SUBJECT_GROUPS.map((g) => cell.byGroup[g].sum)] };
}

/**
 * The withdrawal table in three blocks: the annual report's layout
 * (`withdrawalLayout`: copies, sum, copies by subject group; rows «Выбыло
 * всего», «в т.ч. на казахском языке», then by reason), the same rows with
 * the sums by subject group, and the Kazakh part by reason. The title names
 * the report year when there is one.
 */
export function withdrawalBlocks(table: WithdrawalTable, year?: number): WithdrawalBlock[] {
  const layout = withdrawalLayout(table);
  const suffix = year === undefined ? '' : ` за ${year} год`;
  const rows = (line: (key: WithdrawalLine['key'], label: string, level: 0 | 1, cell: Counted) => WithdrawalLine): WithdrawalLine[] => [
    line('total', WITHDRAWAL_LABELS.total, 0, table.total),
    line('kazakh', WITHDRAWAL_LABELS.kazakh, 1, table.total.kazakh),
    ...WRITE_OFF_REASONS.map((r) => line(r, WITHDRAWAL_LABELS.reasons[r], 1, table.rows[r])),
  ];
  return [
    { key: 'report', title: `${layout.title}${suffix}`, columns: layout.columns, lines: layout.lines },
    {
      key: 'sums',
      title: `Сумма выбывших документов по отраслям знаний, тг${suffix}`,
      columns: [WITHDRAWAL_COLUMNS[1]!, ...SUBJECT_GROUPS.map((g): WithdrawalColumn => ({ key: g, label: WITHDRAWAL_LABELS.groups[g], unit: 'tiyn' }))].map((c) => ({ ...c })),
      lines: rows(sumsLine),
    },
    {
      key: 'kazakh',
      title: `Выбытие документов на казахском языке по причинам${suffix}`,
      columns: WITHDRAWAL_COLUMNS.map((c) => ({ ...c })),
      lines: [copiesLine('kazakh', 'Выбыло на казахском языке всего', 0, table.total.kazakh), ...WRITE_OFF_REASONS.map((r) => copiesLine(r, WITHDRAWAL_LABELS.reasons[r], 1, table.rows[r].kazakh))],
    },
  ];
}
