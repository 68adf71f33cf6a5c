/**
 * ISBD punctuation at the end of a catalog value: the marks a cataloguer
 * types at the end of a MARC 21 subfield (" :", " /", ","…), and the
 * abbreviations whose period is part of the word, not a mark of punctuation.
 */

/** An ISBD mark as it stands at the end of a MARC 21 subfield: space-colon, space-slash, comma, period… */
export type IsbdMark = ' :' | ' ;' | ' /' | ' =' | ' +' | ',' | '.';

/**
 * Words that are written with a period because they are abbreviated (lower
 * case, without the period): Russian (GOST 7.0.12), Kazakh (ҚР СТ 7.12) and
 * English (AACR2 appendix B) bibliographic abbreviations. One letter followed
 * by a period (an initial, "М.", "с.", "б.", "т.") always counts as an
 * abbreviation and is not listed. Unit symbols (см, мм, кг) are not
 * abbreviations in Russian practice and take no period; "cm" is listed because
 * AACR2 records write "cm.".
 */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  // Russian
  'авт', 'адапт', 'акад', 'англ', 'аннот', 'библиогр', 'вв', 'вып', 'вступ', 'гг', 'гл', 'гос', 'граф', 'доп', 'др', 'ежегод', 'журн',
  'зап', 'засл', 'изд', 'избр', 'изм', 'им', 'ил', 'илл', 'иностр', 'испр', 'ист', 'каз', 'канд', 'карт', 'кн', 'коммент', 'комп',
  'конф', 'лит', 'межвуз', 'мн', 'науч', 'нем', 'обл', 'обраб', 'общ', 'отв', 'отд', 'оформ', 'пер', 'перераб', 'подгот', 'полн',
  'портр', 'пос', 'посв', 'пр', 'пред', 'предисл', 'прил', 'примеч', 'произв', 'проф', 'разд', 'ред', 'редкол', 'рис', 'рос', 'рус', 'сб', 'сер',
  'собр', 'сокр', 'сост', 'соч', 'спб', 'ст', 'стер', 'стереотип', 'стр', 'схем', 'табл', 'тез', 'техн', 'тыс', 'учеб', 'факс', 'фот', 'фр',
  'франц', 'худож', 'цв', 'экз', 'юрид', 'яз',
  // Kazakh
  'ағыл', 'ауд', 'бас', 'басп', 'бөл', 'ғыл', 'жалп', 'құраст', 'мем', 'өңд', 'орыс', 'сур', 'сурет', 'таңд', 'толықт', 'түсін', 'шығ',
  // English (AACR2 appendix B) and Latin
  'approx', 'assn', 'bros', 'ca', 'cm', 'co', 'col', 'comp', 'corp', 'dept', 'ed', 'eds', 'enl', 'etc', 'facsim', 'facsims', 'fig',
  'figs', 'ill', 'illus', 'inc', 'jr', 'ltd', 'mm', 'no', 'nos', 'p', 'port', 'ports', 'pp', 'pt', 'pts', 'rev', 'ser', 'sr', 'st',
  'suppl', 'trans', 'univ', 'v', 'vol', 'vols',
]);

/** A space as `trim` and `\s` take it. */
const SPACE = /\s/;

