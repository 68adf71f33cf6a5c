/**
 * Junk between whole records: a record whose leader length lands exactly on its record
 * terminator is read whatever follows it, and the bytes after it that start no record are
 * rejected on their own (a UTF-8 byte order mark between records, as `cat` of two exports
 * leaves, is skipped with W_INTER_RECORD_BYTES). No record may vanish into another.
 */
import { describe, expect, it } from 'vitest';
import { Leader, MarcRecord, type ReadItem, controlField, dataField, readIso2709All, splitIntoChunks, subfields, writeIso2709 } from '../../src/index.js';

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
