import rule from '../../src/rules/isbn-format.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    { record: '=020  \\\\$a9786010313286$qв пер.$c1500 тг.' },
    { name: 'ISBD colon before the price stays', record: '=020  \\\\$a5020177776 :$c150 р.' },
    { name: 'an ISBN with a wrong check digit is isbn-checksum\'s', record: '=020  \\\\$a978-601-03-1328-7' },
    { name: 'UNIMARC keeps the hyphens as printed', record: '=010  \\\\$a978-601-03-1328-6$bв пер.$d1500 тг.\n=200  1\\$aКөшпенділер', flavour: 'unimarc' },
    { name: 'UNIMARC: an ISBN printed without hyphens is not given any', record: '=010  \\\\$a9786010313286\n=200  1\\$aКөшпенділер', flavour: 'unimarc' },
  ],
  invalid: [
    {
      name: 'hyphens in MARC21 020 $a',
      record: '=020  \\\\$a978-601-03-1328-6$c1500 тг.',
      errors: [{ messageId: 'separators', tag: '020', subfield: 'a', message: 'ISBN 978-601-03-1328-6 in 020 $a has hyphens or spaces; expected 9786010313286', actual: '978-601-03-1328-6', expected: '9786010313286' }],
      output: '=020  \\\\$a9786010313286$c1500 тг.',
    },
    {
      name: 'qualifier and price typed into $a move to $q and $c',
      record: '=020  \\\\$a5-02-017777-6 (в пер.) : 150 р.',
      errors: [
        { messageId: 'separators', actual: '5-02-017777-6', expected: '5020177776' },
        { messageId: 'qualifier', message: 'Qualifier "(в пер.)" in 020 $a belongs in $q', actual: '(в пер.)', expected: '$qв пер.' },
        { messageId: 'price', message: 'Price "150 р." in 020 $a belongs in $c', actual: '150 р.', expected: '$c150 р.' },
      ],
      output: '=020  \\\\$a5020177776$qв пер.$c150 р.',
    },
    {
      name: 'a label, a qualifier without parentheses and a lowercase x',
      record: '=020  \\\\$aISBN 9965-35-006-x т. 1',
      errors: [
        { messageId: 'prefix', message: 'The label "ISBN" in 020 $a is not part of the ISBN' },
        { messageId: 'separators', expected: '996535006X' },
        { messageId: 'qualifier', expected: '$qт. 1' },
      ],
      output: '=020  \\\\$a996535006X$qт. 1',
    },
    {
      name: 'a price that differs from the one in $c is left for a person',
      record: '=020  \\\\$a9786010313286 1500 тг.$c2000 тг.',
      errors: [{ messageId: 'occupied', message: '"1500 тг." in 020 $a belongs in $c, which already holds "2000 тг."; move it by hand' }],
      output: null,
    },
    {
      name: 'text that is neither a qualifier nor a price is reported, nothing is moved',
      record: '=020  \\\\$a978-601-03-1328-6 (в пер.) 2019',
      errors: [
        { messageId: 'separators' },
        { messageId: 'unknown', message: 'Unexpected "2019" after the ISBN in 020 $a' },
        { messageId: 'qualifier' },
      ],
      output: null,
    },
    {
      name: 'UNIMARC: spaces become hyphens, the binding goes to $b',
      record: '=010  \\\\$a978 601 03 1328 6 (в пер.)$d1500 тг.\n=200  1\\$aКөшпенділер',
      flavour: 'unimarc',
      errors: [
        { messageId: 'spaces', tag: '010', subfield: 'a', message: 'ISBN 978 601 03 1328 6 in 010 $a has spaces between its parts; expected 978-601-03-1328-6' },
        { messageId: 'qualifier', tag: '010', expected: '$bв пер.' },
      ],
      output: '=010  \\\\$a978-601-03-1328-6$bв пер.$d1500 тг.\n=200  1\\$aКөшпенділер',
    },
    {
      name: 'UNIMARC: a lowercase x and the price typed into $a',
      record: '=010  \\\\$a9965-35-006-x : 300 тг.\n=200  1\\$aҚазақ ертегілері',
      flavour: 'unimarc',
      errors: [
        { messageId: 'lowercaseX', expected: '9965-35-006-X' },
        { messageId: 'price', expected: '$d300 тг.' },
      ],
      output: '=010  \\\\$a9965-35-006-X$d300 тг.\n=200  1\\$aҚазақ ертегілері',
    },
    {
      name: 'option marc21Hyphens: keep',
      record: '=020  \\\\$a978 601 03 1328 6',
      options: { marc21Hyphens: 'keep' },
      errors: [{ messageId: 'spaces', expected: '978-601-03-1328-6' }],
      output: '=020  \\\\$a978-601-03-1328-6',
    },
    {
      name: 'option unimarcHyphens: remove',
      record: '=010  \\\\$a978-601-03-1328-6$bв пер.\n=200  1\\$aКөшпенділер',
      flavour: 'unimarc',
      options: { unimarcHyphens: 'remove' },
      errors: [{ messageId: 'separators', expected: '9786010313286' }],
      output: '=010  \\\\$a9786010313286$bв пер.\n=200  1\\$aКөшпенділер',
    },
  ],
});
