import rule from '../../src/rules/non-repeatable-field.js';
import { testRule } from '../rule-tester.js';

const f008 = '=008  240115s2023\\\\\\\\kz\\\\\\\\\\\\\\\\\\\\\\\\000\\1\\kaz\\d';
const f008rus = '=008  240115s2023\\\\\\\\kz\\\\\\\\\\\\\\\\\\\\\\\\000\\1\\rus\\d';

testRule(rule, {
  valid: [
    {
      name: 'repeatable subjects and added entries',
      record: `=001  KZ-1\n${f008}\n=100  1\\$aӘуезов, Мұхтар.\n=245  10$aАбай жолы.\n=650  \\7$aҚазақ әдебиеті$2rubbk\n=650  \\7$aРоман$2rubbk\n=700  1\\$aМусрепов, Ғабит.`,
    },
    { name: 'an exact second 008 is duplicate-field’s business', record: `${f008}\n${f008}\n=245  10$aАбай жолы.` },
    {
      name: 'a RUSMARC record with two other authors',
      record: '=001  RU-7\n=101  0\\$arus\n=200  1\\$aКараганда\n=700  \\1$aПетров,$bИ.\n=701  \\1$aИванов,$bС.\n=701  \\1$aСидоров,$bА.',
    },
  ],
  invalid: [
    {
      name: 'two control numbers',
      record: '=001  KZ-1\n=001  KZ-2\n=245  10$aАбай жолы.',
      errors: [{ messageId: 'repeated', tag: '001', occurrence: 1, message: '001 is not repeatable but occurs 2 times' }],
    },
    {
      name: 'two main entries of different kinds',
      record: '=100  1\\$aӘуезов, Мұхтар.\n=110  2\\$aҚазақ КСР Ғылым академиясы.\n=245  10$aАбай жолы.',
      errors: [{ messageId: 'mainEntry', tag: '110', message: 'A record has one main entry, but 110 comes after 100' }],
    },
    {
      name: 'a merge that kept two 008 and two authors',
      record: `${f008}\n${f008rus}\n=100  1\\$aӘуезов, Мұхтар.\n=100  1\\$aАуэзов, Мухтар.\n=245  10$aАбай жолы.`,
      errors: [
        { messageId: 'repeated', tag: '008', occurrence: 1 },
        { messageId: 'repeated', tag: '100', occurrence: 1, message: '100 is not repeatable but occurs 2 times' },
      ],
    },
    {
      name: 'RUSMARC: two languages fields and two first authors',
      record: '=101  0\\$arus\n=101  1\\$arus$ckaz\n=200  1\\$aПуть Абая\n=700  \\1$aАуэзов,$bМ.\n=700  \\1$aӘуезов,$bМ.',
      errors: [
        { messageId: 'repeated', tag: '101', occurrence: 1, message: '101 is not repeatable but occurs 2 times' },
        { messageId: 'repeated', tag: '700', occurrence: 1 },
      ],
    },
  ],
});
