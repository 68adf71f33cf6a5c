import rule from '../../src/rules/isbn-checksum.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    { record: '=020  \\\\$a9786010313286$c1500 тг.' },
    { name: 'ISBN-10 with hyphens and a qualifier', record: '=020  \\\\$a5-02-017777-6 (в пер.)' },
    { name: 'an invalid ISBN already in $z', record: '=020  \\\\$z9786010313287' },
    { name: 'UNIMARC 010', record: '=010  \\\\$a978-601-03-1328-6$d 800 тг.\n=200  1\\$aКөшпенділер', flavour: 'unimarc' },
  ],
  invalid: [
    {
      record: '=020  \\\\$a9786010313287$c1500 тг.',
      errors: [{ messageId: 'checksum', tag: '020', subfield: 'a', actual: '9786010313287', expected: '9786010313286' }],
      output: '=020  \\\\$z9786010313287$c1500 тг.',
    },
    {
      name: 'ISBN-10 with a wrong check digit',
      record: '=020  \\\\$a5-02-017777-4',
      errors: [{ messageId: 'checksum', message: 'ISBN 5020177774 in 020 $a has a wrong check digit (expected 6); it belongs in $z as an invalid ISBN' }],
      output: '=020  \\\\$z5-02-017777-4',
    },
    {
      name: 'UNIMARC 010',
      record: '=010  \\\\$a978-601-03-1328-7\n=200  1\\$aКөшпенділер',
      flavour: 'unimarc',
      errors: [{ messageId: 'checksum', tag: '010' }],
      output: '=010  \\\\$z978-601-03-1328-7\n=200  1\\$aКөшпенділер',
    },
    {
      name: 'something that is not an ISBN is reported, not moved',
      record: '=020  \\\\$a978-601-03',
      errors: [{ messageId: 'malformed' }],
      output: null,
    },
  ],
});
