import { describe, expect, it } from 'vitest';
import { Framer, Leader, MarcRecord, controlField, dataField, splitIntoChunks, subfields, writeIso2709 } from '../../src/index.js';

function record(n: number): Uint8Array {
  return writeIso2709(
    new MarcRecord(Leader.DEFAULT, [
      controlField('001', `rec-${n}`),
      dataField('245', '0', '0', subfields('a', `Қазақ тілі ${n}`.repeat(1 + (n % 5)))),
    ]),
  );
}

function frameAll(bytes: Uint8Array, chunk: number) {
  const framer = new Framer();
  const out = [];
  for (const c of splitIntoChunks(bytes, chunk)) {
    framer.push(c);
    out.push(...framer.drain(false));
  }
  out.push(...framer.drain(true));
  return out.map((f) => ({ ...f, bytes: Buffer.from(f.bytes).toString('base64') }));
}

describe('Framer', () => {
  const records = [record(1), record(2), record(3)];
  const clean = Buffer.concat(records);

  it('frames by the leader length', () => {
    const frames = frameAll(clean, clean.length);
    expect(frames.map((f) => f.offset)).toEqual([0, records[0]!.length, records[0]!.length + records[1]!.length]);
    expect(frames.every((f) => !f.lengthProblem && !f.truncated)).toBe(true);
  });

  it('skips CR/LF/NUL between records and says how many', () => {
    const bytes = Buffer.concat([records[0]!, Buffer.from('\r\n'), records[1]!, Buffer.from('\0\n')]);
    const frames = frameAll(bytes, bytes.length);
    expect(frames).toHaveLength(2);
    expect(frames[1]!.skippedBefore).toBe(2);
    expect(frames[1]!.offset).toBe(records[0]!.length + 2);
  });

  it('frames by terminator when the length counts characters, keeping the next record intact', () => {
    const first = Buffer.from(records[0]!);
    const chars = Buffer.from(first).toString('utf8').length;
    first.write(String(chars).padStart(5, '0'), 0, 'latin1');
    const bytes = Buffer.concat([first, records[1]!]);
    const frames = frameAll(bytes, bytes.length);
    expect(frames).toHaveLength(2);
    expect(frames[0]!.lengthProblem?.code).toBe('E_RECORD_TERMINATOR');
    expect(frames[0]!.bytes).toBe(first.toString('base64'));
    expect(frames[1]!.lengthProblem).toBeUndefined();
  });

  it('is not fooled by a 0x1D inside a value when the length is right', () => {
    const r = Buffer.from(records[1]!);
    const at = r.indexOf(Buffer.from('Қазақ'));
    r[at + 2] = 0x1d;
    const bytes = Buffer.concat([records[0]!, r, records[2]!]);
    const frames = frameAll(bytes, bytes.length);
    expect(frames).toHaveLength(3);
    expect(frames[1]!.bytes).toBe(r.toString('base64'));
  });

  it('reports a truncated last record instead of dropping it', () => {
    const bytes = Buffer.concat([records[0]!, records[1]!.subarray(0, 40)]);
    const frames = frameAll(bytes, bytes.length);
    expect(frames).toHaveLength(2);
    expect(frames[1]!.truncated).toBe(true);
    expect(frames[1]!.offset).toBe(records[0]!.length);
  });

  it('gives identical frames whatever the chunk size', () => {
    const first = Buffer.from(records[0]!);
    first.write('99999', 0, 'latin1');
    const bytes = Buffer.concat([first, Buffer.from('\n'), records[1]!, Buffer.from('\r\n'), records[2]!, records[0]!.subarray(0, 30)]);
    const whole = frameAll(bytes, bytes.length);
    for (const size of [1, 2, 3, 7, 24, 25, 100, 4096]) expect(frameAll(bytes, size)).toEqual(whole);
  });
});
