import rule from '../../src/rules/publication-year.js';
import { testRule } from '../rule-tester.js';

// 008 of a Kazakh book: 06 type of date, 07-10 Date 1, 11-14 Date 2.
const F008 = (dates: string): string => `=008  190412${dates}kz\\\\\\\\\\\\\\\\\\\\\\\\000\\1\\kaz\\d`;

testRule(rule, {
  valid: [
    { record: `${F008('s2019\\\\\\\\')}\n=245  10$aАбай жолы\n=260  \\\\$aАлматы :$bЖазушы,$c2019.` },
    { name: 'brackets and a copyright sign', record: `${F008('s2020\\\\\\\\')}\n=245  10$aАбай жолы\n=264  \\1$aАстана :$bФолиант,$c[2020]\n=264  \\4$c©2019` },
    { name: 'publication and copyright dates (t)', record: `${F008('t19871985')}\n=245  10$aАзбука\n=260  \\\\$aМ. :$bПросвещение,$c1987, c1985.` },
    { name: 'a decade', record: `${F008('s198u\\\\\\\\')}\n=245  10$aАзбука\n=260  \\\\$aМ. :$bПросвещение,$c[198-?]` },
    { name: 'an unknown digit in 008 agrees with a clear year', record: `${F008('q201u\\\\\\\\')}\n=245  10$aАбай жолы\n=260  \\\\$aАлматы :$bЖазушы,$c[2019?]` },
    { name: 'a doubtful year is not written into 008', record: `${F008('|||||||||')}\n=245  10$aАбай жолы\n=260  \\\\$aАлматы :$bЖазушы,$c[2019?]` },
    {
      name: 'UNIMARC 100 and 210',
      record: '=100  \\\\$a20190412d1987    k  y0rusy50      ca\n=101  0\\$arus\n=200  1\\$aРусский язык\n=210  \\\\$aМ.$cПросвещение$d1987',
      flavour: 'unimarc',
    },
  ],
  invalid: [
    {
      name: '008 and 260 disagree',
      record: `${F008('s2018\\\\\\\\')}\n=245  10$aАбай жолы\n=260  \\\\$aАлматы :$bЖазушы,$c2019.`,
      errors: [{ messageId: 'mismatch', tag: '008', message: 'Year "2018" in 008/07-10 does not agree with 260 $c "2019."', actual: '2018', expected: '2019' }],
      output: null,
    },
    {
      name: 'Date 1 empty: the clear year of 260 $c goes in, and the type of date becomes s',
      record: `${F008('\\\\\\\\\\\\\\\\\\')}\n=245  10$aАзбука\n=260  \\\\$aМ. :$bПросвещение,$cc1987.`,
      errors: [{ messageId: 'missing', tag: '008', message: '008/07-10 has no year; 260 $c gives 1987', actual: '     ', expected: 's1987' }],
      output: `${F008('s1987\\\\\\\\')}\n=245  10$aАзбука\n=260  \\\\$aМ. :$bПросвещение,$cc1987.`,
    },
    {
      name: 'dates unknown (n, uuuu) but 264 states one',
      record: `${F008('nuuuuuuuu')}\n=245  10$aАбай жолы\n=264  \\1$aАлматы :$bЖазушы,$c2019`,
      errors: [{ messageId: 'missing', tag: '008', expected: 's2019' }],
      output: `${F008('s2019\\\\\\\\')}\n=245  10$aАбай жолы\n=264  \\1$aАлматы :$bЖазушы,$c2019`,
    },
    {
      name: 'a year in the future',
      record: `${F008('s2095\\\\\\\\')}\n=245  10$aАбай жолы\n=260  \\\\$aАлматы :$bЖазушы,$c2095.`,
      errors: [
        { messageId: 'future', tag: '008', message: 'Year 2095 in 008/07-10 is in the future' },
        { messageId: 'future', tag: '260', subfield: 'c', message: 'Year 2095 in 260 $c is in the future' },
      ],
      output: null,
    },
    {
      name: 'a year before printing',
      record: `${F008('s1019\\\\\\\\')}\n=245  10$aАбай жолы\n=260  \\\\$aАлматы :$bЖазушы,$c2019.`,
      errors: [{ messageId: 'early', tag: '008', message: 'Year 1019 in 008/07-10 is before 1450, when printing began' }],
      output: null,
    },
    {
      name: 'UNIMARC: 100 $a/9-12 and 210 $d disagree',
      record: '=100  \\\\$a20190412d1978    k  y0rusy50      ca\n=101  0\\$arus\n=200  1\\$aРусский язык\n=210  \\\\$aМ.$cПросвещение$d1987',
      flavour: 'unimarc',
      errors: [{ messageId: 'mismatch', tag: '100', subfield: 'a', message: 'Year "1978" in 100 $a/9-12 does not agree with 210 $d "1987"' }],
      output: null,
    },
    {
      name: 'UNIMARC: Date 1 empty',
      record: '=100  \\\\$a20190412|        k  y0kazy50      ca\n=101  0\\$akaz\n=200  1\\$aАбай жолы\n=210  \\\\$aАлматы$cЖазушы$d2019',
      flavour: 'unimarc',
      errors: [{ messageId: 'missing', tag: '100', subfield: 'a', expected: 'd2019' }],
      output: '=100  \\\\$a20190412d2019    k  y0kazy50      ca\n=101  0\\$akaz\n=200  1\\$aАбай жолы\n=210  \\\\$aАлматы$cЖазушы$d2019',
    },
  ],
});
