import rule from '../../src/rules/isbn-10-to-13.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    { record: '=020  \\\\$a9786010313286$qв пер.' },
    { name: 'both forms already recorded', record: '=020  \\\\$a9785020177772\n=020  \\\\$a5020177776' },
    { name: 'an ISBN-10 with a wrong check digit is isbn-checksum\'s', record: '=020  \\\\$a5020177774' },
  ],
  invalid: [
    {
      name: 'the ISBN-13 is added before the ISBN-10, with its qualifier and without the price',
      record: '=020  \\\\$a5020177776$qв пер.$c150 р.\n=245  10$aАбай жолы.',
      errors: [{ messageId: 'convert', tag: '020', subfield: 'a', message: 'ISBN-10 5020177776 in 020 $a has no ISBN-13 in the record; expected 9785020177772 in a 020 before it', actual: '5020177776', expected: '9785020177772' }],
      output: '=020  \\\\$a9785020177772$qв пер.\n=020  \\\\$a5020177776$qв пер.$c150 р.\n=245  10$aАбай жолы.',
    },
    {
      name: 'two volumes: each gets its ISBN-13',
      record: '=020  \\\\$a5020177776$qт. 1\n=020  \\\\$a996535006X$qт. 2',
      errors: [
        { messageId: 'convert', occurrence: 0, expected: '9785020177772' },
        { messageId: 'convert', occurrence: 1, expected: '9789965350061' },
      ],
      output: '=020  \\\\$a9785020177772$qт. 1\n=020  \\\\$a5020177776$qт. 1\n=020  \\\\$a9789965350061$qт. 2\n=020  \\\\$a996535006X$qт. 2',
    },
    {
      name: 'a qualifier still typed in $a: reported, and fixed only once isbn-format has moved it to $q',
      record: '=020  \\\\$a5020177776 (в пер.)',
      errors: [{ messageId: 'convert', expected: '9785020177772' }],
      output: null,
    },
    {
      name: 'UNIMARC: the ISBN-13 is written with hyphens like the ISBN-10',
      record: '=010  \\\\$a5-02-017777-6$bв пер.$d150 р.\n=200  1\\$aАбай жолы',
      flavour: 'unimarc',
      errors: [{ messageId: 'convert', tag: '010', expected: '978-5-02-017777-2' }],
      output: '=010  \\\\$a978-5-02-017777-2$bв пер.\n=010  \\\\$a5-02-017777-6$bв пер.$d150 р.\n=200  1\\$aАбай жолы',
    },
  ],
});
