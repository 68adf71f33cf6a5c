import rule from '../../src/rules/fixed-field-length.js';
import { testRule } from '../rule-tester.js';

const abai = '=245  10$aАбай жолы /$cМ. Әуезов.';
const rusmarc = '=101  0\\$arus\n=200  1\\$aКараганда$eфотоальбом';

testRule(rule, {
  valid: [
    { name: 'a 40-character 008', record: `=008  240115s2023\\\\\\\\kz\\\\\\\\\\\\\\\\\\\\\\\\000\\1\\kaz\\d\n${abai}` },
    { name: 'a 36-character 100 $a with trailing blanks', record: `=100  \\\\$a20240115d2023    k  y0rusy50      ca\n${rusmarc}` },
    { name: 'UNIMARC 100 is not MARC21 008: a MARC21 100 is a name', record: `=100  1\\$aӘуезов, Мұхтар\n${abai}` },
  ],
  invalid: [
    {
      name: 'an 008 that lost a blank',
      record: `=008  240115s2023\\\\\\\\kz\\\\\\\\\\\\\\\\\\\\\\000\\1\\kaz\\d\n${abai}`,
      errors: [{ messageId: 'length', tag: '008', message: '008 has 39 characters, expected 40', actual: '39', expected: '40' }],
    },
    {
      name: 'an 008 with one character too many',
      record: `=008  240115s2023\\\\\\\\\\kz\\\\\\\\\\\\\\\\\\\\\\\\000\\1\\kaz\\d\n${abai}`,
      errors: [{ messageId: 'length', tag: '008', message: '008 has 41 characters, expected 40' }],
    },
    {
      name: 'a 100 $a whose trailing script code was cut off',
      record: `=100  \\\\$a20240115d2023    k  y0rusy50      c\n${rusmarc}`,
      errors: [{ messageId: 'subfieldLength', tag: '100', subfield: 'a', message: '100 $a has 35 characters, expected 36', actual: '35' }],
    },
    {
      name: 'a 100 $a typed without its blanks',
      flavour: 'unimarc',
      record: `=100  \\\\$a20240115d2023ky0rusy50ca\n${rusmarc}`,
      errors: [{ messageId: 'subfieldLength', tag: '100', subfield: 'a', message: '100 $a has 24 characters, expected 36' }],
    },
  ],
});
