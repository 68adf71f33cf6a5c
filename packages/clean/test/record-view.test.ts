import { describe, expect, it } from 'vitest';
import { NOTABLE } from '../src/record-view.js';
import { mayHaveLookalike } from '../src/rules/kazakh-lookalike-letters.js';
import { mayMixScripts } from '../src/rules/mixed-script-word.js';
import { hasBracket } from '../src/rules/unbalanced-brackets.js';
import { notNfc } from '../src/rules/unicode-nfc.js';

/** Every UTF-16 unit that is not NOTABLE. */
const plain = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).filter((ch) => !NOTABLE.test(ch));

describe('NOTABLE', () => {
  it('leaves out exactly space, digits, ASCII punctuation but brackets and quotes, Russian and Kazakh letters, dashes and №', () => {
    expect(plain.join('')).toBe(
      ' !#$%&\'*+,-./0123456789:;<=>?@\\^_`{|}~' +
        'ЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюяѐёђѓєѕіїјљњћќѝўџ' +
        'ҒғҚқҢңҮүҰұҺһӘәӨө–—№',
    );
  });

  it('covers whatever the text rules quick tests look for: a value without a notable character passes none of them', () => {
    // Each quick test asks for one character of a class (mixed script: one of each of two), so one
    // value holding every plain character stands for all values made of them.
    const everything = plain.join('');
    for (const test of [notNfc, mayHaveLookalike, mayMixScripts, hasBracket]) {
      expect(test(everything), test.name).toBe(false);
      for (const ch of plain) expect(test(ch), `${test.name} ${ch}`).toBe(false);
    }
    // And the notable ones are what they are for.
    expect([notNfc('е\u0308'), mayHaveLookalike('Қазiргi'), mayMixScripts('Kітап'), hasBracket('(1')]).toEqual([true, true, true, true]);
  });
});
