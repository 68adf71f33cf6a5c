import rule from '../../src/rules/inventory-number-format.js';
import { testRule } from '../rule-tester.js';

const abai = '=001  KZ-000101\n=245  10$aАбай жолы /$cМ. Әуезов.';
const unimarc = '=001  RU-5001\n=101  0\\$arus\n=200  1\\$aКочевники$fИ. Есенберлин';

testRule(rule, {
  valid: [
    { name: 'digits, a branch prefix, the central library with a slash, a letter suffix', record: `${abai}\n=949  \\\\$aЦГБ$bАбонемент$i104512$c1500.00\n=949  \\\\$a№4$bАбонемент$iФ4-12345\n=949  \\\\$aЦГБ$bООИФ$iЦГБ/004512\n=949  \\\\$a№1 д.$bАбонемент$i104513а` },
    { name: 'MARC21 852/876 and IRBIS 910', record: `${abai}\n=852  \\\\$81$aKZ-KrCBS$b№11 д.\n=876  \\\\$81$aКХ-000123$c2300.00\n=910  \\\\$a0$b104514$d№22` },
    { name: 'an IRBIS summary ("U") copy of a periodical has no inventory number', record: '=001  KZ-000777\n=245  00$aИндустриальная Караганда\n=910  \\\\$aU$dЦГБ$112' },
    { name: 'Koha UNIMARC 995', record: `${unimarc}\n=995  \\\\$b№2 юн.$j104515$p1200.00`, flavour: 'unimarc' },
    { name: 'a stricter pattern of the library', record: `${abai}\n=949  \\\\$aЦГБ$i000123`, options: { pattern: '^\\d{6}$' } },
  ],
  invalid: [
    {
      name: 'a Cyrillic З typed for the digit 3',
      record: `${abai}\n=949  \\\\$a№4$bАбонемент$iФ4-12З45`,
      errors: [{ messageId: 'lookalike', tag: '949', subfield: 'i', message: 'Inventory number Ф4-12З45 in 949 $i has the letter Cyrillic "З" among its digits' }],
      output: null,
    },
    {
      name: 'spaces around the number are trimmed',
      record: `${abai}\n=949  \\\\$aЦГБ$i 104512 $c1500.00`,
      errors: [{ messageId: 'spaces', tag: '949', subfield: 'i', expected: '104512' }],
      output: `${abai}\n=949  \\\\$aЦГБ$i104512$c1500.00`,
    },
    {
      name: 'a copy without an inventory number, and one with a space inside',
      record: `${abai}\n=949  \\\\$aЦГБ$bАбонемент$c1500.00\n=910  \\\\$a0$b104 515$d№7`,
      errors: [
        { messageId: 'missing', tag: '949', subfield: 'i', message: 'Copy in 949 has no inventory number in $i' },
        { messageId: 'format', tag: '910', subfield: 'b', message: 'Inventory number 104 515 in 910 $b is not of the form digits, optionally after a prefix and "-" or "/", optionally with a letter at the end' },
      ],
      output: null,
    },
    {
      name: 'a Latin K in a Cyrillic prefix',
      record: `${abai}\n=852  \\\\$81$aKZ-KrCBS$b№11 д.\n=876  \\\\$81$aKХ-000123`,
      errors: [{ messageId: 'mixedScript', tag: '876', subfield: 'a' }],
      output: null,
    },
    {
      name: 'UNIMARC 995 with a Latin O for zero',
      flavour: 'unimarc',
      record: `${unimarc}\n=995  \\\\$b№2 юн.$j1O4515`,
      errors: [{ messageId: 'lookalike', tag: '995', subfield: 'j', message: 'Inventory number 1O4515 in 995 $j has the letter Latin "O" among its digits' }],
      output: null,
    },
  ],
});
