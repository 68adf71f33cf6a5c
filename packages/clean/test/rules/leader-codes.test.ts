import rule from '../../src/rules/leader-codes.js';
import { testRule } from '../rule-tester.js';

const abai = '=245  10$aАбай жолы /$cМ. Әуезов.';
const rusmarc = '=101  0\\$arus\n=200  1\\$aКараганда$eфотоальбом';

testRule(rule, {
  valid: [
    { name: 'a MARC21 book, new record, full level, ISBD punctuation', record: `=LDR  00000nam a2200000 i 4500\n${abai}` },
    { name: 'a corrected MARC21 serial, minimal level, AACR2', record: `=LDR  00000cas a22000007a 4500\n=245  00$aҚазақ әдебиеті.` },
    { name: 'a RUSMARC record with blank encoding level and full ISBD', record: `=LDR  00000nam0\\22\\\\\\\\\\\\\\\\450\\\n${rusmarc}` },
    {
      name: 'OCLC encoding levels when allowed',
      record: `=LDR  00000nam a2200000Ii 4500\n${abai}`,
      options: { allowOclcEncodingLevels: true },
    },
  ],
  invalid: [
    {
      name: 'a record status and a cataloguing form MARC21 does not define',
      record: `=LDR  00000xam a22000007x 4500\n${abai}`,
      errors: [
        { messageId: 'invalid', tag: 'LDR', message: 'Unexpected "x" in leader/05 (record status), expected a, c, d, n or p', actual: 'x' },
        { messageId: 'invalid', tag: 'LDR', message: 'Unexpected "x" in leader/18 (descriptive cataloguing form), expected blank, a, c, i, n or u' },
      ],
      output: null,
    },
    {
      name: 'an OCLC encoding level is not MARC21 unless allowed',
      record: `=LDR  00000nam a2200000Ii 4500\n${abai}`,
      errors: [{ messageId: 'invalid', tag: 'LDR', message: 'Unexpected "I" in leader/17 (encoding level), expected blank, 1, 2, 3, 4, 5, 7, 8, u or z' }],
    },
    {
      name: 'a type of record and a bibliographic level that are not codes',
      record: `=LDR  00000nhx a2200000 i 4500\n${abai}`,
      errors: [
        { messageId: 'invalid', tag: 'LDR', message: 'Unexpected "h" in leader/06 (type of record), expected a, c, d, e, f, g, i, j, k, m, o, p, r or t' },
        { messageId: 'invalid', tag: 'LDR', message: 'Unexpected "x" in leader/07 (bibliographic level), expected a, b, c, d, i, m or s' },
      ],
    },
    {
      name: 'an authority record among bibliographic ones is said once, not position by position',
      record: `=LDR  00000nz\\\\a2200000n\\\\4500\n=100  1\\$aӘуезов, Мұхтар`,
      errors: [{ messageId: 'notBibliographic', tag: 'LDR', message: 'Leader/06 is "z" (authority data), not a bibliographic record' }],
    },
    {
      name: 'RUSMARC codes differ from MARC21: "a" status, level 5 and form "a" are MARC21 only',
      record: `=LDR  00000aam0\\22\\\\\\\\\\5a\\450\\\n${rusmarc}`,
      errors: [
        { messageId: 'invalid', tag: 'LDR', message: 'Unexpected "a" in leader/05 (record status), expected c, d, n, o or p' },
        { messageId: 'invalid', tag: 'LDR', message: 'Unexpected "5" in leader/17 (encoding level), expected blank, 1, 2 or 3' },
        { messageId: 'invalid', tag: 'LDR', message: 'Unexpected "a" in leader/18 (descriptive cataloguing form), expected blank, i or n' },
      ],
    },
    {
      name: 'a blank record status is named as such',
      flavour: 'unimarc',
      record: `=LDR  00000\\am0\\22\\\\\\\\\\\\\\\\450\\\n${rusmarc}`,
      errors: [{ messageId: 'invalid', tag: 'LDR', message: 'Unexpected blank in leader/05 (record status), expected c, d, n, o or p' }],
    },
  ],
});
