import rule from '../../src/rules/inventory-number-unique.js';
import { testCrossRule } from '../rule-tester.js';

const abai = '=001  KZ-1\n=245  10$aАбай жолы /$cМ. Әуезов.';
const nomads = '=001  KZ-2\n=245  10$aКөшпенділер /$cІ. Есенберлин.';

testCrossRule(rule, {
  valid: [
    { records: `${abai}\n=949  \\\\$aЦГБ$i000123\n=949  \\\\$aЦГБ$i000124\n\n${nomads}\n=949  \\\\$aФ-4$i000125` },
    { name: 'a copy without an inventory number is another rule’s business', records: `${abai}\n=949  \\\\$aЦГБ\n\n${nomads}\n=949  \\\\$aФ-4` },
    { name: 'only the configured layouts are read', records: `${abai}\n=910  \\\\$b555\n\n${nomads}\n=910  \\\\$b555`, options: { layouts: ['949'] } },
  ],
  invalid: [
    {
      name: 'two records share a number',
      records: `${abai}\n=949  \\\\$aЦГБ$i000123\n\n${nomads}\n=949  \\\\$aФ-4$i000123`,
      errors: [{ messageId: 'duplicate', index: 1, related: 0, tag: '949', subfield: 'i', message: 'Inventory number 000123 is also used in record 1, id KZ-1 (2 copies share it)' }],
    },
    {
      name: 'the same number twice in one record, in different layouts, case and spaces ignored',
      records: `${abai}\n=910  \\\\$a0$bАБ-77$dЦГБ\n=995  \\\\$bЦГБ$j аб-77`,
      errors: [{ messageId: 'duplicate', index: 0, related: 0, tag: '995', actual: ' аб-77' }],
    },
    {
      name: 'three copies: each later one is reported against the first',
      records: `${abai}\n=876  \\\\$a42\n\n${nomads}\n=876  \\\\$a42\n\n=001  KZ-3\n=245  10$aҚан мен тер\n=876  \\\\$a42`,
      errors: [
        { messageId: 'duplicate', index: 1, related: 0 },
        { messageId: 'duplicate', index: 2, related: 0 },
      ],
    },
  ],
});
