import rule from '../../src/rules/udc-syntax.js';
import { testRule } from '../rule-tester.js';

const title = '=245  10$aКөшпенділер :$bтарихи трилогия /$cІ. Есенберлин.';
const unimarc = '=101  0\\$akaz\n=200  1\\$aКөшпенділер$fІ. Есенберлин';

testRule(rule, {
  valid: [
    { name: 'Kazakh literature, history of Kazakhstan, education', record: `${title}\n=080  \\\\$a821.512.122\n=080  \\\\$a94(574)\n=080  \\\\$a37.0` },
    { name: 'auxiliaries: form, language, time, relation, grouping, point-nought', record: `${title}\n=080  \\\\$a821.512.122-31(075.8)\n=080  \\\\$a821.161.1=512.122\n=080  \\\\$a94(574)"19"\n=080  \\\\$a[622+669](574)\n=080  \\\\$a37.015.3:004` },
    { name: 'UNIMARC 675', record: `${unimarc}\n=675  \\\\$a821.512.122-31`, flavour: 'unimarc' },
  ],
  invalid: [
    {
      name: 'a plain digit string is regrouped',
      record: `${title}\n=080  \\\\$a821512122`,
      errors: [{ messageId: 'grouping', tag: '080', subfield: 'a', message: 'UDC number 821512122 in 080 $a needs a period after every three digits, expected 821.512.122' }],
      output: `${title}\n=080  \\\\$a821.512.122`,
    },
    {
      name: 'periods in the wrong places are reported with the expected grouping, not fixed',
      record: `${title}\n=080  \\\\$a82.1.512`,
      errors: [{ messageId: 'grouping', actual: '82.1.512', expected: '821.512' }],
      output: null,
    },
    {
      name: 'commas for periods and a trailing period, fixed in one pass',
      record: `${title}\n=080  \\\\$a821,512,122.`,
      errors: [
        { messageId: 'trailing', expected: '821.512.122' },
        { messageId: 'comma', actual: '821,512,122.', expected: '821.512.122' },
      ],
      output: `${title}\n=080  \\\\$a821.512.122`,
    },
    {
      name: 'a space before an auxiliary and an unclosed parenthesis',
      record: `${title}\n=080  \\\\$a821.512.122 -31\n=080  \\\\$a94(574`,
      errors: [
        { messageId: 'syntax', occurrence: 0, message: 'UDC number 821.512.122 -31 in 080 $a is not well-formed: a space inside the number' },
        { messageId: 'syntax', occurrence: 1, message: 'UDC number 94(574 in 080 $a is not well-formed: unbalanced parentheses: "(" without ")"' },
      ],
      output: null,
    },
    {
      name: 'a digit string with a 0 inside may hide a ".0" auxiliary: reported, not regrouped',
      record: `${title}\n=080  \\\\$a3701`,
      errors: [{ messageId: 'doubtful', message: 'UDC number 3701 in 080 $a needs periods: after every three digits (370.1) or before a ".0" special auxiliary' }],
      output: null,
    },
    {
      name: 'UNIMARC 675 with a comma',
      flavour: 'unimarc',
      record: `${unimarc}\n=675  \\\\$a811,512,122`,
      errors: [{ messageId: 'comma', tag: '675', subfield: 'a', expected: '811.512.122' }],
      output: `${unimarc}\n=675  \\\\$a811.512.122`,
    },
  ],
});
