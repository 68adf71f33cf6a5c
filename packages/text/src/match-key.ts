import { mixedScriptWord } from './homoglyphs.js';
import { KAZAKH_LOOKALIKES, fixKazakhLookalikes } from './kazakh-lookalikes.js';

/*
 * Match keys are normalised *copies* of catalog data used to find and compare
 * duplicates; the records themselves are never changed by them.
 */

// Latin letters with diacritics fold to their base letter (é → e); Cyrillic
// letters keep theirs (й stays й, ё is handled apart): in Cyrillic the mark
// makes a different letter.
const LATIN_WITH_MARK = /[\u00c0-\u024f\u1e00-\u1eff]/u;

function foldLatinDiacritics(word: string): string {
  if (!LATIN_WITH_MARK.test(word)) return word;
  let out = '';
  for (const ch of word) {
    if (LATIN_WITH_MARK.test(ch)) out += ch.normalize('NFD').replace(/\p{M}+/gu, '');
    else out += ch;
  }
  return out;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

// Kazakh letters folded to the Russian letters legacy exports type for them
// (cp1251 has no ә ғ қ ң ө ұ ү һ): «Көк тәңірі» and «Кок танири» get one key.
const KAZAKH_TO_RUSSIAN: Readonly<Record<string, string>> = { ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и' };
const KAZAKH_LETTER = /[әғқңөұүһі]/gu;

// Latin letters that stand for Cyrillic ones inside a word that has Cyrillic letters (a homoglyph typo,
// or a font that draws т as m): a word with any Cyrillic letter is read as Cyrillic.
const LATIN_IN_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', i: 'и', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у', 'ə': 'а', 'ǝ': 'а', 'ɵ': 'о',
};
const CYRILLIC_LETTER = /[\u0400-\u04ff]/u;
const LATIN_LETTER = /[a-zəǝɵ]/gu;

/**
 * Text as a match key sees it: NFC, lower case, ё → е, Latin diacritics
 * folded, a word that mixes Latin and Cyrillic look-alikes put in its dominant
 * script, Kazakh letters typed with look-alikes restored, and everything that
 * is not a letter or digit (ISBD punctuation, brackets, quotes) turned into
 * single spaces. Kazakh and Russian spellings are not told apart here: see
 * `foldScripts`.
 */
export function foldForMatch(text: string): string {
  const lower = (NON_ASCII.test(text) ? text.normalize('NFC') : text).toLowerCase().replace(/ё/g, 'е');
  // Most text is in one script with no look-alikes: test the whole text once before looking word by word.
  const mixed = HAS_LATIN.test(lower) && HAS_CYRILLIC.test(lower);
  const lookalikes = LOOKALIKE.test(lower);
  const out: string[] = [];
  for (const m of lower.matchAll(WORD)) {
    let w = m[0];
    if (mixed) {
      const fixed = mixedScriptWord(w)?.fixed;
      if (fixed !== undefined) w = fixed;
    }
    if (lookalikes) w = fixKazakhLookalikes(w) ?? w;
    out.push(foldLatinDiacritics(w));
  }
  return out.join(' ');
}

const NON_ASCII = /[^\x00-\x7f]/;
const HAS_LATIN = /[a-z\u00c0-\u024f\u0250-\u02af]/;
const HAS_CYRILLIC = /[\u0400-\u052f]/;
// Characters `fixKazakhLookalikes` may replace.
const LOOKALIKE = new RegExp(`[${Object.keys(KAZAKH_LOOKALIKES).join('')}]`, 'u');

/**
 * A folded text (from `foldForMatch`) with the differences that exports and
 * typists introduce between Kazakh and Russian spelling removed: Kazakh letters
 * as their Russian look-alikes, and Latin letters inside a Cyrillic word as
 * the Cyrillic letters they stand for. Loses distinctions a person would see
 * («көк» and «кок» become one) — right for finding duplicates, never for display.
 */
export function foldScripts(folded: string): string {
  let out = folded.replace(KAZAKH_LETTER, (ch) => KAZAKH_TO_RUSSIAN[ch]!);
  if (LATIN_LETTER.test(out) && CYRILLIC_LETTER.test(out)) {
    out = out.replace(/[\p{L}\p{M}\p{N}]+/gu, (w) => (CYRILLIC_LETTER.test(w) ? w.replace(LATIN_LETTER, (ch) => LATIN_IN_CYRILLIC[ch] ?? ch) : w));
  }
  LATIN_LETTER.lastIndex = 0;
  return out;
}

const ARTICLES = new Set(['the', 'a', 'an', 'le', 'la', 'les', 'l', 'der', 'die', 'das', 'ein', 'eine', 'el', 'los', 'las', 'il', 'lo', 'gli']);

/** A folded title without a leading article ("The", "Le", "L'", "Die" …); Kazakh and Russian have none. */
export function titleKey(title: string): string {
  const folded = foldForMatch(title);
  const space = folded.indexOf(' ');
  return foldScripts(space > 0 && ARTICLES.has(folded.slice(0, space)) ? folded.slice(space + 1) : folded);
}

/** OpenRefine's fingerprint: the distinct words of the folded text, sorted. Word order and repeats stop mattering. */
export function fingerprint(text: string): string {
  return [...new Set(foldForMatch(text).split(' ').filter(Boolean))].sort().join(' ');
}

/** OpenRefine's n-gram fingerprint: distinct character n-grams of the folded text without spaces, sorted. Survives a misprint in a long title better than words do. */
export function ngramFingerprint(text: string, n = 2): string {
  const s = foldForMatch(text).replace(/ /g, '');
  const grams = new Set<string>();
  for (let i = 0; i + n <= s.length; i++) grams.add(s.slice(i, i + n));
  return [...grams].sort().join('');
}

// Kazakh letters as Russian spelling writes the same sounds, then Russian to a
// plain Latin skeleton: "Әуезов", "Ауэзов" and "Auezov" all become "auezov".
const TO_SKELETON: Readonly<Record<string, string>> = {
  ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i',
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sh', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
};
// Latin spellings of the same sounds, folded to the same skeleton (Auezov / Auyezov, Zhumabaev / Jumabaev).
const LATIN_FOLDS: readonly [RegExp, string][] = [
  [/j/g, 'zh'], [/kh/g, 'h'], [/x/g, 'ks'], [/w/g, 'v'], [/q/g, 'k'], [/yu/g, 'iu'], [/ya/g, 'ia'], [/y/g, 'i'], [/(.)\1+/g, '$1'],
];

/**
 * A name reduced to a skeleton that Kazakh, Russian and Latin spellings of it
 * share: "Әуезов" / "Ауэзов" / "Auezov" → "auezov", "Жұмабаев" / "Жумабаев" /
 * "Zhumabaev" → "zhumabaev". Used for the first author's surname in blocking
 * and scoring; never shown to people.
 */
export function nameSkeleton(name: string): string {
  const folded = foldForMatch(name);
  let out = '';
  for (const ch of folded) out += TO_SKELETON[ch] ?? ch;
  for (const [re, to] of LATIN_FOLDS) out = out.replace(re, to);
  return out.replace(/[^a-z0-9 ]/g, '').trim();
}

/** The surname of a heading "Әуезов, Мұхтар" or "Әуезов М. О." or "Мұхтар Әуезов"-less forms: the part before the comma, else the first word. */
export function surnameOf(heading: string): string {
  const beforeComma = heading.split(',')[0] ?? heading;
  const first = beforeComma.trim().split(/\s+/)[0] ?? '';
  return first.replace(/[.]+$/u, '');
}

/** Normalised Levenshtein similarity in [0, 1]: 1 for equal strings. */
export function similarity(a: string, b: string, distance: (a: string, b: string) => number): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}

/**
 * Similarity by Damerau–Levenshtein distance (a swap of neighbours is one
 * edit), computed only where it can differ from plain Levenshtein: equal
 * strings and strings more than one edit apart with no swap possible are
 * answered by the fast Levenshtein alone. Below `floor` the exact value does
 * not matter to the caller, so it is not refined.
 */
export function typingSimilarity(a: string, b: string, fast: (a: string, b: string) => number, exact: (a: string, b: string) => number, floor = 0): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  const lev = fast(a, b);
  // A swap saves at most one edit per swapped pair; it cannot lift a pair below the floor above it unless lev is small.
  if (lev <= 1 || 1 - lev / longest < floor - 2 / longest) return 1 - lev / longest;
  return 1 - exact(a, b) / longest;
}