/** A word of letters and periods before the final period, after the start, a space, an opening mark, or a digit and a hyphen. */
const ABBREVIATION_AT_END = /(?:^|[\s(["«]|\d-)([\p{L}.]*\p{L})\.$/u;

/**
 * A Latin or Cyrillic letter by its UTF-16 unit: A–Z, a–z, Latin-1 letters, Latin Extended-A and -B,
 * Cyrillic and Cyrillic Supplement without the marks and sign U+0482–U+0489. All of them are `\p{L}`
 * (test/isbd-marks.test.ts checks each one).
 */
export function isCommonLetter(c: number): boolean {
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  return c >= 0x400 && c <= 0x52f && (c < 0x482 || c > 0x489);
}

/**
 * The abbreviation ending the text, as ABBREVIATION_AT_END finds it: undefined when there is none, `null`
 * when the text has a character the quick reading does not know (it is then left to the expression).
 * The word can only be the run of letters and periods just before the final period, so the text is read
 * backwards from its end instead of being searched from every position.
 */
function abbreviationAtEnd(text: string): string | undefined | null {
  const end = text.length - 1; // the final period
  if (end < 1) return undefined;
  // The word ends with a letter.
  const lastLetter = text.charCodeAt(end - 1);
  if (!isCommonLetter(lastLetter)) return lastLetter < 0x80 ? undefined : null;
  let start = end - 1;
  while (start > 0) {
    const c = text.charCodeAt(start - 1);
    if (c !== 0x2e && !isCommonLetter(c)) break;
    start--;
  }
  const word = text.slice(start, end);
  if (start === 0) return word;
  // What stands before the word: a space or an opening mark ( [ " «, or a digit and a hyphen ("2-е изд.").
  const before = text.charAt(start - 1);
  if (SPACE.test(before) || before === '(' || before === '[' || before === '"' || before === '«') return word;
  if (before === '-') return start >= 2 && isDigit(text.charAt(start - 2)) ? word : undefined;
  // Past ASCII, the character might be a letter of another script that belongs to the word.
  return before.charCodeAt(0) < 0x80 ? undefined : null;
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

/** True when the text ends with an abbreviation and its period: "Изд.", "М.", "и др.", "т.б.", "ill.". */
export function endsWithAbbreviation(text: string): boolean {
  if (!text.endsWith('.')) return false;
  const quick = abbreviationAtEnd(text);
  const token = quick === null ? ABBREVIATION_AT_END.exec(text)?.[1] : quick;
  if (token === undefined) return false;
  const last = token.slice(token.lastIndexOf('.') + 1);
  if ([...last].length === 1) return true;
  return ABBREVIATIONS.has(token.toLowerCase()) || ABBREVIATIONS.has(last.toLowerCase());
}

/** An ellipsis ends the text: "…" or three periods. */
function endsWithEllipsis(text: string): boolean {
  return text.endsWith('…') || text.endsWith('...');
}

const TAIL_MARK = /\s*[:;/=,]$/;
const TAIL_PLUS = /\s+\+$/;

/** The value without trailing spaces and typed ISBD marks (":", ";", "/", "=", ",", " +"); periods stay. */
function stripMarks(value: string): string {
  let s = value.trimEnd();
  for (;;) {
    const m = TAIL_MARK.exec(s) ?? TAIL_PLUS.exec(s);
    if (!m) return s;
    if (m.index === 0) return '';
    s = s.slice(0, m.index).trimEnd();
  }
}

/** Drops periods at the end that are not part of an abbreviation or an ellipsis ("Алматы." → "Алматы", "изд.." → "изд."). */
function stripPeriods(value: string): string {
  let s = value;
  while (s.endsWith('.') && !endsWithEllipsis(s) && !endsWithAbbreviation(s) && s.length > 1) s = s.slice(0, -1).trimEnd();
  // "изд.." keeps the abbreviation's period only.
  while (s.endsWith('..') && !endsWithEllipsis(s)) s = s.slice(0, -1);
  return s;
}

/** True when a value ending in `ch` (one UTF-16 unit) is left as it is by `stripMarks`: not a space, not a typed mark. */
function keptByStripMarks(ch: string): boolean {
  return !':;/=,+'.includes(ch) && !SPACE.test(ch);
}

/** True when nothing at all is stripped after `ch`: `stripMarks` keeps it, and it is neither a period nor a dash. */
function plainEnd(ch: string): boolean {
  return keptByStripMarks(ch) && !'.-–—'.includes(ch);
}

export interface EndMarkOptions {
  /** With mark ".", the characters that already end the value well enough (default ".?!…"). */
  terminals?: string;
}

/**
 * The value with `mark` at its end in place of whatever ISBD mark was typed
 * there, keeping the text: `withEndMark('Абай жолы/', ' /')` → "Абай жолы /",
 * `withEndMark('М.', ' :')` → "М. :" (the abbreviation keeps its period),
 * `withEndMark('Алматы.', ' :')` → "Алматы :", `withEndMark('2019', '.')` →
 * "2019.". A value that is nothing but marks is returned as it is.
 */
export function withEndMark(value: string, mark: IsbdMark, options: EndMarkOptions = {}): string {
  // Fast paths for a value that already ends right, as most do: the mark after plain text ("Алматы :"),
  // or, for a period, a terminal that is not a doubled period ("2019.", "Жазушы?"). Nothing would change.
  const length = value.length;
  if (mark === '.') {
    const last = value.charAt(length - 1);
    if (length > 0 && (options.terminals ?? '.?!…').includes(last) && keptByStripMarks(last) && !value.endsWith('..')) return value;
  } else if (length > mark.length && value.endsWith(mark)) {
    const core = value.slice(0, length - mark.length);
    // The mark after plain text, or after an abbreviation's period ("318 с. :"), which stripPeriods keeps.
    if (plainEnd(core.charAt(core.length - 1)) || endsWithAbbreviation(core)) return value;
  }
  const stripped = stripMarks(value);
  if (stripped === '' || /^[\s.]*$/u.test(stripped)) return value;
  if (mark === '.') {
    const terminals = options.terminals ?? '.?!…';
    let s = stripped;
    while (s.endsWith('..') && !endsWithEllipsis(s)) s = s.slice(0, -1);
    return terminals.includes(s.slice(-1)) ? s : s + '.';
  }
  const core = stripPeriods(stripped);
  return core === '' ? value : core + mark;
}

export interface WithoutEndMarkOptions {
  /** Keep a period at the end (strip only the other marks). */
  keepPeriod?: boolean;
}

/**
 * The value without ISBD punctuation at its end: typed marks (" :", " /",
 * " ;", " =", ",", " +"), an area separator (". —", ". -") and a period that
 * does not end an abbreviation. `withoutEndMark('Абай жолы :')` → "Абай жолы",
 * `withoutEndMark('318 с.')` → "318 с." (the abbreviation keeps its period).
 */
export function withoutEndMark(value: string, options: WithoutEndMarkOptions = {}): string {
  // Fast path: a value ending in plain text ("318 с", "Жазушы"), or in a period that stays (any when
  // periods are kept, else an abbreviation's: "24 cm.") has nothing to strip.
  const last = value.charAt(value.length - 1);
  if (value.length > 0 && (plainEnd(last) || (last === '.' && (options.keepPeriod || endsWithAbbreviation(value))))) return value;
  let s = value;
  for (;;) {
    const before = s;
    s = stripMarks(s).replace(/\.?\s+[-–—]+$/u, (m) => (m.startsWith('.') ? '.' : ''));
    if (!options.keepPeriod) s = stripPeriods(s);
    if (s === before) break;
  }
  return s === '' || /^[\s.]*$/u.test(s) ? value : s;
}
