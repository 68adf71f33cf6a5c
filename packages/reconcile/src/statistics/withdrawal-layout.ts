import { WRITE_OFF_REASONS, type WriteOffReason } from '@kitap/holdings';
import { SUBJECT_GROUPS, type SubjectGroup } from './subject-group.js';
import { WITHDRAWAL_LABELS } from './withdrawal-labels.js';
import type { WithdrawalCell, WithdrawalTable } from './withdrawal-table.js';

/** A column of the laid-out table: copies, the sum (tiyn, for the renderer to format) or a subject group's copies. */
export interface WithdrawalColumn {
  key: 'copies' | 'sum' | SubjectGroup;
  label: string;
  unit: 'copies' | 'tiyn';
}

/** A row of the laid-out table; `level` 1 rows are «в т.ч.» rows under the total, indented in print. */
export interface WithdrawalLine {
  key: 'total' | 'kazakh' | WriteOffReason;
  label: string;
  level: 0 | 1;
  /** One value per column, in column order. */
  values: number[];
}

/** The withdrawal table laid out as in the annual report, ready for a sheet or an HTML table. */
export interface WithdrawalLayout {
  title: string;
  columns: WithdrawalColumn[];
  lines: WithdrawalLine[];
}

/** The columns of the report: Всего, экз. | Сумма, тг | ОПЛ | ЕН | Техника | С/х | Искусство/Спорт | Филология | Художественная литература. */
export const WITHDRAWAL_COLUMNS: readonly WithdrawalColumn[] = Object.freeze([
  { key: 'copies', label: WITHDRAWAL_LABELS.copies, unit: 'copies' },
  { key: 'sum', label: WITHDRAWAL_LABELS.sum, unit: 'tiyn' },
  ...SUBJECT_GROUPS.map((g): WithdrawalColumn => ({ key: g, label: WITHDRAWAL_LABELS.groups[g], unit: 'copies' })),
]);

function values(cell: WithdrawalCell & { byGroup: Record<SubjectGroup, WithdrawalCell> }): number[] {
  return [cell.copies, cell.sum, ...SUBJECT_GROUPS.map((g) => cell.byGroup[g].copies)];
}

/**
 * The table as the annual report lays it out: «Выбыло всего», «в т.ч. на
 * казахском языке», then a row per reason («ветхость» … «прочие причины»);
 * columns: copies, sum, then copies per subject group. Each row's group
 * columns add up to its copies, and the reason rows add up to the total.
 */
export function withdrawalLayout(table: WithdrawalTable): WithdrawalLayout {
  return {
    title: WITHDRAWAL_LABELS.title,
    columns: WITHDRAWAL_COLUMNS.map((c) => ({ ...c })),
    lines: [
      { key: 'total', label: WITHDRAWAL_LABELS.total, level: 0, values: values(table.total) },
      { key: 'kazakh', label: WITHDRAWAL_LABELS.kazakh, level: 1, values: values(table.total.kazakh) },
      ...WRITE_OFF_REASONS.map((r): WithdrawalLine => ({ key: r, label: WITHDRAWAL_LABELS.reasons[r], level: 1, values: values(table.rows[r]) })),
    ],
  };
}
