/**
 * ISO2709 ⇄ MarcEdit mnemonic cross-check: kitap's ISO2709 reader on one side,
 * MarcEdit's MarcBreaker output (read by kitap's mnemonic reader, and as text)
 * on the other.
 *
 * - marc4j `brkrtest.mrc` (8 records, MARC-8) ⇄ `brkrtest.mrk` (MARC-8 in
 *   mnemonics) and `brkrtest.mrk8` (UTF-8); `brkrtest_UTF8.mrc` ⇄ `brkrtest.mrk8`;
 * - marc4j `u17_utf8.mrc` ⇄ `u17_marc4j.mrk8` (written by marc4j, not MarcEdit);
 * - Catmandu `t/camel.mrc` ⇄ `t/camel.mrk` (10 records).
 *
 * The mnemonic codec's own round trips (text → records → text) are in
 * packages/marc/test/mrk/corpus.test.ts; here the ISO2709 side is read by
 * kitap's reader (there it is parsed by marcjs), and kitap's mrkEncoder is fed
 * the records read from ISO2709.
 *
 * Exceptions, each normalised explicitly below:
 * - MARC-8 → UTF-8: kitap composes converted text to NFC; MarcEdit's .mrk8 keeps
 *   the decomposed form (e + U+0301);
 * - the second halves of the ligature and the double tilde (MARC-8 0xEC, 0xFB):
 *   U+FE21 / U+FE23 in LC's tables, which kitap keeps; MarcEdit writes only the
 *   first half (U+0361 / U+0360);
 * - MarcEdit's .mrk8 of the MARC-8 file has leader/09 "a" (its text is UTF-8) but
 *   keeps the MARC-8 file's record lengths, so it matches neither .mrc's leader
 *   exactly: against brkrtest.mrc only leader/09 differs, against
 *   brkrtest_UTF8.mrc only leader/00-04;
 * - u17_marc4j.mrk8 has real spaces in its 008 where MarcEdit writes "\".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Field, type MarcRecord, mrkEncoder, readIso2709All, readMrk } from '../../src/index.js';
import { encodeAll, readAll, records } from '../marcxml/helpers.js';
import { HAS_CORPUS, NO_CORPUS_MESSAGE, corpusPath } from './corpus.js';

const M4J = 'marc4j/test/resources/';

async function iso(file: string): Promise<MarcRecord[]> {
  const items = await readIso2709All(corpusPath(file), { mode: 'strict', file });
  expect(items.every((i) => i.kind === 'record')).toBe(true);
  return records(items);
}

async function mrk(file: string): Promise<MarcRecord[]> {
  return records(await readAll(readMrk, corpusPath(file), { mode: 'strict', file }));
}

/** LF line ends, one blank line between records, one newline at the end. */
function normaliseText(text: string): string {
  return `${text.replace(/\r\n/g, '\n').replace(/\n{3,}/g, '\n\n').replace(/\n+$/, '')}\n`;
}

/** NFC, without the U+FE21/U+FE23 second halves MarcEdit does not write. */
function comparable(fields: readonly Field[]): unknown {
  return JSON.parse(JSON.stringify(fields).normalize('NFC').replace(/\ufe21|\ufe23/g, ''));
}

