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

/** True when the text ends with an abbreviation and its period: "Изд.", "М.", "и др.", "т.б.", "ill.". */
export function endsWithAbbreviation(text: string): boolean {
  const m = /(?:^|[\s(["«]|\d-)([\p{L}.]*\p{L})\.$/u.exec(text);
  if (!m) return false;
  const token = m[1]!;
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
  let s = value;
  for (;;) {
    const before = s;
    s = stripMarks(s).replace(/\.?\s+[-–—]+$/u, (m) => (m.startsWith('.') ? '.' : ''));
    if (!options.keepPeriod) s = stripPeriods(s);
    if (s === before) break;
  }
  return s === '' || /^[\s.]*$/u.test(s) ? value : s;
}
