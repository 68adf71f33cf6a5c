/**
 * pymarc's ISO2709 test files (github.com/edsu/pymarc, test/) and what its
 * tests expect of them (test_reader.py, test_marc8.py, test_utf8.py,
 * test_encode.py, test_record.py), against kitap's reader in each mode.
 *
 * `test_marc8.txt` / `test_utf8.txt` (MARC-8 → UTF-8 line pairs) are compared
 * in packages/marc/test/charset/corpus.test.ts and not repeated here;
 * `bad_records.mrc` is in iso2709-corpus.test.ts.
 *
 * Outcomes, per mode (lenient / skip / strict):
 *
 * | file | lenient | skip | strict | pymarc |
 * |---|---|---|---|---|
 * | 1251.dat | 6 cp1251 records, W_CHARSET_MISMATCH | same | same (a notice) | needs `file_encoding="cp1251"` |
 * | utf8_with_leader_flag.dat | UTF-8, clean | same | same | same text |
 * | utf8_without_leader_flag.dat | UTF-8 by its bytes, W_CHARSET_MISMATCH | same | same | loses the accents unless `force_utf8` |
 * | marc8.dat | MARC-8, clean | same | same | same text |
 * | diacritic.dat, utf8_errors.dat | UTF-8, clean | same | same | reads |
 * | alphatag.dat | clean, tags CAT; written back byte for byte | same | same | same |
 * | testunimarc.dat | UNIMARC in UTF-8, clean (leader/09 claims nothing in UNIMARC) | same | same | reads with `force_utf8` |
 * | bad_marc8_escape.dat | 16 E_ENCODING (bytes → U+FFFD) | E_ENCODING reject | E_ENCODING | keeps the ESC bytes as text |
 * | bad_eacc_encoding.dat | 3 E_ENCODING in 880 | E_ENCODING reject | E_ENCODING | raises UnicodeDecodeError |
 * | bad_indicator.dat | E_TAG reject (tag "0 2") | same | E_TAG | keeps tag "0 2" |
 * | bad_subfield_code.dat | E_SUBFIELD_CODE reject (code "á") | same | E_SUBFIELD_CODE | guesses code "a" (diacritic stripped) |
 * | utf8_invalid.mrc | E_SUBFIELD_CODE reject (code U+FFFD) | same | E_SUBFIELD_CODE | not tested upstream |
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KitapError } from '@kitap/core';
import { type MarcRecord, type ReadItem, type ReadMode, detectFlavour, readIso2709All, writeIso2709 } from '../../src/index.js';
import { records, rejects } from '../marcxml/helpers.js';
import { HAS_CORPUS, NO_CORPUS_MESSAGE, corpusPath } from './corpus.js';

const DIR = 'pymarc/test/';

async function read(name: string, mode: ReadMode = 'lenient'): Promise<ReadItem[]> {
  return readIso2709All(corpusPath(DIR + name), { mode, file: name });
}

async function strictError(name: string): Promise<KitapError | undefined> {
  try {
    await read(name, 'strict');
    return undefined;
  } catch (error) {
    if (error instanceof KitapError) return error;
    throw error;
  }
}

async function only(name: string, mode: ReadMode = 'lenient'): Promise<MarcRecord> {
  const items = await read(name, mode);
  expect(items.map((i) => i.kind)).toEqual(['record']);
  return records(items)[0]!;
}

const codes = (r: MarcRecord) => r.warnings.map((w) => w.code);

describe.skipIf(!HAS_CORPUS)('pymarc test files (test/*.dat, *.mrc)', () => {
  if (!HAS_CORPUS) it.skip(NO_CORPUS_MESSAGE, () => {});

  describe('files that read in every mode', () => {
    it.each<[string, number, string, string[]]>([
      ['1251.dat', 6, 'cp1251', ['W_CHARSET_MISMATCH']],
      ['utf8_with_leader_flag.dat', 1, 'utf-8', []],
      ['utf8_without_leader_flag.dat', 1, 'utf-8', ['W_CHARSET_MISMATCH']],
      ['marc8.dat', 1, 'marc8', []],
      ['diacritic.dat', 1, 'utf-8', []],
      ['utf8_errors.dat', 1, 'utf-8', []],
      ['alphatag.dat', 1, 'utf-8', []],
      ['testunimarc.dat', 1, 'utf-8', []],
    ])('%s: %i record(s) detected as %s with warnings %j, the same in lenient, skip and strict mode', async (name, count, charset, warnings) => {
      const byMode = await Promise.all((['lenient', 'skip', 'strict'] as const).map((mode) => read(name, mode)));
      for (const items of byMode) {
        expect(items.map((i) => i.kind)).toEqual(Array(count).fill('record'));
        for (const r of records(items)) {
          expect(r.sourceCharset).toBe(charset);
          expect(codes(r)).toEqual(warnings);
        }
      }
      expect(records(byMode[1]!).map((r) => r.fields)).toEqual(records(byMode[0]!).map((r) => r.fields));
      expect(records(byMode[2]!).map((r) => r.fields)).toEqual(records(byMode[0]!).map((r) => r.fields));
    });
  });

  it('1251.dat: cp1251 with a blank leader/09 is detected without being told (pymarc needs file_encoding="cp1251"); titles as pymarc’s tests expect', async () => {
    const recs = records(await read('1251.dat'));
    expect(recs[0]!.subfieldValues('245', 'a')).toEqual(['Основы гидравлического расчета инженерных сетей']);
    expect(recs[1]!.subfieldValues('245', 'a')).toEqual(['Психологический тренинг с подростками']);
    for (const r of recs) {
      const mismatch = r.warnings.find((w) => w.code === 'W_CHARSET_MISMATCH')!;
      expect(mismatch.message).toMatch(/^leader\/09 is " " \(MARC-8\) but the bytes are cp1251/);
      expect(mismatch.place.offset).toBe(r.place.offset! + 9);
    }
  });

  it('utf8_with_leader_flag.dat and utf8_without_leader_flag.dat decode to the same text: 240 $a with decomposed accents, kept as they are (UTF-8 is not normalised)', async () => {
    const withFlag = await only('utf8_with_leader_flag.dat');
    const without = await only('utf8_without_leader_flag.dat');
    expect(withFlag.subfieldValues('240', 'a')).toEqual(['De la solitude a\u0300 la communaute\u0301.']);
    expect(without.fields).toEqual(withFlag.fields);
    expect(without.leader.value[9]).toBe(' ');
    expect(without.warnings[0]!.message).toContain('leader/09 blank (MARC-8), which the bytes contradict');
  });

  it('marc8.dat: MARC-8 ANSEL decoded and composed (NFC): "De la solitude à la communauté."', async () => {
    const r = await only('marc8.dat');
    expect(r.subfieldValues('240', 'a')).toEqual(['De la solitude \u00e0 la communaut\u00e9.']);
    expect(r.leader.value[9]).toBe(' ');
  });

  it('diacritic.dat and utf8_errors.dat: valid UTF-8 with combining marks reads cleanly (pymarc issue 74; utf8_errors only fails when taken for MARC-8)', async () => {
    expect((await only('diacritic.dat')).subfieldValues('505', 'a')[0]).toContain('Hemmungs Wirte\u0301n');
    const errors = await only('utf8_errors.dat');
    expect(errors.subfieldValues('245', 'a')).toEqual(['[Imperial military middle school, S\u0323an\u02bba\u0304\u02be]']);
    expect(errors.subfieldValues('650', 'z')).toEqual(['Yemen', 'S\u0323an\u02bba\u0304\u02be', 'Yemen', 'S\u0323an\u02bba\u0304\u02be']);
  });

  it('alphatag.dat: tags CAT read as data fields, and the unmodified record is written back byte for byte (as pymarc’s test_encode_decode_alphatag)', async () => {
    const r = await only('alphatag.dat', 'strict');
    expect(r.tags.filter((t) => t === 'CAT')).toHaveLength(4);
    expect(r.dataFields('CAT')).toHaveLength(4);
    expect(r.modified).toBe(false);
    const written = writeIso2709(r, { characterCoding: r.leader.characterCoding });
    expect(Buffer.from(written).equals(readFileSync(corpusPath(`${DIR}alphatag.dat`)))).toBe(true);
  });

  it('testunimarc.dat: UNIMARC (flavour unimarc) in UTF-8 with a blank leader/09 — no mismatch reported; NSB/NSE (U+0088/U+0089) kept; 899 and 702 present', async () => {
    const r = await only('testunimarc.dat', 'strict');
    expect(detectFlavour(r)).toBe('unimarc');
    expect(r.leader.value[9]).toBe(' ');
    expect(r.warnings).toEqual([]);
    expect(r.subfieldValues('200', 'a')).toEqual(["\u0088L'\u0089altra faccia della spirale"]);
    expect(r.get('899').length).toBeGreaterThan(0);
    expect(r.get('702').length).toBeGreaterThan(0);
  });

  it('bad_marc8_escape.dat: ESC bytes where accented letters were lost — lenient replaces each bad sequence by U+FFFD with an E_ENCODING warning naming it; skip rejects; strict throws at the first (222)', async () => {
    const r = await only('bad_marc8_escape.dat');
    expect(r.sourceCharset).toBe('marc8');
    expect(codes(r)).toEqual(Array(16).fill('E_ENCODING'));
    expect(r.warnings.map((w) => w.place.tag)).toEqual(['222', '222', '245', '260', '580', '580', '580', '580', '580', '710', '780', '780', '780', '780', '780', '780']);
    // pymarc keeps the ESC as text ("La Sociét\x1b,"); kitap replaces the incomplete sequence ESC "," (and says so)
    expect(r.subfieldValues('260', 'b')).toEqual(['La Soci\u00e9t\ufffd']);
    const w260 = r.warnings.find((w) => w.place.tag === '260')!;
    expect(w260.message).toBe('260: incomplete escape sequence ESC ,; replaced by U+FFFD (marc8)');
    expect(w260.place.offset).toBeTypeOf('number');
    expect(rejects(await read('bad_marc8_escape.dat', 'skip')).map((x) => x.code)).toEqual(['E_ENCODING']);
    expect(await strictError('bad_marc8_escape.dat')).toMatchObject({ code: 'E_ENCODING', place: { index: 0, tag: '222' } });
  });

  it('bad_eacc_encoding.dat: undefined EACC characters in an 880 — pymarc raises UnicodeDecodeError; kitap lenient reads the record with 3 E_ENCODING warnings, skip rejects, strict throws', async () => {
    const r = await only('bad_eacc_encoding.dat');
    expect(r.warnings.map((w) => `${w.code} ${w.place.tag}`)).toEqual(Array(3).fill('E_ENCODING 880'));
    expect(r.warnings[0]!.message).toContain('bytes 0x7B 0x36 0x39 are not defined in East Asian (EACC)');
    const [title] = r.subfieldValues('880', 'a');
    expect(title).toMatch(/^米国の統治の仕組\ufffd+$/u);
    expect(r.subfieldValues('245', 'a')[0]).toContain('Beikoku no t\u014dchi no');
    expect(rejects(await read('bad_eacc_encoding.dat', 'skip')).map((x) => x.code)).toEqual(['E_ENCODING']);
    expect((await strictError('bad_eacc_encoding.dat'))?.code).toBe('E_ENCODING');
  });

  it('bad_indicator.dat: its first directory entry has tag "0 2" (a blank in a tag): E_TAG reject in every mode, raw bytes kept; pymarc keeps the tag', async () => {
    const bytes = readFileSync(corpusPath(`${DIR}bad_indicator.dat`));
    for (const mode of ['lenient', 'skip'] as const) {
      const items = await read('bad_indicator.dat', mode);
      const [first] = rejects(items);
      expect(first).toMatchObject({ code: 'E_TAG', place: { index: 0, offset: 0 } });
      expect(first!.message).toContain('directory entry 1 has tag bytes 30 20 32');
      // the record (its 245 is pymarc's "Aristocrats of color :") is kept whole in the reject
      expect(Buffer.from(first!.raw as Uint8Array).equals(bytes.subarray(0, 1159))).toBe(true);
      expect(Buffer.from(first!.raw as Uint8Array).includes('Aristocrats of color :')).toBe(true);
      // the file is padded with 821 spaces after the record: whatever becomes of them, no record comes out
      expect(records(items)).toEqual([]);
    }
    expect((await strictError('bad_indicator.dat'))?.code).toBe('E_TAG');
  });

  it('bad_subfield_code.dat: 245 has subfield code "á" (UTF-8 C3 A1) — E_SUBFIELD_CODE reject naming 245; pymarc strips the accent and guesses "a", which kitap does not', async () => {
    const [reject] = rejects(await read('bad_subfield_code.dat'));
    expect(reject).toMatchObject({ code: 'E_SUBFIELD_CODE', place: { index: 0, tag: '245' } });
    expect(reject!.message).toContain('245 has a subfield code that is byte 0xC3');
    expect(rejects(await read('bad_subfield_code.dat', 'skip')).map((x) => x.code)).toEqual(['E_SUBFIELD_CODE']);
    expect(await strictError('bad_subfield_code.dat')).toMatchObject({ code: 'E_SUBFIELD_CODE', place: { tag: '245' } });
  });

  it('utf8_invalid.mrc: a 260 delimiter followed by U+FFFD (EF BF BD, left by an earlier conversion) instead of a code — E_SUBFIELD_CODE reject naming 260', async () => {
    const [reject] = rejects(await read('utf8_invalid.mrc'));
    expect(reject).toMatchObject({ code: 'E_SUBFIELD_CODE', place: { index: 0, tag: '260' } });
    expect(reject!.message).toContain('0xEF');
    expect(await strictError('utf8_invalid.mrc')).toMatchObject({ code: 'E_SUBFIELD_CODE', place: { tag: '260' } });
  });
});
