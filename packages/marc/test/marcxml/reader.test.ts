import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { readMarcXml } from '../../src/marcxml/reader.js';
import { encode } from '../../src/charset/index.js';
import { controlField, dataField, subfields } from '../../src/record/field.js';
import { type Reader, chunksPulledForFirstItem, readAll, readInChunks, records, rejects, shape, strictError, utf8 } from './helpers.js';

const read: Reader = readMarcXml;

const ABAI = `<?xml version="1.0" encoding="UTF-8"?>
<marc:collection xmlns:marc="http://www.loc.gov/MARC21/slim">
  <marc:record>
    <marc:leader>00000nam a2200000 i 4500</marc:leader>
    <marc:controlfield tag="001">KZ-ЦГБ-000123</marc:controlfield>
    <marc:datafield tag="245" ind1="1" ind2="0">
      <marc:subfield code="a">Абай жолы :</marc:subfield>
      <marc:subfield code="b">роман-эпопея /</marc:subfield>
      <marc:subfield code="c">М. Әуезов.</marc:subfield>
    </marc:datafield>
    <marc:datafield tag="949" ind1=" " ind2=" ">
      <marc:subfield code="a">ЦГБ</marc:subfield>
      <marc:subfield code="b">КХ-00123</marc:subfield>
      <marc:subfield code="c">1500.00</marc:subfield>
    </marc:datafield>
  </marc:record>
  <marc:record>
    <marc:leader>00000cam a2200000 i 4500</marc:leader>
    <marc:controlfield tag="001">RU-000124</marc:controlfield>
    <marc:datafield tag="245" ind1="1" ind2="0">
      <marc:subfield code="a">Война и мир /</marc:subfield>
      <marc:subfield code="c">Л. Н. Толстой.</marc:subfield>
    </marc:datafield>
  </marc:record>
</marc:collection>
`;

function record(leader: string, id: string, title: string) {
  return `<record><leader>${leader}</leader><controlfield tag="001">${id}</controlfield><datafield tag="245" ind1="1" ind2="0"><subfield code="a">${title}</subfield></datafield></record>`;
}

