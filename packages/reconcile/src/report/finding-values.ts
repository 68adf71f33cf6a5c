/**
 * The «Фактически» and «Ожидалось» values of a finding as the workbook and
 * the page show them: in Russian. findings.json keeps the finding's own
 * values (ISO dates, English statuses, branch codes, "on or after …") for
 * scripts; this only changes what people read. Numbers, sums and inventory
 * numbers are shown as they are; the fixed «expected» value of a finding of
 * reading the inputs («an amount such as 1 200,00») is put in Russian by the
 * finding's case (reading-text.ts), not by the English words.
 */
import type { BranchDirectory } from '@kitap/holdings';
import { dottedDate, isIsoDate } from '@kitap/holdings';
import type { AuditFinding } from '../audit/run-audit.js';
import { readingExpected } from './reading-text.js';
import { copyStatusName, libraryName } from './report-labels.js';

/** «1 строка», «2 строки», «5 строк». */
export function linesWord(n: number): string {
  const tens = n % 100;
  const ones = n % 10;
  if (tens >= 11 && tens <= 14) return 'строк';
  if (ones === 1) return 'строка';
  return ones >= 2 && ones <= 4 ? 'строки' : 'строк';
}

/** The fixed «expected» value of a check (checkActs) that is not of reading, in Russian. */
const CHECK_EXPECTED: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.freeze({
  INVENTORY_NUMBER_INVALID: { 'an inventory number such as 48213': 'инвентарный номер, например 48213' },
});

/** A date value: ISO as DD.MM.YYYY, "on or before/after ISO" as «не позже/не раньше DD.MM.YYYY», none as «нет даты». */
export function dateValueText(value: string): string {
  if (value === '') return 'нет даты';
  if (isIsoDate(value)) return dottedDate(value);
  const bound = /^on or (before|after) (\d{4}-\d{2}-\d{2})$/u.exec(value);
  if (bound) return `${bound[1] === 'before' ? 'не позже' : 'не раньше'} ${dottedDate(bound[2]!)}`;
  return value;
}

/** A copy's status: the audit writes "active" for a copy whose holdings give none, which the holdings take as in the fund. */
function statusText(value: string): string {
  return copyStatusName(value === 'active' ? undefined : value);
}

/** "12 copies, 1500.00" (a value of BALANCE_MISMATCH) as its copies and sum, or undefined. */
export function balanceFigures(value: string | undefined): { copies: string; sum: string } | undefined {
  const m = /^(\d+) cop(?:y|ies), (.+)$/u.exec(value ?? '');
  return m ? { copies: m[1]!, sum: m[2]! } : undefined;
}

/** "12 copies, 1500.00" as «12 экз., 1500.00 тг». */
function copiesAndSumText(value: string): string {
  const figures = balanceFigures(value);
  return figures ? `${figures.copies} экз., ${figures.sum} тг` : value;
}

/** "2 lines" (a number listed twice) as «2 строки». */
function lineCountText(value: string): string {
  const m = /^(\d+) lines?$/u.exec(value);
  return m ? `${m[1]} ${linesWord(Number(m[1]))}` : value;
}

/** One value of a finding in Russian; '' when the finding has none. */
export function findingValueText(f: AuditFinding, value: string | undefined, branches: BranchDirectory | undefined): string {
  if (value === undefined) return '';
  switch (f.ruleId) {
    case 'ACT_BEFORE_RECEIPT':
    case 'ACT_AFTER_HOLDINGS':
    case 'ACT_DATE_INVALID':
      return dateValueText(value);
    case 'WRITTEN_OFF_STILL_ACTIVE':
    case 'TRANSFERRED_OUT_STILL_ACTIVE':
      return statusText(value);
    case 'TRANSFER_LOCATION_MISMATCH':
      return value === '' ? 'библиотека не указана' : libraryName(value, branches);
    case 'BALANCE_MISMATCH':
      return copiesAndSumText(value);
    case 'INVENTORY_NUMBER_DUPLICATE':
      return lineCountText(value);
    case 'INVENTORY_NUMBER_INVALID':
    case 'HOLDINGS_COPY_INVALID':
      return value === '' ? 'нет номера' : (CHECK_EXPECTED[f.ruleId]?.[value] ?? value);
    default:
      return value;
  }
}

/** Both values of a finding in Russian, as the rows show them. */
export function findingValues(f: AuditFinding, branches: BranchDirectory | undefined): { actual: string; expected: string } {
  return { actual: findingValueText(f, f.actual, branches), expected: readingExpected(f) ?? findingValueText(f, f.expected, branches) };
}
