import rule from '../../src/rules/unimarc-subfield-punctuation.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    { record: '=200  1\\$aАбай жолы$eроман-эпопея$fМ. Әуезов\n=210  \\\\$aАлматы$cЖазушы$d2019' },
    {
      name: 'abbreviations keep their periods',
      record: '=200  1\\$aАбай жолы$eроман-эпопея$fМ. Әуезов$gпер. с каз.\n=205  \\\\$a2-е изд., испр. и доп.\n=210  \\\\$aМ.$cПросвещение$d1987\n=215  \\\\$a318 с.$cил.$d21 см',
    },
    { name: 'Kazakh abbreviations', record: '=200  1\\$aАбай жолы$fМ. Әуезов$gқұраст. Т. Б.\n=215  \\\\$a2 т.$cсур.$d20 см' },
    { name: 'a trailing space is left to subfield-whitespace', record: '=200  1\\$aСоңғы парыз $eроман\n=215  \\\\$a326 б.$d20 см' },
    { name: 'other fields are not checked', record: '=200  1\\$aАбай жолы\n=300  \\\\$aПеревод с казахского.' },
  ],
  invalid: [
    {
      name: 'MARC 21 habits in a RUSMARC record',
      record: '=200  1\\$aАбай жолы :$eроман-эпопея /$fМ. Әуезов.\n=210  \\\\$aАлматы :$cЖазушы,$d2019.',
      errors: [
        { messageId: 'trailing', tag: '200', subfield: 'a', message: 'Unexpected ISBD punctuation at the end of 200 $a: ":"', actual: '"Абай жолы :"', expected: '"Абай жолы"' },
        { messageId: 'trailing', tag: '200', subfield: 'e', message: 'Unexpected ISBD punctuation at the end of 200 $e: "/"' },
        { messageId: 'trailing', tag: '200', subfield: 'f', message: 'Unexpected ISBD punctuation at the end of 200 $f: "."' },
        { messageId: 'trailing', tag: '210', subfield: 'a' },
        { messageId: 'trailing', tag: '210', subfield: 'c', message: 'Unexpected ISBD punctuation at the end of 210 $c: ","' },
        { messageId: 'trailing', tag: '210', subfield: 'd' },
      ],
      output: '=200  1\\$aАбай жолы$eроман-эпопея$fМ. Әуезов\n=210  \\\\$aАлматы$cЖазушы$d2019',
    },
    {
      name: 'an abbreviated place keeps its period, the typed colon goes',
      record: '=200  1\\$aРусский язык\n=210  \\\\$aМ. :$cПросвещение$d1987',
      errors: [{ messageId: 'trailing', tag: '210', subfield: 'a', actual: '"М. :"', expected: '"М."' }],
      output: '=200  1\\$aРусский язык\n=210  \\\\$aМ.$cПросвещение$d1987',
    },
    {
      name: 'marks typed at the start of a subfield',
      record: '=200  1\\$aАбай жолы$e: роман-эпопея\n=215  \\\\$a318 с.$d21 см$e+ 1 CD',
      errors: [
        { messageId: 'leading', tag: '200', subfield: 'e', message: 'Unexpected ISBD punctuation at the start of 200 $e: ":"', expected: '"роман-эпопея"' },
        { messageId: 'leading', tag: '215', subfield: 'e', expected: '"1 CD"' },
      ],
      output: '=200  1\\$aАбай жолы$eроман-эпопея\n=215  \\\\$a318 с.$d21 см$e1 CD',
    },
    {
      name: 'a series statement with a typed semicolon and a period after a unit symbol',
      record: '=200  1\\$aБалалар әдебиеті\n=215  \\\\$a160 б.$d20 см.\n=225  2\\$aМектеп кітапханасы ;$vвып. 3',
      errors: [
        { messageId: 'trailing', tag: '215', subfield: 'd', expected: '"20 см"' },
        { messageId: 'trailing', tag: '225', subfield: 'a', expected: '"Мектеп кітапханасы"' },
      ],
      output: '=200  1\\$aБалалар әдебиеті\n=215  \\\\$a160 б.$d20 см\n=225  2\\$aМектеп кітапханасы$vвып. 3',
    },
  ],
});
