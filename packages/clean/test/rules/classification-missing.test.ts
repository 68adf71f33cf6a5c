import rule from '../../src/rules/classification-missing.js';
import { testRule } from '../rule-tester.js';

const book = '=LDR  00000nam a2200000 i 4500\n=001  KZ-000101\n=245  10$aАбай жолы :$bроман-эпопея /$cМ. Әуезов.';
const article = '=LDR  00000nab a2200000 i 4500\n=001  KZ-000102\n=245  10$aҚарағанды кітапханалары /$cА. Жұмабаева.\n=773  0\\$tИндустриальная Караганда$g2023, 12 мая';
const unimarc = '=LDR  00000nam  2200000 i 450 \n=001  RU-5001\n=101  0\\$arus\n=200  1\\$aКочевники$fИ. Есенберлин';

testRule(rule, {
  valid: [
    { name: 'BBK and UDC', record: `${book}\n=080  \\\\$a821.512.122\n=084  \\\\$a84(5Каз)-44$2rubbk`, options: { require: 'bbk-and-udc' } },
    { name: 'any scheme will do by default: DDC', record: `${book}\n=082  04$a891.73$223` },
    { name: 'an article from a newspaper is exempt', record: article },
    { name: 'a 084 without $2 counts as BBK in this catalog', record: `${book}\n=084  \\\\$a84(5Каз)-44`, options: { require: 'bbk' } },
    { name: 'UNIMARC 686', record: `${unimarc}\n=686  \\\\$a84(5Каз=Рус)-44$2rubbk`, flavour: 'unimarc', options: { require: 'bbk' } },
  ],
  invalid: [
    {
      name: 'no classification at all',
      record: book,
      errors: [{ messageId: 'missing', message: 'No classification number in the record: expected UDC 080, BBK 084, DDC 082 or LCC 050' }],
    },
    {
      name: 'an empty 080 classifies nothing',
      record: `${book}\n=080  \\\\$a `,
      errors: [{ messageId: 'missing' }],
    },
    {
      name: 'the customer shelves by BBK and UDC: UDC only is not enough',
      record: `${book}\n=080  \\\\$a821.512.122`,
      options: { require: 'bbk-and-udc' },
      errors: [{ messageId: 'missingBbk', message: 'No BBK index in the record: expected 084 $a with $2 rubbk' }],
    },
    {
      name: 'a 084 of another scheme is not BBK, and UDC is missing too',
      record: `${book}\n=084  \\\\$a06.61.33$2rugasnti`,
      options: { require: 'bbk-and-udc' },
      errors: [{ messageId: 'missingBbk' }, { messageId: 'missingUdc', message: 'No UDC number in the record: expected 080 $a' }],
    },
    {
      name: 'an article when analytics are not exempt',
      record: article,
      options: { exemptAnalytics: false },
      errors: [{ messageId: 'missing' }],
    },
    {
      name: 'UNIMARC without 675',
      record: `${unimarc}\n=686  \\\\$a84(5Каз=Рус)-44$2rubbk`,
      flavour: 'unimarc',
      options: { require: 'udc' },
      errors: [{ messageId: 'missingUdc', message: 'No UDC number in the record: expected 675 $a' }],
    },
  ],
});
