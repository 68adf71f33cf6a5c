/**
 * Whole numbers in act cells: a year of publication («1987», «1987 г.») and a
 * count of copies («3», «3 экз.», «1 250 экз.», «3.00» from a spreadsheet). Money is read by
 * `parseMoney` of @kitap/holdings (cached as `parseActMoney`), dates by
 * `parseActDate`.
 */
import { parseMoney, type MoneyParse } from '@kitap/holdings';
import { cachedByText } from './text-cache.js';

const YEAR = /^(\d{4})\s*(?:г\.?|ж\.?)?$/u;
const COUNT = /^(\d{1,3}(?:[ \u00a0\u202f]\d{3})*|\d+)(?:[.,]0+)?\s*(?:экз\.?|экземпл[а-я]*\.?|шт\.?|дана)?$/u;

/** A year of publication (1000–9999) from a cell, or undefined. */
export function parseYear(text: string): number | undefined {
  const m = YEAR.exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

/** A count of copies (a whole number, thousands may be spaced) from a cell, or undefined. */
export function parseCopyCount(text: string): number | undefined {
  const m = COUNT.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]!.replace(/[ \u00a0\u202f]/gu, ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** `parseMoney` of @kitap/holdings, remembering the prices and totals an act file repeats on its rows. */
export const parseActMoney: (text: string) => MoneyParse = cachedByText(parseMoney);
