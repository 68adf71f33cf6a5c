import { describe, expect, it } from 'vitest';
import rule, { isBlank } from '../../src/rules/empty-subfield.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    { record: '=245  10$aАбай жолы :$bроман-эпопея /$cМ. Әуезов.' },
    { name: 'a value with text and stray spaces is subfield-whitespace’s business', record: '=260  \\\\$a Алматы :$bЖазушы,$c2019.' },
    { name: 'blanks in control fields are data', record: '=008  240115s2023\\\\\\\\kz\\\\\\\\\\\\\\\\\\\\\\\\000\\1\\kaz\\d\n=245  10$aАбай жолы.' },
  ],
  invalid: [
    {
      name: 'an empty $b left by a template',
      record: '=245  10$aАбай жолы /$b$cМ. Әуезов.',
      errors: [{ messageId: 'empty', tag: '245', subfield: 'b', message: 'Empty subfield 245 $b', actual: '""' }],
      output: '=245  10$aАбай жолы /$cМ. Әуезов.',
    },
    {
      name: 'an empty and a blank subfield in one field are removed in one pass',
      record: '=260  \\\\$a$aАлматы :$b  $c2019.',
      errors: [
        { messageId: 'empty', tag: '260', subfield: 'a' },
        { messageId: 'blank', tag: '260', subfield: 'b', message: 'Subfield 260 $b holds only spaces' },
      ],
      output: '=260  \\\\$aАлматы :$c2019.',
    },
    {
      name: 'a note with nothing in it goes as a whole',
      record: '=245  10$aАбай жолы.\n=500  \\\\$a  \n=504  \\\\$aБиблиогр.: с. 540-542.',
      errors: [{ messageId: 'blank', tag: '500', subfield: 'a' }],
      output: '=245  10$aАбай жолы.\n=504  \\\\$aБиблиогр.: с. 540-542.',
    },
    {
      name: 'a no-break space is a blank too (RUSMARC 200 $e)',
      record: '=101  0\\$akaz\n=200  1\\$aҚарағанды$e\u00a0$fқұраст. А. Исаев',
      errors: [{ messageId: 'blank', tag: '200', subfield: 'e', actual: '"\u00a0"' }],
      output: '=101  0\\$akaz\n=200  1\\$aҚарағанды$fқұраст. А. Исаев',
    },
  ],
});

describe('isBlank', () => {
  it('is what trim says, whatever the first character', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const value of [ch, `${ch}x`, `${ch} `, ` ${ch}`]) expect(isBlank(value), `U+${c.toString(16)} in ${JSON.stringify(value)}`).toBe(value.trim() === '');
    }
    expect(isBlank('')).toBe(true);
  });
});
