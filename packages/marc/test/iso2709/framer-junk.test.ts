/**
 * Junk between whole records: a record whose leader length lands exactly on its record
 * terminator is read whatever follows it, and the bytes after it that start no record are
 * rejected on their own (a UTF-8 byte order mark between records, as `cat` of two exports
 * leaves, is skipped with W_INTER_RECORD_BYTES). No record may vanish into another.
 */
import { describe, expect, it } from 'vitest';
import { Leader, MarcRecord, type ReadItem, controlField, dataField, readIso2709All, readRecords, sniffFormat, splitIntoChunks, subfields, writeIso2709 } from '../../src/index.js';

function record(n: number): Buffer {
  return Buffer.from(
    writeIso2709(
      new MarcRecord(Leader.DEFAULT, [
        controlField('001', `rec-${n}`),
        dataField('245', '0', '0', subfields('a', `Қазақ тілі ${n} `.repeat(1 + (n % 4)))),
      ]),
    ),
  );
}

/** The record with its leader length counted in characters instead of bytes (too small). */
function charLength(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy.write(String(copy.toString('utf8').length).padStart(5, '0'), 0, 'latin1');
  return copy;
}

interface Seen {
  kind: 'record' | 'reject';
  id?: string | undefined;
  code?: string;
  offset?: number | undefined;
  raw?: string;
  warnings?: string[];
}

function summarise(items: ReadItem[]): Seen[] {
  return items.map((item) =>
    item.kind === 'record'
      ? {
          kind: 'record',
          id: item.record.fields.find((f) => f.tag === '001' && f.kind === 'control')?.value,
          warnings: item.record.warnings.map((w) => `${w.code}@${w.place.offset}`),
        }
      : { kind: 'reject', code: item.reject.code, offset: item.reject.place.offset, raw: Buffer.from(item.reject.raw).toString('latin1') },
  );
}

/** Reads the bytes whole and in small chunks (no coalescing); the results must agree. */
async function readEveryWay(bytes: Buffer): Promise<Seen[]> {
  const whole = summarise(await readIso2709All(bytes, { mode: 'lenient' }));
  for (const size of [1, 2, 3, 5, 7, 24, 25, 64]) {
    const chunked = summarise(await readIso2709All(splitIntoChunks(bytes, size), { mode: 'lenient', coalesceBytes: 0 }));
    expect(chunked, `chunks of ${size}`).toEqual(whole);
  }
  return whole;
}

const [r1, r2, r3] = [record(1), record(2), record(3)];

describe('junk after a whole record', () => {
  for (const junk of ['JUNK', '\x01garbage\xff', '12', ' x ']) {
    it(`reads the record before ${JSON.stringify(junk)}, rejects the junk alone and reads the next record`, async () => {
      const junkBytes = Buffer.from(junk, 'latin1');
      const bytes = Buffer.concat([r1, r2, junkBytes, r3]);
      const seen = await readEveryWay(bytes);
      expect(seen.map((s) => s.kind)).toEqual(['record', 'record', 'reject', 'record']);
      expect(seen.filter((s) => s.kind === 'record').map((s) => s.id)).toEqual(['rec-1', 'rec-2', 'rec-3']);
      expect(seen[1]!.warnings).toEqual([]);
      expect(seen[2]).toMatchObject({ code: 'E_TRUNCATED', offset: r1.length + r2.length, raw: junkBytes.toString('latin1') });
      expect(seen[3]!.warnings).toEqual([]);
    });
  }

  it('rejects junk after the last whole record on its own', async () => {
    const bytes = Buffer.concat([r1, r2, Buffer.from('JUNK')]);
    const seen = await readEveryWay(bytes);
    expect(seen.map((s) => s.kind)).toEqual(['record', 'record', 'reject']);
    expect(seen[2]).toMatchObject({ code: 'E_TRUNCATED', offset: r1.length + r2.length, raw: 'JUNK' });
  });

  it('still skips CR/LF/NUL between records with W_INTER_RECORD_BYTES', async () => {
    const bytes = Buffer.concat([r1, Buffer.from('\r\n\0'), r2]);
    const seen = await readEveryWay(bytes);
    expect(seen.map((s) => s.id)).toEqual(['rec-1', 'rec-2']);
    expect(seen[1]!.warnings).toEqual([`W_INTER_RECORD_BYTES@${r1.length}`]);
  });
});

