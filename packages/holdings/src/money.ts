/**
 * Money in kitap is an integer number of tiyn (1 KZT = 100 tiyn) in a JS
 * `number`. Text is parsed digit by digit and never through a float, so
 * `1200,10` is exactly 120010 tiyn and sums of prices stay exact.
 */

/** The largest price kitap accepts: 10^12 KZT, in tiyn (far below 2^53, so integer arithmetic stays exact). */
export const MAX_TIYN = 100_000_000_000_000;

/** What `parseMoney` returns: the amount in tiyn, or why the text is not an amount. */
export type MoneyParse = { ok: true; tiyn: number } | { ok: false; reason: string };

// Currency marks met around prices in Kazakh exports and acts, matched case-insensitively.
const CURRENCY_BEFORE = /^(?:kzt|тенге|тг\.?|₸)\s*/iu;
const CURRENCY_AFTER = /\s*(?:kzt|тенге|теңге|тг\.?|₸)$/iu;
// Spaces used as thousands separators: space, NBSP, narrow NBSP, thin space.
const SPACE = /[ \u00a0\u202f\u2009]/u;
const ALLOWED = /^[0-9 \u00a0\u202f\u2009.,]+$/u;

/**
 * Reads a price as written in catalogs, acts and spreadsheets:
 * `1200`, `1200.5`, `1 200,00` (space, NBSP or narrow NBSP between thousands),
 * `1200,00 тг`, `1 200,00 тенге`, `KZT 1200.00`, `1.200,50`, `1,200.50`.
 *
 * The last `.` or `,` followed by one or two digits at the end is the decimal
 * mark. A `.` or `,` followed by exactly three digits is a thousands separator,
 * so `1,200` and `12.500` are 1 200 KZT and 12 500 KZT (a price with three
 * decimals does not occur in tenge). Four or more digits after the last mark
 * are decimals, accepted only when the digits past the second are zeros
 * (`12.5000`). Thousands separators must group the digits by three and differ
 * from the decimal mark. Rejected: empty text, negative amounts, anything that
 * is not a plain amount, and amounts above 10^12 KZT.
 */
export function parseMoney(text: string): MoneyParse {
  let s = text.trim();
  if (s === '') return { ok: false, reason: 'empty' };
  s = s.replace(CURRENCY_BEFORE, '').replace(CURRENCY_AFTER, '');
  if (s === '') return { ok: false, reason: 'no amount, only a currency' };
  if (/^[-−–]/u.test(s) || /[-−–]$/u.test(s)) return { ok: false, reason: 'negative amounts are not prices' };
  if (!ALLOWED.test(s)) return { ok: false, reason: `not an amount: "${text}"` };
  if (!/^[0-9]/.test(s) || !/[0-9]$/.test(s)) return { ok: false, reason: `an amount starts and ends with a digit: "${text}"` };

  let integer = s;
  let fraction = '';
  const mark = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  if (mark >= 0) {
    const after = s.slice(mark + 1);
    if (/^[0-9]{1,2}$/.test(after)) {
      integer = s.slice(0, mark);
      fraction = after;
      if (integer.includes(s[mark]!)) return { ok: false, reason: `"${s[mark]}" is both the decimal mark and a thousands separator: "${text}"` };
    } else if (/^[0-9]{4,}$/.test(after)) {
      if (!/^[0-9]{2}0+$/.test(after)) return { ok: false, reason: `more than two decimals: "${text}"` };
      integer = s.slice(0, mark);
      fraction = after.slice(0, 2);
      if (integer.includes(s[mark]!)) return { ok: false, reason: `"${s[mark]}" is both the decimal mark and a thousands separator: "${text}"` };
    }
    // Otherwise exactly three digits follow: a thousands separator, checked with the others below.
  }

  const digits = groupedDigits(integer);
  if (digits === undefined) return { ok: false, reason: `thousands are not grouped by three: "${text}"` };
  const significant = digits.replace(/^0+(?=[0-9])/, '');
  if (significant.length > 13) return { ok: false, reason: `more than 10^12 KZT: "${text}"` };
  const tiyn = Number(significant) * 100 + Number(fraction.padEnd(2, '0'));
  if (tiyn > MAX_TIYN) return { ok: false, reason: `more than 10^12 KZT: "${text}"` };
  return { ok: true, tiyn };
}

/**
 * The digits of an integer part with its thousands separators removed, or
 * undefined when the separators do not group by three (first group 1–3
 * digits, not starting with 0, then groups of exactly 3) or mix `.` and `,`.
 */
function groupedDigits(integer: string): string | undefined {
  if (/^[0-9]+$/.test(integer)) return integer;
  const punctuation = new Set(integer.replace(/[0-9]/g, '').replace(new RegExp(SPACE.source, 'gu'), ''));
  if (punctuation.size > 1) return undefined;
  const groups = integer.split(/[ \u00a0\u202f\u2009.,]/u);
  const first = groups[0]!;
  if (!/^[1-9][0-9]{0,2}$/.test(first)) return undefined;
  for (let i = 1; i < groups.length; i++) if (!/^[0-9]{3}$/.test(groups[i]!)) return undefined;
  return groups.join('');
}

/** The tiyn as digits with at least three of them ("5" → "005"), after checking it is a safe integer. */
function tiynDigits(tiyn: number): { sign: string; whole: string; cents: string } {
  if (!Number.isSafeInteger(tiyn)) throw new RangeError(`Money is an integer number of tiyn, got ${tiyn}`);
  const sign = tiyn < 0 ? '-' : '';
  const digits = String(Math.abs(tiyn)).padStart(3, '0');
  return { sign, whole: digits.slice(0, -2), cents: digits.slice(-2) };
}

/**
 * Tiyn as Kazakh acts print money: a space between thousands and a comma
 * before the tiyn — 120000 → `1 200,00`. A negative amount (a difference in
 * a reconciliation) gets a leading `-`. Throws RangeError for a non-integer.
 */
export function formatMoney(tiyn: number): string {
  const { sign, whole, cents } = tiynDigits(tiyn);
  return `${sign}${whole.replace(/\B(?=(?:[0-9]{3})+$)/g, ' ')},${cents}`;
}

/** Tiyn as a plain decimal for MARC subfields and CSV — 120000 → `1200.00`. Throws RangeError for a non-integer. */
export function formatMoneyDecimal(tiyn: number): string {
  const { sign, whole, cents } = tiynDigits(tiyn);
  return `${sign}${whole}.${cents}`;
}
