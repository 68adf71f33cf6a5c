/**
 * Worker threads of kitap lint and fix read again the frames the main thread
 * cut (`readFrames`): read again, alone or in a run, with the character set it
 * was first read in, a frame must give the same record as it did among the
 * others.
 */
import { describe, expect, it } from 'vitest';
import { Leader, MarcRecord, controlField, dataField, readFrames, readIso2709All, subfields, writeIso2709 } from '../../src/index.js';
import { legacyIso2709 as legacy } from './legacy-bytes.js';

function record(n: number, title: string, author = 'Ә. Нұрпейісов.'): MarcRecord {
  return new MarcRecord(Leader.DEFAULT, [
    controlField('001', `KZ-${n}`),
    controlField('008', '140418s2009    kz a   j      000 1 kaz d'),
    dataField('245', '1', '0', subfields('a', title, 'c', author)),
    dataField('949', ' ', ' ', subfields('a', 'ЦГБ', 'i', `${1000 + n}`, 'c', '1500.00')),
  ]);
}

/** A catalog with what the reader has to work at: a BOM, bytes between records, legacy sets, a wrong length, a damaged record. */
function catalog(): Buffer {
  const parts: Buffer[] = [Buffer.from([0xef, 0xbb, 0xbf])];
  parts.push(Buffer.from(writeIso2709(record(1, 'Қан мен тер'))));
  parts.push(Buffer.from('\r\n'));
  parts.push(legacy(record(2, 'Абай жолы'), 'rk1048'));
  parts.push(legacy(record(3, 'Война и мир', 'Л. Н. Толстой.'), 'cp1251'));
  const wrongLength = Buffer.from(writeIso2709(record(4, 'Көшпенділер')));
  wrongLength.write(String(wrongLength.length - 7).padStart(5, '0'), 0, 'latin1');
  parts.push(wrongLength);
  parts.push(Buffer.from('00042nam a2200037   4500\x1e\x1d', 'latin1'));
  parts.push(Buffer.from(writeIso2709(record(5, 'Ақ кеме'))));
  return Buffer.concat(parts);
}

describe('readFrames', () => {
  it('gives each record of a file again from its frame, the same fields, id and character set', async () => {
    const bytes = catalog();
    const items = await readIso2709All(bytes, { file: 'catalog.mrc' });
    const records = items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
    expect(records.map((r) => r.controlValue('001'))).toEqual(['KZ-1', 'KZ-2', 'KZ-3', 'KZ-4', 'KZ-5']);
    // The Russian record after the Kazakh one is read in the set before it (detection keeps it): read alone, it must be too.
    expect(records.map((r) => r.sourceCharset)).toEqual(['utf-8', 'rk1048', 'rk1048', 'utf-8', 'utf-8']);
    for (const r of records) {
      const offset = r.place.offset!;
      const frame = bytes.subarray(offset, offset + r.sourceBytes!.length);
      expect(Buffer.from(frame).equals(Buffer.from(r.sourceBytes!))).toBe(true);
      const again = [...readFrames(frame, { encoding: r.sourceCharset!, file: 'catalog.mrc' })];
      expect(again).toHaveLength(1);
      const item = again[0]!;
      if (item.kind !== 'record') throw new Error(`record ${r.place.index} was not read again`);
      expect(item.record.fields).toEqual(r.fields);
      expect(item.record.leader.value).toBe(r.leader.value);
      expect(item.record.place.recordId).toBe(r.place.recordId);
      expect(item.record.sourceCharset).toBe(r.sourceCharset);
    }
  });

  it('reads a run of frames in one character set one by one, as the streaming reader does (a worker thread\'s batch)', async () => {
    const bytes = catalog();
    const first = await readIso2709All(bytes);
    // The last two frames: a damaged one and a record, read in UTF-8.
    const before = first[first.length - 3]!;
    if (before.kind !== 'record') throw new Error('a record comes before the damaged frame');
    const from = before.record.place.offset! + before.record.sourceBytes!.length;
    const items = [...readFrames(bytes.subarray(from), { encoding: 'utf-8' })];
    expect(items.map((i) => i.kind)).toEqual(['reject', 'record']);
    const last = first[first.length - 1]!;
    if (last.kind !== 'record' || items[1]!.kind !== 'record') throw new Error('the last frame is a record');
    expect(items[1]!.record.fields).toEqual(last.record.fields);
    // Pulled lazily: a generator that is left after the first item reads no further.
    const lazy = readFrames(bytes.subarray(from), { encoding: 'utf-8' });
    expect(lazy.next().value?.kind).toBe('reject');
    lazy.return();
  });

  it('takes the set it is given as the one found before: no notice that the bytes disagree (the first reading gave it)', async () => {
    const bytes = legacy(record(7, 'Қазақ әдебиеті'), 'rk1048');
    const first = await readIso2709All(bytes, { encoding: 'cp1251' });
    const noticed = (items: readonly { kind: string; record?: MarcRecord }[]): boolean =>
      items.some((i) => i.record?.warnings.some((w) => w.code === 'W_CHARSET_GIVEN_MISMATCH') ?? false);
    expect(noticed(first)).toBe(true);
    const again = [...readFrames(bytes, { encoding: 'cp1251' })];
    expect(noticed(again)).toBe(false);
    if (again[0]?.kind !== 'record' || first[0]?.kind !== 'record') throw new Error('read as records');
    expect(again[0].record.fields).toEqual(first[0].record.fields);
  });

  it('reads the bytes of a damaged frame as a reject, as the first reading did', () => {
    const again = [...readFrames(Buffer.from('00042nam a2200037   4500\x1e\x1d', 'latin1'), { encoding: 'utf-8' })];
    expect(again.map((i) => i.kind)).toEqual(['reject']);
  });
});
