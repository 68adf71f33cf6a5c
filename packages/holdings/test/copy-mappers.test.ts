import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { Leader, MarcRecord, controlField, dataField, readIso2709All, subfields } from '@kitap/marc';
import { COPY_MAPPERS, COPY_PROPERTIES, type Copy, type CopyLayout, type CopyProperty, MAPPER_LAYOUTS, copyFields, copyValue } from '../src/index.js';
import { copyArbitrary, expectKeptOrLost, mnemonic, recordOf } from './copy-mapper-support.js';

// A copy with a value in every property the domain knows.
const full: Copy = {
  inventoryNumber: '48213',
  barcode: '2000000000039',
  institution: 'KZ-KrCBS',
  branch: '№15 д.',
  currentBranch: 'ЦГБ',
  department: 'Абонемент',
  status: 'written-off',
  price: 120000,
  dateReceived: '1987-03-12',
  accessionBatch: '1987/14',
  source: 'Покупка',
  receiptAct: '112',
  callNumber: '84(5Каз)-44 Ә 95',
  copyNumber: '2',
  itemType: 'BK',
  copies: 1,
  writeOff: { act: '17', date: '2023-10-10', reason: 'worn' },
  transfer: { act: '5', date: '2022-05-04', from: '№15 д.', to: 'ЦГБ', institution: 'РГУ «Учреждение ЛА-155/4»' },
  notes: ['Ветхий переплёт'],
};

/** The properties of `full` a layout loses on writing. */
function lostProperties(layout: (typeof MAPPER_LAYOUTS)[number], copy: Copy = full): CopyProperty[] {
  return COPY_MAPPERS[layout].write([copy]).lost.map((l) => l.property);
}

describe('IRBIS 910', () => {
  it('reads copies, statuses, compact dates and prices, keeping what it cannot place', async () => {
    const record = await recordOf(
      '=001  000300004',
      '=245  10$aАбай жолы :$bроман-эпопея /$cМ. Әуезов.',
      '=910  \\\\$a0$bКХ-000003$c19990727$d№1 юн.$e450.27$h2000000000053$u1999/22',
      '=910  \\\\$a6$b48213$c19870312$d№15 д.$e1 200,00$fПокупка$v17',
      '=910  \\\\$aU$c20200702$d№15 д.$e2537.00$112',
      '=910  \\\\$a2$b100005$d№7$eбесплатно$xпримечание',
    );
    const read = COPY_MAPPERS['910'].read(record);
    expect(read.map((c) => c.fields)).toEqual([[2], [3], [4], [5]]);
    expect(read.map((c) => c.copy)).toEqual([
      { status: 'available', inventoryNumber: 'КХ-000003', dateReceived: '1999-07-27', branch: '№1 юн.', price: 45027, barcode: '2000000000053', accessionBatch: '1999/22' },
      { status: 'written-off', inventoryNumber: '48213', dateReceived: '1987-03-12', branch: '№15 д.', price: 120000, source: 'Покупка', writeOff: { act: '17' } },
      { status: 'group', dateReceived: '2020-07-02', branch: '№15 д.', price: 253700, copies: 12 },
      { inventoryNumber: '100005', branch: '№7' },
    ]);
    // Status 2 (expected) has no canonical status; a price that is not money and an unknown subfield are not dropped either.
    expect(read[3]!.unmapped).toEqual([
      { tag: '910', code: 'e', value: 'бесплатно' },
      { tag: '910', code: 'x', value: 'примечание' },
      { tag: '910', code: 'a', value: '2' },
    ]);
    expect(read.slice(0, 3).every((c) => c.unmapped.length === 0)).toBe(true);
  });

  it('writes IRBIS subfields: status first, YYYYMMDD dates, 1200.00 prices', () => {
    const { fields } = COPY_MAPPERS['910'].write([{ status: 'written-off', inventoryNumber: '48213', dateReceived: '1987-03-12', branch: '№15 д.', price: 120000, writeOff: { act: '17' } }]);
    expect(fields.map(mnemonic)).toEqual(['$a6$b48213$c19870312$d№15 д.$e1200.00$v17']);
  });

  it('lists what 910 cannot hold, and a transferred status it has no code for', () => {
    expect(lostProperties('910')).toEqual([
      'institution',
      'currentBranch',
      'department',
      'callNumber',
      'copyNumber',
      'itemType',
      'writeOff.date',
      'writeOff.reason',
      'transfer.date',
      'transfer.from',
      'transfer.to',
      'transfer.institution',
      'notes',
    ]);
    expect(COPY_MAPPERS['910'].write([{ status: 'transferred', inventoryNumber: '48214' }]).lost).toEqual([{ copy: 0, property: 'status', value: 'transferred' }]);
  });
});