describe('format auto on ISO2709 that starts with bytes the reader skips', () => {
  for (const [what, prefix] of [
    ['NUL bytes', Buffer.from([0, 0])],
    ['CR LF then a UTF-8 byte order mark', Buffer.from([0x0d, 0x0a, 0xef, 0xbb, 0xbf])],
    ['a byte order mark then CR LF', Buffer.from([0xef, 0xbb, 0xbf, 0x0d, 0x0a])],
  ] as const) {
    it(`recognises the records after ${what}, as --from iso2709 reads them`, async () => {
      const bytes = Buffer.concat([prefix, r1, r2]);
      expect(sniffFormat(bytes)).toBe('iso2709');
      const items: ReadItem[] = [];
      for await (const item of readRecords([bytes], { format: 'auto' })) items.push(item);
      const seen = summarise(items);
      expect(seen.map((s) => s.id)).toEqual(['rec-1', 'rec-2']);
      expect(seen[0]!.warnings).toEqual(['W_INTER_RECORD_BYTES@0']);
    });
  }

  it('guesses no other format after NUL bytes', () => {
    expect(sniffFormat(Buffer.from('\0\0<collection/>'))).toBeUndefined();
    expect(sniffFormat(Buffer.from('\r\n<collection/>'))).toBe('marcxml');
  });
});

describe('a record cut off, then a whole record, then junk', () => {
  it('reads the whole record that the cut-off one runs into, and rejects the cut-off part and the junk on their own', async () => {
    const r4 = record(4);
    const cut = r2.subarray(0, 50);
    const bytes = Buffer.concat([r1, cut, r3, Buffer.from('JUNK'), r4]);
    const seen = await readEveryWay(bytes);
    expect(seen.map((s) => s.kind)).toEqual(['record', 'reject', 'record', 'reject', 'record']);
    expect(seen.filter((s) => s.kind === 'record').map((s) => s.id)).toEqual(['rec-1', 'rec-3', 'rec-4']);
    expect(seen[1]).toMatchObject({ code: 'E_TRUNCATED', offset: r1.length, raw: cut.toString('latin1') });
    expect(seen[3]).toMatchObject({ code: 'E_TRUNCATED', offset: r1.length + cut.length + r3.length, raw: 'JUNK' });
  });
});

describe('junk before a record whose length is wrong', () => {
  it('skips a byte order mark between records and repairs the next record’s length (nothing swallowed)', async () => {
    const bad = charLength(r2);
    expect(bad.length).not.toBe(Number(bad.subarray(0, 5).toString('latin1')));
    const bytes = Buffer.concat([r1, Buffer.from([0xef, 0xbb, 0xbf]), bad, r3]);
    const seen = await readEveryWay(bytes);
    expect(seen.map((s) => `${s.kind}:${s.id}`)).toEqual(['record:rec-1', 'record:rec-2', 'record:rec-3']);
    expect(seen[0]!.warnings).toEqual([]);
    expect(seen[1]!.warnings).toContain(`W_INTER_RECORD_BYTES@${r1.length}`);
    expect(seen[1]!.warnings!.some((w) => w.startsWith('E_RECORD_TERMINATOR@'))).toBe(true);
    expect(seen[2]!.warnings).toEqual([]);
  });

  it('rejects other junk before such a record on its own and reads the record', async () => {
    const bad = charLength(r2);
    const bytes = Buffer.concat([r1, Buffer.from('JUNK'), bad, r3]);
    const seen = await readEveryWay(bytes);
    expect(seen.map((s) => `${s.kind}:${s.id ?? s.code}`)).toEqual(['record:rec-1', 'reject:E_TRUNCATED', 'record:rec-2', 'record:rec-3']);
    expect(seen[1]).toMatchObject({ offset: r1.length, raw: 'JUNK' });
    expect(seen[2]!.warnings!.some((w) => w.startsWith('E_RECORD_TERMINATOR@'))).toBe(true);
  });
});

