import rule from '../../src/rules/control-characters.js';
import { testRule } from '../rule-tester.js';

const rusmarc = '=101  1\\$arus$ceng';

testRule(rule, {
  valid: [
    { record: '=245  10$aАбай жолы :$bроман-эпопея /$cМ. Әуезов.' },
    { name: 'UNIMARC non-sort marks (NSB/NSE) around an article', record: `${rusmarc}\n=200  1\\$a\u0088The \u0089Steppe$eстихи` },
    { name: 'MARC21 non-sort marks (SOS/ST) around an article', record: '=245  10$a\u0098The \u009cSteppe /$cA. Kunanbaev.' },
  ],
  invalid: [
    {
      name: 'a tab pasted from a spreadsheet becomes a space',
      record: '=245  10$aАбай\tжолы /$cМ. Әуезов.',
      errors: [{ messageId: 'inSubfield', tag: '245', subfield: 'a', message: 'Control character U+0009 (tab) in 245 $a', actual: 'U+0009' }],
      output: '=245  10$aАбай жолы /$cМ. Әуезов.',
    },
    {
      name: 'a MARC-8 escape sequence left by a broken conversion goes with its ESC, a lone ESC alone',
      record: '=260  \\\\$aАлматы :$b\u001b(BЖазушы,$c2019.\u001b',
      errors: [
        { messageId: 'inSubfield', tag: '260', subfield: 'b', message: 'Control character U+001B (escape) in 260 $b' },
        { messageId: 'inSubfield', tag: '260', subfield: 'c', message: 'Control character U+001B (escape) in 260 $c' },
      ],
      output: '=260  \\\\$aАлматы :$bЖазушы,$c2019.',
    },
    {
      name: 'a carriage return and a subfield delimiter in one note are fixed in one pass',
      record: '=500  \\\\$aПеревод с казахского\rИ. Петрова\u001f.',
      errors: [
        { messageId: 'inSubfield', tag: '500', subfield: 'a', message: 'Control character U+000D (carriage return) in 500 $a' },
        { messageId: 'inSubfield', tag: '500', subfield: 'a', message: 'Control character U+001F (subfield delimiter) in 500 $a' },
      ],
      output: '=500  \\\\$aПеревод с казахского И. Петрова.',
    },
    {
      name: 'a NUL in a control number',
      record: '=001  KZ\u0000000123\n=245  10$aАбай жолы.',
      errors: [{ messageId: 'inControlField', tag: '001', message: 'Control character U+0000 (null) in 001' }],
      output: '=001  KZ000123\n=245  10$aАбай жолы.',
    },
    {
      name: 'non-sort marks are removed when the options do not allow them (RUSMARC 200)',
      record: `${rusmarc}\n=200  1\\$a\u0088The \u0089Steppe$eстихи`,
      options: { allowNonSortMarks: false },
      errors: [
        { messageId: 'inSubfield', tag: '200', subfield: 'a', message: 'Control character U+0088 (non-sort begin) in 200 $a' },
        { messageId: 'inSubfield', tag: '200', subfield: 'a', message: 'Control character U+0089 (non-sort end) in 200 $a' },
      ],
      output: `${rusmarc}\n=200  1\\$aThe Steppe$eстихи`,
    },
  ],
});
