import rule from '../../src/rules/copy-branch-code.js';
import { testRule } from '../rule-tester.js';

const abai = '=001  KZ-000101\n=245  10$aАбай жолы /$cМ. Әуезов.';
const unimarc = '=001  RU-5001\n=101  0\\$arus\n=200  1\\$aКочевники$fИ. Есенберлин';

testRule(rule, {
  valid: [
    { name: 'the central library, an adult branch, a children’s and a youth branch', record: `${abai}\n=949  \\\\$aЦГБ$bООИФ$i104512\n=949  \\\\$a№11$i104513\n=949  \\\\$a№11 д.$i104514\n=910  \\\\$a0$b104515$d№1 юн.` },
    { name: 'MARC21 852/876: the code is in 852 $b', record: `${abai}\n=852  \\\\$81$aKZ-KrCBS$b№15 д.$cАбонемент\n=876  \\\\$81$a104516` },
    { name: 'UNIMARC 995 $b', record: `${unimarc}\n=995  \\\\$b№2 юн.$j104518`, flavour: 'unimarc' },
    { name: 'an empty list only checks presence', record: `${abai}\n=949  \\\\$aФ-4$i104512`, options: { branches: [] } },
  ],
  invalid: [
    {
      name: 'a copy without a code',
      record: `${abai}\n=949  \\\\$bАбонемент$i104512`,
      errors: [{ messageId: 'missing', tag: '949', subfield: 'a', message: 'Copy in 949 has no library code (sigla) in 949 $a' }],
    },
    {
      name: 'a code outside the system, and "№11д" for "№11 д." (the suffix must stay: №11 is another library)',
      record: `${abai}\n=949  \\\\$aФ-4$i104512\n=949  \\\\$a№11Д.$i104513`,
      errors: [
        { messageId: 'unknown', occurrence: 0, message: 'Unknown library code Ф-4 in 949 $a' },
        { messageId: 'similar', occurrence: 1, actual: '№11Д.', expected: '№11 д.' },
      ],
    },
    {
      name: 'two 876 items of one 852 with an unknown code are reported once, at the 852',
      record: `${abai}\n=852  \\\\$aKZ-KrCBS$bФ-4\n=876  \\\\$a104516\n=876  \\\\$a104517`,
      errors: [{ messageId: 'unknown', tag: '852', subfield: 'b' }],
    },
    {
      name: 'a Latin N for the number sign in IRBIS 910 $d',
      record: `${abai}\n=910  \\\\$a0$b104515$dN4`,
      errors: [{ messageId: 'similar', tag: '910', subfield: 'd', message: 'Unknown library code N4 in 910 $d, probably №4' }],
    },
    {
      name: 'an 876 item without any 852',
      record: `${abai}\n=876  \\\\$a104516`,
      errors: [{ messageId: 'missing', tag: '876', message: 'Copy in 876 has no library code (sigla) in 852 $b' }],
    },
    {
      name: 'UNIMARC 995 without $b',
      flavour: 'unimarc',
      record: `${unimarc}\n=995  \\\\$j104518$p1200.00`,
      errors: [{ messageId: 'missing', tag: '995', subfield: 'b' }],
    },
  ],
});
