import { mixedScriptWord } from './homoglyphs.js';
import { fixKazakhLookalikes } from './kazakh-lookalikes.js';

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

/**
 * Text as a match key sees it: NFC, lower case, ё → е, Latin diacritics
 * folded, a word that mixes Latin and Cyrillic look-alikes put in its dominant
 * script, Kazakh letters typed with look-alikes restored, and everything that
 * is not a letter or digit (ISBD punctuation, brackets, quotes) turned into
 * single spaces.
 */
export function foldForMatch(text: string): string {
  const lower = text.normalize('NFC').toLowerCase().replace(/ё/g, 'е');
  const out: string[] = [];
  for (const m of lower.matchAll(WORD)) {
    let w = m[0];
    const mixed = mixedScriptWord(w);
    if (mixed?.fixed !== undefined) w = mixed.fixed;
    w = fixKazakhLookalikes(w) ?? w;
    out.push(foldLatinDiacritics(w));
  }
  return out.join(' ');
}

const ARTICLES = new Set(['the', 'a', 'an', 'le', 'la', 'les', 'l', 'der', 'die', 'das', 'ein', 'eine', 'el', 'los', 'las', 'il', 'lo', 'gli']);

/** A folded title without a leading article ("The", "Le", "L'", "Die" …); Kazakh and Russian have none. */
export function titleKey(title: string): string {
  const folded = foldForMatch(title);
  const space = folded.indexOf(' ');
  if (space > 0 && ARTICLES.has(folded.slice(0, space))) return folded.slice(space + 1);
  return folded;
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