describe('Koha 952', () => {
  it('reads items with their status flags, notes and ISO dates', async () => {
    const record = await recordOf(
      '=245  10$aКөшпенділер /$cІ. Есенберлин.',
      '=952  \\\\$aЦГБ$bЦГБ$cАбонемент$d2016-03-26$eСатып алу$g6250.00$i100002$o84(5Каз)-5 Е 81$p2000000000039$t1$yBK$70',
      '=952  \\\\$a№27$b№4$cЧитальный зал$d2007-01-27$g1750.00$iКХ-000003$p2000000000046$t2$yBK$01$11$41$zПодарок автора',
      '=952  \\\\$a№11 д.$iКХ-000004$77',
    );
    const read = COPY_MAPPERS['952'].read(record);
    expect(read.map((c) => c.copy)).toEqual([
      { branch: 'ЦГБ', currentBranch: 'ЦГБ', department: 'Абонемент', dateReceived: '2016-03-26', source: 'Сатып алу', price: 625000, inventoryNumber: '100002', callNumber: '84(5Каз)-5 Е 81', barcode: '2000000000039', copyNumber: '1', itemType: 'BK', status: 'available' },
      { branch: '№27', currentBranch: '№4', department: 'Читальный зал', dateReceived: '2007-01-27', price: 175000, inventoryNumber: 'КХ-000003', barcode: '2000000000046', copyNumber: '2', itemType: 'BK', notes: ['Подарок автора'], status: 'written-off' },
      { branch: '№11 д.', inventoryNumber: 'КХ-000004', status: 'not-available' },
    ]);
    // Withdrawn wins over lost; the lost flag and the damaged flag are kept aside.
    expect(read[1]!.unmapped).toEqual([
      { tag: '952', code: '4', value: '1' },
      { tag: '952', code: '1', value: '1' },
    ]);
  });

  it('writes status flags Koha understands and loses the statuses Koha keeps elsewhere', () => {
    const write = (status: Copy['status']) => COPY_MAPPERS['952'].write([{ inventoryNumber: '48213', ...(status ? { status } : {}) }]);
    expect(write('available').fields.map(mnemonic)).toEqual(['$i48213$70']);
    expect(write('lost').fields.map(mnemonic)).toEqual(['$i48213$11']);
    expect(write('written-off').fields.map(mnemonic)).toEqual(['$i48213$01']);
    expect(write(undefined).fields.map(mnemonic)).toEqual(['$i48213']);
    expect(write('on-loan')).toEqual({ fields: [dataField('952', ' ', ' ', subfields('i', '48213'))], lost: [{ copy: 0, property: 'status', value: 'on-loan' }] });
  });

  it('lists what 952 cannot hold', () => {
    expect(lostProperties('952')).toEqual([
      'institution',
      'accessionBatch',
      'receiptAct',
      'copies',
      'writeOff.act',
      'writeOff.date',
      'writeOff.reason',
      'transfer.act',
      'transfer.date',
      'transfer.from',
      'transfer.to',
      'transfer.institution',
    ]);
  });
});

describe('Koha 995', () => {
  it('reads RUSMARC items as Koha writes them', async () => {
    const record = await recordOf(
      '=200  1\\$aВойна и мир$fЛ. Толстой',
      '=995  \\\\$bЦГБ$cЦГБ$eДетский отдел$52010-09-28$aСыйға тартылған$p2000.75$j100001$k84(2Рос=Рус)1-44 Т 96$f2000000000053$61$rBK',
      '=995  \\\\$b№16$c№16$eЧитальный зал$j100005$o1$uТолько в читальном зале$9771',
    );
    const read = COPY_MAPPERS['995'].read(record);
    expect(read.map((c) => c.copy)).toEqual([
      { branch: 'ЦГБ', currentBranch: 'ЦГБ', department: 'Детский отдел', dateReceived: '2010-09-28', source: 'Сыйға тартылған', price: 200075, inventoryNumber: '100001', callNumber: '84(2Рос=Рус)1-44 Т 96', barcode: '2000000000053', copyNumber: '1', itemType: 'BK' },
      { branch: '№16', currentBranch: '№16', department: 'Читальный зал', inventoryNumber: '100005', notes: ['Только в читальном зале'], status: 'not-available' },
    ]);
    expect(read[1]!.unmapped).toEqual([{ tag: '995', code: '9', value: '771' }]);
  });

  it('lists what 995 cannot hold', () => {
    expect(lostProperties('995')).toEqual(lostProperties('952'));
  });
});

