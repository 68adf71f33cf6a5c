import rule from '../../src/rules/unbalanced-brackets.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    { name: 'an ISBD bracket may open in one subfield and close in the next', record: '=260  \\\\$a[Алматы :$bб. и.],$c[2019].' },
    { record: '=245  10$aАбай жолы :$bроман-эпопея : «Абай» және «Абай жолы» /$cМ. Әуезов ; [құраст. Ә. Дербісәлин].' },
    { name: 'list markers are not closing parentheses', record: '=505  0\\$a1) Абай жолы ; 2) Қилы заман ; а) повестер.' },
    { name: 'straight and Russian quotes in pairs', record: '=710  2\\$aТОО "Издательство „Фолиант“"' },
    { name: 'URLs are not read', record: '=856  40$uhttps://kitap.kz/book_(2019$zОнлайн нұсқа (PDF)' },
    { name: 'UNIMARC', record: '=210  \\\\$a[Б. м.]$cЖазушы$d[2005]', flavour: 'unimarc' },
  ],
  invalid: [
    {
      name: 'a supplied place with no closing bracket',
      record: '=260  \\\\$a[Б. м. :$bб. и.,$c2005.',
      errors: [{ messageId: 'unclosed', tag: '260', subfield: 'a', message: 'Unclosed "[" in 260 $a: no "]" follows in the field', actual: '[Б. м. :' }],
    },
    {
      name: 'a closing guillemet with no opening one',
      record: '=245  10$aАбай жолы» :$bроман-эпопея /$cМ. Әуезов.',
      errors: [{ messageId: 'unopened', tag: '245', subfield: 'a', message: 'Closing "»" in 245 $a has no "«" before it in the field' }],
    },
    {
      name: 'an unclosed parenthesis in a note',
      record: '=500  \\\\$aПер. изд.: Қазақ әдебиеті (Алматы, 1995.',
      errors: [{ messageId: 'unclosed', tag: '500', subfield: 'a' }],
    },
    {
      name: 'crossed brackets: both are lone',
      record: '=245  10$aЖинақ (2 томдық [1-том)] /$cҚұраст. А. Сейдімбек.',
      errors: [
        { messageId: 'unclosed', subfield: 'a', message: 'Unclosed "[" in 245 $a: no "]" follows in the field' },
        { messageId: 'unopened', subfield: 'a', message: 'Closing "]" in 245 $a has no "[" before it in the field' },
      ],
    },
    {
      name: 'UNIMARC: an unclosed guillemet in the title, a lone parenthesis in the series',
      record: '=200  1\\$a«Менің Қазақстаным$eәндер жинағы\n=225  2\\$aКітапхана сериясы)$v5',
      flavour: 'unimarc',
      errors: [
        { messageId: 'unclosed', tag: '200', subfield: 'a' },
        { messageId: 'unopened', tag: '225', subfield: 'a' },
      ],
    },
  ],
});
