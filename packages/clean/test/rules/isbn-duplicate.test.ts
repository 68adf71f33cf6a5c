import rule from '../../src/rules/isbn-duplicate.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    { name: 'two volumes, two ISBNs', record: '=020  \\\\$a9786010313286$qт. 1\n=020  \\\\$a9789965351235$qт. 2' },
    { name: 'an ISBN-10 and its ISBN-13, both forms as MARC 21 records them', record: '=020  \\\\$a9785020177772\n=020  \\\\$a5020177776' },
    { name: 'UNIMARC', record: '=010  \\\\$a978-601-03-1328-6$d1500 тг.\n=010  \\\\$a9965-35-123-6\n=200  1\\$aКөшпенділер', flavour: 'unimarc' },
  ],
  invalid: [
    {
      name: 'the same ISBN-13, once with hyphens: the second field adds nothing and goes',
      record: '=020  \\\\$a9786010313286$qв пер.$c1500 тг.\n=020  \\\\$a978-601-03-1328-6$qв пер.',
      errors: [{ messageId: 'duplicate', tag: '020', occurrence: 1, subfield: 'a', message: 'ISBN 978-601-03-1328-6 in 020 $a repeats 9786010313286 of an earlier 020; this field adds nothing to it' }],
      output: '=020  \\\\$a9786010313286$qв пер.$c1500 тг.',
    },
    {
      name: 'a repeated field with a price the first lacks is left for a person',
      record: '=020  \\\\$a5-02-017777-6\n=020  \\\\$a5020177776$c150 р.',
      errors: [{ messageId: 'withMore', occurrence: 1, message: 'ISBN 5020177776 in 020 $a repeats 5-02-017777-6 of an earlier 020, but this field also holds $c150 р.; merge the two by hand' }],
      output: null,
    },
    {
      name: 'a qualifier typed after the ISBN counts as more',
      record: '=020  \\\\$a9786010313286\n=020  \\\\$a9786010313286 (в пер.)',
      errors: [{ messageId: 'withMore', occurrence: 1, message: 'ISBN 9786010313286 in 020 $a repeats 9786010313286 of an earlier 020, but this field also holds "(в пер.)" after the ISBN; merge the two by hand' }],
      output: null,
    },
    {
      name: 'UNIMARC: three copies of one 010',
      record: '=010  \\\\$a978-601-03-1328-6$d1500 тг.\n=010  \\\\$a978-601-03-1328-6$d1500 тг.\n=010  \\\\$a9786010313286\n=200  1\\$aКөшпенділер',
      flavour: 'unimarc',
      errors: [
        { messageId: 'duplicate', tag: '010', occurrence: 1 },
        { messageId: 'duplicate', tag: '010', occurrence: 2 },
      ],
      output: '=010  \\\\$a978-601-03-1328-6$d1500 тг.\n=200  1\\$aКөшпенділер',
    },
    {
      name: 'option allowIsbn10And13: false reports the ISBN-10 of the same book',
      record: '=020  \\\\$a9785020177772\n=020  \\\\$a5020177776',
      options: { allowIsbn10And13: false },
      errors: [{ messageId: 'bothForms', occurrence: 1, message: 'ISBN 5020177776 in 020 $a is the same book as 9785020177772 of an earlier 020' }],
      output: null,
    },
  ],
});
