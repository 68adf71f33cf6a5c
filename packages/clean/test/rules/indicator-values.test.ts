import rule from '../../src/rules/indicator-values.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a MARC21 book with author, title, subject and added entry',
      record: '=100  1\\$aӘуезов, Мұхтар.\n=245  10$aАбай жолы /$cМ. Әуезов.\n=264  \\1$aАлматы :$bЖазушы,$c2019.\n=650  \\7$aҚазақ әдебиеті$2rubbk\n=700  1\\$aМусрепов, Ғабит.',
    },
    {
      name: 'a RUSMARC record',
      record: '=101  1\\$arus$ckaz\n=200  1\\$aПуть Абая$fМ. Ауэзов\n=606  0\\$aКазахская литература\n=700  \\1$aАуэзов,$bМ. О.\n=801  \\0$aKZ$bКарагандинская ОУНБ$c20240115',
    },
    { name: 'tags outside the table are not checked', record: '=245  00$aҚарағанды.\n=949  zz$aЦГБ$i000123' },
    { name: 'a local value allowed by the options', record: '=101  \\\\$arus\n=200  1\\$aКараганда', options: { allow: { '101': { ind1: '#' } } } },
  ],
  invalid: [
    {
      name: 'a letter O typed for a zero',
      record: '=245  1O$aАбай жолы /$cМ. Әуезов.',
      errors: [{ messageId: 'invalid', tag: '245', message: 'Unexpected second indicator "O" in 245, expected 0, 1, 2, 3, 4, 5, 6, 7, 8 or 9', actual: '"O"' }],
    },
    {
      name: 'the obsolete 100 first indicator 2 and a 650 without its thesaurus',
      record: '=100  2\\$aӘуезов, Мұхтар.\n=245  10$aАбай жолы.\n=650  \\\\$aҚазақ әдебиеті',
      errors: [
        { messageId: 'invalid', tag: '100', message: 'Unexpected first indicator "2" in 100, expected 0, 1 or 3' },
        { messageId: 'invalid', tag: '650', message: 'Unexpected second indicator blank in 650, expected 0, 1, 2, 3, 4, 5, 6 or 7', expected: '0, 1, 2, 3, 4, 5, 6 or 7' },
      ],
    },
    {
      name: 'MARC21 indicators in a UNIMARC 700 (swapped)',
      record: '=101  0\\$akaz\n=200  1\\$aАбай жолы\n=700  1\\$aӘуезов,$bМ.',
      errors: [
        { messageId: 'invalid', tag: '700', message: 'Unexpected first indicator "1" in 700, expected blank' },
        { messageId: 'invalid', tag: '700', message: 'Unexpected second indicator blank in 700, expected 0 or 1' },
      ],
    },
    {
      name: 'a blank translation indicator in UNIMARC 101',
      flavour: 'unimarc',
      record: '=101  \\\\$arus\n=200  1\\$aКараганда',
      errors: [{ messageId: 'invalid', tag: '101', message: 'Unexpected first indicator blank in 101, expected 0, 1, 2, 8 or |' }],
    },
    {
      name: 'a MARC21 700 second indicator is not UNIMARC’s',
      record: '=245  10$aАбай жолы.\n=700  11$aМусрепов, Ғабит.',
      errors: [{ messageId: 'invalid', tag: '700', message: 'Unexpected second indicator "1" in 700, expected blank or 2' }],
    },
  ],
});
