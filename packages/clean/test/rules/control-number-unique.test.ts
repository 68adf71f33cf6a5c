import rule from '../../src/rules/control-number-unique.js';
import { testCrossRule } from '../rule-tester.js';

const abai = (id: string, agency = 'KZ-KrCBS'): string => `=001  ${id}\n=003  ${agency}\n=245  10$aАбай жолы /$cМ. Әуезов.`;
const nomads = (id: string, agency = 'KZ-KrCBS'): string => `=001  ${id}\n=003  ${agency}\n=245  10$aКөшпенділер /$cІ. Есенберлин.`;

testCrossRule(rule, {
  valid: [
    { records: `${abai('KZ-000101')}\n\n${nomads('KZ-000102')}` },
    { name: 'a record without 001 is another rule’s business', records: '=245  10$aАбай жолы\n\n=245  10$aКөшпенділер' },
    { name: 'with the agency compared, two agencies may use one number', records: `${abai('000101', 'KZ-KrCBS')}\n\n${nomads('000101', 'KZ-AlNL')}`, options: { withAgency: true } },
  ],
  invalid: [
    {
      name: 'two records with one number',
      records: `${abai('KZ-000101')}\n\n${nomads('KZ-000101')}`,
      errors: [{ messageId: 'duplicate', index: 1, related: 0, tag: '001', message: 'Control number KZ-000101 (001) is also used in record 1, id KZ-000101 (2 records share it)' }],
    },
    {
      name: 'spaces around the number do not hide the duplicate',
      records: `${abai('KZ-000101')}\n\n${nomads('KZ-000101 ')}`,
      errors: [{ messageId: 'duplicate', index: 1, related: 0, actual: 'KZ-000101 ' }],
    },
    {
      name: 'three records: each later one is reported against the first; without the agency option, agencies do not matter',
      records: `${abai('000101', 'KZ-KrCBS')}\n\n${nomads('000102')}\n\n${nomads('000101', 'KZ-AlNL')}\n\n=001  000101\n=101  0\\$arus\n=200  1\\$aКочевники`,
      errors: [
        { messageId: 'duplicate', index: 2, related: 0 },
        { messageId: 'duplicate', index: 3, related: 0 },
      ],
    },
  ],
});
