import rule from '../../src/rules/subfield-whitespace.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    { record: '=245  10$aАбай жолы :$bроман-эпопея /$cМ. Әуезов.' },
    { name: 'spaces in fixed-length control fields are data', record: '=008  240101s2023    kz            000 1 kaz d' },
    { name: 'spaces in UNIMARC 100 $a are positions, not typing mistakes', record: '=100  \\\\$a20240101d2023    k  y0rusy50      ca\n=200  1\\$aКөшпенділер', flavour: 'unimarc' },
  ],
  invalid: [
    {
      record: '=245  10$a Абай жолы /$cМ. Әуезов.',
      errors: [{ messageId: 'leading', tag: '245', subfield: 'a', message: 'Leading space in 245 $a' }],
      output: '=245  10$aАбай жолы /$cМ. Әуезов.',
    },
    {
      name: 'double and trailing spaces in one field are fixed in one pass',
      record: '=260  \\\\$a Алматы :$bЖазушы,  $c2019.',
      errors: [
        { messageId: 'leading', tag: '260', subfield: 'a' },
        { messageId: 'trailing', tag: '260', subfield: 'b' },
      ],
      output: '=260  \\\\$aАлматы :$bЖазушы,$c2019.',
    },
    {
      record: '=500  \\\\$aПеревод  с  казахского',
      errors: [{ messageId: 'double', tag: '500', subfield: 'a', actual: '"Перевод  с  казахского"', expected: '"Перевод с казахского"' }],
      output: '=500  \\\\$aПеревод с казахского',
    },
  ],
});
