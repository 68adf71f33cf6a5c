import rule from '../../src/rules/unicode-nfc.js';
import { testRule } from '../rule-tester.js';

// Decomposed letters are written with escapes: и + U+0306 is a decomposed й, е + U+0308 a decomposed ё.
const BREVE = '\u0306';
const DIAERESIS = '\u0308';
const ACUTE = '\u0301';

testRule(rule, {
  valid: [
    { record: '=100  1\\$aМайлин, Бейімбет.\n=245  10$aЁлка :$bәңгімелер.' },
    { name: 'Kazakh letters have no decomposed form', record: '=245  10$aӘуезов әлемі :$bөлең, ұлағат, қиял.' },
    { name: 'UNIMARC', record: '=200  1\\$aЙошкар-Ола$eпутеводитель', flavour: 'unimarc' },
  ],
  invalid: [
    {
      name: 'й as и and a combining breve',
      record: `=100  1\\$aМаи${BREVE}лин, Бейімбет.`,
      errors: [
        {
          messageId: 'decomposed',
          tag: '100',
          subfield: 'a',
          message: 'Text in 100 $a is not in Unicode NFC: "й" is U+0438 U+0306, expected U+0439 (1 such letters in the subfield)',
          actual: 'U+0438 U+0306',
          expected: 'U+0439',
        },
      ],
      output: '=100  1\\$aМайлин, Бейімбет.',
    },
    {
      name: 'ё and й in two subfields of one field are composed in one pass',
      record: `=245  10$aЕ${DIAERESIS}лка и${BREVE} шырша :$bбалаларға арналған е${DIAERESIS}лең.`,
      errors: [
        { messageId: 'decomposed', tag: '245', subfield: 'a', actual: 'U+0415 U+0308', expected: 'U+0401' },
        { messageId: 'decomposed', tag: '245', subfield: 'b', actual: 'U+0435 U+0308', expected: 'U+0451' },
      ],
      output: '=245  10$aЁлка й шырша :$bбалаларға арналған ёлең.',
    },
    {
      name: 'Latin letters with diacritics',
      record: `=246  3\\$aLes Mise${ACUTE}rables : roman traduit du franc\u0327ais`,
      errors: [{ messageId: 'decomposed', tag: '246', subfield: 'a', message: 'Text in 246 $a is not in Unicode NFC: "é" is U+0065 U+0301, expected U+00E9 (2 such letters in the subfield)' }],
      output: '=246  3\\$aLes Misérables : roman traduit du français',
    },
    {
      name: 'UNIMARC 200',
      record: `=200  1\\$aЧаи${BREVE}ка$eпьеса$fА. Чехов`,
      flavour: 'unimarc',
      errors: [{ messageId: 'decomposed', tag: '200', subfield: 'a' }],
      output: '=200  1\\$aЧайка$eпьеса$fА. Чехов',
    },
  ],
});
