import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { KitapError } from '@kitap/core';
import { readMarcXml } from '../../src/marcxml/reader.js';
import { marcXmlEncoder, marcXmlRecord } from '../../src/marcxml/writer.js';
import { controlField, dataField, subfields } from '../../src/record/field.js';
import { Leader } from '../../src/record/leader.js';
import { MarcRecord } from '../../src/record/record.js';
import { abaiRecord, encodeAll, readAll, recordArb, records, shape, tolstoyRecord, utf8 } from './helpers.js';

function thrown(fn: () => unknown): KitapError {
  try {
    fn();
  } catch (error) {
    if (error instanceof KitapError) return error;
    throw error;
  }
  throw new Error('expected a KitapError');
}

describe('marcXmlEncoder', () => {
  it("writes a MARC21 slim collection in yaz-marcdump's layout, raw UTF-8", () => {
    const record = new MarcRecord(new Leader('00000nam a2200000 i 4500'), [
      controlField('001', 'KZ-1'),
      dataField('245', '1', '0', subfields('a', 'Абай жолы :', 'b', 'роман-эпопея /', 'c', 'М. Әуезов.')),
      dataField('949', ' ', ' ', subfields('a', 'ЦГБ', 'b', 'КХ-00123', 'c', '1500.00')),
    ]);
    expect(encodeAll(marcXmlEncoder(), [record])).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<collection xmlns="http://www.loc.gov/MARC21/slim">
<record>
  <leader>00000nam a2200000 i 4500</leader>
  <controlfield tag="001">KZ-1</controlfield>
  <datafield tag="245" ind1="1" ind2="0">
    <subfield code="a">Абай жолы :</subfield>
    <subfield code="b">роман-эпопея /</subfield>
    <subfield code="c">М. Әуезов.</subfield>
  </datafield>
  <datafield tag="949" ind1=" " ind2=" ">
    <subfield code="a">ЦГБ</subfield>
    <subfield code="b">КХ-00123</subfield>
    <subfield code="c">1500.00</subfield>
  </datafield>
</record>
</collection>
`);
  });

  it('escapes & < > " \' in text and attributes; CR as &#13;', () => {
    const record = new MarcRecord(new Leader('00000nam a2200000 i 4500'), [
      dataField('245', '1', '0', subfields('a', 'Война & мир <Роман> "эпопея" \'1869\'', '&', 'x\r\ny')),
    ]);
    const xml = marcXmlRecord(record);
    expect(xml).toContain('<subfield code="a">Война &amp; мир &lt;Роман&gt; &quot;эпопея&quot; &apos;1869&apos;</subfield>');
    expect(xml).toContain('<subfield code="&amp;">x&#13;\ny</subfield>');
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('pretty: false writes each record on one line', () => {
    const text = encodeAll(marcXmlEncoder({ pretty: false }), [abaiRecord(), tolstoyRecord()]);
    expect(text.split('\n')).toHaveLength(6); // declaration, collection, 2 records, </collection>, ''
    expect(XMLValidator.validate(text)).toBe(true);
  });

  it('refuses characters XML 1.0 cannot carry, naming the field and subfield (E_XML_ILLEGAL_CHAR; a lone surrogate E_ENCODING)', () => {
    const cases: [MarcRecord, string][] = [
      [new MarcRecord(Leader.DEFAULT, [dataField('245', '1', '0', subfields('a', 'ok', 'b', 'Абай\u001fжолы'))]), '245 $b'],
      [new MarcRecord(Leader.DEFAULT, [controlField('008', 'x\u0000y')]), '008'],
      [new MarcRecord(Leader.DEFAULT, [dataField('500', ' ', ' ', subfields('a', '\uffff'))]), '500 $a'],
    ];
    for (const [record, where] of cases) {
      const error = thrown(() => marcXmlEncoder().encode(record, 4));
      expect(error.code).toBe('E_XML_ILLEGAL_CHAR');
      expect(error.message).toContain(where);
      expect(error.place.index).toBe(4);
    }
    // a lone surrogate is refused by the check every writer makes (UTF-8 cannot hold it): E_ENCODING
    for (const [record, where] of [
      [new MarcRecord(Leader.DEFAULT, [dataField('500', ' ', ' ', subfields('a', 'lone \ud800 surrogate'))]), '500 $a'],
      [new MarcRecord(Leader.DEFAULT, [controlField('001', 'x\udc00')]), '001'],
    ] as const) {
      const error = thrown(() => marcXmlEncoder().encode(record, 4));
      expect(error.code).toBe('E_ENCODING');
      expect(error.message).toContain(where);
      expect(error.place.index).toBe(4);
    }
    // tab, LF and CR are fine, and so are characters beyond the BMP
    expect(() => marcXmlRecord(new MarcRecord(Leader.DEFAULT, [dataField('500', ' ', ' ', subfields('a', 'a\tb\nc\rd 😀'))]))).not.toThrow();
  });

  it('refuses what the reader would not take back: empty data fields, bad indicators, tags and codes', () => {
    const bad: [MarcRecord, string][] = [
      [new MarcRecord(Leader.DEFAULT, [dataField('082', '0', '0', [])]), 'E_XML'],
      [new MarcRecord(Leader.DEFAULT, [dataField('245', 'á', '0', subfields('a', 'x'))]), 'E_INDICATOR'],
      [new MarcRecord(Leader.DEFAULT, [dataField('24', '1', '0', subfields('a', 'x'))]), 'E_TAG'],
      [new MarcRecord(Leader.DEFAULT, [dataField('245', '1', '0', subfields('η', 'x'))]), 'E_SUBFIELD_CODE'],
    ];
    for (const [record, code] of bad) expect(thrown(() => marcXmlRecord(record)).code).toBe(code);
  });

  it('round-trips Kazakh and Russian records (write → read)', async () => {
    const recs = [abaiRecord(), tolstoyRecord()];
    for (const pretty of [true, false]) {
      const back = records(await readAll(readMarcXml, utf8(encodeAll(marcXmlEncoder({ pretty }), recs)), { mode: 'strict' }));
      expect(back.map(shape)).toEqual(recs.map(shape));
    }
  });

  it('an empty collection is well-formed and reads as nothing', async () => {
    const text = encodeAll(marcXmlEncoder(), []);
    expect(XMLValidator.validate(text)).toBe(true);
    expect(await readAll(readMarcXml, utf8(text))).toEqual([]);
  });

  it('property: generated records (Kazakh, Cyrillic, Latin, $ { } & < >, any indicators) survive write → read exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordArb, { minLength: 1, maxLength: 3 }), fc.boolean(), async (recs, pretty) => {
        const text = encodeAll(marcXmlEncoder({ pretty }), recs);
        const back = await readAll(readMarcXml, utf8(text), { mode: 'strict' });
        expect(records(back).map(shape)).toEqual(recs.map(shape));
      }),
      { numRuns: 200 },
    );
  });
});
