import { KitapError } from '@kitap/core';
import { parseMoney } from '@kitap/holdings';
import { normalizeHeading, openTable } from '@kitap/inventory';
import { isSubjectGroup, type SubjectGroup } from '../statistics/subject-group.js';
import type { LanguageGroup } from '../statistics/language-group.js';

/** One cell of a fund snapshot: copies and sum of one branch × subject group × language. */
export interface FundCell {
  branch: string;
  group: SubjectGroup;
  language: LanguageGroup;
  copies: number;
  /** Tiyn. */
  sum: number;
  line: number;
}

const HEADINGS: Record<string, 'branch' | 'group' | 'language' | 'copies' | 'sum'> = {
  branch: 'branch', филиал: 'branch', библиотека: 'branch',
  group: 'group', группа: 'group', отрасль: 'group',
  language: 'language', язык: 'language',
  copies: 'copies', экз: 'copies', количество: 'copies',
  sum: 'sum', сумма: 'sum',
};

/** The cell key used to compare snapshots and movements. */
export function cellKey(branch: string, group: string, language: string): string {
  return `${branch}|${group}|${language}`;
}

/**
 * A fund snapshot (`--fund-start`, `--fund-end`): a CSV or XLSX table with the
 * columns branch, group (opl, en, tech, agri, arts_sport, philology, fiction),
 * language (kaz, other), copies and sum (tenge). A row that cannot be read is
 * an error naming the file and line: a balance on a wrong snapshot proves nothing.
 */
export async function readFundSnapshot(path: string): Promise<Map<string, FundCell>> {
  const table = await openTable(path);
  const out = new Map<string, FundCell>();
  type Column = 'branch' | 'group' | 'language' | 'copies' | 'sum';
  let columns: Partial<Record<Column, number>> | undefined;
  for await (const row of table.rows) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    if (!columns) {
      columns = {};
      row.cells.forEach((c, i) => {
        const id = HEADINGS[normalizeHeading(c)];
        if (id) columns![id] = i;
      });
      if ((['branch', 'group', 'language', 'copies', 'sum'] as const).some((k) => columns![k] === undefined)) {
        throw new KitapError('E_INPUT', 'a fund snapshot needs the columns branch, group, language, copies and sum', { file: path, line: row.line });
      }
      continue;
    }
    const cell = (k: Column): string => (row.cells[columns![k]!] ?? '').trim();
    const group = cell('group');
    const language = cell('language');
    const copies = Number(cell('copies'));
    const sum = parseMoney(cell('sum'));
    if (!isSubjectGroup(group) || (language !== 'kaz' && language !== 'other') || !Number.isInteger(copies) || copies < 0 || !sum.ok) {
      throw new KitapError('E_INPUT', `a fund snapshot row cannot be read: ${row.raw}`, { file: path, line: row.line });
    }
    out.set(cellKey(cell('branch'), group, language), { branch: cell('branch'), group, language, copies, sum: sum.tiyn, line: row.line });
  }
  return out;
}