describe('MARC 21 852/876', () => {
  it('pairs each 876 with its 852 by $8 and reads call number $h with $i', async () => {
    const record = await recordOf(
      '=245  10$aАбай жолы /$cМ. Әуезов.',
      '=852  \\\\$81$aKZ-KrCBS$bЦГБ$cАбонемент$h84(5Каз)-5$iД 15',
      '=852  \\\\$82$aKZ-KrCBS$b№27$cЧитальный зал$h84(5Каз)-5$iД 15$mоверсайз',
      '=876  \\\\$81$a100002$c6250.00$d20160326$eМемлекеттік бағдарлама$p2000000000039$t1',
      '=876  \\\\$82.1$aКХ-000003$c1750.00$d20070127$eСатып алу$p2000000000046$t2$jlost$xВ розыске',
    );
    const read = COPY_MAPPERS['852/876'].read(record);
    expect(read).toEqual([
      {
        copy: { institution: 'KZ-KrCBS', branch: 'ЦГБ', department: 'Абонемент', callNumber: '84(5Каз)-5 Д 15', inventoryNumber: '100002', price: 625000, dateReceived: '2016-03-26', source: 'Мемлекеттік бағдарлама', barcode: '2000000000039', copyNumber: '1' },
        fields: [1, 3],
        unmapped: [],
      },
      {
        copy: { institution: 'KZ-KrCBS', branch: '№27', department: 'Читальный зал', callNumber: '84(5Каз)-5 Д 15', inventoryNumber: 'КХ-000003', price: 175000, dateReceived: '2007-01-27', source: 'Сатып алу', barcode: '2000000000046', copyNumber: '2', status: 'lost', notes: ['В розыске'] },
        fields: [2, 4],
        unmapped: [{ tag: '852', code: 'm', value: 'оверсайз' }],
      },
    ]);
  });

  it('shares the only 852 among items without links, and keeps an 852 without items as a copy', async () => {
    const shared = await recordOf('=852  \\\\$bЦГБ$cООИФ', '=876  \\\\$a48213', '=876  \\\\$a48214');
    expect(COPY_MAPPERS['852/876'].read(shared).map((c) => [c.copy, c.fields])).toEqual([
      [{ branch: 'ЦГБ', department: 'ООИФ', inventoryNumber: '48213' }, [0, 1]],
      [{ branch: 'ЦГБ', department: 'ООИФ', inventoryNumber: '48214' }, [0, 2]],
    ]);
    const nearest = await recordOf('=852  \\\\$bЦГБ', '=876  \\\\$a1', '=852  \\\\$b№4', '=876  \\\\$a2', '=852  \\\\$b№31');
    expect(COPY_MAPPERS['852/876'].read(nearest).map((c) => c.copy)).toEqual([
      { branch: 'ЦГБ', inventoryNumber: '1' },
      { branch: '№4', inventoryNumber: '2' },
      { branch: '№31' },
    ]);
  });

  it('writes an 852 and an 876 per copy, linked by $8 on both', () => {
    const { fields, lost } = COPY_MAPPERS['852/876'].write([
      { institution: 'KZ-KrCBS', branch: 'ЦГБ', callNumber: '84(5Каз)-5 Д 15', inventoryNumber: '100002', price: 625000, dateReceived: '2016-03-26', status: 'on-loan' },
      { branch: '№4', inventoryNumber: '100003', notes: ['Подарок автора'] },
    ]);
    expect(fields.map((f) => `${f.tag} ${mnemonic(f)}`)).toEqual([
      '852 $81.1$aKZ-KrCBS$bЦГБ$h84(5Каз)-5 Д 15',
      '876 $81.1$a100002$c6250.00$d20160326$jon-loan',
      '852 $82.1$b№4',
      '876 $82.1$a100003$xПодарок автора',
    ]);
    expect(lost).toEqual([]);
  });

  it('lists what 852/876 cannot hold', () => {
    expect(lostProperties('852/876')).toEqual([
      'currentBranch',
      'accessionBatch',
      'receiptAct',
      'itemType',
      'copies',
      'writeOff.act',
      'writeOff.date',
      'writeOff.reason',
      'transfer.act',
      'transfer.date',
      'transfer.from',
      'transfer.to',
      'transfer.institution',
    ]);
  });
});

