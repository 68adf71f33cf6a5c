import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/language-code.js';
import { MARC_LANGUAGES, OBSOLETE_LANGUAGES } from '../../src/tables/marc-languages.js';
import { testRule } from '../rule-tester.js';

// 008 of a Kazakh book of 2019: positions 35-37 hold the language.
const F008 = (lang: string): string => `=008  190412s2019\\\\\\\\kz\\\\\\\\\\\\\\\\\\\\\\\\000\\1\\${lang}\\d`;

testRule(rule, {
  valid: [
    { record: `${F008('kaz')}\n=041  1\\$akaz$hrus\n=245  10$aАбай жолы`, flavour: 'marc21' },
    { name: 'blanks and fill characters in 008 say "not coded"', record: `${F008('|||')}\n=245  10$aАбай жолы`, flavour: 'marc21' },
    { name: 'codes from another list (041 second indicator 7)', record: '=041  \\7$akk$2iso639-1\n=245  10$aАбай жолы', flavour: 'marc21' },
    { name: 'UNIMARC 101 and 100 $a/22-24', record: '=100  \\\\$a20190412d2019    k  y0rusy50      ca\n=101  1\\$arus$ckaz\n=200  1\\$aПуть Абая', flavour: 'unimarc' },
    { name: 'the language of cataloguing in 040 $b', record: '=040  \\\\$aKZ-KrOUNB$brus$erda\n=245  10$aАбай жолы', flavour: 'marc21' },
  ],
  invalid: [
    {
      name: 'a value named like a member of every JavaScript object is only an unknown code',
      record: '=041  0\\$aconstructor$b__proto__$htoString\n=245  10$aАбай жолы',
      errors: [
        { messageId: 'invalid', tag: '041', subfield: 'a', message: 'Unknown language code "constructor" in 041 $a' },
        { messageId: 'invalid', tag: '041', subfield: 'b', message: 'Unknown language code "__proto__" in 041 $b' },
        { messageId: 'invalid', tag: '041', subfield: 'h', message: 'Unknown language code "toString" in 041 $h' },
      ],
      output: null,
    },
    {
      name: 'two-letter codes in 041 are replaced in one pass',
      record: '=041  1\\$akk$hru\n=245  10$aАбай жолы',
      errors: [
        { messageId: 'typo', tag: '041', subfield: 'a', message: 'Unexpected language code "kk" in 041 $a, expected kaz (Kazakh)', actual: 'kk', expected: 'kaz' },
        { messageId: 'typo', tag: '041', subfield: 'h', expected: 'rus' },
      ],
      output: '=041  1\\$akaz$hrus\n=245  10$aАбай жолы',
    },
    {
      name: 'upper case in 008/35-37',
      record: `${F008('RUS')}\n=245  10$aПуть Абая`,
      errors: [{ messageId: 'typo', tag: '008', actual: 'RUS', expected: 'rus', message: 'Unexpected language code "RUS" in 008/35-37, expected rus (Russian)' }],
      output: `${F008('rus')}\n=245  10$aПуть Абая`,
    },
    {
      name: 'a country code is not a language code and is not guessed',
      record: `${F008('kz\\')}\n=041  0\\$akz\n=245  10$aАбай жолы`,
      errors: [
        { messageId: 'invalid', tag: '008', message: 'Unknown language code "kz " in 008/35-37' },
        { messageId: 'invalid', tag: '041', subfield: 'a', message: 'Unknown language code "kz" in 041 $a' },
      ],
      output: null,
    },
    {
      name: 'Cyrillic abbreviations',
      record: '=041  0\\$aказ$aрус\n=245  10$aАбай жолы',
      errors: [
        { messageId: 'typo', subfield: 'a', actual: 'каз', expected: 'kaz' },
        { messageId: 'typo', subfield: 'a', actual: 'рус', expected: 'rus' },
      ],
      output: '=041  0\\$akaz$arus\n=245  10$aАбай жолы',
    },
    {
      name: 'two-letter fixes switched off',
      record: '=041  0\\$aru\n=245  10$aПуть Абая',
      options: { fixTwoLetterCodes: false },
      errors: [{ messageId: 'invalid', subfield: 'a' }],
      output: null,
    },
    {
      name: 'obsolete codes: one with a successor is replaced, one without is only reported',
      record: '=041  1\\$ascr$hesk\n=245  10$aPjesme',
      errors: [
        { messageId: 'obsolete', subfield: 'a', message: 'Obsolete language code "scr" in 041 $a, use hrv (Croatian)', expected: 'hrv' },
        { messageId: 'obsolete', subfield: 'h', message: 'Obsolete language code "esk" in 041 $h (Eskimo languages): choose the current code' },
      ],
      output: '=041  1\\$ahrv$hesk\n=245  10$aPjesme',
    },
    {
      name: 'codes run together, as before 2001',
      record: '=041  0\\$akazrus\n=245  10$aҚазақша-орысша сөздік',
      errors: [{ messageId: 'concatenated', subfield: 'a', expected: 'kaz rus' }],
      output: '=041  0\\$akaz$arus\n=245  10$aҚазақша-орысша сөздік',
    },
    {
      name: 'UNIMARC 101 and the language of cataloguing',
      record: '=100  \\\\$a20190412d2019    k  y0RUSy50      ca\n=101  0\\$akk\n=200  1\\$aАбай жолы',
      flavour: 'unimarc',
      errors: [
        { messageId: 'typo', tag: '100', subfield: 'a', message: 'Unexpected language code "RUS" in 100 $a/22-24, expected rus (Russian)' },
        { messageId: 'typo', tag: '101', subfield: 'a', expected: 'kaz' },
      ],
      output: '=100  \\\\$a20190412d2019    k  y0rusy50      ca\n=101  0\\$akaz\n=200  1\\$aАбай жолы',
    },
  ],
});

describe('the MARC language table', () => {
  it('has the current codes and none of the obsolete ones', () => {
    expect(MARC_LANGUAGES.size).toBeGreaterThan(480);
    for (const code of ['kaz', 'rus', 'eng', 'ger', 'fre', 'chi', 'kir', 'uzb', 'tat', 'und', 'mul', 'zxx']) expect(MARC_LANGUAGES.has(code), code).toBe(true);
    for (const code of ['kk', 'kz', 'ru', 'каз', 'deu', 'fra', 'qaa-qtz']) expect(MARC_LANGUAGES.has(code), code).toBe(false);
    for (const [code, { replacement }] of OBSOLETE_LANGUAGES) {
      expect(MARC_LANGUAGES.has(code), code).toBe(false);
      if (replacement) expect(MARC_LANGUAGES.has(replacement), replacement).toBe(true);
    }
  });
});
