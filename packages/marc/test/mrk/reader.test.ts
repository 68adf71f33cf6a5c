import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { readMrk } from '../../src/mrk/reader.js';
import { decodeMnemonics, encodeMnemonicsMarc8 } from '../../src/mrk/mnemonics.js';
import { controlField, dataField, subfields } from '../../src/record/field.js';
import { type Reader, chunksPulledForFirstItem, readAll, readInChunks, records, rejects, shape, strictError, utf8 } from '../marcxml/helpers.js';

const read: Reader = readMrk;

const ABAI = `=LDR  00000nam a2200000 i 4500
=001  KZ-ЦГБ-000123
=008  240115s2023\\\\\\\\kz\\a\\\\\\\\\\\\\\\\\\\\000\\1\\kaz\\d
=100  1\\$aӘуезов, Мұхтар,$d1897-1961.
=245  10$aАбай жолы :$bроман-эпопея /$cМ. Әуезов.
=949  \\\\$aЦГБ$bКХ-00123$c1500.00

=LDR  00000cam a2200000 i 4500
=001  RU-000124
=245  10$aВойна и мир /$cЛ. Н. Толстой.
=500  \\\\$aЦена {dollar}12 {lcub}в обложке{rcub} \\ и {text}
`;

describe('readMrk: reading', () => {
  it('reads Kazakh and Russian records: \\ is a blank in control fields and indicators, {dollar} {lcub} {rcub} decode', async () => {
    const recs = records(await readAll(read, utf8(ABAI)));
    expect(recs).toHaveLength(2);
    expect(shape(recs[0]!)).toEqual({
      leader: '00000nam a2200000 i 4500',
      fields: [
        controlField('001', 'KZ-ЦГБ-000123'),
        controlField('008', '240115s2023    kz a          000 1 kaz d'),
        dataField('100', '1', ' ', subfields('a', 'Әуезов, Мұхтар,', 'd', '1897-1961.')),
        dataField('245', '1', '0', subfields('a', 'Абай жолы :', 'b', 'роман-эпопея /', 'c', 'М. Әуезов.')),
        dataField('949', ' ', ' ', subfields('a', 'ЦГБ', 'b', 'КХ-00123', 'c', '1500.00')),
      ],
    });
    // in data fields a backslash is a backslash, and an unknown {name} is text
    expect(recs[1]!.subfieldValues('500', 'a')).toEqual(['Цена $12 {в обложке} \\ и {text}']);
    expect(recs.every((r) => r.warnings.length === 0)).toBe(true);
  });

  it('places: index, byte offset and 1-based line of the first line of each record', async () => {
    const recs = records(await readAll(read, utf8(ABAI), { file: 'abai.mrk' }));
    const at = ABAI.indexOf('=LDR  00000cam');
    expect(recs[1]!.place).toEqual({ file: 'abai.mrk', index: 1, offset: Buffer.byteLength(ABAI.slice(0, at)), line: 8, recordId: 'RU-000124' });
  });

  it('CRLF line ends, a BOM, several blank lines, # comments and a file without a final newline', async () => {
    const text = `\ufeff#  экспорт MarcEdit\r\n=LDR  00000nam a2200000 i 4500\r\n=001  1\r\n\r\n\r\n\r\n=LDR  00000nam a2200000 i 4500\r\n# comment inside\r\n=001  2`;
    const recs = records(await readAll(read, utf8(text)));
    expect(recs.map((r) => [r.controlValue('001'), r.place.line])).toEqual([
      ['1', 2],
      ['2', 7],
    ]);
  });

  it('a =LDR line starts a new record even without a blank line before it', async () => {
    const recs = records(await readAll(read, utf8('=LDR  00000nam a2200000 i 4500\n=001  1\n=LDR  00000nam a2200000 i 4500\n=001  2\n')));
    expect(recs.map((r) => r.controlValue('001'))).toEqual(['1', '2']);
  });

  it('control fields may hold real spaces (as in marc4j u17_marc4j.mrk8) and {bsol} for a backslash', async () => {
    const [rec] = records(await readAll(read, utf8('=LDR  00000nam a2200000 i 4500\n=008  841016s1982    ii b\n=001  a{bsol}b\\c\n')));
    expect(rec!.controlValue('008')).toBe('841016s1982    ii b');
    expect(rec!.controlValue('001')).toBe('a\\b c');
  });

  it('non-numeric tags: data fields when they have $, control fields otherwise (Aleph FMT, LKR)', async () => {
    const [rec] = records(await readAll(read, utf8('=LDR  00000nam a2200000 i 4500\n=FMT  BK\n=LKR  \\\\$aUP$b000123\n')));
    expect(rec!.fields).toEqual([controlField('FMT', 'BK'), dataField('LKR', ' ', ' ', subfields('a', 'UP', 'b', '000123'))]);
  });

  it('subfield codes are whatever follows $, even $ itself; empty values are kept', async () => {
    const [rec] = records(await readAll(read, utf8('=LDR  00000nam a2200000 i 4500\n=500  \\\\$a$b{dollar}$$x\n')));
    expect(rec!.dataFields('500')[0]!.subfields).toEqual(subfields('a', '', 'b', '$', '$', 'x'));
  });

  it('streams: the first record comes out after the first chunks', async () => {
    const chunks = Array.from({ length: 1000 }, (_, i) => utf8(`=LDR  00000nam a2200000 i 4500\n=001  ${i}\n=245  10$aАбай жолы\n\n`));
    const { pulled, first } = await chunksPulledForFirstItem(read, chunks);
    expect(first?.kind).toBe('record');
    expect(pulled).toBeLessThanOrEqual(3);
  });

  it('reads the same for every chunking (1, 7, 4096 bytes, whole)', async () => {
    const text = `${ABAI}\n=LDR  00000nam a2200000 i 4500\nbad line\n\n=LDR  00000nam a2200000 i 4500\n=245  1$ax\n`;
    const reads = await readInChunks(read, utf8(text), { mode: 'lenient' });
    expect(reads[0]!.items.map((i) => i.kind)).toEqual(['record', 'record', 'reject', 'reject']);
    for (const r of reads) expect(r.items).toEqual(reads[0]!.items);
  });

  it('MARC-8 mnemonics decode (diacritics after their base, NFC) and {esc} sequences go through the MARC-8 decoder', () => {
    expect(decodeMnemonics('{Lstrok}{acute}od{acute}z')).toEqual({ value: 'Łódź', converted: true });
    expect(decodeMnemonics('98.6{deg} {copy}1999 {esc}p0{esc}s')).toEqual({ value: '98.6° ©1999 ⁰', converted: true });
    // Cyrillic through MARC-8 escape sequences (ESC ( N selects basic Cyrillic, ESC ( B back to ASCII)
    const mnemonic = encodeMnemonicsMarc8('Война и мир');
    expect(mnemonic).toMatch(/^\{esc\}\(N.*\{esc\}\(B$/);
    expect(decodeMnemonics(mnemonic).value).toBe('Война и мир');
    // mixed with UTF-8 text: the mnemonic becomes its character, the mark goes after its base
    expect(decodeMnemonics('Қаз{acute}ақ {copy}')).toEqual({ value: 'Қаза\u0301қ ©', converted: true });
    expect(decodeMnemonics('{esc}(N with Қ').error).toMatch(/escape/);
  });

  it('cp1251 text (ReadOptions.encoding) for MarcEdit files saved in the ANSI code page', async () => {
    const bytes = iconv.encode('=LDR  00000nam a2200000 i 4500\r\n=245  10$aВойна и мир\r\n', 'windows-1251');
    const [rec] = records(await readAll(read, bytes, { encoding: 'cp1251' }));
    expect(rec!.subfieldValues('245', 'a')).toEqual(['Война и мир']);
  });
});

describe('readMrk: problems in each mode', () => {
  it('a line that is not "=TAG  …": E_MNEMONIC with its line; strict throws, skip and lenient reject the record', async () => {
    const text = `=LDR  00000nam a2200000 i 4500\n=001  1\n\n=LDR  00000nam a2200000 i 4500\n=001  2\nАбай жолы\n=245  10$ax\n\n=LDR  00000nam a2200000 i 4500\n=001  3\n`;
    const error = await strictError(read, utf8(text), { file: 'x.mrk' });
    expect(error).toMatchObject({ code: 'E_MNEMONIC', place: { file: 'x.mrk', index: 1, line: 6 } });
    for (const mode of ['skip', 'lenient'] as const) {
      const items = await readAll(read, utf8(text), { mode });
      expect(items.map((i) => (i.kind === 'record' ? i.record.controlValue('001') : i.reject.code))).toEqual(['1', 'E_MNEMONIC', '3']);
      expect(rejects(items)[0]).toMatchObject({ place: { index: 1, line: 6 }, raw: '=LDR  00000nam a2200000 i 4500\n=001  2\nАбай жолы\n=245  10$ax' });
    }
  });

  it('one space after the tag: lenient reads it (W_MNEMONIC_REPAIRED), strict E_MNEMONIC', async () => {
    const text = '=LDR 00000nam a2200000 i 4500\n=245 10$aАбай жолы\n';
    const [rec] = records(await readAll(read, utf8(text)));
    expect(rec!.dataFields('245')[0]).toEqual(dataField('245', '1', '0', subfields('a', 'Абай жолы')));
    expect(rec!.warnings.map((w) => [w.code, w.place.line])).toEqual([
      ['W_MNEMONIC_REPAIRED', 1],
      ['W_MNEMONIC_REPAIRED', 2],
    ]);
    expect(await strictError(read, utf8(text))).toMatchObject({ code: 'E_MNEMONIC', place: { line: 1 } });
  });

  it('no =LDR line: lenient assumes the default leader (W_LEADER_MISSING); strict E_MNEMONIC', async () => {
    const text = '=001  1\n=245  10$aАбай жолы\n';
    const [rec] = records(await readAll(read, utf8(text)));
    expect(rec!.leader.value).toBe('00000nam a2200000 i 4500');
    expect(rec!.warnings.map((w) => w.code)).toEqual(['W_LEADER_MISSING']);
    expect((await strictError(read, utf8(text))).code).toBe('E_MNEMONIC');
  });

  it('indicators: missing → blanks (W_INDICATORS_MISSING); one, or not letter/digit/blank → E_INDICATOR', async () => {
    const [rec] = records(await readAll(read, utf8('=LDR  00000nam a2200000 i 4500\n=245  $aАбай\n')));
    expect(rec!.dataFields('245')[0]).toMatchObject({ ind1: ' ', ind2: ' ' });
    expect(rec!.warnings.map((w) => w.code)).toEqual(['W_INDICATORS_MISSING']);
    for (const line of ['=245  1$aАбай', '=245  #0$aАбай']) {
      expect(rejects(await readAll(read, utf8(`=LDR  00000nam a2200000 i 4500\n${line}\n`)))[0]?.code, line).toBe('E_INDICATOR');
    }
  });

  it('text before the first $: lenient keeps it as $_ (W_DATA_BEFORE_SUBFIELD)', async () => {
    const [rec] = records(await readAll(read, utf8('=LDR  00000nam a2200000 i 4500\n=245  10Абай$bжолы\n')));
    expect(rec!.dataFields('245')[0]!.subfields).toEqual(subfields('_', 'Абай', 'b', 'жолы'));
    expect(rec!.warnings.map((w) => w.code)).toEqual(['W_DATA_BEFORE_SUBFIELD']);
  });

  it('bad tags, a $ at the end of a line, a short leader', async () => {
    const cases: [string, string][] = [
      ['=24   10$ax', 'E_TAG'],
      ['=245  10$ax$', 'E_SUBFIELD_CODE'],
      ['=245  10$ax$é', 'E_SUBFIELD_CODE'],
    ];
    for (const [line, code] of cases) {
      expect(rejects(await readAll(read, utf8(`=LDR  00000nam a2200000 i 4500\n${line}\n`)))[0]?.code, line).toBe(code);
    }
    expect(rejects(await readAll(read, utf8('=LDR  00000nam\n')))[0]?.code).toBe('E_LEADER');
  });

  it('bytes that are not UTF-8: lenient replaces them (W_ENCODING_REPLACED), strict E_ENCODING', async () => {
    const bytes = Buffer.concat([utf8('=LDR  00000nam a2200000 i 4500\n=245  10$a'), Buffer.from([0xc2, 0x41]), utf8('\n')]);
    const [rec] = records(await readAll(read, bytes));
    expect(rec!.subfieldValues('245', 'a')).toEqual(['\ufffdA']);
    expect(await strictError(read, bytes)).toMatchObject({ code: 'E_ENCODING', place: { line: 2 } });
  });

  it('a MARC delimiter in a value is kept with a W_CONTROL_CHARACTER notice', async () => {
    const [rec] = records(await readAll(read, utf8('=LDR  00000nam a2200000 i 4500\n=245  10$aАбай\u001fжолы\n'), { mode: 'strict' }));
    expect(rec!.warnings.map((w) => [w.code, w.place.tag, w.place.subfield])).toEqual([['W_CONTROL_CHARACTER', '245', 'a']]);
  });
});
