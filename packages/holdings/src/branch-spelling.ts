import { foldForMatch, foldScripts } from '@kitap/text';

/*
 * How exports spell a library of the system ("Ф-л №4", "библиотека-филиал
 * №15 д.", "ДБФ №15", "№4 кітапхана-филиалы", "ЦГБ"…), reduced to what it
 * says: the central library, or a branch kind and number.
 */

/** What a branch spelling says once the wording is taken away. */
export type BranchSpelling = { kind: 'central' } | { kind: 'adult' | 'youth' | 'children'; number: number };

// "№", "N", "No", "Nº", "#" before a number carry nothing: "№4", "N 4" and "4" are one spelling.
const NUMBER_SIGN = /(?:№|#|\bN[oº°]?\.?)\s*(?=[0-9])/giu;
const TOKEN = /[\p{L}\p{M}?]+|[0-9]+/gu;

function foldWord(word: string): string {
  // A "?" stands for a letter an export could not encode (1C writes "?" for Kazakh letters in cp1251);
  // it is kept as a wildcard and the pieces around it are folded on their own.
  return word
    .split('?')
    .map((piece) => (piece === '' ? '' : foldScripts(foldForMatch(piece)).replace(/ /g, '')))
    .join('?');
}

/**
 * The words and numbers of a branch spelling, folded for comparison: NFC,
 * lower case, ё → е, Latin look-alikes inside Cyrillic words and Kazakh
 * letters typed with Russian look-alikes made one, punctuation and the number
 * sign dropped, letters and digits split ("№15д" → "15", "д"). A "?" inside a
 * word is kept: it stands for a letter the export lost.
 */
export function branchSpellingTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFC').replace(NUMBER_SIGN, ' ').matchAll(TOKEN)) {
    const token = m[0];
    if (/^[0-9]+$/.test(token)) out.push(String(Number(token)));
    else if (/^\?+$/.test(token)) continue;
    else {
      const folded = foldWord(token);
      if (folded !== '') out.push(folded);
    }
  }
  return out;
}

/** A branch spelling as one comparable string (see `branchSpellingTokens`); alias lists are matched on it. */
export function normalizeBranchSpelling(text: string): string {
  return branchSpellingTokens(text).join(' ');
}

function folded(words: readonly string[]): Set<string> {
  return new Set(words.map((w) => foldWord(w)));
}

/** Words that make a spelling mean the central library. */
const CENTRAL = folded(['ЦГБ', 'ЦБ', 'центральная', 'центральной', 'центральный', 'орталық', 'ОҚК']);
/** Words that make a branch a children's library. */
const CHILDREN = folded(['д', 'дет', 'детская', 'детской', 'детский', 'ДБ', 'ДБФ', 'балалар', 'балаларға']);
/** Words that make a branch a youth library. */
const YOUTH = folded(['юн', 'юнош', 'юношеская', 'юношеской', 'юношеский', 'юношества', 'ЮБ', 'ЮБФ', 'жасөспірімдер', 'жасөспірім', 'жасөспірімдерге']);
/** Words that only say "library" or "branch". */
const NEUTRAL = folded([
  'ф', 'л', 'фл', 'филиал', 'филиала', 'филиалы', 'б', 'ка', 'бка', 'биб', 'библ', 'библиотека', 'библиотеки',
  'БФ', 'городская', 'городской', 'гор', 'кітапхана', 'кітапханасы', 'қалалық',
]);

const CLASSES = [
  ['central', CENTRAL],
  ['children', CHILDREN],
  ['youth', YOUTH],
  ['neutral', NEUTRAL],
] as const;
type WordClass = (typeof CLASSES)[number][0];

function classOf(token: string): WordClass | undefined {
  if (!token.includes('?')) return CLASSES.find(([, words]) => words.has(token))?.[0];
  // A word with lost letters: it must fit exactly one class.
  const pattern = new RegExp(`^${token.replace(/[.*+^${}()|[\]\\]/g, '\\$&').replace(/\?/g, '.')}$`, 'u');
  const found = new Set<WordClass>();
  for (const [name, words] of CLASSES) for (const w of words) if (pattern.test(w)) found.add(name);
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * Reads a branch spelling by its markers: a number, and д./дет./детская/
 * балалар (children), юн./юношеская/жасөспірімдер (youth) or ЦГБ/центральная/
 * орталық (central); words like "филиал", "библиотека", "б-ка", "кітапхана" are
 * allowed and mean nothing. Anything else — an unknown word, two numbers, two
 * kinds, a central library with a number, a branch with no number — gives
 * undefined: a spelling is never guessed.
 */
export function parseBranchSpelling(text: string): BranchSpelling | undefined {
  let number: number | undefined;
  let central = false;
  let children = false;
  let youth = false;
  for (const token of branchSpellingTokens(text)) {
    if (/^[0-9]+$/.test(token)) {
      if (number !== undefined) return undefined;
      number = Number(token);
      continue;
    }
    const kind = classOf(token);
    if (kind === undefined) return undefined;
    if (kind === 'central') central = true;
    else if (kind === 'children') children = true;
    else if (kind === 'youth') youth = true;
  }
  if (central) return number === undefined && !children && !youth ? { kind: 'central' } : undefined;
  if (number === undefined || (children && youth)) return undefined;
  return { kind: children ? 'children' : youth ? 'youth' : 'adult', number };
}
