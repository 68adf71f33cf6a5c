import rule from '../../src/rules/required-title.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    { record: '=100  1\\$aӘуезов, Мұхтар.\n=245  10$aАбай жолы :$bроман-эпопея /$cМ. Әуезов.' },
    { name: 'a RUSMARC title', record: '=101  0\\$arus\n=200  1\\$aКараганда$eфотоальбом$fсост. И. Петров' },
    { name: 'an archival collection titled by its form in $k', record: '=245  00$kПисьма,$f1941-1945.' },
    { name: 'an exact second copy of the title field is duplicate-field’s business', record: '=245  10$aАбай жолы /$cМ. Әуезов.\n=245  10$aАбай жолы /$cМ. Әуезов.' },
  ],
  invalid: [
    {
      name: 'a MARC21 record without 245',
      record: '=100  1\\$aӘуезов, Мұхтар.\n=260  \\\\$aАлматы :$bЖазушы,$c2019.',
      errors: [{ messageId: 'missing', message: 'The record has no title field 245' }],
    },
    {
      name: 'a 245 with only the statement of responsibility',
      record: '=245  10$c/ М. Әуезов.',
      errors: [{ messageId: 'noTitle', tag: '245', subfield: 'a', message: '245 has no title in $a' }],
    },
    {
      name: 'a title of blanks is no title',
      record: '=245  10$a   $cМ. Әуезов.',
      errors: [{ messageId: 'noTitle', tag: '245' }],
    },
    {
      name: 'two different title fields',
      record: '=245  10$aАбай жолы /$cМ. Әуезов.\n=245  10$aПуть Абая /$cМ. Ауэзов.',
      errors: [{ messageId: 'repeated', tag: '245', occurrence: 1, message: '245 occurs 2 times; a record has one title field' }],
    },
    {
      name: 'a RUSMARC record without 200',
      record: '=101  0\\$akaz\n=210  \\\\$aҚарағанды$d2020',
      errors: [{ messageId: 'missing', message: 'The record has no title field 200' }],
    },
    {
      name: 'a RUSMARC 200 with the other title information only',
      flavour: 'unimarc',
      record: '=101  0\\$arus\n=200  1\\$eфотоальбом$fсост. И. Петров',
      errors: [{ messageId: 'noTitle', tag: '200', message: '200 has no title in $a' }],
    },
  ],
});
