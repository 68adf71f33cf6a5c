import rule from '../../src/rules/isbd-physical-punctuation.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    { record: '=300  \\\\$a318, [2] с. :$bил. ;$c21 см' },
    { name: 'AACR2 abbreviations end the field without a series', record: '=300  \\\\$a256 p. :$bill. ;$c24 cm.' },
    { name: 'a period at the end when there is a series', record: '=300  \\\\$a240 б. :$bсур. ;$c20 см.\n=490  0\\$aМектеп кітапханасы' },
    { name: 'accompanying material', record: '=300  \\\\$a95 с. :$bил. ;$c29 см +$e1 CD' },
    { name: 'trailingPeriod: never, last word an abbreviation', record: '=300  \\\\$a318 с. :$bил.', options: { trailingPeriod: 'never' } },
  ],
  invalid: [
    {
      name: 'no marks between the elements',
      record: '=300  \\\\$a318 с.$bил.$c21 см',
      errors: [
        { messageId: 'before', tag: '300', subfield: 'a', message: 'Expected ":" at the end of 300 $a before $b', expected: '"318 с. :"' },
        { messageId: 'before', tag: '300', subfield: 'b', message: 'Expected ";" at the end of 300 $b before $c', expected: '"ил. ;"' },
      ],
      output: '=300  \\\\$a318 с. :$bил. ;$c21 см',
    },
    {
      name: 'a series statement follows: the field ends with a period',
      record: '=300  \\\\$a240 б. :$bсур. ;$c20 см\n=490  0\\$aМектеп кітапханасы',
      errors: [
        {
          messageId: 'end',
          subfield: 'c',
          message: 'Expected a period at the end of 300 (after $c), as the record has a series statement (4XX)',
          expected: '"20 см."',
        },
      ],
      output: '=300  \\\\$a240 б. :$bсур. ;$c20 см.\n=490  0\\$aМектеп кітапханасы',
    },
    {
      name: 'a plus sign before accompanying material; a unit symbol takes no period before it',
      record: '=300  \\\\$a95 с. :$bил. ;$c29 см.$e1 CD',
      errors: [{ messageId: 'before', subfield: 'c', message: 'Expected "+" at the end of 300 $c before $e', expected: '"29 см +"' }],
      output: '=300  \\\\$a95 с. :$bил. ;$c29 см +$e1 CD',
    },
    {
      name: 'a mark typed at the end of the field',
      record: '=300  \\\\$a318 с. :$bил. ;$c21 см ;',
      errors: [{ messageId: 'endMark', subfield: 'c', expected: '"21 см"' }],
      output: '=300  \\\\$a318 с. :$bил. ;$c21 см',
    },
    {
      name: 'trailingPeriod: always',
      record: '=300  \\\\$a318 с. :$bил. ;$c21 см',
      options: { trailingPeriod: 'always' },
      errors: [{ messageId: 'end', subfield: 'c', message: 'Expected a period at the end of 300 (after $c)' }],
      output: '=300  \\\\$a318 с. :$bил. ;$c21 см.',
    },
    {
      name: 'trailingPeriod: never',
      record: '=300  \\\\$a318 с. :$bил. ;$c21 см.',
      options: { trailingPeriod: 'never' },
      errors: [{ messageId: 'noPeriod', subfield: 'c', message: 'Unexpected period at the end of 300 (after $c)' }],
      output: '=300  \\\\$a318 с. :$bил. ;$c21 см',
    },
  ],
});