describe('readMarcXml: reading', () => {
  it('reads a collection of Kazakh and Russian records with a prefixed namespace', async () => {
    const recs = records(await readAll(read, utf8(ABAI)));
    expect(recs).toHaveLength(2);
    expect(shape(recs[0]!)).toEqual({
      leader: '00000nam a2200000 i 4500',
      fields: [
        controlField('001', 'KZ-ЦГБ-000123'),
        dataField('245', '1', '0', subfields('a', 'Абай жолы :', 'b', 'роман-эпопея /', 'c', 'М. Әуезов.')),
        dataField('949', ' ', ' ', subfields('a', 'ЦГБ', 'b', 'КХ-00123', 'c', '1500.00')),
      ],
    });
    expect(recs[1]!.subfieldValues('245', 'c')).toEqual(['Л. Н. Толстой.']);
    expect(recs.every((r) => r.warnings.length === 0)).toBe(true);
  });

  it('gives each record its place: file, 0-based index, byte offset and line of its start tag', async () => {
    const bytes = utf8(ABAI);
    const recs = records(await readAll(read, bytes, { file: 'abai.xml' }));
    const text = ABAI;
    const second = text.indexOf('<marc:record>', text.indexOf('<marc:record>') + 1);
    expect(recs[1]!.place).toEqual({
      file: 'abai.xml',
      index: 1,
      offset: Buffer.byteLength(text.slice(0, second)), // bytes, not characters: Cyrillic before it takes two each
      line: text.slice(0, second).split('\n').length,
      recordId: 'RU-000124',
    });
    expect(recs[0]!.place).toMatchObject({ index: 0, line: 3 });
  });

  it('keeps subfield order, repeated subfields and whitespace in values exactly', async () => {
    const xml = `<collection xmlns="http://www.loc.gov/MARC21/slim"><record><leader>00000nam a2200000 i 4500</leader>
      <controlfield tag="008">240115s2023    kz            000 1 kaz d</controlfield>
      <datafield tag="650" ind1=" " ind2="7"><subfield code="x">  бір  </subfield><subfield code="a">екі</subfield><subfield code="x">үш
төрт</subfield><subfield code="a"></subfield><subfield code="a"/></datafield></record></collection>`;
    const [rec] = records(await readAll(read, utf8(xml)));
    expect(rec!.controlValue('008')).toBe('240115s2023    kz            000 1 kaz d');
    expect(rec!.dataFields('650')[0]!.subfields).toEqual(subfields('x', '  бір  ', 'a', 'екі', 'x', 'үш\nтөрт', 'a', '', 'a', ''));
  });

  it('decodes the five entities, numeric references and CDATA; attributes may come in any order', async () => {
    const xml = `<record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 i 4500</leader>
      <datafield ind2="0" tag="245" ind1="1"><subfield code="a">A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;</subfield><subfield code="b">&#1178;&#x04D8;&#x1F600;</subfield><subfield code="c"><![CDATA[<сырой> & текст]]> и ещё</subfield><subfield code='&amp;'>амперсанд</subfield></datafield></record>`;
    const [rec] = records(await readAll(read, utf8(xml)));
    expect(rec!.dataFields('245')[0]!.subfields).toEqual(subfields('a', 'A & B <c> "d" \'e\'', 'b', 'ҚӘ😀', 'c', '<сырой> & текст и ещё', '&', 'амперсанд'));
  });

  it('applies XML end-of-line handling: CRLF in text is LF, &#13; stays CR', async () => {
    const xml = `<record><leader>00000nam a2200000 i 4500</leader><datafield tag="500" ind1=" " ind2=" "><subfield code="a">бір\r\nекі&#13;\r\nүш</subfield></datafield></record>`;
    const [rec] = records(await readAll(read, utf8(xml)));
    expect(rec!.subfieldValues('500', 'a')).toEqual(['бір\nекі\r\nүш']);
  });

  it('ignores comments and processing instructions inside and outside records', async () => {
    const xml = `<?xml version="1.0"?><!-- экспорт из АБИС --><?xml-stylesheet href="x.xsl"?>
<collection xmlns="http://www.loc.gov/MARC21/slim"><!-- <record>not a record</record> -->
${record('00000nam a2200000 i 4500', '1', 'Бі<!-- comment -->р')}</collection>`;
    const items = await readAll(read, utf8(xml));
    expect(items).toHaveLength(1);
    expect(records(items)[0]!.subfieldValues('245', 'a')).toEqual(['Бір']);
  });

  it('finds MARC records in OAI-PMH responses, not the OAI record elements', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
  <responseDate>2024-01-01T00:00:00Z</responseDate>
  <ListRecords>
    <record>
      <header><identifier>oai:lib.kz:1</identifier></header>
      <metadata>
        <marc:record xmlns:marc="http://www.loc.gov/MARC21/slim">
          <marc:leader>00000nam a2200000 i 4500</marc:leader>
          <marc:controlfield tag="001">1</marc:controlfield>
        </marc:record>
      </metadata>
    </record>
    <record><header status="deleted"><identifier>oai:lib.kz:2</identifier></header></record>
    <record>
      <header><identifier>oai:lib.kz:3</identifier></header>
      <metadata><record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 i 4500</leader><controlfield tag="001">3</controlfield></record></metadata>
    </record>
    <resumptionToken>abc</resumptionToken>
  </ListRecords>
</OAI-PMH>`;
    const items = await readAll(read, utf8(xml));
    expect(items.map((i) => (i.kind === 'record' ? i.record.controlValue('001') : i.reject.code))).toEqual(['1', '3']);
    expect(records(items).every((r) => r.warnings.length === 0)).toBe(true);
  });

  it('finds MARC records in SRU responses (prefixed zs:, MARC in the default namespace)', async () => {
    const xml = `<zs:searchRetrieveResponse xmlns:zs="http://www.loc.gov/zing/srw/"><zs:numberOfRecords>2</zs:numberOfRecords><zs:records>
<zs:record><zs:recordSchema>marcxml</zs:recordSchema><zs:recordData>${record('00000nam a2200000 i 4500', 'a', 'Бір').replace('<record>', '<record xmlns="http://www.loc.gov/MARC21/slim">')}</zs:recordData><zs:recordPosition>1</zs:recordPosition></zs:record>
<zs:record><zs:recordData>${record('00000nam a2200000 i 4500', 'b', 'Екі').replace('<record>', '<record xmlns="http://www.loc.gov/MARC21/slim">')}</zs:recordData></zs:record>
</zs:records></zs:searchRetrieveResponse>`;
    expect(records(await readAll(read, utf8(xml))).map((r) => r.controlValue('001'))).toEqual(['a', 'b']);
  });

  it('finds escaped records in SRU responses with recordPacking=string, at the line of their text', async () => {
    const escaped = (id: string, title: string) =>
      record('00000nam a2200000 i 4500', id, title).replace('<record>', '<record xmlns="http://www.loc.gov/MARC21/slim">').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    const xml = `<zs:searchRetrieveResponse xmlns:zs="http://www.loc.gov/zing/srw/"><zs:records>
<zs:record><zs:recordPacking>string</zs:recordPacking>
<zs:recordData>${escaped('a', 'Абай &amp; Шәкәрім')}</zs:recordData></zs:record>
<zs:record><zs:recordData>
${escaped('b', 'Екі')}</zs:recordData></zs:record>
</zs:records></zs:searchRetrieveResponse>`;
    const reads = await readInChunks(read, utf8(xml));
    for (const r of reads) expect(r.items).toEqual(reads[0]!.items);
    const recs = records(await readAll(read, utf8(xml)));
    expect(recs.map((r) => [r.controlValue('001'), r.subfieldValues('245', 'a')[0], r.place.line])).toEqual([
      ['a', 'Абай & Шәкәрім', 3],
      ['b', 'Екі', 5],
    ]);
  });

  it('escaped records in a file in another character set: declared, forced (ReadOptions.encoding) or UTF-16', async () => {
    const rec = '<record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 i 4500</leader><controlfield tag="001">Абай</controlfield></record>';
    const sru = (head: string) => `${head}<zs:searchRetrieveResponse xmlns:zs="http://www.loc.gov/zing/srw/"><zs:recordData>${rec.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</zs:recordData></zs:searchRetrieveResponse>`;
    const cases: [Uint8Array, { encoding?: string }][] = [
      [iconv.encode(sru('<?xml version="1.0" encoding="windows-1251"?>'), 'windows-1251'), {}],
      [iconv.encode(sru(''), 'windows-1251'), { encoding: 'windows-1251' }],
      [iconv.encode(sru('\ufeff<?xml version="1.0" encoding="UTF-16"?>'), 'utf-16le'), {}],
      [iconv.encode(sru('<?xml version="1.0" encoding="UTF-16"?>'), 'utf-16le'), { encoding: 'utf-16le' }],
    ];
    for (const [bytes, options] of cases) {
      expect(records(await readAll(read, bytes, { ...options, mode: 'strict' })).map((r) => r.controlValue('001'))).toEqual(['Абай']);
    }
  });

  it('reads records in no namespace and in the MarcXchange namespace; skips record elements of other namespaces', async () => {
    const xml = `<root xmlns:x="urn:other" xmlns:mx="info:lc/xmlns/marcxchange-v1">
${record('00000nam a2200000 i 4500', 'plain', 'Без пространства имён')}
<mx:record format="RUSMARC" type="Bibliographic"><mx:leader>00000nam a2200000 i 4500</mx:leader><mx:controlfield tag="001">mx</mx:controlfield></mx:record>
<x:record><x:leader>not marc</x:leader></x:record>
</root>`;
    expect(records(await readAll(read, utf8(xml))).map((r) => r.controlValue('001'))).toEqual(['plain', 'mx']);
  });

  it('streams: the first record comes out after the first chunks, not after the whole input', async () => {
    const chunks = [utf8('<collection xmlns="http://www.loc.gov/MARC21/slim">\n')];
    for (let i = 0; i < 1000; i++) chunks.push(utf8(`${record('00000nam a2200000 i 4500', String(i), 'Абай жолы')}\n`));
    chunks.push(utf8('</collection>\n'));
    const { pulled, first } = await chunksPulledForFirstItem(read, chunks);
    expect(first?.kind).toBe('record');
    expect(pulled).toBeLessThanOrEqual(3);
  });

  it('reads the same for every chunking of the input (1, 7, 4096 bytes, whole)', async () => {
    const reads = await readInChunks(read, utf8(ABAI), { mode: 'lenient' });
    for (const r of reads) expect(r.items).toEqual(reads[0]!.items);
    const broken = utf8(`${ABAI.replace('</marc:collection>', '')}<marc:record><marc:leader>00000nam a2200000 i 4500</marc:leader><marc:datafield tag="1"></marc:record><marc:record><marc:leader>x`);
    const brokenReads = await readInChunks(read, broken, { mode: 'skip' });
    expect(brokenReads[0]!.items.map((i) => i.kind)).toEqual(['record', 'record', 'reject', 'reject']);
    for (const r of brokenReads) expect(r.items).toEqual(brokenReads[0]!.items);
  });

  it('honours the encoding in the XML declaration (windows-1251) and UTF-16 with a BOM', async () => {
    const text = `<?xml version="1.0" encoding="windows-1251"?>\n<collection>${record('00000nam a2200000 i 4500', '1', 'Война и мир')}</collection>`;
    const cp1251 = iconv.encode(text, 'windows-1251');
    const [rec] = records(await readAll(read, cp1251));
    expect(rec!.subfieldValues('245', 'a')).toEqual(['Война и мир']);
    expect(rec!.place.offset).toBe(text.indexOf('<record>')); // one byte per character in cp1251

    const utf16 = iconv.encode(`<?xml version="1.0" encoding="UTF-16"?><collection>${record('00000nam a2200000 i 4500', '2', 'Қазақстан')}</collection>`, 'utf-16le', { addBOM: true });
    const reads = await readInChunks(read, utf16);
    expect(reads[0]!.items).toHaveLength(1);
    for (const r of reads) expect(r.items).toEqual(reads[0]!.items);
    expect((reads[0]!.items[0] as { fields: unknown[] }).fields).toContainEqual(dataField('245', '1', '0', subfields('a', 'Қазақстан')));
  });

  it('reads a declaration naming a Kazakh set by any of its names (KZ-1048, STRK1048-2002, RK1048; PTCP154, PT154, CP1169)', async () => {
    const kazakh = 'Қазақ әдебиеті: Ұлы дала, Өлең, Ғасыр, Һ, Үміт, Ң, І';
    for (const [declared, set] of [['KZ-1048', 'rk1048'], ['STRK1048-2002', 'rk1048'], ['RK1048', 'rk1048'], ['PTCP154', 'pt154'], ['PT154', 'pt154'], ['CP1169', 'pt154']] as const) {
      const text = `<?xml version="1.0" encoding="${declared}"?><collection>${record('00000nam a2200000 i 4500', '7', kazakh)}</collection>`;
      const bytes = encode(text, set);
      const items = await readAll(read, bytes);
      expect(rejects(items), declared).toEqual([]);
      const [rec] = records(items);
      expect(rec!.subfieldValues('245', 'a'), declared).toEqual([kazakh]);
      expect(rec!.textCharset, declared).toBe(declared.toLowerCase());
    }
  });

  it('refuses --encoding marc8 for MARCXML at once, saying where MARC-8 is read', async () => {
    const run = async (): Promise<void> => {
      for await (const _ of readMarcXml(utf8(`<collection>${record('00000nam a2200000 i 4500', '1', 'Абай')}</collection>`), { encoding: 'marc8' }));
    };
    await expect(run()).rejects.toMatchObject({ code: 'E_USAGE', message: expect.stringContaining('MARC-8 is read from ISO2709 and mnemonic text only') });
  });

  it('rejects a last byte of UTF-16 input that makes no unit (an odd length), after the records, instead of dropping it', async () => {
    const text = `<?xml version="1.0" encoding="UTF-16"?><collection>${record('00000nam a2200000 i 4500', '2', 'Қазақстан')}</collection>`;
    for (const encoding of ['utf-16le', 'utf-16be']) {
      const bytes = Buffer.concat([iconv.encode(text, encoding, { addBOM: true }), Buffer.from([0x41])]);
      const items = await readAll(read, bytes);
      expect(records(items)).toHaveLength(1);
      // the set the text was in, for reports (kitap convert's encodings)
      expect(records(items)[0]!.textCharset).toBe(encoding);
      expect(rejects(items).map((r) => [r.code, r.message])).toEqual([['E_XML', expect.stringMatching(/^Text outside any XML element \(3 bytes\): "\uFFFD"/u)]]);
      // the same length of input without the odd byte gives no reject
      expect(rejects(await readAll(read, iconv.encode(text, encoding, { addBOM: true })))).toEqual([]);
    }
  });

  it('stops with a clear error, before any record, when a one-byte set is given for a file with a UTF-16 byte order mark (every record would be rejected)', async () => {
    const text = `<?xml version="1.0" encoding="UTF-16"?><collection>${record('00000nam a2200000 i 4500', '2', 'Қазақстан')}</collection>`;
    for (const [encoding, name] of [['utf-16le', 'UTF-16LE'], ['utf-16be', 'UTF-16BE']] as const) {
      const bytes = iconv.encode(text, encoding, { addBOM: true });
      // one byte at a time too: the mark is found across chunks
      for (const chunks of [[bytes], [...bytes].map((b) => new Uint8Array([b]))]) {
        const items: unknown[] = [];
        const run = async (): Promise<void> => {
          for await (const item of readMarcXml((async function* () { yield* chunks; })(), { encoding: 'cp1251', file: 'in.xml' })) items.push(item);
        };
        await expect(run()).rejects.toMatchObject({ code: 'E_USAGE', place: { file: 'in.xml' }, message: expect.stringContaining(`${name} byte order mark`) });
        expect(items).toEqual([]);
      }
    }
    // Without the mark, cp1251 given is read as cp1251, as asked.
    const cp1251 = iconv.encode(`<collection>${record('00000nam a2200000 i 4500', '1', 'Война и мир')}</collection>`, 'windows-1251');
    const [rec] = records(await readAll(read, cp1251, { encoding: 'cp1251' }));
    expect(rec!.subfieldValues('245', 'a')).toEqual(['Война и мир']);
  });

  it('is recognised by readRecords with format auto in UTF-16 with a BOM, little- or big-endian, whatever the chunks', async () => {
    const { readRecords, sniffFormat } = await import('../../src/formats.js');
    const text = `<?xml version="1.0" encoding="UTF-16"?>\n<collection>${record('00000nam a2200000 i 4500', '3', 'Қазақ әдебиеті')}</collection>`;
    for (const encoding of ['utf-16le', 'utf-16be']) {
      const bytes = iconv.encode(text, encoding, { addBOM: true });
      expect(sniffFormat(bytes), encoding).toBe('marcxml');
      // blanks before the first element, in UTF-16 too
      expect(sniffFormat(iconv.encode(`\n  ${text}`, encoding, { addBOM: true })), encoding).toBe('marcxml');
      for (const size of [1, 3, bytes.length]) {
        const chunks = Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
        let format: string | undefined;
        const items = [];
        for await (const item of readRecords(chunks, { format: 'auto', onFormat: (f) => (format = f) })) items.push(item);
        expect(format, `${encoding}, chunks of ${size}`).toBe('marcxml');
        expect(records(items).map((r) => r.subfieldValues('245', 'a')), `${encoding}, chunks of ${size}`).toEqual([['Қазақ әдебиеті']]);
      }
    }
    // UTF-16 that is not XML is still not told
    expect(sniffFormat(iconv.encode('=LDR  00000nam', 'utf-16le', { addBOM: true }))).toBeUndefined();
  });

  it('reads a file path and an async iterable of chunks', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const path = join(mkdtempSync(join(tmpdir(), 'kitap-xml-')), 'abai.xml');
    writeFileSync(path, ABAI);
    expect(records(await readAll(read, path))).toHaveLength(2);
    async function* stream() {
      yield utf8(ABAI.slice(0, 100));
      yield utf8(ABAI.slice(100));
    }
    expect(records(await readAll(read, stream()))).toHaveLength(2);
  });
});

describe('readMarcXml: problems in each mode', () => {
  const good = (id: string) => record('00000nam a2200000 i 4500', id, 'Жақсы');
  const doc = (...parts: string[]) => utf8(`<collection xmlns="http://www.loc.gov/MARC21/slim">\n${parts.join('\n')}\n</collection>\n`);

  it('a record that is not well-formed: strict throws E_XML with its place, skip and lenient reject it and go on', async () => {
    const bad = '<record><leader>00000nam a2200000 i 4500</leader><datafield tag="245" ind1="1" ind2="0"><subfield code="a">Абай</datafield></record>';
    const input = doc(good('1'), bad, good('3'));
    const error = await strictError(read, input, { file: 'bad.xml' });
    expect(error.code).toBe('E_XML');
    expect(error.place).toMatchObject({ file: 'bad.xml', index: 1, line: 3 });
    expect(error.place.offset).toBe(Buffer.from(input).indexOf('<record><leader>00000nam a2200000 i 4500</leader><datafield tag="245" ind1="1" ind2="0"><subfield code="a">Абай<'));
    for (const mode of ['skip', 'lenient'] as const) {
      const items = await readAll(read, input, { mode });
      expect(items.map((i) => i.kind)).toEqual(['record', 'reject', 'record']);
      expect(rejects(items)[0]).toMatchObject({ code: 'E_XML', place: { index: 1, line: 3 }, raw: bad });
    }
  });

  it('missing tag attributes: E_XML, rejected in every mode (nothing to repair)', async () => {
    const noTag = '<record><leader>00000nam a2200000 i 4500</leader><controlfield>20240101</controlfield></record>';
    expect((await strictError(read, doc(noTag))).code).toBe('E_XML');
    for (const mode of ['skip', 'lenient'] as const) expect(rejects(await readAll(read, doc(noTag), { mode }))[0]!.code).toBe('E_XML');
  });

  it('a bad tag, a bad or missing subfield code, a bad indicator: the domain codes', async () => {
    const cases: [string, string][] = [
      ['<datafield tag="24" ind1=" " ind2=" "><subfield code="a">x</subfield></datafield>', 'E_TAG'],
      ['<datafield tag="245" ind1=" " ind2=" "><subfield code="ab">x</subfield></datafield>', 'E_SUBFIELD_CODE'],
      ['<datafield tag="245" ind1=" " ind2=" "><subfield>x</subfield></datafield>', 'E_SUBFIELD_CODE'],
      ['<datafield tag="245" ind1="#" ind2=" "><subfield code="a">x</subfield></datafield>', 'E_INDICATOR'],
      ['<datafield tag="245" ind1=" " ind2=" " ind3="0"><subfield code="a">x</subfield></datafield>', 'E_INDICATOR'],
    ];
    for (const [field, code] of cases) {
      const input = doc(`<record><leader>00000nam a2200000 i 4500</leader>${field}</record>`);
      expect((await strictError(read, input)).code, field).toBe(code);
      expect(rejects(await readAll(read, input, { mode: 'lenient' }))[0]?.code, field).toBe(code);
    }
  });

  it('missing indicators: lenient assumes blanks with W_INDICATORS_MISSING; strict E_INDICATOR; skip rejects', async () => {
    const input = doc('<record><leader>00000nam a2200000 i 4500</leader><datafield tag="911"><subfield code="a">Ескерту</subfield></datafield></record>');
    const [rec] = records(await readAll(read, input));
    expect(rec!.dataFields('911')[0]).toEqual(dataField('911', ' ', ' ', subfields('a', 'Ескерту')));
    expect(rec!.warnings.map((w) => [w.code, w.place.tag])).toEqual([
      ['W_INDICATORS_MISSING', '911'],
      ['W_INDICATORS_MISSING', '911'],
    ]);
    expect((await strictError(read, input)).code).toBe('E_INDICATOR');
    expect(rejects(await readAll(read, input, { mode: 'skip' }))[0]!.code).toBe('E_INDICATOR');
  });

  it('a missing leader: lenient assumes the default leader with W_LEADER_MISSING; strict E_XML', async () => {
    const input = doc('<record><controlfield tag="001">1</controlfield></record>');
    const [rec] = records(await readAll(read, input));
    expect(rec!.leader.value).toBe('00000nam a2200000 i 4500');
    expect(rec!.warnings.map((w) => w.code)).toEqual(['W_LEADER_MISSING']);
    expect((await strictError(read, input)).code).toBe('E_XML');
    expect(rejects(await readAll(read, input, { mode: 'skip' }))[0]!.code).toBe('E_XML');
  });

  it('a leader padded with whitespace is trimmed in lenient mode; a short leader is E_LEADER', async () => {
    const padded = doc('<record><leader>\n   00000nam a2200000 i 4500\n</leader></record>');
    const [rec] = records(await readAll(read, padded));
    expect(rec!.leader.value).toBe('00000nam a2200000 i 4500');
    expect(rec!.warnings.map((w) => w.code)).toEqual(['W_LEADER_REPAIRED']);
    expect((await strictError(read, padded)).code).toBe('E_LEADER');
    const short = doc('<record><leader>00000nam</leader></record>');
    expect(rejects(await readAll(read, short))[0]!.code).toBe('E_LEADER');
  });

  it('an undefined entity or a bare & is E_XML', async () => {
    for (const value of ['&nbsp;', 'a &foo; b']) {
      const input = doc(`<record><leader>00000nam a2200000 i 4500</leader><datafield tag="245" ind1=" " ind2=" "><subfield code="a">${value}</subfield></datafield></record>`);
      const [reject] = rejects(await readAll(read, input));
      expect(reject?.code).toBe('E_XML');
      expect(reject?.message).toMatch(/entity|&/);
    }
  });

  it('control characters XML forbids: lenient keeps them with W_CONTROL_CHARACTER, strict E_XML', async () => {
    const input = doc('<record><leader>00000nam a2200000 i 4500</leader><datafield tag="245" ind1=" " ind2=" "><subfield code="a">Абай&#x1F;жолы\u0001</subfield></datafield></record>');
    const [rec] = records(await readAll(read, input));
    expect(rec!.subfieldValues('245', 'a')).toEqual(['Абай\u001fжолы\u0001']);
    expect(rec!.warnings[0]).toMatchObject({ code: 'W_CONTROL_CHARACTER', place: { tag: '245', subfield: 'a' } });
    expect((await strictError(read, input)).code).toBe('E_XML');
  });

  it('a record cut short by the next record start: rejected, and the next record is read', async () => {
    const input = doc('<record><leader>00000nam a2200000 i 4500</leader><datafield tag="245" ind1=" " ind2=" "><subfield code="a">x</subfield>', good('2'));
    const items = await readAll(read, input, { mode: 'skip' });
    expect(items.map((i) => (i.kind === 'record' ? i.record.controlValue('001') : i.reject.code))).toEqual(['E_XML', '2']);
  });

  it('the input ending inside a record: E_TRUNCATED, with the record text as raw', async () => {
    const text = `<collection xmlns="http://www.loc.gov/MARC21/slim">${good('1')}<record><leader>00000nam a2200000 i 4500</leader><controlfield tag="001">2`;
    const items = await readAll(read, utf8(text));
    expect(items.map((i) => i.kind)).toEqual(['record', 'reject']);
    expect(rejects(items)[0]).toMatchObject({ code: 'E_TRUNCATED', place: { index: 1 }, raw: '<record><leader>00000nam a2200000 i 4500</leader><controlfield tag="001">2' });
    expect((await strictError(read, utf8(text))).code).toBe('E_TRUNCATED');
  });

  it('input that is not XML is a reject (E_XML), not silence', async () => {
    const iso = utf8('00026nam a2200025 i 4500\u001e\u001d');
    const items = await readAll(read, iso);
    expect(items).toHaveLength(1);
    expect(rejects(items)[0]).toMatchObject({ code: 'E_XML', place: { offset: 0, line: 1 } });
    expect((await strictError(read, iso)).code).toBe('E_XML');
  });

  it('bytes that are not UTF-8: lenient replaces them (W_ENCODING_REPLACED), strict E_ENCODING', async () => {
    const input = Buffer.concat([utf8('<record><leader>00000nam a2200000 i 4500</leader><controlfield tag="001">'), Buffer.from([0xc0, 0xff]), utf8('</controlfield></record>')]);
    const [rec] = records(await readAll(read, input));
    expect(rec!.controlValue('001')).toBe('\ufffd\ufffd');
    expect(rec!.warnings.map((w) => w.code)).toEqual(['W_ENCODING_REPLACED']);
    expect((await strictError(read, input)).code).toBe('E_ENCODING');
  });

  it('elements that have no place in a record are ignored with W_CONTENT_IGNORED in every mode; unknown elements in a datafield are E_XML', async () => {
    const extra = doc('<record><leader>00000nam a2200000 i 4500</leader><identifier>koha:5</identifier><controlfield tag="001">1</controlfield></record>');
    for (const mode of ['strict', 'skip', 'lenient'] as const) {
      const [rec] = records(await readAll(read, extra, { mode }));
      expect(rec!.warnings.map((w) => w.code)).toEqual(['W_CONTENT_IGNORED']);
    }
    const inField = doc('<record><leader>00000nam a2200000 i 4500</leader><datafield tag="020" ind1=" " ind2=" "><subfields code="a">0786808772</subfields></datafield></record>');
    expect(rejects(await readAll(read, inField))[0]).toMatchObject({ code: 'E_XML', message: expect.stringContaining('<subfields>') });
  });

  it('a datafield without subfields: lenient keeps it empty (W_EMPTY_FIELD), strict E_XML', async () => {
    const input = doc('<record><leader>00000nam a2200000 i 4500</leader><datafield tag="082" ind1="0" ind2="0">\n</datafield></record>');
    const [rec] = records(await readAll(read, input));
    expect(rec!.fields).toEqual([dataField('082', '0', '0', [])]);
    expect(rec!.warnings.map((w) => w.code)).toEqual(['W_EMPTY_FIELD']);
    expect((await strictError(read, input)).code).toBe('E_XML');
  });

  it('a "<" inside a tag (quoted or not) starts new markup: the broken tag is an E_XML reject, the record after it is read', async () => {
    const rec = good('1');
    for (const broken of ['<', '<x', '<reco', '<foo a="x', "<datafield tag='1", '<!-', '< ']) {
      const input = doc(`${broken}${rec}`);
      const items = await readAll(read, input);
      expect(items.map((i) => (i.kind === 'record' ? i.record.controlValue('001') : i.reject.code)), broken).toEqual(['E_XML', '1']);
      expect(rejects(items)[0]!.raw, broken).toBe(broken);
      expect(rejects(items)[0]!.place.offset).toBe(Buffer.from(input).indexOf(`${broken}${rec}`));
      expect((await strictError(read, input)).code).toBe('E_XML');
      // the same for every chunking
      const reads = await readInChunks(read, input);
      for (const r of reads) expect(r.items).toEqual(reads[0]!.items);
    }
  });

  it('a tag whose name is not an XML name, outside records, is an E_XML reject', async () => {
    const items = await readAll(read, doc('<>', '< record>', good('1')));
    expect(items.map((i) => (i.kind === 'record' ? i.record.controlValue('001') : i.reject.code))).toEqual(['E_XML', 'E_XML', '1']);
  });

  it('MARC content whose record start tag is broken or missing is one E_XML reject with its text, not silence', async () => {
    const body = '<leader>00000nam a2200000 i 4500</leader><controlfield tag="001">lost</controlfield>';
    for (const start of ['<recrd>', '<rec ord>', '']) {
      const input = doc(`${start}${body}</record>`, good('2'));
      const items = await readAll(read, input);
      expect(items.map((i) => (i.kind === 'record' ? i.record.controlValue('001') : i.reject.code)), start).toEqual(['E_XML', '2']);
      const [reject] = rejects(items);
      expect(reject!.message).toContain('outside any record element');
      expect(reject!.raw).toBe(`${start}${body}</record>`);
      expect((await strictError(read, input)).code).toBe('E_XML');
    }
    // prefixed content whose prefix is not declared (in OAI-PMH: the namespace declaration was lost)
    const oai = utf8(`<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><metadata><marc:record><marc:leader>00000nam a2200000 i 4500</marc:leader></marc:record></metadata></OAI-PMH>`);
    const items = await readAll(read, oai);
    expect(rejects(items).map((r) => [r.code, r.raw])).toEqual([['E_XML', '<marc:record><marc:leader>00000nam a2200000 i 4500</marc:leader></marc:record>']]);
    // elements of other namespaces are still no concern of MARCXML
    expect(await readAll(read, utf8('<root xmlns:x="urn:other"><x:record><x:leader>not marc</x:leader></x:record></root>'))).toEqual([]);
  });

  it('an escaped record (SRU recordPacking=string) cut off by the end of its text node: E_TRUNCATED saying so', async () => {
    const escaped = good('1').replace('<record>', '<record xmlns="http://www.loc.gov/MARC21/slim">').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    const cut = escaped.slice(0, escaped.indexOf('&lt;/datafield'));
    const input = utf8(`<zs:searchRetrieveResponse xmlns:zs="http://www.loc.gov/zing/srw/"><zs:recordData>${cut}</zs:recordData></zs:searchRetrieveResponse>`);
    const [reject] = rejects(await readAll(read, input));
    expect(reject).toMatchObject({ code: 'E_TRUNCATED', place: { index: 0 } });
    expect(reject!.message).toContain('escaped record');
    expect(reject!.message).not.toContain('The input ends');
  });

  it('an empty input or an empty collection has no records and no rejects', async () => {
    expect(await readAll(read, new Uint8Array(0))).toEqual([]);
    expect(await readAll(read, doc())).toEqual([]);
  });
});
