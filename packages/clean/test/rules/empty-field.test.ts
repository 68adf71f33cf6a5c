import rule from '../../src/rules/empty-field.js';
import { testRule } from '../rule-tester.js';

const abai = '=245  10$aАбай жолы /$cМ. Әуезов.';

testRule(rule, {
  valid: [
    { record: `=001  KZ-000123\n=008  240115s2023\\\\\\\\kz\\\\\\\\\\\\\\\\\\\\\\\\000\\1\\kaz\\d\n${abai}` },
    { name: 'a field whose only subfield is empty is empty-subfield’s business', record: `${abai}\n=500  \\\\$a` },
  ],
  invalid: [
    {
      name: 'a note field with no subfields',
      record: `${abai}\n=500  \\\\\n=504  \\\\$aБиблиогр.: с. 540-542.`,
      errors: [{ messageId: 'noSubfields', tag: '500', message: '500 has no subfields' }],
      output: `${abai}\n=504  \\\\$aБиблиогр.: с. 540-542.`,
    },
    {
      name: 'an empty control number',
      record: `=001  \n${abai}`,
      errors: [{ messageId: 'emptyControl', tag: '001', message: '001 is empty' }],
      output: abai,
    },
    {
      name: 'a control number of blanks identifies nothing',
      record: `=001  \\\\\\\\\n=003  KzKaOUNB\n${abai}`,
      errors: [{ messageId: 'blankControl', tag: '001', message: '001 holds only blanks' }],
      output: `=003  KzKaOUNB\n${abai}`,
    },
    {
      name: 'RUSMARC: an empty 300 and an empty 330 go in one pass',
      record: '=101  0\\$arus\n=200  1\\$aКараганда\n=300  \\\\\n=330  \\\\',
      errors: [
        { messageId: 'noSubfields', tag: '300' },
        { messageId: 'noSubfields', tag: '330' },
      ],
      output: '=101  0\\$arus\n=200  1\\$aКараганда',
    },
  ],
});