describe.skipIf(!HAS_CORPUS)('ISO2709 vs MarcEdit mnemonic oracles', () => {
  if (!HAS_CORPUS) it.skip(NO_CORPUS_MESSAGE, () => {});

  it(`${M4J}brkrtest.mrc (MARC-8) read by kitap = ${M4J}brkrtest.mrk read by kitap: leaders and fields`, async () => {
    const fromIso = await iso(`${M4J}brkrtest.mrc`);
    expect(fromIso).toHaveLength(8);
    // records 1-5 have MARC-8 diacritics; 0, 6 and 7 are all ASCII (the same in every set: 6 and 7 keep the prior)
    expect(fromIso.map((r) => r.sourceCharset)).toEqual(['utf-8', ...Array(7).fill('marc8')]);
    expect(fromIso.flatMap((r) => r.warnings)).toEqual([]);
    const fromMrk = await mrk(`${M4J}brkrtest.mrk`);
    expect(fromIso.map((r) => r.leader.value)).toEqual(fromMrk.map((r) => r.leader.value));
    expect(fromIso.map((r) => r.fields)).toEqual(fromMrk.map((r) => r.fields));
  });

  it(`kitap's mrkEncoder({ charset: 'marc8' }) of ${M4J}brkrtest.mrc writes ${M4J}brkrtest.mrk exactly (after line-end normalisation)`, async () => {
    const written = encodeAll(mrkEncoder({ charset: 'marc8' }), await iso(`${M4J}brkrtest.mrc`));
    expect(normaliseText(written)).toBe(normaliseText(readFileSync(corpusPath(`${M4J}brkrtest.mrk`), 'utf8')));
  });

  it(`${M4J}brkrtest.mrc (MARC-8) = ${M4J}brkrtest.mrk8 (UTF-8) apart from NFC, the U+FE21/U+FE23 halves and leader/09`, async () => {
    const fromIso = await iso(`${M4J}brkrtest.mrc`);
    const fromMrk8 = await mrk(`${M4J}brkrtest.mrk8`);
    expect(fromIso.map((r) => r.leader.with(9, 'a').value)).toEqual(fromMrk8.map((r) => r.leader.value));
    expect(fromIso.map((r) => comparable(r.fields))).toEqual(fromMrk8.map((r) => comparable(r.fields)));
    // the exceptions are real: without the normalisation, exactly the records with diacritics differ
    const differ = fromIso.flatMap((r, i) => (JSON.stringify(r.fields) === JSON.stringify(fromMrk8[i]!.fields) ? [] : [i]));
    expect(differ).toEqual([1, 2, 3, 4, 5]);
    const ligature = fromIso[1]!.subfieldValues('500', 'a').find((v) => v.startsWith('the ligature'))!;
    expect(ligature).toBe('the ligature first and second halves in di\u0361a\ufe21di\u0361a\ufe21');
    expect(fromMrk8[1]!.subfieldValues('500', 'a')).toContain('the ligature first and second halves in di\u0361adi\u0361a');
  });

  it(`${M4J}brkrtest_UTF8.mrc read by kitap = ${M4J}brkrtest.mrk8: fields equal; mrkEncoder writes the .mrk8 text but for the record lengths`, async () => {
    const fromIso = await iso(`${M4J}brkrtest_UTF8.mrc`);
    expect(fromIso.every((r) => r.sourceCharset === 'utf-8' && r.warnings.length === 0)).toBe(true);
    const fromMrk8 = await mrk(`${M4J}brkrtest.mrk8`);
    expect(fromIso.map((r) => r.fields)).toEqual(fromMrk8.map((r) => r.fields));
    expect(fromIso.map((r) => r.leader.value.slice(5))).toEqual(fromMrk8.map((r) => r.leader.value.slice(5)));
    const written = normaliseText(encodeAll(mrkEncoder(), fromIso)).split('\n');
    const golden = normaliseText(readFileSync(corpusPath(`${M4J}brkrtest.mrk8`), 'utf8')).split('\n');
    expect(written).toHaveLength(golden.length);
    const differing = written.flatMap((line, k) => (line === golden[k] ? [] : [[line.slice(0, 11), golden[k]!.slice(0, 11)]]));
    // only =LDR lines differ, and only in leader/00-04: the .mrk8 carries the MARC-8 file's lengths
    expect(differing).toEqual([
      ['=LDR  03511', '=LDR  03445'],
      ['=LDR  03490', '=LDR  03424'],
      ['=LDR  01287', '=LDR  01276'],
      ['=LDR  03178', '=LDR  03101'],
      ['=LDR  03176', '=LDR  03099'],
    ]);
  });

  it(`${M4J}u17_utf8.mrc read by kitap = ${M4J}u17_marc4j.mrk8 (marc4j's writer: real spaces in 008)`, async () => {
    const fromIso = await iso(`${M4J}u17_utf8.mrc`);
    const fromMrk = await mrk(`${M4J}u17_marc4j.mrk8`);
    expect(fromIso.map((r) => r.fields)).toEqual(fromMrk.map((r) => r.fields));
    expect(fromIso[0]!.controlValue('008')).toBe('841016s1982    ii b     b    00110 eng  ');
    // kitap writes MarcEdit's "\" for those blanks, so the text differs exactly there
    const written = normaliseText(encodeAll(mrkEncoder(), fromIso)).split('\n');
    const golden = normaliseText(readFileSync(corpusPath(`${M4J}u17_marc4j.mrk8`), 'utf8')).split('\n');
    expect(written.filter((line, k) => line !== golden[k])).toEqual(['=008  841016s1982\\\\\\\\ii\\b\\\\\\\\\\b\\\\\\\\00110\\eng\\\\']);
  });

  it('Catmandu t/camel.mrc read by kitap = t/camel.mrk read by kitap, and kitap’s mrkEncoder writes camel.mrk exactly', async () => {
    const fromIso = await iso('Catmandu-MARC/t/camel.mrc');
    expect(fromIso).toHaveLength(10);
    expect(fromIso.flatMap((r) => r.warnings)).toEqual([]);
    const fromMrk = await mrk('Catmandu-MARC/t/camel.mrk');
    expect(fromIso.map((r) => [r.leader.value, r.fields])).toEqual(fromMrk.map((r) => [r.leader.value, r.fields]));
    const written = encodeAll(mrkEncoder(), fromIso);
    expect(normaliseText(written)).toBe(normaliseText(readFileSync(corpusPath('Catmandu-MARC/t/camel.mrk'), 'utf8')));
  });
});
