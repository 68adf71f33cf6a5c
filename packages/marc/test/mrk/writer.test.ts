import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KitapError } from '@kitap/core';
import { readMrk } from '../../src/mrk/reader.js';
import { mrkEncoder, mrkRecord } from '../../src/mrk/writer.js';
import { controlField, dataField, subfields } from '../../src/record/field.js';
import { Leader } from '../../src/record/leader.js';
import { MarcRecord } from '../../src/record/record.js';
import { abaiRecord, encodeAll, readAll, recordArb, records, shape, tolstoyRecord, utf8 } from '../marcxml/helpers.js';

function thrown(fn: () => unknown): KitapError {
  try {
    fn();
  } catch (error) {
    if (error instanceof KitapError) return error;
    throw error;
  }
  throw new Error('expected a KitapError');
}

describe('mrkEncoder', () => {
  it('writes MarcEdit lines: spaces in the leader, \\ for blanks in control fields and indicators, a blank line between records', () => {
    const text = encodeAll(mrkEncoder(), [abaiRecord(), tolstoyRecord()]);
    expect(text).toBe(`=LDR  00000nam a2200000 i 4500
=001  KZ-ЦГБ-000123
=008  240115s2023\\\\\\\\kz\\a\\\\\\\\\\\\\\\\\\\\000\\1\\kaz\\d
=020  \\\\$a978-601-7000-00-0$c1500 тг.
=041  0\\$akaz
=100  1\\$aӘуезов, Мұхтар$d1897-1961.
=245  10$aАбай жолы :$bроман-эпопея /$cМ. Әуезов.
=260  \\\\$aАлматы :$bЖазушы,$c2023.
=650  \\7$aҚазақ әдебиеті$2rubbk
=949  \\\\$aЦГБ$bКХ-00123$c1500.00

=LDR  00000cam a2200000 i 4500
=001  RU\\000\\77{bsol}1
=005  20240101120000.0
=100  1\\$aТолстой, Лев Николаевич,$d1828-1910.
=245  10$aВойна и мир <Роман> & "эпопея" '1869' /$cЛ. Н. Толстой.
=500  \\\\$aЦена: {dollar}12 {в мягкой обложке} {lcub}dollar} \\ обратная косая черта
=949  \\\\$aЦГБ$bКХ-00124$c900.00
`);
  });

  it('CRLF line ends on request', () => {
    const text = encodeAll(mrkEncoder({ eol: '\r\n' }), [abaiRecord(), abaiRecord()]);
    expect(text.split('\r\n').filter((l) => l === '')).toHaveLength(2); // the separator and the end
    expect(text).not.toMatch(/[^\r]\n/);
  });

  it('the marc8 flavour writes MARC-8 mnemonics (a .mrk file) and sets leader/09 to blank', () => {
    const record = new MarcRecord(new Leader('00000nam a2200000 i 4500'), [
      dataField('245', '1', '0', subfields('a', 'Łódź {x} $5 © 98.6°')),
    ]);
    expect(mrkRecord(record, 0, { charset: 'marc8' })).toEqual(['=LDR  00000nam  2200000 i 4500', '=245  10$a{Lstrok}{acute}od{acute}z {lcub}x{rcub} {dollar}5 {copy} 98.6{deg}']);
    // Cyrillic goes through MARC-8 escape sequences
    const kz = new MarcRecord(Leader.DEFAULT, [dataField('245', '1', '0', subfields('a', 'Война и мир'))]);
    expect(mrkRecord(kz, 0, { charset: 'marc8' })[1]).toMatch(/^=245 {2}10\$a\{esc\}\(N.*\{esc\}\(B$/);
  });

  it('refuses what mnemonic text cannot hold or would read back differently', () => {
    const cases: [MarcRecord, string][] = [
      [new MarcRecord(Leader.DEFAULT, [dataField('500', ' ', ' ', subfields('a', 'бір\nекі'))]), 'E_UNMAPPABLE'],
      [new MarcRecord(Leader.DEFAULT, [controlField('245', 'not a control field')]), 'E_MNEMONIC'],
      [new MarcRecord(Leader.DEFAULT, [dataField('001', '0', '0', subfields('a', 'danmarc'))]), 'E_MNEMONIC'],
      [new MarcRecord(Leader.DEFAULT, [dataField('FMT', ' ', ' ', [])]), 'E_MNEMONIC'],
      [new MarcRecord(Leader.DEFAULT, [dataField('245', 'á', '0', subfields('a', 'x'))]), 'E_INDICATOR'],
    ];
    for (const [record, code] of cases) {
      const error = thrown(() => mrkEncoder().encode(record, 3));
      expect(error.code).toBe(code);
      expect(error.place.index).toBe(3);
    }
    // MARC-8 cannot hold Chinese with the ANSEL names, nor an emoji at all
    expect(thrown(() => mrkRecord(new MarcRecord(Leader.DEFAULT, [dataField('500', ' ', ' ', subfields('a', '😀'))]), 0, { charset: 'marc8' })).code).toBe('E_UNMAPPABLE');
  });

  it('round-trips Kazakh and Russian records (write → read); the marc8 flavour where MARC-8 can', async () => {
    const recs = [abaiRecord(), tolstoyRecord()];
    const back = records(await readAll(readMrk, utf8(encodeAll(mrkEncoder(), recs)), { mode: 'strict' }));
    expect(back.map(shape)).toEqual(recs.map(shape));
    // MARC-8 has Russian but not Kazakh Ә Ғ Қ Ң Ө Ұ Ү Һ І: only the Russian record goes to a .mrk
    const russian = [tolstoyRecord()];
    const marc8 = records(await readAll(readMrk, utf8(encodeAll(mrkEncoder({ charset: 'marc8' }), russian)), { mode: 'strict' }));
    expect(marc8.map((r) => r.fields)).toEqual(russian.map((r) => r.fields));
    expect(thrown(() => mrkRecord(abaiRecord(), 0, { charset: 'marc8' }))).toMatchObject({ code: 'E_UNMAPPABLE', place: { tag: '100', subfield: 'a' } });
  });

  it('property: generated records (tags 001-999, Kazakh/Cyrillic/Latin, $ { } \\, mnemonic-looking text, any indicators) survive write → read exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordArb, { minLength: 1, maxLength: 3 }), async (recs) => {
        const text = encodeAll(mrkEncoder(), recs);
        const back = await readAll(readMrk, utf8(text), { mode: 'strict' });
        expect(records(back).map(shape)).toEqual(recs.map(shape));
      }),
      { numRuns: 300 },
    );
  });
});
