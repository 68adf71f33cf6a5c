import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { words } from '@kitap/text';
import { countedWords, countedWordsByProperties } from '../src/counted-words.js';

/** The definition the rule had before the hand scan: words after NFC, lowercased, letters only, long enough. */
function byDefinition(text: string, minLength: number): string[] {
  const out: string[] = [];
  for (const w of words(text.normalize('NFC'))) {
    const word = w.text.toLowerCase();
    if (/^\p{L}+(?:['’-]\p{L}+)*$/u.test(word) && [...word.replace(/['’-]/gu, '')].length >= minLength) out.push(word);
  }
  return out;
}

// Characters of both paths: Latin, Cyrillic and Kazakh letters, joiners, spaces, digits and
// punctuation the hand scan knows, and a few it does not (combining marks, İ, Greek, astral letters).
const ALPHABET = [
  ...'abcXYZ Ағәіңөұүһқ Ѐёж ґ ÀßÿªµºÉ',
  ...'\'’- -–—«»“”.,:;/()[]№0123456789\u00ad\u2002\u2000',
  '\u0301', '\u0483', 'İ', 'Σ', 'σ', 'ς', '\u{1d400}', '\u2160', 'ﬁ', 'Ǆ',
  // Signs whose lower case is a Latin letter the hand scan knows (the text is lowercased before the scan).
  '\u212a', '\u212b', '\u2126',
];
const FAST = ALPHABET.filter((c) => /^[\u0000-\u007f\u00a0-\u00ff\u0400-\u0482\u048a-\u052f\u2002-\u206f\u2116]$/u.test(c));
const text = fc.oneof(
  fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((chars) => chars.join('')),
  fc.array(fc.constantFrom(...FAST), { maxLength: 40 }).map((chars) => chars.join('')),
);

describe('countedWords', () => {
  it('counts lower-case words of letters, compounds joined by hyphens or apostrophes as one', () => {
    expect(countedWords('Қазақстан Республикасының оқу-әдістемелік құралы : ЖОО-ға арналған', 4)).toEqual([
      'қазақстан',
      'республикасының',
      'оқу-әдістемелік',
      'құралы',
      'жоо-ға',
      'арналған',
    ]);
    expect(countedWords('Abai’s  Poems -- 2-е изд., «Мир» / Ed. O\'Neil', 3)).toEqual(['abai’s', 'poems', 'изд', 'мир', 'o\'neil']);
  });

  it('gives the words of the definition, on the hand path and on the general one', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 5 }), (t, min) => {
        const expected = byDefinition(t, min);
        expect(countedWords(t, min)).toEqual(expected);
        expect(countedWordsByProperties(t, min)).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
  });
});
