import rule from '../../src/rules/language-consistency.js';
import { testRule } from '../rule-tester.js';

// 008 of a book of 2019: positions 35-37 hold the language.
const F008 = (lang: string): string => `=008  190412s2019\\\\\\\\kz\\\\\\\\\\\\\\\\\\\\\\\\000\\1\\${lang}\\d`;

testRule(rule, {
  valid: [
    { record: `${F008('kaz')}\n=041  0\\$akaz\n=245  10$aАбай жолы :$bроман-эпопея`, flavour: 'marc21' },
    { name: 'a Russian book with a Russian title', record: `${F008('rus')}\n=245  10$aПуть Абая`, flavour: 'marc21' },
    { name: 'a bilingual book listed in 041', record: `${F008('rus')}\n=041  0\\$arus$akaz\n=245  10$aҚазақша-орысша сөздік`, flavour: 'marc21' },
    { name: 'a Ukrainian "і" alone is not Kazakh', record: `${F008('rus')}\n=245  10$aКиїв і Київщина`, flavour: 'marc21' },
    { name: 'an English book', record: `${F008('eng')}\n=245  10$aThe path of Abai`, flavour: 'marc21' },
    { name: 'UNIMARC', record: '=101  0\\$akaz\n=200  1\\$aҚан мен тер', flavour: 'unimarc' },
  ],
  invalid: [
    {
      name: '008/35-37 not coded: the language comes from 041',
      record: `${F008('\\\\\\')}\n=041  0\\$akaz\n=245  10$aАбай жолы`,
      errors: [{ messageId: 'filled', tag: '008', message: '008/35-37 has no language ("   "); 041 $a gives kaz', expected: 'kaz' }],
      output: `${F008('kaz')}\n=041  0\\$akaz\n=245  10$aАбай жолы`,
    },
    {
      name: '"und" is replaced by the 041 code too',
      record: `${F008('und')}\n=041  1\\$arus$hkaz\n=245  10$aПуть Абая`,
      errors: [{ messageId: 'filled', tag: '008' }],
      output: `${F008('rus')}\n=041  1\\$arus$hkaz\n=245  10$aПуть Абая`,
    },
    {
      name: '008 and 041 disagree: reported, not guessed',
      record: `${F008('rus')}\n=041  0\\$akaz\n=245  10$aАбай жолы`,
      errors: [{ messageId: 'mismatch', tag: '008', message: 'Unexpected language "rus" in 008/35-37, expected kaz as the first 041 $a says' }],
      output: null,
    },
    {
      name: 'a Kazakh title under rus: reported, not fixed (a Russian book can have a Kazakh title)',
      record: `${F008('rus')}\n=245  10$aҚан мен тер :$bроман`,
      errors: [
        {
          messageId: 'kazakhTitle',
          tag: '245',
          subfield: 'a',
          message: 'The title in 245 $a has Kazakh letters (Қ) but 008/35-37 says rus; expected kaz, unless the book is in Russian with a Kazakh title',
          expected: 'kaz',
        },
      ],
      output: null,
    },
    {
      name: 'a Cyrillic title under a Latin-script language',
      record: `${F008('eng')}\n=245  10$aПуть Абая`,
      errors: [{ messageId: 'cyrillicTitle', message: 'The title in 245 $a is in Cyrillic letters but 008/35-37 says eng' }],
      output: null,
    },
    {
      name: 'a Latin title under kaz: maybe the 2021 Latin alphabet',
      record: `${F008('kaz')}\n=245  10$aQazaqstan tarihy`,
      errors: [{ messageId: 'latinKazakhTitle', message: 'The title in 245 $a is in Latin letters but 008/35-37 says kaz; right only for the Kazakh Latin alphabet (2021)' }],
      output: null,
    },
    {
      name: 'a Latin title under rus, from 041',
      record: '=041  0\\$arus\n=245  10$aThe path of Abai',
      flavour: 'marc21',
      errors: [{ messageId: 'latinTitle', message: 'The title in 245 $a is in Latin letters but 041 $a says rus' }],
      output: null,
    },
    {
      name: 'UNIMARC without 101',
      record: '=200  1\\$aАбай жолы\n=210  \\\\$aАлматы$cЖазушы$d2019',
      flavour: 'unimarc',
      errors: [{ messageId: 'missing101', message: 'No language of the text: UNIMARC 101 $a is missing' }],
      output: null,
    },
    {
      name: 'UNIMARC: a Kazakh title under rus',
      record: '=101  0\\$arus\n=200  1\\$aӘке мен бала',
      flavour: 'unimarc',
      errors: [{ messageId: 'kazakhTitle', tag: '200', message: 'The title in 200 $a has Kazakh letters (Ә) but 101 $a says rus; expected kaz, unless the book is in Russian with a Kazakh title' }],
      output: null,
    },
  ],
});
