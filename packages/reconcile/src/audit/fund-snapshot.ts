import { KitapError } from '@kitap/core';
import { type BranchDirectory, parseMoney } from '@kitap/holdings';
import { normalizeHeading, openTable } from '@kitap/inventory';
import { resolveActLibrary } from '../acts/act-party.js';
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
 * language (kaz, other), copies and sum (tenge). The branch is a library of
 * the directory, by its code or any of its names («ЦГБ», «CGB»). A row that
 * cannot be read — an unknown library, an empty or broken number, a second
 * row for the same library, group and language — is an error naming the file
 * and line: a balance on a wrong snapshot proves nothing.
 */
export async function readFundSnapshot(path: string, branches?: BranchDirectory): Promise<Map<string, FundCell>> {
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
    const copiesText = cell('copies');
    const copies = /^\d+$/u.test(copiesText) ? Number(copiesText) : NaN;
    const sum = parseMoney(cell('sum'));
    if (!isSubjectGroup(group) || (language !== 'kaz' && language !== 'other') || !Number.isSafeInteger(copies) || !sum.ok) {
      throw new KitapError('E_INPUT', `a fund snapshot row cannot be read: ${row.raw}`, { file: path, line: row.line });
    }
    const branchText = cell('branch');
    const branch = branches === undefined ? branchText : resolveActLibrary(branchText, branches);
    if (branch === undefined) {
      throw new KitapError('E_INPUT', `a fund snapshot row names «${branchText}», which is not a library of the branch directory`, { file: path, line: row.line });
    }
    const key = cellKey(branch, group, language);
    const before = out.get(key);
    if (before !== undefined) {
      throw new KitapError('E_INPUT', `a fund snapshot gives ${branch} × ${group} × ${language} twice, on lines ${before.line} and ${row.line}: which is right?`, { file: path, line: row.line });
    }
    out.set(key, { branch, group, language, copies, sum: sum.tiyn, line: row.line });
  }
  return out;
}
