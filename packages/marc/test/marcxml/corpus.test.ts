/**
 * MARCXML conformance against the shared corpus (marc4j, pymarc, Catmandu, yaz).
 * Each file's outcome is decided here, per mode, and asserted.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMarcXml } from '../../src/marcxml/reader.js';
import { marcXmlEncoder } from '../../src/marcxml/writer.js';
import { dataField, subfields } from '../../src/record/field.js';
import { HAS_CORPUS, NO_CORPUS_MESSAGE, corpusPath } from '../corpus/corpus.js';
import { type Reader, encodeAll, readAll, readInChunks, records, rejects, shape, strictError, utf8 } from './helpers.js';

const read: Reader = readMarcXml;
const M4J = 'marc4j/test/resources/';

async function lenient(file: string) {
  return readAll(read, corpusPath(file), { mode: 'lenient', file });
}

describe.skipIf(!HAS_CORPUS)('MARCXML corpus conformance', () => {
  if (!HAS_CORPUS) it.skip(NO_CORPUS_MESSAGE, () => {});

  describe('files that read cleanly in every mode', () => {
    const clean: [string, number][] = [
      [`${M4J}chabon.xml`, 2],
      [`${M4J}chabon-record-type.xml`, 2],
      [`${M4J}OCLC_814388508.xml`, 1],
      [`${M4J}azdoud.xml`, 1],
      [`${M4J}sample1a.xml`, 9],
      [`${M4J}summerland.xml`, 1],
      [`${M4J}summerland-record.xml`, 1],
      [`${M4J}summerlandwith710.xml`, 1],
      ['pymarc/test/batch.xml', 2],
      ['pymarc/test/utf8.xml', 1],
      ['Catmandu-MARC/t/marc.xml', 1],
    ];
    it.each(clean)('%s: %i records, no warnings, identical for every chunk size', async (file, count) => {
      const bytes = readFileSync(corpusPath(file));
      const reads = await readInChunks(read, bytes, { mode: 'strict' });
      expect(reads[0]!.items).toHaveLength(count);
      for (const r of reads) expect(r.items).toEqual(reads[0]!.items);
      for (const item of reads[0]!.items) {
        expect(item.kind).toBe('record');
        expect((item as { warnings: unknown[] }).warnings).toEqual([]);
      }
    });
  });

  it('chabon.xml: the two Chabon records, as marc4j validates them', async () => {
    const [kavalier, summerland] = records(await lenient(`${M4J}chabon.xml`));
    expect(kavalier!.leader.value).toBe('00759cam a2200229 a 4500');
    expect(kavalier!.controlValue('001')).toBe('11939876');
    expect(kavalier!.dataFields('245')[0]).toEqual(dataField('245', '1', '4', subfields('a', 'The amazing adventures of Kavalier and Clay :', 'b', 'a novel /', 'c', 'Michael Chabon.')));
    expect(kavalier!.tags).toEqual(['001', '005', '008', '020', '040', '100', '245', '260', '300', '650', '650', '650', '651', '650', '650', '655', '655']);
    expect(summerland!.controlValue('001')).toBe('12883376');
    expect(summerland!.subfieldValues('245', 'a')).toEqual(['Summerland /']);
  });

  it('chabon-missing-controlfield-tag.xml: a controlfield and a datafield without tag → E_XML (record 0) in every mode', async () => {
    const file = `${M4J}chabon-missing-controlfield-tag.xml`;
    const error = await strictError(read, corpusPath(file), { file });
    expect(error).toMatchObject({ code: 'E_XML', place: { file, index: 0, offset: 92, line: 2 } });
    expect(error.message).toContain('controlfield has no tag attribute (after 001)');
    const [reject] = rejects(await lenient(file));
    expect(reject!.code).toBe('E_XML');
    expect(reject!.message).toContain('datafield has no tag attribute (after 655)');
    expect(reject!.raw).toMatch(/^<record>[\s\S]*<\/record>$/);
  });

  it('chabon-missing-datafield-tag.xml: a <subfields> element and a datafield without tag → E_XML', async () => {
    const [reject] = rejects(await lenient(`${M4J}chabon-missing-datafield-tag.xml`));
    expect(reject!.code).toBe('E_XML');
    expect(reject!.message).toContain('Unexpected element <subfields> in datafield 020');
    expect(reject!.message).toContain('datafield has no tag attribute (after 655)');
  });

  it('chabon-bad-subfields-element.xml: an unexpected <subfields> element → E_XML', async () => {
    const items = await lenient(`${M4J}chabon-bad-subfields-element.xml`);
    expect(items).toHaveLength(1);
    expect(rejects(items)[0]).toMatchObject({ code: 'E_XML', place: { tag: '020', recordId: '11939876' } });
  });

  it('chabon-missing-subfield-code.xml: a subfield without code → E_SUBFIELD_CODE', async () => {
    const [reject] = rejects(await lenient(`${M4J}chabon-missing-subfield-code.xml`));
    expect(reject).toMatchObject({ code: 'E_SUBFIELD_CODE', place: { tag: '020' } });
  });

  it('cruel-cruel-indicatorless-summerland.xml: 911 without indicators → blanks + W_INDICATORS_MISSING (lenient), E_INDICATOR (strict)', async () => {
    const file = `${M4J}cruel-cruel-indicatorless-summerland.xml`;
    const [rec] = records(await lenient(file));
    expect(rec!.dataFields('911')[0]).toMatchObject({ ind1: ' ', ind2: ' ' });
    expect(rec!.warnings.map((w) => `${w.code} ${w.place.tag}`)).toEqual(['W_INDICATORS_MISSING 911', 'W_INDICATORS_MISSING 911']);
    expect((await strictError(read, corpusPath(file))).code).toBe('E_INDICATOR');
  });

  it('chabon-record-type-bad.xml: type="Bibliographical" is ignored with W_CONTENT_IGNORED (the record is complete)', async () => {
    const items = await readAll(read, corpusPath(`${M4J}chabon-record-type-bad.xml`), { mode: 'strict' });
    expect(items.map((i) => i.kind)).toEqual(['record', 'record']);
    expect(records(items)[0]!.warnings.map((w) => w.code)).toEqual(['W_CONTENT_IGNORED']);
    expect(records(items)[1]!.warnings).toEqual([]);
  });

  it('KOHA records without collection, with <identifier>/<datestamp> and a comment before the root: read, extra elements W_CONTENT_IGNORED', async () => {
    for (const name of ['1474920681_KOHA_LFL_5.xml', '1474920681_KOHA_LFL_6_with_comment.xml']) {
      const [rec, ...more] = records(await readAll(read, corpusPath(`${M4J}${name}`), { mode: 'strict' }));
      expect(more).toEqual([]);
      expect(rec!.controlValue('001')).toBe('121564');
      expect(rec!.subfieldValues('020', 'c')).toEqual(['$62.17']);
      expect(rec!.warnings.map((w) => w.message)).toEqual([expect.stringContaining('<identifier>'), expect.stringContaining('<datestamp>')]);
    }
  });

  it('pymarc bad_tag.xml: a 17-character leader (E_LEADER) and tag "42" (E_TAG) → rejected in every mode', async () => {
    const [reject] = rejects(await lenient('pymarc/test/bad_tag.xml'));
    expect(reject!.code).toBe('E_LEADER');
    expect(reject!.message).toContain('"42"');
    expect((await strictError(read, corpusPath('pymarc/test/bad_tag.xml'))).code).toBe('E_LEADER');
  });

  it('pymarc utf8.xml: non-ASCII text decoded', async () => {
    const [rec] = records(await lenient('pymarc/test/utf8.xml'));
    expect(rec!.subfieldValues('505', 't')).toEqual(['Préludes']);
  });

  it('Catmandu marc.xml: a leader after a datafield and Korean text are fine', async () => {
    const [rec] = records(await lenient('Catmandu-MARC/t/marc.xml'));
    expect(rec!.leader.value).toBe('00000nas-a2200000z--4500');
    expect(rec!.tags[0]).toBe('920');
    expect(rec!.subfieldValues('245', 'a')).toEqual(['TEEM (한국전기전자재료학회)']);
  });

  it('Catmandu broken.xml: 10 records; the first has an empty 082 (W_EMPTY_FIELD in lenient, E_XML reject in skip, throws in strict)', async () => {
    const file = 'Catmandu-MARC/t/broken.xml';
    const items = await lenient(file);
    expect(records(items)).toHaveLength(10);
    expect(records(items)[0]!.warnings.map((w) => `${w.code} ${w.place.tag}`)).toEqual(['W_EMPTY_FIELD 082']);
    expect(records(items).slice(1).every((r) => r.warnings.length === 0)).toBe(true);
    const skip = await readAll(read, corpusPath(file), { mode: 'skip' });
    expect(skip.map((i) => i.kind)).toEqual(['reject', ...Array(9).fill('record')]);
    expect(rejects(skip)[0]).toMatchObject({ code: 'E_XML', place: { index: 0, line: 3, tag: '082' } });
    expect((await strictError(read, corpusPath(file))).place).toMatchObject({ index: 0, line: 3 });
  });

  it('pymarc batch.xml: the two records pymarc reads', async () => {
    const recs = records(await lenient('pymarc/test/batch.xml'));
    expect(recs.map((r) => r.controlValue('001'))).toEqual(['5637241', '12149120']);
  });

  describe('yaz golden MARCXML (yaz-marcdump -o marcxml output for marcN.marc)', () => {
    /** The golden files kitap cannot take, and why. */
    const refused: Record<string, string> = {
      'marc0.xml': 'E_INDICATOR', // ind2="á"
      'marc1.xml': 'E_INDICATOR', // danmarc: ind3
      'marc2.xml': 'E_INDICATOR', // danmarc: ind3, subfield code å
      'marc5.xml': 'E_SUBFIELD_CODE', // subfield code η
    };
    const files = Array.from({ length: 13 }, (_, i) => `marc${i}.xml`);

    /** Text with comments and the XML declaration gone, references resolved and whitespace between elements removed. */
    function normalise(xml: string): string {
      return xml
        .replace(/<\?xml[^?]*\?>/g, '')
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/&apos;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&#x([0-9A-Fa-f]+);/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
        .replace(/>\s+</g, '><')
        .trim();
    }

    it.each(files)('%s', async (name) => {
      const golden = readFileSync(corpusPath(`yaz/test/marc-files/${name}`), 'utf8');
      const items = await readAll(read, utf8(golden), { mode: 'lenient' });
      expect(items).toHaveLength(1);
      if (refused[name]) {
        expect(rejects(items)[0]!.code).toBe(refused[name]);
        return;
      }
      const recs = records(items);
      expect(recs[0]!.warnings).toEqual([]);
      const written = encodeAll(marcXmlEncoder(), recs);
      expect(normalise(written)).toBe(normalise(golden));
      // and line by line, apart from the declaration and yaz's comments, the layout is yaz's
      const lines = (s: string) => s.split('\n').filter((l) => l !== '' && !l.startsWith('<?xml') && !l.startsWith('<!--'));
      expect(lines(written)).toEqual(lines(golden));
      expect(records(await readAll(read, utf8(written))).map(shape)).toEqual(recs.map(shape));
    });
  });
});
