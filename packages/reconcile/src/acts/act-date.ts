/**
 * Dates as acts write them: `2023-10-10`, `10.10.2023`, `10.10.2023 г.`, and
 * in words as the paper forms do, `«10» октября 2023 г.`.
 */
import { parseDate } from '@kitap/holdings';
import { cachedByText } from './text-cache.js';

/** Russian month names in the genitive, as dates in words use them, by number. */
const MONTHS: readonly string[] = ['январ', 'феврал', 'март', 'апрел', 'ма', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр'];
const MONTH_ENDINGS = /^(?:я|а|ь|й|т)?$/;

const IN_WORDS = /^[«"']?(\d{1,2})[»"']?\s+([а-яё]+)\s+(\d{4})$/iu;
// "г.", "г", "года", "ж." (жыл) after the year.
const YEAR_WORD = /\s*(?:г\.?|года|гг\.?|ж\.?|жыл[а-я]*)\s*$/iu;

/** The month of a Russian month name in the genitive (or nominative), 1–12, or undefined. */
function monthOf(word: string): number | undefined {
  const w = word.toLowerCase().replace(/ё/g, 'е');
  // The longest stem that starts the word ("мая" is May, "марта" is March).
  let best: number | undefined;
  let length = 0;
  MONTHS.forEach((stem, i) => {
    if (w.startsWith(stem) && MONTH_ENDINGS.test(w.slice(stem.length)) && stem.length > length) {
      best = i + 1;
      length = stem.length;
    }
  });
  return best;
}

/**
 * An act's date as ISO `YYYY-MM-DD`, or undefined when the text is not a real
 * calendar date (`31.04.2023`, a two-digit year, words that are not a month).
 */
export const parseActDate: (text: string) => string | undefined = cachedByText((text: string): string | undefined => {
  const s = text.trim().replace(YEAR_WORD, '').trim();
  if (s === '') return undefined;
  const plain = parseDate(s);
  if (plain !== undefined) return plain;
  const m = IN_WORDS.exec(s);
  if (!m) return undefined;
  const month = monthOf(m[2]!);
  if (month === undefined) return undefined;
  return parseDate(`${m[1]}.${month}.${m[3]}`);
});
