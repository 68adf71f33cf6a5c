import rule from '../../src/rules/issn-checksum.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    { record: '=022  0\\$a1813-114X$l1813-114X\n=245  00$aҚарағанды университетінің хабаршысы.' },
    { name: 'an incorrect ISSN already in $y', record: '=022  0\\$a1028-9364$y1028-9365' },
    { name: 'UNIMARC', record: '=011  \\\\$a0378-5955\n=200  1\\$aВестник Карагандинского университета', flavour: 'unimarc' },
  ],
  invalid: [
    {
      name: 'a wrong check digit moves to $y',
      record: '=022  0\\$a1028-9365\n=245  00$aҚазақ тарихы.',
      errors: [{ messageId: 'checksum', tag: '022', subfield: 'a', message: 'ISSN 1028-9365 in 022 $a has a wrong check digit (expected 4); moved to $y as an incorrect ISSN', actual: '1028-9365', expected: '1028-9364' }],
      output: '=022  0\\$y1028-9365\n=245  00$aҚазақ тарихы.',
    },
    {
      name: 'a valid ISSN without its hyphen',
      record: '=022  0\\$a03785955',
      errors: [{ messageId: 'format', tag: '022', message: 'ISSN 03785955 in 022 $a is not written as NNNN-NNNC; expected 0378-5955', actual: '03785955', expected: '0378-5955' }],
      output: '=022  0\\$a0378-5955',
    },
    {
      name: 'a label and a lowercase x',
      record: '=022  0\\$aISSN 1813-114x',
      errors: [{ messageId: 'format', actual: 'ISSN 1813-114x', expected: '1813-114X' }],
      output: '=022  0\\$a1813-114X',
    },
    {
      name: 'UNIMARC: a wrong check digit moves to 011 $z',
      record: '=011  \\\\$a0378-5954$d500 тг.\n=200  1\\$aВестник Карагандинского университета',
      flavour: 'unimarc',
      errors: [{ messageId: 'checksum', tag: '011', message: 'ISSN 0378-5954 in 011 $a has a wrong check digit (expected 5); moved to $z as an incorrect ISSN' }],
      output: '=011  \\\\$z0378-5954$d500 тг.\n=200  1\\$aВестник Карагандинского университета',
    },
    {
      name: 'something that is not an ISSN is reported, not moved',
      record: '=022  0\\$a0378-59',
      errors: [{ messageId: 'malformed', message: 'Not an ISSN in 022 $a: 0378-59' }],
      output: null,
    },
  ],
});
