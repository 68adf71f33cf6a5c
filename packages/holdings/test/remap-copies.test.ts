import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Leader, MarcRecord, controlField, dataField, subfields } from '@kitap/marc';
import { COPY_MAPPERS, MAPPER_LAYOUTS, type MapperLayout, remapCopies } from '../src/index.js';
import { copyArbitrary, expectKeptOrLost, mnemonic, recordOf } from './copy-mapper-support.js';

const TAGS: Readonly<Record<MapperLayout, readonly string[]>> = {
  '910': ['910'],
  '952': ['952'],
  '995': ['995'],
  '852/876': ['852', '876'],
  '899': ['899'],
  '949': ['949'],
  '090': ['090'],
};

const PAIRS: [MapperLayout, MapperLayout][] = MAPPER_LAYOUTS.flatMap((from) => MAPPER_LAYOUTS.map((to): [MapperLayout, MapperLayout] => [from, to]));

describe('remapCopies', () => {
  it('moves IRBIS copies to Koha items, listing what Koha cannot hold', async () => {
    const record = await recordOf(
      '=001  000300004',
      '=100  \\\\$a20240101d2004    m  y0rusy50      ca',
      '=200  1\\$aАбай жолы$fМ. Әуезов',
      '=910  \\\\$a0$bКХ-000003$c19990727$d№1 юн.$e450.27$h2000000000053$u1999/22',
      '=910  \\\\$a6$b48213$c19870312$d№15 д.$e1200.00$v17$zчто-то',
      '=999  \\\\$aлокальное поле',
    );
    const { record: out, lost, unmapped } = remapCopies(record, '910', '995');
    expect(out.tags).toEqual(['001', '100', '200', '995', '995', '999']);
    expect(out.dataFields('995').map(mnemonic)).toEqual(['$b№1 юн.$51999-07-27$p450.27$jКХ-000003$f2000000000053$o0', '$b№15 д.$51987-03-12$p1200.00$j48213$01']);
    expect(lost).toEqual([
      { copy: 0, property: 'accessionBatch', value: '1999/22' },
      { copy: 1, property: 'writeOff.act', value: '17' },
    ]);
    expect(unmapped).toEqual([{ copy: 1, tag: '910', code: 'z', value: 'что-то' }]);
    // The input record is unchanged.
    expect(record.tags).toContain('910');
  });

  it('moves 949 copies to MARC 21 holdings in tag order', async () => {
    const record = await recordOf(
      '=001  000200005',
      '=245  10$aКөшпенділер /$cІ. Есенберлин.',
      '=650  \\7$aКазахская литература',
      '=949  \\\\$a№14$bАбонемент$i100004$c500.00$d20.01.2006',
    );
    const { record: out, lost } = remapCopies(record, '949', '852/876');
    expect(out.fields.map((f) => (f.kind === 'data' ? `${f.tag} ${mnemonic(f)}` : f.tag))).toEqual([
      '001',
      '245 $aКөшпенділер /$cІ. Есенберлин.',
      '650 $aКазахская литература',
      '852 $81.1$b№14$cАбонемент',
      '876 $81.1$a100004$c500.00$d20060120',
    ]);
    expect(lost).toEqual([]);
  });

  it('keeps every value the target holds and lists every other one in lost, for every pair of layouts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PAIRS), fc.array(copyArbitrary, { maxLength: 3 }), ([from, to], copies) => {
        const other = [controlField('001', 'kz-7'), dataField('245', '1', '0', subfields('a', 'Война и мир /', 'c', 'Л. Толстой.')), dataField('500', ' ', ' ', subfields('a', 'Пер. с рус.'))];
        const record = new MarcRecord(Leader.DEFAULT, [...other, ...COPY_MAPPERS[from].write(copies).fields]);
        const source = COPY_MAPPERS[from].read(record).map((c) => c.copy);
        const { record: out, lost, unmapped } = remapCopies(record, from, to);
        expect(unmapped).toEqual([]);
        expectKeptOrLost(
          source,
          COPY_MAPPERS[to].read(out).map((c) => c.copy),
          lost,
        );
        // Nothing else in the record moved or changed.
        expect(out.fields.filter((f) => !TAGS[to].includes(f.tag))).toEqual(other);
      }),
      { numRuns: 400 },
    );
  });
});
