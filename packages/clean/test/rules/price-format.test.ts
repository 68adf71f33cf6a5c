import { MarcRecord } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import rule, { readPrice } from '../../src/rules/price-format.js';
import { testRule } from '../rule-tester.js';

const abai = '=001  KZ-000101\n=245  10$aАбай жолы /$cМ. Әуезов.';
const unimarc = '=001  RU-5001\n=101  0\\$arus\n=200  1\\$aКочевники$fИ. Есенберлин';

testRule(rule, {
  valid: [
    { record: `${abai}\n=949  \\\\$aЦГБ$i104512$c1500.00\n=949  \\\\$a№4$i104513$c1500\n=949  \\\\$a№4$i104514$c850.5` },
    { name: 'a copy without a price, and prices in 876 and 910', record: `${abai}\n=949  \\\\$aЦГБ$i104515\n=852  \\\\$81$aKZ-KrCBS$b№11 д.\n=876  \\\\$81$a104516$c2300.75\n=910  \\\\$a0$b104517$d№22$e12.50` },
    { name: 'UNIMARC 995 $p', record: `${unimarc}\n=995  \\\\$b№2 юн.$j104518$p3450.00`, flavour: 'unimarc' },
  ],
  invalid: [
    {
      name: 'thousands separated by a space, a decimal comma and the currency word',
      record: `${abai}\n=949  \\\\$aЦГБ$i104512$c1 500,50 тг.`,
      errors: [{ messageId: 'format', tag: '949', subfield: 'c', message: 'Price 1 500,50 тг. in 949 $c is not written as a plain amount in tenge, expected 1500.50' }],
      output: `${abai}\n=949  \\\\$aЦГБ$i104512$c1500.50`,
    },
    {
      name: 'a price in roubles is reported, not converted; "1.500" may be 1.5 or 1500',
      record: `${abai}\n=949  \\\\$aЦГБ$i104512$c120 руб.\n=910  \\\\$a0$b104513$d№7$e1.500`,
      errors: [
        { messageId: 'currency', tag: '949', message: 'Price 120 руб. in 949 $c is in руб., not in tenge; it is not converted' },
        { messageId: 'ambiguous', tag: '910', subfield: 'e' },
      ],
      output: null,
    },
    {
      name: 'zero, negative and "без цены" prices',
      record: `${abai}\n=949  \\\\$aЦГБ$i104512$c0,00 тг.\n=949  \\\\$aЦГБ$i104513$c-1500\n=949  \\\\$aЦГБ$i104514$cб/ц`,
      errors: [
        { messageId: 'zero', occurrence: 0 },
        { messageId: 'negative', occurrence: 1 },
        { messageId: 'malformed', occurrence: 2, message: 'Price б/ц in 949 $c is not an amount in tenge with at most two decimals' },
      ],
      output: null,
    },
    {
      name: 'more than two decimals is not an amount in tenge',
      record: `${abai}\n=852  \\\\$81$aKZ-KrCBS$b№11 д.\n=876  \\\\$81$a104516$c2300.755`,
      errors: [{ messageId: 'malformed', tag: '876', subfield: 'c' }],
      output: null,
    },
    {
      name: 'UNIMARC 995 $p with KZT and a European thousands mark',
      flavour: 'unimarc',
      record: `${unimarc}\n=995  \\\\$b№2 юн.$j104518$p1.250,00 KZT`,
      errors: [{ messageId: 'format', tag: '995', subfield: 'p', actual: '1.250,00 KZT', expected: '1250.00' }],
      output: `${unimarc}\n=995  \\\\$b№2 юн.$j104518$p1250.00`,
    },
  ],
});

describe('a price with a line break in it', () => {
  it('is malformed, and the rule reports it instead of stopping the run', () => {
    expect(readPrice('1680\n09')).toEqual({ kind: 'malformed' });
    const record = new MarcRecord('00000nam a2200000 i 4500', [
      { kind: 'data', tag: '852', ind1: ' ', ind2: ' ', subfields: [{ code: '8', value: '1' }, { code: 'a', value: 'KZ-KrCBS' }, { code: 'b', value: '№11 д.' }] },
      { kind: 'data', tag: '876', ind1: ' ', ind2: ' ', subfields: [{ code: '8', value: '1' }, { code: 'a', value: '104516' }, { code: 'c', value: '1680\n09' }] },
    ]);
    const reports = rule.check(record, { flavour: 'marc21', options: rule.meta.options.parse({}) });
    expect(reports.map((r) => [r.messageId, r.field, r.subfield])).toEqual([['malformed', 1, 'c']]);
  });
});
