/**
 * Minimal reproductions of the bugs the fuzzers found, asserting the behaviour
 * the docs promise ("what kitap writes it can read back"; "nothing is dropped
 * silently"; "invalid bytes are never replaced silently"; "results do not
 * depend on how the input is split into chunks"). They guard the fixes; a
 * test here that fails names a bug still open in src (the fuzzers fail on the
 * same inputs with their fixed seeds).
 */
import { describe, expect, it } from 'vitest';
import { KitapError } from '@kitap/core';
import { readRecords } from '../../src/formats.js';
import { readIso2709All } from '../../src/iso2709/reader.js';
import { writeIso2709 } from '../../src/iso2709/writer.js';
import { readMarcXml } from '../../src/marcxml/reader.js';
import { mrkEncoder } from '../../src/mrk/writer.js';
import type { ByteInput, ReadItem } from '../../src/read-types.js';
import { type Field, controlField, dataField } from '../../src/record/field.js';
import { MarcRecord } from '../../src/record/record.js';

async function all(items: AsyncIterable<ReadItem>): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** writeIso2709 either refuses the record with a KitapError, or what it writes reads back strictly as the same fields. */
async function writesBackOrRefuses(fields: Field[]): Promise<void> {
  const record = new MarcRecord('00000nam a2200000 i 4500', fields);
  let bytes: Uint8Array;
  try {
    bytes = writeIso2709(record);
  } catch (error) {
    expect(error).toBeInstanceOf(KitapError);
    return;
  }
  const items = await readIso2709All(bytes, { mode: 'strict' }).catch((error: unknown) => {
    throw new Error(`writeIso2709 wrote ${Buffer.from(bytes).toString('base64')}, which reads back as ${String(error)}`);
  });
  expect(items.map((i) => (i.kind === 'record' ? i.record.fields : i.reject.code))).toEqual([fields]);
}

describe('ISO2709 writer: what it writes reads back', () => {
  it('a record without fields (MARCXML/MiJ/mnemonic readers give one) is refused, not written as an E_NO_FIELDS record', async () => {
    await writesBackOrRefuses([]);
  });

  it('a control field with a tag outside 00X (MiJ {"505": "…"}, mnemonic "=LDr  …") is refused, not read back as a data field', async () => {
    await writesBackOrRefuses([controlField('001', 'x'), controlField('505', 'Абай жолы')]);
    await writesBackOrRefuses([controlField('LDr', '38233|v35 2227091nkq4500')]);
  });

  it('a data field with a 00X tag and no subfields (MARCXML <datafield tag="003" …/>, lenient) is refused, not read back as a control field', async () => {
    await writesBackOrRefuses([controlField('001', 'x'), dataField('003', '3', '1', [])]);
  });

  it('…also when the field comes from ISO2709: 003 "31\\x1F" (a delimiter with no code, dropped in lenient mode) is written as "31" and read back as a control field', async () => {
    // 001 "x", 003 "31" + 0x1F
    const bytes = Buffer.from('00058nam a2200037 i 4500001000200000003000400002\x1ex\x1e31\x1f\x1e\x1d', 'latin1');
    const [item] = await readIso2709All(bytes, { mode: 'lenient' });
    expect(item?.kind).toBe('record');
    if (item?.kind !== 'record') return;
    expect(item.record.fields[1]).toEqual(dataField('003', '3', '1', []));
    await writesBackOrRefuses([...item.record.fields]);
  });

  it('a lone surrogate (MiJ "\\ud800") is refused, not replaced by U+FFFD', async () => {
    await writesBackOrRefuses([controlField('001', 'x'), dataField('245', '1', '0', [{ code: 'a', value: 'Абай\ud800' }])]);
  });

  it('an ESC in a value (MiJ "\\u001b", a raw ESC in mnemonic text) is refused with E_ESC_IN_DATA, not read back as a MARC-8 escape sequence', async () => {
    // Found by the mutation fuzzer: written as it was, 245 $a "A␛p4␛(B" came back as "A⁴" and 043 $a "␛-pk---" as "k---".
    const cases: Field[][] = [
      [dataField('245', '1', '0', [{ code: 'a', value: 'A\u001bp4\u001b(B' }])],
      [dataField('043', ' ', ' ', [{ code: 'a', value: '\u001b-pk---' }])],
      [controlField('001', 'x'), controlField('005', '2019\u001b(N')],
    ];
    for (const fields of cases) {
      await writesBackOrRefuses(fields);
      expect(() => writeIso2709(new MarcRecord('00000nam a2200000 i 4500', fields))).toThrow(expect.objectContaining({ code: 'E_ESC_IN_DATA' }));
    }
  });
});

