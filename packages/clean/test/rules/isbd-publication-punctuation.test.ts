import rule from '../../src/rules/isbd-publication-punctuation.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    { record: '=260  \\\\$aАлматы :$bЖазушы,$c2019.' },
    { name: 'an abbreviated place keeps its period', record: '=260  \\\\$aМ. :$bПросвещение,$c1987.' },
    { name: 'two places, two publishers', record: '=260  \\\\$aАлматы :$bАтамұра ;$aМ. :$bНаука,$c2001.' },
    { name: 'a bracketed date ends the field', record: '=264  \\1$aАстана :$bФолиант,$c[2020]' },
    { name: 'a copyright date takes no period', record: '=264  \\4$c©2019' },
    { name: 'an open date ends with a hyphen', record: '=260  \\\\$aАлматы :$bҚазақ энциклопедиясы,$c1998-' },
  ],
  invalid: [
    {
      name: 'no punctuation at all',
      record: '=260  \\\\$aАлматы$bЖазушы$c2019',
      errors: [
        { messageId: 'before', tag: '260', subfield: 'a', message: 'Expected ":" at the end of 260 $a before $b', expected: '"Алматы :"' },
        { messageId: 'before', tag: '260', subfield: 'b', message: 'Expected "," at the end of 260 $b before $c', expected: '"Жазушы,"' },
        { messageId: 'end', tag: '260', subfield: 'c', message: 'Expected a period at the end of 260 (after $c)', expected: '"2019."' },
      ],
      output: '=260  \\\\$aАлматы :$bЖазушы,$c2019.',
    },
    {
      name: 'wrong marks and spaces',
      record: '=260  \\\\$aМ.:$bПросвещение ,$c1987',
      errors: [
        { messageId: 'before', subfield: 'a', actual: '"М.:"', expected: '"М. :"' },
        { messageId: 'before', subfield: 'b', actual: '"Просвещение ,"', expected: '"Просвещение,"' },
        { messageId: 'end', subfield: 'c' },
      ],
      output: '=260  \\\\$aМ. :$bПросвещение,$c1987.',
    },
    {
      name: 'a second place is preceded by a semicolon',
      record: '=264  \\1$aАлматы :$bАтамұра :$aМ. :$bНаука,$c2001.',
      errors: [{ messageId: 'before', tag: '264', subfield: 'b', message: 'Expected ";" at the end of 264 $b before $a' }],
      output: '=264  \\1$aАлматы :$bАтамұра ;$aМ. :$bНаука,$c2001.',
    },
    {
      name: 'a period typed after a copyright date',
      record: '=264  \\1$aАстана :$bФолиант,$c2020.\n=264  \\4$c©2019.',
      errors: [{ messageId: 'copyright', tag: '264', occurrence: 1, subfield: 'c', actual: '"©2019."', expected: '"©2019"' }],
      output: '=264  \\1$aАстана :$bФолиант,$c2020.\n=264  \\4$c©2019',
    },
    {
      name: 'a period before the publisher that is not an abbreviation goes',
      record: '=260  \\\\$aКараганда.$bБолашак-Баспа,$c2015.',
      errors: [{ messageId: 'before', subfield: 'a', expected: '"Караганда :"' }],
      output: '=260  \\\\$aКараганда :$bБолашак-Баспа,$c2015.',
    },
  ],
});
