/**
 * Mnemonic (MarcEdit) conformance against the shared corpus: marc4j's
 * MarcBreaker outputs (brkrtest.mrk in MARC-8 mnemonics, brkrtest.mrk8 in
 * UTF-8) and Catmandu's camel.mrk, with their ISO2709 twins.
 */
import { readFileSync } from 'node:fs';
import marcjs from 'marcjs';
import { describe, expect, it } from 'vitest';
import { fromMarcjs } from '../../src/marcjs-interop.js';
import { readMrk } from '../../src/mrk/reader.js';
import { mrkEncoder } from '../../src/mrk/writer.js';
import type { MarcRecord } from '../../src/record/record.js';
import { HAS_CORPUS, NO_CORPUS_MESSAGE, corpusPath } from '../corpus/corpus.js';
import { type Reader, encodeAll, readAll, readInChunks, records, shape } from '../marcxml/helpers.js';

const read: Reader = readMrk;
const M4J = 'marc4j/test/resources/';

async function readStrict(file: string): Promise<MarcRecord[]> {
  return records(await readAll(read, corpusPath(file), { mode: 'strict', file }));
}

/** Line ends as LF, one blank line between records, one newline at the end. */
function normaliseText(text: string): string {
  return `${text.replace(/\r\n/g, '\n').replace(/\n{3,}/g, '\n\n').replace(/\n+$/, '')}\n`;
}

/** The records of an ISO2709 file as marcjs parses them (UTF-8 or ASCII files only). */
function isoRecords(file: string): MarcRecord[] {
  const bytes = readFileSync(corpusPath(file));
  const out: MarcRecord[] = [];
  let start = 0;
  for (let i = bytes.indexOf(0x1d); i >= 0; i = bytes.indexOf(0x1d, start)) {
    let from = start;
    while (bytes[from] === 0x0a || bytes[from] === 0x0d) from++;
    if (i > from) out.push(fromMarcjs(marcjs.Iso2709Parser.parse(bytes.subarray(from, i))));
    start = i + 1;
  }
  return out;
}

const nfc = (r: MarcRecord) => JSON.parse(JSON.stringify(shape(r)).normalize('NFC')) as unknown;

describe.skipIf(!HAS_CORPUS)('mnemonic corpus conformance', () => {
  if (!HAS_CORPUS) it.skip(NO_CORPUS_MESSAGE, () => {});

  it.each([
    [`${M4J}brkrtest.mrk`, 8],
    [`${M4J}brkrtest.mrk8`, 8],
    [`${M4J}brkrtest1.mrk8`, 8],
    [`${M4J}u17_marc4j.mrk8`, 1],
    ['Catmandu-MARC/t/camel.mrk', 10],
  ])('%s: %i records in strict mode, no warnings, identical for every chunk size', async (file, count) => {
    const reads = await readInChunks(read, readFileSync(corpusPath(file)), { mode: 'strict' });
    expect(reads[0]!.items).toHaveLength(count);
    for (const r of reads) expect(r.items).toEqual(reads[0]!.items);
    for (const item of reads[0]!.items) expect(item).toMatchObject({ kind: 'record', warnings: [] });
  });

  it.each([
    [`${M4J}brkrtest.mrk8`, 'utf-8'],
    [`${M4J}brkrtest1.mrk8`, 'utf-8'],
    ['Catmandu-MARC/t/camel.mrk', 'utf-8'],
    [`${M4J}brkrtest.mrk`, 'marc8'],
  ] as const)('%s: text → records → text is identical (%s flavour, after line-end normalisation)', async (file, charset) => {
    const recs = await readStrict(file);
    const written = encodeAll(mrkEncoder({ charset }), recs);
    expect(normaliseText(written)).toBe(normaliseText(readFileSync(corpusPath(file), 'utf8')));
    expect(encodeAll(mrkEncoder({ charset, eol: '\r\n' }), recs).replace(/\r\n/g, '\n')).toBe(written);
  });

  it('brkrtest.mrk (MARC-8 mnemonics) has the content of brkrtest.mrk8 (UTF-8), apart from leader/09 and MarcEdit’s ligature halves', async () => {
    const marc8 = await readStrict(`${M4J}brkrtest.mrk`);
    const utf8 = await readStrict(`${M4J}brkrtest.mrk8`);
    expect(marc8).toHaveLength(utf8.length);
    for (const [i, r] of marc8.entries()) {
      const u = utf8[i]!;
      expect(r.leader.value[9]).toBe(' ');
      expect(u.leader.value[9]).toBe('a');
      // MarcEdit writes {llig}x{rlig}y as x + U+0361 + y (one double inverted breve); LC's MARC-8 table
      // gives U+FE21 for the right half, which kitap keeps. Likewise {ldbltil}/{rdbltil}: U+0360 / U+FE23.
      const ours = JSON.stringify({ ...nfc(r) as object, leader: '' }).replace(/\ufe21|\ufe23/g, '');
      const theirs = JSON.stringify({ ...nfc(u) as object, leader: '' });
      expect(ours).toBe(theirs);
    }
  });

  it('brkrtest.mrk8 has the content of brkrtest_UTF8.mrc (MarcEdit’s compiled UTF-8 file)', async () => {
    const mrk = await readStrict(`${M4J}brkrtest.mrk8`);
    const iso = isoRecords(`${M4J}brkrtest_UTF8.mrc`);
    expect(mrk.map((r) => r.fields)).toEqual(iso.map((r) => r.fields));
    // the leaders differ only in the record length and base address (MarcEdit recomputes them)
    for (const [i, r] of mrk.entries()) expect(r.leader.value.slice(5, 12) + r.leader.value.slice(17)).toBe(iso[i]!.leader.value.slice(5, 12) + iso[i]!.leader.value.slice(17));
  });

  it('camel.mrk has the content of camel.mrc (Catmandu’s round-trip pair)', async () => {
    const mrk = await readStrict('Catmandu-MARC/t/camel.mrk');
    const iso = isoRecords('Catmandu-MARC/t/camel.mrc');
    expect(mrk.map(shape)).toEqual(iso.map(shape));
  });

  it('u17_marc4j.mrk8 (real spaces in 008) has the content of u17_utf8.mrc', async () => {
    const mrk = await readStrict(`${M4J}u17_marc4j.mrk8`);
    const iso = isoRecords(`${M4J}u17_utf8.mrc`);
    expect(mrk.map((r) => r.fields)).toEqual(iso.map((r) => r.fields));
    expect(mrk[0]!.controlValue('008')).toBe('841016s1982    ii b     b    00110 eng  ');
    expect(mrk[0]!.subfieldValues('020', 'c')).toEqual(['Rs160.00 ($35.00 U.S.)']);
  });

  it('brkrtest.mrk: mnemonics become the characters MarcEdit gives in brkrtest.mrk8', async () => {
    const [, second] = await readStrict(`${M4J}brkrtest.mrk`);
    const notes = second!.subfieldValues('500', 'a');
    expect(notes).toContain('This is a test of diacritics like the uppercase Polish L in Łódź');
    expect(notes).toContain('the uppercase Icelandic thorn in Þann');
    const [first] = await readStrict(`${M4J}brkrtest.mrk`);
    expect(first!.subfieldValues('500', 'a')).toContain('This is a test for the conversion of curly braces; the opening curly brace ({) and the closing curly brace (}).');
    expect(first!.controlValue('001')).toBe('tes96000001 ');
  });
});
