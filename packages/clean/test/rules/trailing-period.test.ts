import rule from '../../src/rules/trailing-period.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    { record: '=250  \\\\$a2-е изд., испр. и доп.\n=500  \\\\$aПер. изд.: Абай жолы. – Алматы, 1942.' },
    { name: 'a note ending in a quotation mark', record: '=500  \\\\$aНа обл.: «Мектеп кітапханасы»' },
    { name: 'an ellipsis is not a double period', record: '=520  \\\\$aРоман о жизни Абая...' },
    { name: '245, 260 and 300 are the isbd-* rules\' business', record: '=245  10$aАбай жолы\n=260  \\\\$aАлматы :$bЖазушы,$c2019\n=300  \\\\$a318 с.' },
    { name: 'a space after the period is left to subfield-whitespace', record: '=520  \\\\$aИздание адресовано широкому кругу читателей. \n=546  \\\\$aТекст на каз. яз.' },
    { name: 'a URI after the summary carries no period', record: '=520  \\\\$aКраткое содержание.$uhttp://kitap.kz/abai' },
  ],
  invalid: [
    {
      record: '=500  \\\\$aТекст на каз. и рус. яз',
      errors: [{ messageId: 'missing', tag: '500', subfield: 'a', message: 'Expected a period at the end of 500 (after $a)', expected: '"Текст на каз. и рус. яз."' }],
      output: '=500  \\\\$aТекст на каз. и рус. яз.',
    },
    {
      name: 'an abbreviation met the terminal period',
      record: '=250  \\\\$a3-е изд., перераб. и доп..',
      errors: [{ messageId: 'double', tag: '250', subfield: 'a', message: 'Double period in 250 $a', expected: '"3-е изд., перераб. и доп."' }],
      output: '=250  \\\\$a3-е изд., перераб. и доп.',
    },
    {
      name: 'a bibliography note, the period goes before the URI',
      record: '=504  \\\\$aБиблиогр.: с. 310-317\n=520  \\\\$aКітапта Абайдың өмірі баяндалады$uhttp://kitap.kz/abai',
      errors: [
        { messageId: 'missing', tag: '504', subfield: 'a' },
        { messageId: 'missing', tag: '520', subfield: 'a', expected: '"Кітапта Абайдың өмірі баяндалады."' },
      ],
      output: '=504  \\\\$aБиблиогр.: с. 310-317.\n=520  \\\\$aКітапта Абайдың өмірі баяндалады.$uhttp://kitap.kz/abai',
    },
    {
      name: 'a double period inside a note and none at its end',
      record: '=500  \\\\$aПер. с англ.. Загл. ориг.: The path of Abai',
      errors: [
        { messageId: 'double', subfield: 'a' },
        { messageId: 'missing', subfield: 'a', expected: '"Пер. с англ. Загл. ориг.: The path of Abai."' },
      ],
      output: '=500  \\\\$aПер. с англ. Загл. ориг.: The path of Abai.',
    },
    {
      name: 'the tags option',
      record: '=250  \\\\$aИзд. 5-е\n=500  \\\\$aПеревод с казахского',
      options: { tags: ['500'] },
      errors: [{ messageId: 'missing', tag: '500' }],
      output: '=250  \\\\$aИзд. 5-е\n=500  \\\\$aПеревод с казахского.',
    },
  ],
});
