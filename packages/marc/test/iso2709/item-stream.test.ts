/**
 * readIso2709 and readRecords return hand-written async generators
 * (item-stream.ts, formats.ts); they must behave as the `async function*`
 * generators they replace.
 */
import { describe, expect, it } from 'vitest';
import { KitapError } from '@kitap/core';
import { readRecords } from '../../src/formats.js';
import { readIso2709 } from '../../src/iso2709/reader.js';
import { writeIso2709 } from '../../src/iso2709/writer.js';
import { controlField, dataField, subfields } from '../../src/record/field.js';
import { Leader } from '../../src/record/leader.js';
import { MarcRecord } from '../../src/record/record.js';
import type { ReadItem } from '../../src/read-types.js';

const TITLES = ['Абай жолы', 'Көшпенділер', 'Война и мир', 'Қан мен тер', 'Анна Каренина'];

function file(): Buffer {
  return Buffer.concat(
    TITLES.map((title, i) => writeIso2709(new MarcRecord(Leader.DEFAULT, [controlField('001', `KZ-${i + 1}`), dataField('245', '1', '0', subfields('a', title))]))),
  );
}

/** An input that records what was asked of it, one chunk per record. */
function watchedInput(bytes: Buffer): { input: AsyncIterable<Uint8Array>; pulled: () => number; closed: () => boolean } {
  let pulled = 0;
  let closed = false;
  const size = Math.ceil(bytes.length / TITLES.length);
  const input: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]() {
      let at = 0;
      return {
        async next() {
          if (at >= bytes.length) return { value: undefined, done: true };
          pulled++;
          const chunk = bytes.subarray(at, at + size);
          at += size;
          return { value: chunk, done: false };
        },
        async return() {
          closed = true;
          return { value: undefined, done: true };
        },
      };
    },
  };
  return { input, pulled: () => pulled, closed: () => closed };
}

function title(item: IteratorResult<ReadItem>): string | undefined {
  if (item.done) return undefined;
  return item.value.kind === 'record' ? item.value.record.subfieldValues('245', 'a')[0] : item.value.reject.code;
}

describe.each([
  ['readIso2709', (input: AsyncIterable<Uint8Array> | Uint8Array) => readIso2709(input, { coalesceBytes: 0 })],
  ['readRecords', (input: AsyncIterable<Uint8Array> | Uint8Array) => readRecords(input, { coalesceBytes: 0 })],
] as const)('%s as an async generator', (_name, read) => {
  it('reads nothing before the first next()', async () => {
    const watched = watchedInput(file());
    const records = read(watched.input);
    await Promise.resolve();
    expect(watched.pulled()).toBe(0);
    expect(title(await records.next())).toBe('Абай жолы');
  });

  it('answers calls made at once in order', async () => {
    const records = read(watchedInput(file()).input);
    const results = await Promise.all(Array.from({ length: TITLES.length + 2 }, () => records.next()));
    expect(results.map(title)).toEqual([...TITLES, undefined, undefined]);
    expect(results.slice(TITLES.length).every((r) => r.done)).toBe(true);
  });

  it('closes the input when the reader stops early', async () => {
    const watched = watchedInput(file());
    for await (const item of read(watched.input)) {
      expect(item.kind).toBe('record');
      break;
    }
    expect(watched.closed()).toBe(true);
  });

  it('ends after return(), throw() and a strict-mode error', async () => {
    const early = read(file());
    expect(title(await early.next())).toBe('Абай жолы');
    expect(await early.return(undefined)).toEqual({ value: undefined, done: true });
    expect((await early.next()).done).toBe(true);

    const thrown = read(file());
    await expect(thrown.throw(new Error('stop'))).rejects.toThrow('stop');
    expect((await thrown.next()).done).toBe(true);

    const broken = file();
    broken[broken.indexOf(0x1f) + 1] = 0x01; // a subfield code that is a control character
    const strict = readIso2709(broken, { mode: 'strict' });
    await expect(strict.next()).rejects.toBeInstanceOf(KitapError);
    expect((await strict.next()).done).toBe(true);
  });
});

describe('readRecords', () => {
  it('reports the format it sniffed once the first record is asked for', async () => {
    const formats: string[] = [];
    const records = readRecords(file(), { onFormat: (f) => formats.push(f) });
    expect(formats).toEqual([]);
    expect(title(await records.next())).toBe('Абай жолы');
    expect(formats).toEqual(['iso2709']);
  });

  it('reads a blank input as no records, and refuses an input it cannot tell', async () => {
    expect(await readRecords(Buffer.from('\uFEFF  \n', 'utf8')).next()).toEqual({ value: undefined, done: true });
    const unknown = readRecords(Buffer.from('Абай жолы'));
    await expect(unknown.next()).rejects.toMatchObject({ code: 'E_INPUT' });
    expect((await unknown.next()).done).toBe(true);
  });
});
