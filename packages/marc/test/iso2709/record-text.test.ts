/**
 * The one-pass text of UTF-8 records (record-text.ts, utf8-wasm.ts): the
 * WebAssembly pass, its JavaScript twin and the general field-by-field decoder
 * must give the same fields, whatever the record holds and whenever its
 * fields are read.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Iso2709FieldSource } from '../../src/iso2709/field-source.js';
import { parseFrame } from '../../src/iso2709/parse-frame.js';
import { readIso2709All } from '../../src/iso2709/reader.js';
import { usesWebAssembly, utf8RecordText } from '../../src/iso2709/record-text.js';
import { writeIso2709 } from '../../src/iso2709/writer.js';
import { type Field, controlField, dataField, subfields } from '../../src/record/field.js';
import { Leader } from '../../src/record/leader.js';
import { MarcRecord } from '../../src/record/record.js';
import { recordArb } from '../fuzz/arbitraries.js';

function abai(extra: Field[] = []): MarcRecord {
  return new MarcRecord(Leader.DEFAULT, [
    controlField('001', 'KZ-000042'),
    controlField('008', '240101s2019    kz            000 1 kaz d'),
    dataField('100', '1', ' ', subfields('a', 'Әуезов, М.')),
    dataField('245', '1', '0', subfields('a', 'Абай жолы :', 'b', 'роман-эпопея /', 'c', 'М. Әуезов.')),
    dataField('852', ' ', ' ', subfields('a', 'ЦБС Караганды', 'b', 'Ф-л №4', 'h', 'Р1', 'p', 'KX-000123')),
    ...extra,
  ]);
}

/**
 * A record's fields decoded two ways: the reader's fast path (one-pass text)
 * and the general field-by-field decoder. (The JavaScript twin makes the same
 * text and layout as the WebAssembly pass, tested below, and fields are cut
 * from them by the same code.)
 */
function decodedTwoWays(bytes: Uint8Array): { fast: readonly Field[]; general: readonly Field[] } {
  const buffer = Buffer.from(bytes);
  const parsed = parseFrame(buffer, 'valid');
  const source = (validity: 'valid' | 'unknown') => new Iso2709FieldSource(buffer, parsed.fields, parsed.indicatorCount, 'utf-8', 'none', validity);
  return { fast: MarcRecord.lazy(parsed.leader, source('valid')).fields, general: MarcRecord.lazy(parsed.leader, source('unknown')).fields };
}

/** The record with every non-ASCII character of its values replaced by '?'. */
function asciiOnly(record: MarcRecord): MarcRecord {
  const plain = (text: string): string => text.replace(/[^\x00-\x7f]/g, '?');
  return new MarcRecord(
    record.leader,
    record.fields.map((f) => (f.kind === 'control' ? controlField(f.tag, plain(f.value)) : dataField(f.tag, f.ind1, f.ind2, f.subfields.map((sf) => ({ code: sf.code, value: plain(sf.value) }))))),
  );
}