describe('bytes skipped between records are reported once per run', () => {
  it('reports the CR/LF before a truncated last record too, as a warning of its own (the record is a reject)', async () => {
    const cut = r3.subarray(0, 30);
    const bytes = Buffer.concat([r1, Buffer.from('\r\n'), r2, Buffer.from('\r\n'), cut]);
    const fileWarnings = async (chunks: Buffer | Iterable<Uint8Array>, coalesce?: number) => {
      const warnings: string[] = [];
      const items = await readIso2709All(chunks, { mode: 'lenient', onWarning: (w) => warnings.push(`${w.code}#${w.place.index}@${w.place.offset}: ${w.message}`), ...(coalesce === undefined ? {} : { coalesceBytes: coalesce }) });
      return { items: summarise(items), warnings };
    };
    const whole = await fileWarnings(bytes);
    expect(whole.items.map((s) => s.kind)).toEqual(['record', 'record', 'reject']);
    expect(whole.items[1]!.warnings).toEqual([`W_INTER_RECORD_BYTES@${r1.length}`]);
    expect(whole.items[2]).toMatchObject({ code: 'E_TRUNCATED', offset: r1.length + 2 + r2.length + 2 });
    expect(whole.warnings).toEqual([`W_INTER_RECORD_BYTES#2@${r1.length + 2 + r2.length}: 2 CR/LF/NUL byte(s) before this record were skipped`]);
    for (const size of [1, 2, 5, 24]) expect(await fileWarnings(splitIntoChunks(bytes, size), 0), `chunks of ${size}`).toEqual(whole);
  });

  it('names a byte order mark after the last record apart, with the offset where the skipped bytes begin', async () => {
    const warnings: string[] = [];
    const items = await readIso2709All(Buffer.concat([r1, Buffer.from([0x0d, 0x0a, 0xef, 0xbb, 0xbf])]), { file: 'a.mrc', onWarning: (w) => warnings.push(`${w.code}@${w.place.offset}: ${w.message}`) });
    expect(items.map((i) => i.kind)).toEqual(['record']);
    expect(warnings).toEqual([`W_INTER_RECORD_BYTES@${r1.length}: a UTF-8 byte order mark and 2 CR/LF/NUL or blank byte(s) after the last record were skipped`]);
  });

  it('puts the warning for the bytes before a record ahead of the record\'s own warnings (input order)', async () => {
    const bytes = Buffer.concat([r1, Buffer.from('\r\n'), charLength(r2)]);
    const seen = await readEveryWay(bytes);
    expect(seen[1]!.warnings?.map((w) => w.split('@')[0])).toEqual(['W_INTER_RECORD_BYTES', 'E_RECORD_TERMINATOR']);
    expect(seen[1]!.warnings?.[0]).toBe(`W_INTER_RECORD_BYTES@${r1.length}`);
  });

  it('reports the CR/LF before junk that is rejected, and in skip mode before a record that is rejected', async () => {
    const junk = Buffer.from('JUNK');
    const warnings: string[] = [];
    await readIso2709All(Buffer.concat([r1, Buffer.from('\n'), junk, r2]), { onWarning: (w) => warnings.push(`${w.code}#${w.place.index}`) });
    expect(warnings).toEqual(['W_INTER_RECORD_BYTES#1']);

    const bad = Buffer.from(r2);
    bad.write('0001X', 12, 'latin1'); // base address not a number: a reject in skip mode
    const skipWarnings: string[] = [];
    const items = await readIso2709All(Buffer.concat([r1, Buffer.from('\r\n'), bad]), { mode: 'skip', onWarning: (w) => skipWarnings.push(`${w.code}#${w.place.index}`) });
    expect(items.map((i) => i.kind)).toEqual(['record', 'reject']);
    expect(skipWarnings).toEqual(['W_INTER_RECORD_BYTES#1']);
  });

  it('counts two byte order marks in a row as two, not as CR/LF bytes', async () => {
    const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
    const message = async (between: Buffer): Promise<string | undefined> => {
      const items = await readIso2709All(Buffer.concat([r1, between, r2]));
      const second = items[1]!;
      expect(second.kind).toBe('record');
      return second.kind === 'record' ? second.record.warnings.find((w) => w.code === 'W_INTER_RECORD_BYTES')?.message : undefined;
    };
    expect(await message(BOM)).toBe('a UTF-8 byte order mark before this record was skipped');
    expect(await message(Buffer.concat([BOM, BOM]))).toBe('2 UTF-8 byte order marks before this record were skipped');
    expect(await message(Buffer.concat([Buffer.from('\r\n'), BOM, BOM]))).toBe('2 UTF-8 byte order marks and 2 CR/LF/NUL byte(s) before this record were skipped');
    expect(await message(Buffer.concat([BOM, Buffer.from('\n')]))).toBe('a UTF-8 byte order mark and 1 CR/LF/NUL byte(s) before this record were skipped');
    // at the start of the input too
    const first = (await readIso2709All(Buffer.concat([BOM, BOM, r1])))[0]!;
    expect(first.kind === 'record' && first.record.warnings.map((w) => w.message)).toEqual(['2 UTF-8 byte order marks before this record were skipped']);
  });
});