describe('ISO2709 reader: a record that claims UTF-8 but reads as MARC-8', () => {
  it('says so with W_CHARSET_MISMATCH even when its bytes are all ASCII (MARC-8 escapes change the text)', async () => {
    // What the writer wrote for 245 $a "A␛p4␛(B" before it refused ESC: leader/09 "a", ASCII bytes with escapes.
    const bytes = Buffer.from('30303035306e616d206132323030303337206920343530303234353030313230303030301e31301f61411b70341b28421e1d', 'hex');
    const [item] = await readIso2709All(bytes, { mode: 'strict' });
    if (item?.kind !== 'record') throw new Error('expected a record');
    expect(item.record.subfieldValues('245', 'a')).toEqual(['A⁴']);
    expect(item.record.warnings.map((w) => w.code)).toEqual(['W_CHARSET_MISMATCH']);
    // Told it is UTF-8, the reader keeps the text as it is.
    const [utf8] = await readIso2709All(bytes, { mode: 'strict', encoding: 'utf-8' });
    if (utf8?.kind !== 'record') throw new Error('expected a record');
    expect(utf8.record.subfieldValues('245', 'a')).toEqual(['A\u001bp4\u001b(B']);
  });

  it('leaves an all-ASCII record without escapes alone, whatever leader/09 says', async () => {
    const bytes = writeIso2709(new MarcRecord('00000nam a2200000 i 4500', [controlField('001', 'x'), dataField('245', '1', '0', [{ code: 'a', value: 'War and peace' }])]));
    const [item] = await readIso2709All(bytes, { mode: 'strict' });
    if (item?.kind !== 'record') throw new Error('expected a record');
    expect(item.record.warnings).toEqual([]);
  });
});

describe('mnemonic writer', () => {
  it('refuses a lone surrogate (its UTF-8 text would hold U+FFFD instead)', () => {
    const record = new MarcRecord('00000nam a2200000 i 4500', [dataField('245', '1', '0', [{ code: 'a', value: 'Абай\ud800' }])]);
    expect(() => mrkEncoder().encode(record, 0)).toThrow(KitapError);
  });
});

describe('MARCXML reader: nothing is dropped silently', () => {
  const record = '<leader>00000nam a2200000 i 4500</leader><controlfield tag="001">KZ-1</controlfield></record>';
  const docs = [
    `<collection xmlns="http://www.loc.gov/MARC21/slim"><x<record>${record}</collection>`,
    `<collection xmlns="http://www.loc.gov/MARC21/slim"><<record>${record}</collection>`,
    `<collection xmlns="http://www.loc.gov/MARC21/slim"><reco<record>rd>${record}</collection>`,
  ];

  it.each(docs)('a "<" inside a tag before a record start: the record is read or rejected (lenient), strict throws: %s', async (doc) => {
    const items = await all(readMarcXml(Buffer.from(doc), { mode: 'lenient' }));
    expect(items.length).toBeGreaterThan(0);
    await expect(all(readMarcXml(Buffer.from(doc), { mode: 'strict' }))).rejects.toBeInstanceOf(KitapError);
  });
});

