/**
 * The positions of MARC 21 008 and UNIMARC/RUSMARC 100 $a that fixed-field-codes
 * checks, with what each may hold. Only positions whose values do not depend
 * on the type of material are listed (MARC 21 008/00-17 and 35-39 are the same
 * for books, maps, music …; 18-34 are not, and are left alone). The language
 * positions (008/35-37, 100 $a/22-24) are not listed: language-code checks them
 * against the whole code list and fixes them, and one mistake is one finding.
 *
 * Sources: MARC 21 Bibliographic, 008 – All Materials; UNIMARC Manual –
 * Bibliographic (3rd ed. and updates) and RUSMARC, field 100.
 */
import { listCodes } from '../tables/code-names.js';

/** One checked stretch of a fixed field: positions `start`..`end` (inclusive). */
export interface FixedPosition {
  start: number;
  end: number;
  name: string;
  /** What the stretch may hold, as a sentence for the message; undefined when `value` is fine. */
  check(value: string, whole: string): string | undefined;
}

const FILL4 = '||||';
const BLANK4 = '    ';

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
  return day <= days;
}

/** YYMMDD (MARC 21 008/00-05): 00 is read as 2000, which only matters for 29 February. */
export function isYymmdd(value: string): boolean {
  if (!/^[0-9]{6}$/.test(value)) return false;
  return isDate(2000 + Number(value.slice(0, 2)), Number(value.slice(2, 4)), Number(value.slice(4, 6)));
}

/** YYYYMMDD (UNIMARC 100 $a/0-7). */
export function isYyyymmdd(value: string): boolean {
  if (!/^[0-9]{8}$/.test(value)) return false;
  return isDate(Number(value.slice(0, 4)), Number(value.slice(4, 6)), Number(value.slice(6, 8)));
}

/** MARC 21 008/06 type of date / publication status. */
const MARC21_DATE_TYPES = 'bcdeikmnpqrstu|';
const MARC21_YEAR = /^[0-9u]{4}$/;
const MARC21_YEAR_TEXT = 'four digits (u for an unknown digit) or ||||';

function marc21Date1(value: string, whole: string): string | undefined {
  const type = whole[6] ?? '';
  if (!MARC21_DATE_TYPES.includes(type)) return undefined; // 008/06 is reported itself
  if (value === FILL4) return undefined;
  if (type === 'b') return value === BLANK4 ? undefined : 'blanks when 008/06 is "b" (no dates given)';
  if (MARC21_YEAR.test(value)) return undefined;
  if (type === '|' && value === BLANK4) return undefined;
  return MARC21_YEAR_TEXT;
}

function marc21Date2(value: string, whole: string): string | undefined {
  const type = whole[6] ?? '';
  if (!MARC21_DATE_TYPES.includes(type) || type === '|') return undefined;
  if (value === FILL4) return undefined;
  switch (type) {
    case 'b':
    case 's':
      return value === BLANK4 ? undefined : `blanks when 008/06 is "${type}"`;
    case 'c':
      return value === '9999' ? undefined : '9999 when 008/06 is "c" (currently published)';
    case 'e':
      return /^(0[1-9]|1[0-2]|uu)([0-3][0-9]|uu| {2})$/.test(value) ? undefined : 'month and day (mmdd) when 008/06 is "e" (detailed date)';
    default:
      return MARC21_YEAR.test(value) ? undefined : `${MARC21_YEAR_TEXT} when 008/06 is "${type}"`;
  }
}

function oneOf(values: string): (value: string) => string | undefined {
  const text = listCodes([...values]);
  return (value) => (values.includes(value) ? undefined : text);
}

/** MARC 21 008, All Materials positions. */
export const MARC21_008: readonly FixedPosition[] = [
  { start: 0, end: 5, name: 'date entered on file', check: (v) => (isYymmdd(v) ? undefined : 'a date written YYMMDD') },
  { start: 6, end: 6, name: 'type of date', check: oneOf(MARC21_DATE_TYPES) },
  { start: 7, end: 10, name: 'date 1', check: marc21Date1 },
  { start: 11, end: 14, name: 'date 2', check: marc21Date2 },
  {
    start: 15,
    end: 17,
    name: 'place of publication',
    check: (v) => (/^[a-z]{2}[a-z ]$/.test(v) || v === '|||' ? undefined : 'a MARC country code in lowercase letters, such as "kz " or "ru "'),
  },
  { start: 38, end: 38, name: 'modified record', check: oneOf(' dorsx|') },
  { start: 39, end: 39, name: 'cataloguing source', check: oneOf(' cdu|') },
];

/** UNIMARC 100 $a/8 type of publication date. */
const UNIMARC_DATE_TYPES = 'abcdefghijklu';
const UNIMARC_YEAR = /^[0-9 ]{4}$/;
const UNIMARC_YEAR_TEXT = 'four digits (a blank for an unknown digit)';

function unimarcDate1(value: string, whole: string): string | undefined {
  if (!UNIMARC_DATE_TYPES.includes(whole[8] ?? '')) return undefined;
  return UNIMARC_YEAR.test(value) || value === FILL4 ? undefined : UNIMARC_YEAR_TEXT;
}

function unimarcDate2(value: string, whole: string): string | undefined {
  const type = whole[8] ?? '';
  if (!UNIMARC_DATE_TYPES.includes(type)) return undefined;
  if (value === FILL4) return undefined;
  switch (type) {
    case 'a':
      return value === '9999' ? undefined : '9999 when 100 $a/8 is "a" (currently published)';
    case 'd':
    case 'u':
      return value === BLANK4 ? undefined : `blanks when 100 $a/8 is "${type}"`;
    default:
      return UNIMARC_YEAR.test(value) ? undefined : UNIMARC_YEAR_TEXT;
  }
}

/** UNIMARC/RUSMARC 100 $a, General Processing Data. */
export const UNIMARC_100A: readonly FixedPosition[] = [
  { start: 0, end: 7, name: 'date entered on file', check: (v) => (isYyyymmdd(v) ? undefined : 'a date written YYYYMMDD') },
  { start: 8, end: 8, name: 'type of publication date', check: oneOf(UNIMARC_DATE_TYPES) },
  { start: 9, end: 12, name: 'publication date 1', check: unimarcDate1 },
  { start: 13, end: 16, name: 'publication date 2', check: unimarcDate2 },
  { start: 21, end: 21, name: 'modified record code', check: oneOf('01|') },
  {
    start: 26,
    end: 29,
    name: 'character sets',
    check: (v) => (/^[0-9]{2}([0-9]{2}| {2})$/.test(v) ? undefined : 'two-digit character set codes, such as "50  " for Unicode'),
  },
];