describe('one-pass text of UTF-8 records', () => {
  it('runs on WebAssembly in Node.js', () => {
    expect(usesWebAssembly()).toBe(true);
  });

  it('reads Kazakh and Russian fields as the general decoder does', async () => {
    const bytes = writeIso2709(abai([dataField('500', ' ', ' ', subfields('a', 'Толстой Л. «Война и мир» — 𝄞 ﻿BOM'))]));
    const { fast, general } = decodedTwoWays(bytes);
    expect(fast).toEqual(general);
    const [item] = await readIso2709All(bytes, { mode: 'strict' });
    if (item?.kind !== 'record') throw new Error('expected a record');
    expect(item.record.subfieldValues('245', 'a')).toEqual(['Абай жолы :']);
    expect(item.record.subfieldValues('500', 'a')).toEqual(['Толстой Л. «Война и мир» — 𝄞 ﻿BOM']);
  });

  it('gives the same fields on every engine for any well-formed record', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        const { fast, general } = decodedTwoWays(writeIso2709(record));
        expect(fast).toEqual(general);
        expect(fast).toEqual(record.fields);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same text from the JavaScript twin as from WebAssembly', () => {
    fc.assert(
      fc.property(recordArb, fc.boolean(), (record, ascii) => {
        const bytes = Buffer.from(writeIso2709(ascii ? asciiOnly(record) : record));
        const parsed = parseFrame(bytes, ascii ? 'ascii' : 'valid');
        const wasm = utf8RecordText(bytes, parsed.fields, 2, ascii, ascii, undefined, true);
        const js = utf8RecordText(bytes, parsed.fields, 2, ascii, ascii, undefined, true, 'js');
        expect(js).toEqual(wasm);
        expect(wasm).toBeDefined();
      }),
      { numRuns: 200 },
    );
  });

  it('reads text of every mix of one- to four-byte characters, at every alignment, as written', async () => {
    // The WebAssembly pass takes four bytes at a time where they are two Cyrillic letters or
    // four ASCII graphic characters; runs of each that start and end at any byte, delimiters
    // and a control character inside such a window must all come out as written.
    const pieces = ['а', 'Ә', 'і', 'ң', 'a', 'Z', ' ', '7', '~', '\x7f', '€', '𝄞', 'Ω'];
    const value = fc.array(fc.constantFrom(...pieces), { minLength: 0, maxLength: 24 }).map((parts) => parts.join(''));
    const field = fc.record({ a: value, b: value, control: value });
    await fc.assert(
      fc.asyncProperty(fc.array(field, { minLength: 1, maxLength: 6 }), async (specs) => {
        const fields: Field[] = [controlField('001', 'x')];
        for (const spec of specs) {
          fields.push(controlField('009', spec.control));
          fields.push(dataField('245', '1', '0', subfields('a', spec.a, 'b', spec.b)));
        }
        const record = new MarcRecord(Leader.DEFAULT, fields);
        const bytes = Buffer.from(writeIso2709(record));
        const parsed = parseFrame(bytes, 'valid');
        expect(utf8RecordText(bytes, parsed.fields, 2, false, false, undefined, true)).toEqual(utf8RecordText(bytes, parsed.fields, 2, false, false, undefined, true, 'js'));
        const [item] = await readIso2709All(bytes, { mode: 'strict' });
        if (item?.kind !== 'record') throw new Error('expected a record');
        expect(item.record.fields).toEqual(record.fields);
      }),
      { numRuns: 400, seed: 2709 },
    );
  });

  it('keeps all-ASCII records as they are', async () => {
    const bytes = writeIso2709(new MarcRecord(Leader.DEFAULT, [controlField('001', 'ocm12345'), dataField('245', '1', '0', subfields('a', 'War and peace /', 'c', 'L. Tolstoy.'))]));
    const [item] = await readIso2709All(bytes);
    if (item?.kind !== 'record') throw new Error('expected a record');
    expect(item.record.fields).toEqual([controlField('001', 'ocm12345'), dataField('245', '1', '0', subfields('a', 'War and peace /', 'c', 'L. Tolstoy.'))]);
  });

  it('reads the fields of a record read long before as those read at once', async () => {
    const records = Array.from({ length: 30 }, (_, i) => abai([dataField('245', '0', '0', subfields('a', `Көшпенділер ${i}`, 'c', 'Есенберлин І.'))]));
    const file = Buffer.concat(records.map((r) => writeIso2709(r)));
    // All records are parsed first, so every record but the last has lost its text to the next one.
    const later = await readIso2709All(file);
    const atOnce: (readonly Field[])[] = [];
    for (const item of await readIso2709All(file)) if (item.kind === 'record') atOnce.push(item.record.fields);
    expect(later.map((item) => (item.kind === 'record' ? item.record.fields : undefined))).toEqual(records.map((r) => r.fields));
    expect(atOnce).toEqual(records.map((r) => r.fields));
  });

  it('reads a field asked for alone, then the rest, as the whole record', async () => {
    const [item] = await readIso2709All(writeIso2709(abai()));
    if (item?.kind !== 'record') throw new Error('expected a record');
    const f852 = item.record.first('852');
    expect(item.record.fields[4]).toBe(f852);
    expect(item.record.fields).toEqual(abai().fields);
  });

  it('reads records too large for the WebAssembly memory with the JavaScript twin', async () => {
    // 5,000 fields of 20 bytes with a sound directory: over 128 KiB, more than leader/00-04 can say
    const value = 'Әуезов М'; // 20 bytes of UTF-8 with the indicators, the delimiter, the code and the terminator
    const field = Buffer.from(`  \x1fa${value}\x1e`, 'utf8');
    const count = 5000;
    const directory = Buffer.alloc(count * 12);
    for (let i = 0; i < count; i++) directory.write(`500${String(field.length).padStart(4, '0')}${String(i * field.length).padStart(5, '0')}`, i * 12, 'latin1');
    const base = 24 + directory.length + 1;
    const leader = Buffer.from(`99999nam a22${String(base).padStart(5, '0')} i 4500`, 'latin1');
    const bytes = Buffer.concat([leader, directory, Buffer.from([0x1e]), ...Array.from({ length: count }, () => field), Buffer.from([0x1d])]);
    expect(bytes.length).toBeGreaterThan(128 * 1024);
    const [item] = await readIso2709All(bytes, { mode: 'lenient' });
    if (item?.kind !== 'record') throw new Error('expected a record');
    expect(item.record.warnings.map((w) => w.code)).toEqual(['E_RECORD_TERMINATOR']);
    expect(item.record.fields).toHaveLength(count);
    expect(new Set(item.record.fields.map((f) => JSON.stringify(f)))).toEqual(new Set([JSON.stringify(dataField('500', ' ', ' ', subfields('a', value)))]));
  });

  it('leaves a directory that points into a character to the general decoder', async () => {
    // 245 made one byte shorter: it ends inside its "Ә"
    const bytes = Buffer.from(writeIso2709(new MarcRecord(Leader.DEFAULT, [dataField('100', '1', ' ', subfields('a', 'Әуезов')), dataField('245', '1', '0', subfields('a', 'Ә'))])));
    const parsed = parseFrame(bytes, 'valid');
    const moved = parsed.fields.map((f, i) => (i === 1 ? { ...f, end: f.end - 1 } : f));
    expect(utf8RecordText(bytes, moved, 2, false, false, undefined, true)).toBeUndefined();
    expect(utf8RecordText(bytes, moved, 2, false, false, undefined, true, 'js')).toBeUndefined();
  });

  it('notes a control character in a value and still reads it', async () => {
    const bytes = Buffer.from(writeIso2709(abai([dataField('520', ' ', ' ', subfields('a', 'Аннотация'))])));
    const at = bytes.indexOf(Buffer.from('Аннотация'));
    bytes[at + 1] = 0x07; // the second byte of "А" becomes BEL: invalid UTF-8 there, and a control character
    const [lenient] = await readIso2709All(bytes, { mode: 'lenient' });
    if (lenient?.kind !== 'record') throw new Error('expected a record');
    expect(lenient.record.warnings.map((w) => w.code).sort()).toEqual(['E_ENCODING', 'W_CONTROL_CHARACTER']);
    expect(lenient.record.subfieldValues('520', 'a')).toEqual(['\uFFFD\u0007ннотация']);
  });
});
