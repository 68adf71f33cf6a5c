import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOST_LETTER, lossyKey, lostLetterEquals, markLostLetters, titleKey } from '../src/index.js';

const KAZAKH = ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'Ә', 'Ғ', 'Қ', 'Ң', 'Ө', 'Ұ', 'Ү', 'Һ'];

/** What a cp1251 export with 1C's replacement character makes of Kazakh text. */
function loseLetters(text: string): string {
  return [...text].map((c) => (KAZAKH.includes(c) ? '?' : c)).join('');
}

describe('letters lost as "?"', () => {
  it('marks the question marks inside and around Kazakh words', () => {
    expect(markLostLetters('?аза? хал?ы')).toEqual({ text: `${LOST_LETTER}аза${LOST_LETTER} хал${LOST_LETTER}ы`, count: 3 });
    expect(markLostLetters('?уезов М.').count).toBe(1);
    expect(markLostLetters('Абайды? жолы').count).toBe(1);
    expect(markLostLetters('"Еле?-ала?"').count).toBe(2);
    expect(markLostLetters('Кекілбаев ?.').count).toBe(1);
    expect(markLostLetters('Болаша?-Баспа').count).toBe(1);
    expect(markLostLetters('?ара?анды облысыны? тарихы').count).toBe(3);
  });

  it('leaves a question at the end of a title alone', () => {
    expect(markLostLetters('Кім?').count).toBe(0);
    expect(markLostLetters('Что делать?')).toEqual({ text: 'Что делать?', count: 0 });
    expect(markLostLetters('Кто виноват? : роман').count).toBe(0);
  });

  it('a damaged title matches the Kazakh title and its look-alike spelling, not another title', () => {
    const damaged = titleKey(markLostLetters('?аза? хал?ы').text);
    expect(lostLetterEquals(damaged, titleKey('Қазақ халқы'))).toBe(true);
    expect(lostLetterEquals(damaged, titleKey('Казак халкы'))).toBe(true);
    expect(lostLetterEquals(damaged, titleKey('Қазақ халықы'))).toBe(false);
    expect(lostLetterEquals(damaged, titleKey('Базар халкы'))).toBe(false);
    expect(lossyKey(damaged)).toBe(lossyKey(titleKey('Қазақ халқы')));
  });

  it('any Kazakh text, with its letters lost, matches itself and shares its lossy key (property)', () => {
    const letter = fc.constantFrom(...'абвгдежзийклмнопрстуфхцчшыэюяәғқңөұүһі'.split(''));
    const word = fc.array(letter, { minLength: 1, maxLength: 9 }).map((a) => a.join(''));
    // A lone one-letter word «ә» leaves only "?" and cannot be told from punctuation; a word of two letters can.
    const longWord = word.filter((w) => w.length >= 2);
    fc.assert(
      fc.property(fc.array(longWord, { minLength: 1, maxLength: 5 }), (words) => {
        const text = words.join(' ');
        const lost = loseLetters(text);
        // A single lost letter at the very end («Абайды?») reads as a question mark: documented, not matched.
        fc.pre(!lost.endsWith('?') || lost.indexOf('?') < lost.length - 1);
        const damaged = titleKey(markLostLetters(loseLetters(text)).text);
        const clean = titleKey(text);
        expect(lostLetterEquals(damaged, clean)).toBe(true);
        expect(lossyKey(damaged)).toBe(lossyKey(clean));
      }),
    );
  });
});