describe('the customer 949, RUSMARC 899 and Koha-RU 090', () => {
  it('reads the 1C inventory layout with DD.MM.YYYY dates', async () => {
    const record = await recordOf(
      '=949  \\\\$a№14$bАбонемент$i100004$p2000000000039$c500.00$d20.01.2006$eСыйга тартылган$h84(5Каз)-44 Т 21',
      '=949  \\\\$aЦГБ$bООИФ$i100005$c350,00$d31.02.1995$eМемлекеттік багдарлама',
    );
    const read = COPY_MAPPERS['949'].read(record);
    expect(read.map((c) => c.copy)).toEqual([
      { branch: '№14', department: 'Абонемент', inventoryNumber: '100004', barcode: '2000000000039', price: 50000, dateReceived: '2006-01-20', source: 'Сыйга тартылган', callNumber: '84(5Каз)-44 Т 21' },
      { branch: 'ЦГБ', department: 'ООИФ', inventoryNumber: '100005', price: 35000, source: 'Мемлекеттік багдарлама' },
    ]);
    expect(read[1]!.unmapped).toEqual([{ tag: '949', code: 'd', value: '31.02.1995' }]);
    expect(COPY_MAPPERS['949'].write(read.map((c) => c.copy)).fields.map(mnemonic)[0]).toBe('$a№14$bАбонемент$i100004$p2000000000039$c500.00$d20.01.2006$eСыйга тартылган$h84(5Каз)-44 Т 21');
    expect(lostProperties('949')).toContain('status');
  });

  it('reads RUSMARC 899 location data', async () => {
    const record = await recordOf('=899  \\\\$aЦГБ$bООИФ$j84(5Каз)-44 Ә 95$p48213$x2000000000039');
    expect(COPY_MAPPERS['899'].read(record)).toEqual([
      { copy: { branch: 'ЦГБ', department: 'ООИФ', callNumber: '84(5Каз)-44 Ә 95', inventoryNumber: '48213', barcode: '2000000000039' }, fields: [0], unmapped: [] },
    ]);
  });

  it('reads Koha-RU 090 inventory number and sigla, keeping the shelf index aside', async () => {
    const record = await recordOf('=090  \\\\$a84(5Каз)$bӘ 95$e48213$e48214$fЦГБ');
    expect(COPY_MAPPERS['090'].read(record)).toEqual([
      {
        copy: { inventoryNumber: '48213', branch: 'ЦГБ' },
        fields: [0],
        unmapped: [
          { tag: '090', code: 'a', value: '84(5Каз)' },
          { tag: '090', code: 'b', value: 'Ә 95' },
          { tag: '090', code: 'e', value: '48214' },
        ],
      },
    ]);
    expect(lostProperties('090')).toEqual(COPY_PROPERTIES.filter((p) => p !== 'inventoryNumber' && p !== 'branch'));
  });
});

describe('every mapper', () => {
  it.each(MAPPER_LAYOUTS)('%s gives back every value it holds and lists the rest in lost', (layout) => {
    const mapper = COPY_MAPPERS[layout];
    fc.assert(
      fc.property(fc.array(copyArbitrary, { maxLength: 4 }), (copies) => {
        const { fields, lost } = mapper.write(copies);
        const record = new MarcRecord(Leader.DEFAULT, [controlField('001', 'kz-1'), dataField('245', '1', '0', subfields('a', 'Абай жолы')), ...fields]);
        const read = mapper.read(record);
        expect(read.flatMap((c) => c.unmapped)).toEqual([]);
        expectKeptOrLost(
          copies,
          read.map((c) => c.copy),
          lost,
        );
        // A lost line is a property the layout has no place for, or a status it has no code for.
        for (const l of lost) expect(!mapper.holds.has(l.property) || l.property === 'status').toBe(true);
        // And a held property is lost only for a status value.
        copies.forEach((copy, i) => {
          for (const property of mapper.holds) {
            if (property === 'status' || property === 'notes') continue;
            const value = copyValue(copy, property);
            if (value !== undefined) expect(copyValue(read[i]!.copy, property)).toBe(value);
          }
        });
      }),
      { numRuns: 150 },
    );
  });
});

describe('the sample catalogs', () => {
  const sample = (name: string): string => fileURLToPath(new URL(`../../../fixtures/sample/${name}`, import.meta.url));
  it.each([
    ['catalog-utf8.mrc', 'utf-8', '852/876'],
    ['catalog-cp1251.iso', 'cp1251', '949'],
    ['catalog-rk1048.iso', 'rk1048', '910'],
    ['rusmarc-utf8.iso', 'utf-8', '995'],
  ] as const)('%s: every copy is read whole, and agrees with copyFields', async (file, encoding, layout: CopyLayout & keyof typeof COPY_MAPPERS) => {
    const items = await readIso2709All(sample(file), { encoding, mode: 'lenient' });
    let copies = 0;
    for (const item of items) {
      if (item.kind !== 'record') continue;
      const read = COPY_MAPPERS[layout].read(item.record);
      const found = copyFields(item.record, [layout]);
      expect(read.flatMap((c) => c.unmapped)).toEqual([]);
      expect(read.map((c) => c.copy.inventoryNumber)).toEqual(found.map((f) => f.inventoryNumber?.value));
      expect(read.map((c) => c.copy.branch)).toEqual(found.map((f) => f.branch?.value));
      for (const c of read) expect(c.copy.price === undefined || Number.isInteger(c.copy.price)).toBe(true);
      copies += read.length;
    }
    expect(copies).toBeGreaterThan(50);
  });
});
