import { describe, expect, it } from 'vitest';
import { KitapError } from '@kitap/core';
import { Leader, MarcRecord, controlField, dataField, readIso2709All, subfields, writeIso2709 } from '../../src/index.js';

function abai(): MarcRecord {
  return new MarcRecord(Leader.DEFAULT, [
    controlField('001', 'KZ-000123'),
    dataField('100', '1', ' ', subfields('a', 'Әуезов, Мұхтар')),
    dataField('245', '1', '0', subfields('a', 'Абай жолы :', 'b', 'роман-эпопея /', 'c', 'М. Әуезов.')),
    dataField('949', ' ', ' ', subfields('a', 'ЦГБ', 'b', 'КХ-00123', 'c', '1500.00')),
  ]);
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof KitapError) return error.code;
    throw error;
  }
  return undefined;
}

describe('ISO2709 writer', () => {
  it('counts lengths in bytes, not characters', () => {
    const bytes = writeIso2709(abai());
    const text = Buffer.from(bytes).toString('latin1');
    expect(Number(text.slice(0, 5))).toBe(bytes.length);
    // 245 holds Cyrillic: its directory length is the UTF-8 byte count.
    const field245 = '10\x1faАбай жолы :\x1fbроман-эпопея /\x1fcМ. Әуезов.\x1e';
    const entry = text.slice(24).match(/245(\d{4})(\d{5})/)!;
    expect(Number(entry[1])).toBe(Buffer.byteLength(field245, 'utf8'));
    expect(Number(entry[1])).toBeGreaterThan(field245.length);
    expect(bytes[bytes.length - 1]).toBe(0x1d);
    expect(text.charAt(9)).toBe('a');
  });

  it('writes what the reader reads back, field for field', async () => {
    const record = abai();
    const [item] = await readIso2709All(writeIso2709(record), { mode: 'strict' });
    expect(item?.kind).toBe('record');
    if (item?.kind !== 'record') return;
    expect(item.record.fields).toEqual(record.fields);
  });

  it('writes an unmodified UTF-8 record back byte for byte', async () => {
    const original = writeIso2709(abai());
    const [item] = await readIso2709All(original, { mode: 'strict' });
    if (item?.kind !== 'record') throw new Error('expected a record');
    expect(Buffer.from(writeIso2709(item.record)).equals(Buffer.from(original))).toBe(true);
  });

  it('re-serialises a modified record with fresh lengths', async () => {
    const [item] = await readIso2709All(writeIso2709(abai()), { mode: 'strict' });
    if (item?.kind !== 'record') throw new Error('expected a record');
    item.record.addField(dataField('650', ' ', '7', subfields('a', 'Қазақ әдебиеті')));
    const out = writeIso2709(item.record);
    const [again] = await readIso2709All(out, { mode: 'strict' });
    if (again?.kind !== 'record') throw new Error('expected a record');
    expect(again.record.subfieldValues('650', 'a')).toEqual(['Қазақ әдебиеті']);
  });

  it('refuses a field over 9,999 bytes', () => {
    const record = abai().addField(dataField('520', ' ', ' ', subfields('a', 'қ'.repeat(5000))));
    expect(codeOf(() => writeIso2709(record))).toBe('E_FIELD_TOO_LONG');
  });

  it('refuses a record over 99,999 bytes', () => {
    const record = abai();
    for (let i = 0; i < 12; i++) record.addField(dataField('500', ' ', ' ', subfields('a', 'ж'.repeat(4500))));
    expect(codeOf(() => writeIso2709(record))).toBe('E_RECORD_TOO_LONG');
  });

  it('refuses delimiters inside values, bad tags, indicators and subfield codes', () => {
    expect(codeOf(() => writeIso2709(abai().addField(dataField('500', ' ', ' ', subfields('a', 'a\x1eb')))))).toBe('E_DELIMITER_IN_DATA');
    expect(codeOf(() => writeIso2709(abai().addField(controlField('005', 'x\x1dy'))))).toBe('E_DELIMITER_IN_DATA');
    expect(codeOf(() => writeIso2709(abai().addField(dataField('24', ' ', ' ', subfields('a', 'x')))))).toBe('E_TAG');
    expect(codeOf(() => writeIso2709(abai().addField(dataField('500', 'ә', ' ', subfields('a', 'x')))))).toBe('E_INDICATOR');
    expect(codeOf(() => writeIso2709(abai().addField(dataField('500', ' ', ' ', [{ code: 'ab', value: 'x' }]))))).toBe('E_SUBFIELD_CODE');
    expect(codeOf(() => writeIso2709(abai().addField(dataField('500', ' ', ' ', [{ code: ' ', value: 'x' }]))))).toBe('E_SUBFIELD_CODE');
  });

  it('is deterministic', () => {
    expect(Buffer.from(writeIso2709(abai())).equals(Buffer.from(writeIso2709(abai())))).toBe(true);
  });
});

describe('ISO2709 writer: leader/09', () => {
  it('writes "a" (UTF-8) by default, what is given when given, and each record\'s own with null', () => {
    const blank = new MarcRecord(new Leader('00000nam  2200000   4500'), [controlField('001', 'A1'), dataField('245', '1', '0', subfields('a', 'Тест'))]);
    const leader09 = (bytes: Uint8Array): string => String.fromCharCode(bytes[9]!);
    expect(leader09(writeIso2709(blank))).toBe('a');
    expect(leader09(writeIso2709(blank, { characterCoding: 'a' }))).toBe('a');
    expect(leader09(writeIso2709(blank, { characterCoding: null }))).toBe(' ');
    const z = new MarcRecord(new Leader('00000nam z2200000   4500'), blank.fields);
    expect(leader09(writeIso2709(z, { characterCoding: null }))).toBe('z');
  });
});