describe('readRecords with format auto does not depend on the first chunk', () => {
  const mrk = Buffer.from('\uFEFF=LDR  00000nam a2200000 i 4500\n=001  KZ-1\n');
  const xml = Buffer.from('\n<collection xmlns="http://www.loc.gov/MARC21/slim"><record><leader>00000nam a2200000 i 4500</leader><controlfield tag="001">KZ-1</controlfield></record></collection>');
  const count = async (input: ByteInput): Promise<number> => (await all(readRecords(input, { format: 'auto' }))).length;

  it('a first chunk holding only a BOM or blanks', async () => {
    expect(await count([mrk])).toBe(1);
    expect(await count([mrk.subarray(0, 1), mrk.subarray(1)])).toBe(1); // E_INPUT now
    expect(await count([xml.subarray(0, 1), xml.subarray(1)])).toBe(1); // E_INPUT now
  });

  it('an empty first chunk', async () => {
    expect(await count([new Uint8Array(0), mrk])).toBe(1); // 0 records, silently, now
  });
});

describe('ISO2709 reader: a UTF-8 byte order mark before the first record', () => {
  // Found by a QA pass: the BOM was framed as part of the first record, whose lenient repairs
  // then shuffled its tags (245 read as 480, 001 lost) and counted it as read.
  const records = [
    new MarcRecord('00000nam a2200000 i 4500', [controlField('001', 'KZ-1'), dataField('245', '1', '0', [{ code: 'a', value: 'Абай жолы' }])]),
    new MarcRecord('00000nam a2200000 i 4500', [controlField('001', 'KZ-2'), dataField('245', '1', '0', [{ code: 'a', value: 'Қан мен тер' }])]),
  ];
  const plain = Buffer.concat(records.map((r) => writeIso2709(r)));
  const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), plain]);

  it('is skipped with a warning on the first record, whatever the chunk size, and the records read as without it', async () => {
    for (const size of [1, 2, 7, withBom.length]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < withBom.length; i += size) chunks.push(withBom.subarray(i, i + size));
      const items = await all(readRecords(chunks, { mode: 'strict' }));
      expect(items.map((i) => (i.kind === 'record' ? i.record.fields : i.reject.code)), `chunks of ${size}`).toEqual(records.map((r) => r.fields));
      const first = items[0]!;
      if (first.kind !== 'record') throw new Error('expected a record');
      expect(first.record.place.offset).toBe(3);
      expect(first.record.warnings.map((w) => [w.code, w.message])).toEqual([['W_INTER_RECORD_BYTES', 'a UTF-8 byte order mark before this record was skipped']]);
    }
  });
});

describe('ISO2709 framer: a record cut off, then whole records (files joined after a broken transfer)', () => {
  // Found by a QA pass: the cut-off record was framed together with the next whole record,
  // which then went to the rejects with it instead of being read.
  const whole = [1, 2, 3].map((n) => writeIso2709(new MarcRecord('00000nam a2200000 i 4500', [controlField('001', `KZ-${n}`), dataField('245', '1', '0', [{ code: 'a', value: `Абай жолы ${n}` }])])));
  const cut = Buffer.from(whole[0]!).subarray(0, 40);
  const joined = Buffer.concat([whole[1]!, cut, whole[2]!, whole[0]!]);

  it('rejects the cut-off part as E_TRUNCATED with its own bytes and offset, and reads the records after it', async () => {
    for (const mode of ['lenient', 'skip'] as const) {
      for (const size of [1, 7, joined.length]) {
        const chunks: Uint8Array[] = [];
        for (let i = 0; i < joined.length; i += size) chunks.push(joined.subarray(i, i + size));
        const items = await all(readRecords(chunks, { mode, format: 'iso2709' }));
        expect(items.map((i) => (i.kind === 'record' ? i.record.controlValue('001') : i.reject.code)), `${mode}, chunks of ${size}`).toEqual(['KZ-2', 'E_TRUNCATED', 'KZ-3', 'KZ-1']);
        const reject = items[1]!;
        if (reject.kind !== 'reject') throw new Error('expected a reject');
        expect(Buffer.from(reject.reject.raw!).equals(cut)).toBe(true);
        expect(reject.reject.place.offset).toBe(whole[1]!.length);
      }
    }
  });
});
