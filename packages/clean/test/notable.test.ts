import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOTABLE } from '../src/record-view.js';
import { mayHaveLookalike } from '../src/rules/kazakh-lookalike-letters.js';
import { mayMixScripts } from '../src/rules/mixed-script-word.js';
import { hasBracket } from '../src/rules/unbalanced-brackets.js';
import { notNfc } from '../src/rules/unicode-nfc.js';

/*
 * Review: whatever value one of the four text rules' quick tests lets through
 * has a NOTABLE character, so skipping the values without one loses nothing.
 * Values mix the plain characters (Russian and Kazakh Cyrillic, ASCII) with
 * any UTF-16 unit, combining marks, look-alikes and every kind of quote.
 */
const PLAIN = [...' !#$%&\'*+,-./0123456789:;<=>?@\\^_`{|}~АаБбЁёЙйІіҒғҚқҢңӨөҰұҮүҺһӘәЇїЎўЈјЅѕ–—№'];
const SPECIAL = [...'()[]{}<>"«»„“”‘’‚‹›「」ə\u0259ǝɵθΘiIhHӊҥӄҡӻӷ\u0306\u0308\u0301\u0483\u00a0\u2009\u2116\uff08\uff09\u2126\u212b\u0340'];
const unit = fc.oneof(fc.constantFrom(...PLAIN), fc.constantFrom(...SPECIAL), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));

describe('NOTABLE covers every quick test of the text rules', () => {
  it('a value a quick test flags has a notable character', () => {
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 12 }).map((u) => u.join('')), (value) => {
        for (const test of [notNfc, mayHaveLookalike, mayMixScripts, hasBracket]) if (test(value)) expect(NOTABLE.test(value), `${test.name} ${JSON.stringify(value)}`).toBe(true);
      }),
      { numRuns: 200_000 },
    );
  });
});
