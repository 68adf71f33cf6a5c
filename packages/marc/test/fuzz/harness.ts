/**
 * What the mutation fuzzers share: reading with a time limit, comparable
 * summaries of reads, the invariants every reader must keep, byte-level
 * mutations, and how a failure is reported (seed, mutant number, input as
 * base64) so it can be replayed.
 */
import { isDeepStrictEqual } from 'node:util';
import { KitapError } from '@kitap/core';
import { splitIntoChunks } from '../../src/byte-input.js';
import { type OutputFormat, encoderFor } from '../../src/formats.js';
import { isInterRecordByte } from '../../src/iso2709/bytes.js';
import { readIso2709 } from '../../src/iso2709/reader.js';
import { readMarcXml } from '../../src/marcxml/reader.js';
import { readMij } from '../../src/mij/reader.js';
import { readMrk } from '../../src/mrk/reader.js';
import type { ByteInput, ReadItem, ReadMode, ReadOptions } from '../../src/read-types.js';
import type { Field } from '../../src/record/field.js';
import type { MarcRecord } from '../../src/record/record.js';
import type { Prng } from './prng.js';

/** A read that takes longer than this for one mutant (a few KB) counts as a hang. */
export const READ_TIME_LIMIT_MS = 2000;

export type Reader = (input: ByteInput, options?: ReadOptions & { coalesceBytes?: number }) => AsyncGenerator<ReadItem>;

export const READERS = {
  iso2709: readIso2709 as Reader,
  marcxml: readMarcXml as Reader,
  mij: readMij as Reader,
  mrk: readMrk as Reader,
} as const;

export interface ReadOutcome {
  items: ReadItem[];
  /** What the read threw, if it threw. */
  error?: unknown;
  ms: number;
}

export async function readAll(reader: Reader, input: ByteInput, options: ReadOptions & { coalesceBytes?: number }): Promise<ReadOutcome> {
  const items: ReadItem[] = [];
  const started = performance.now();
  try {
    for await (const item of reader(input, options)) {
      items.push(item);
      if (performance.now() - started > READ_TIME_LIMIT_MS * 5) throw new Error('read runs away (the time limit was passed five times over)');
    }
    return { items, ms: performance.now() - started };
  } catch (error) {
    return { items, error, ms: performance.now() - started };
  }
}

export function describeError(error: unknown): string {
  if (error instanceof KitapError) return `KitapError ${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}\n${error.stack?.split('\n').slice(1, 6).join('\n') ?? ''}`;
  return String(error);
}

/** Everything a read produced, in a form `isDeepStrictEqual` compares (chunk invariance). */
export function summary(items: readonly ReadItem[]): unknown[] {
  return items.map((i) =>
    i.kind === 'record'
      ? {
          kind: 'record',
          place: i.record.place,
          leader: i.record.leader.value,
          fields: i.record.fields,
          warnings: i.record.warnings.map((w) => ({ code: w.code, message: w.message, place: w.place })),
        }
      : {
          kind: 'reject',
          code: i.reject.code,
          message: i.reject.message,
          place: i.reject.place,
          raw: typeof i.reject.raw === 'string' ? i.reject.raw : Buffer.from(i.reject.raw).toString('base64'),
        },
  );
}

export function itemOffset(item: ReadItem): number | undefined {
  return item.kind === 'record' ? item.record.place.offset : item.reject.place.offset;
}

export function itemIndex(item: ReadItem): number | undefined {
  return item.kind === 'record' ? item.record.place.index : item.reject.place.index;
}

export function kindsOf(items: readonly ReadItem[]): string {
  return items.map((i) => (i.kind === 'record' ? 'R' : `x${i.reject.code}`)).join(' ');
}

/** Irregular chunks: sizes drawn at random (1 byte up to a few KB), some empty. */
export function randomChunks(bytes: Uint8Array, rng: Prng): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    const size = rng.weighted<number>([
      [4, rng.range(1, 3)],
      [4, rng.range(1, 40)],
      [2, rng.range(1, 600)],
      [1, rng.range(1, 5000)],
      [1, 0],
    ]);
    out.push(bytes.subarray(at, Math.min(bytes.length, at + size)));
    at += size;
  }
  return out;
}

/** Chunks for the chunk-invariance check of one mutant: a fixed size (splitIntoChunks) or irregular sizes. */
export function someChunking(bytes: Uint8Array, rng: Prng): { label: string; chunks: Uint8Array[] } {
  if (rng.chance(0.5)) {
    const size = rng.pick([1, 2, 3, 5, 7, 13, 24, 25, 64, 100, 511, 4096]);
    return { label: `splitIntoChunks(${size})`, chunks: [...splitIntoChunks(bytes, size)] };
  }
  return { label: 'irregular chunks', chunks: randomChunks(bytes, rng) };
}

// ---------------------------------------------------------------------------
// invariants

/** Leader positions no writer keeps as they were read (ISO2709 recomputes them). */
const STRUCTURAL = new Set([0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 14, 15, 16, 20, 21, 22, 23]);

/** The leader without its structural positions (what a writer must keep). */
export function contentLeader(leader: string): string {
  let out = '';
  for (let i = 0; i < leader.length; i++) out += STRUCTURAL.has(i) ? '.' : leader[i];
  return out;
}

/**
 * The modes agree on framing, and strict stops exactly where skip rejects:
 * - lenient and skip give as many items, at the same offsets;
 * - a record in skip mode (it needed no repair) is the same record, warnings
 *   and all, in lenient mode, and in strict mode while strict goes on;
 * - strict yields records only, throws nothing but a KitapError, and throws
 *   exactly at skip's first reject (same code) — or, when it does not throw,
 *   skip has no reject.
 */
export function checkModes(lenient: ReadOutcome, skip: ReadOutcome, strict: ReadOutcome, problems: string[]): void {
  if (lenient.error !== undefined) problems.push(`lenient read threw: ${describeError(lenient.error)}`);
  if (skip.error !== undefined) problems.push(`skip read threw: ${describeError(skip.error)}`);
  if (strict.error !== undefined && !(strict.error instanceof KitapError)) problems.push(`strict read threw something other than a KitapError: ${describeError(strict.error)}`);
  for (const [name, outcome] of [['lenient', lenient], ['skip', skip], ['strict', strict]] as const) {
    if (outcome.ms > READ_TIME_LIMIT_MS) problems.push(`${name} read took ${outcome.ms.toFixed(0)} ms (limit ${READ_TIME_LIMIT_MS} ms)`);
  }
  if (problems.length > 0) return;

  const lo = lenient.items.map(itemOffset);
  const so = skip.items.map(itemOffset);
  if (!isDeepStrictEqual(lo, so)) problems.push(`lenient and skip frame differently: offsets ${JSON.stringify(lo)} vs ${JSON.stringify(so)} (${kindsOf(lenient.items)} | ${kindsOf(skip.items)})`);

  // a record skip mode keeps needed no repair: lenient gives the very same record, and so does strict
  for (const [n, item] of skip.items.entries()) {
    const other = lenient.items[n];
    if (item.kind === 'record' && !(other?.kind === 'record' && isDeepStrictEqual(summary([other]), summary([item])))) {
      problems.push(`item ${n} is a record in skip mode but ${other?.kind === 'record' ? 'a different record' : 'not a record'} in lenient mode`);
    }
  }
  const k = strict.items.length;
  if (strict.items.some((i) => i.kind !== 'record')) problems.push('strict mode yielded a reject');
  else if (!isDeepStrictEqual(summary(strict.items), summary(skip.items.slice(0, k)))) problems.push(`strict mode's ${k} record(s) differ from skip mode's`);
  const skipRecordsFirst = skip.items.slice(0, k).every((i) => i.kind === 'record');
  if (!skipRecordsFirst || skip.items.length < k) {
    problems.push(`strict yielded ${k} record(s), but skip mode has a reject among its first ${k} items (${kindsOf(skip.items)})`);
    return;
  }
  if (strict.error === undefined) {
    if (skip.items.length !== k) problems.push(`strict read everything (${k} records) but skip gave ${kindsOf(skip.items)}`);
  } else {
    const error = strict.error as KitapError;
    const next = skip.items[k];
    if (!next || next.kind !== 'reject') problems.push(`strict threw ${error.code} after ${k} records, but skip's item ${k} is ${next ? 'a record' : 'missing'} (${kindsOf(skip.items)}): ${error.message}`);
    else if (next.reject.code !== error.code) problems.push(`strict threw ${error.code} after ${k} records, but skip's reject ${k} is ${next.reject.code}`);
  }
}

/**
 * ISO2709 accounting: the items lie in input order, each item's bytes are the
 * input's bytes at its offset, and the bytes between them are only
 * CR/LF/NUL/0x1A (after the last one, blanks too: end-of-file padding) — so
 * records + rejects + skipped bytes cover the input once.
 */
export function checkIsoAccounting(input: Uint8Array, items: readonly ReadItem[], problems: string[], label: string): void {
  let at = 0;
  let covered = 0;
  const skippedBetween = (from: number, to: number): boolean => {
    for (let i = from; i < to; i++) if (!isInterRecordByte(input[i]!)) return false;
    return true;
  };
  for (const [n, item] of items.entries()) {
    const offset = itemOffset(item);
    const bytes = item.kind === 'record' ? item.record.sourceBytes : item.reject.raw;
    if (offset === undefined || !(bytes instanceof Uint8Array)) {
      problems.push(`${label}: item ${n} has no offset or no bytes`);
      return;
    }
    if (offset < at) {
      problems.push(`${label}: item ${n} starts at ${offset}, inside the previous item (which ends at ${at})`);
      return;
    }
    if (!skippedBetween(at, offset)) {
      problems.push(`${label}: bytes ${at}-${offset} before item ${n} belong to no record or reject and are not CR/LF/NUL`);
      return;
    }
    if (bytes.length === 0 || !Buffer.from(input.buffer, input.byteOffset + offset, Math.min(bytes.length, input.length - offset)).equals(bytes)) {
      problems.push(`${label}: item ${n}'s ${bytes.length} bytes are not the input's bytes at ${offset}`);
      return;
    }
    if (item.kind === 'record' && item.record.place.index !== n) problems.push(`${label}: record ${n} has index ${item.record.place.index}`);
    if (item.kind === 'reject' && item.reject.place.index !== n) problems.push(`${label}: reject ${n} has index ${item.reject.place.index}`);
    at = offset + bytes.length;
    covered += bytes.length;
  }
  // After the last item, blanks are skipped too (padding at the end of a file).
  const padding = (b: number): boolean => b === 0x20 || isInterRecordByte(b);
  for (let i = at; i < input.length; i++) {
    if (!padding(input[i]!)) {
      problems.push(`${label}: bytes ${at}-${input.length} after the last item belong to no record or reject`);
      break;
    }
  }
  const skipped = input.subarray(0, at).filter(isInterRecordByte).length + (input.length - at);
  if (covered < input.length - skipped || covered > input.length) problems.push(`${label}: items cover ${covered} of ${input.length} bytes`);
  if (input.length > skipped && items.length === 0) problems.push(`${label}: ${input.length} bytes gave no record and no reject`);
}

/**
 * Text formats: items in input order (offsets increase; with `sharedOffsets`
 * two items may share one — MARCXML gives a record escaped in a text node,
 * SRU-style, the offset of that text, which a stray-text reject may also
 * have), indexes count up, rejects keep their text.
 */
export function checkTextAccounting(input: Uint8Array, items: readonly ReadItem[], problems: string[], label: string, expectSome: boolean, sharedOffsets = false): void {
  let last = -1;
  let index = 0;
  for (const [n, item] of items.entries()) {
    const offset = itemOffset(item);
    if (offset === undefined || offset < 0 || offset > input.length) {
      problems.push(`${label}: item ${n} has offset ${offset} (input is ${input.length} bytes)`);
      return;
    }
    if (offset < last || (offset === last && !sharedOffsets)) {
      problems.push(`${label}: item ${n} starts at ${offset}, not after item ${n - 1} (${last})`);
      return;
    }
    last = offset;
    const i = itemIndex(item);
    if (i !== undefined) {
      if (i !== index) problems.push(`${label}: item ${n} has index ${i}, expected ${index}`);
      index = i + 1;
    }
    if (item.kind === 'reject' && item.reject.raw.length === 0) problems.push(`${label}: reject ${n} (${item.reject.code}) keeps no text`);
  }
  if (expectSome && items.length === 0) problems.push(`${label}: the input has content but gave no record and no reject`);
}

/** Fields equal, and leaders equal outside the structural positions. */
export function compareRecords(expected: { leader: string; fields: readonly Field[] }, actual: MarcRecord, problems: string[], label: string, wholeLeader: boolean): void {
  const el = wholeLeader ? expected.leader : contentLeader(expected.leader);
  const al = wholeLeader ? actual.leader.value : contentLeader(actual.leader.value);
  if (el !== al) problems.push(`${label}: leader ${JSON.stringify(al)}, expected ${JSON.stringify(el)}`);
  if (!isDeepStrictEqual(actual.fields, expected.fields)) {
    const a = actual.fields;
    const e = expected.fields;
    let n = 0;
    while (n < Math.min(a.length, e.length) && isDeepStrictEqual(a[n], e[n])) n++;
    problems.push(`${label}: fields differ (${e.length} expected, ${a.length} read) from field ${n}: expected ${JSON.stringify(e[n])}, read ${JSON.stringify(a[n])}`);
  }
}

/**
 * Codes each writer may refuse a record with (docs/formats.md,
 * iso2709/writer.ts): the structural ones, plus E_NO_FIELDS (ISO2709 cannot
 * hold a record without fields) and E_ENCODING (a lone UTF-16 surrogate, which
 * UTF-8 cannot hold). Anything else a writer throws is a bug.
 */
const TEXT_CODES = ['E_TAG', 'E_INDICATOR', 'E_SUBFIELD_CODE', 'E_LEADER', 'E_ENCODING'];
export const WRITE_CODES: Record<OutputFormat, ReadonlySet<string>> = {
  iso2709: new Set(['E_FIELD_TOO_LONG', 'E_RECORD_TOO_LONG', 'E_DELIMITER_IN_DATA', 'E_ESC_IN_DATA', 'E_TAG', 'E_INDICATOR', 'E_SUBFIELD_CODE', 'E_NO_FIELDS', 'E_ENCODING']),
  marcxml: new Set([...TEXT_CODES, 'E_XML_ILLEGAL_CHAR', 'E_XML']),
  mij: new Set(TEXT_CODES),
  ndjson: new Set(TEXT_CODES),
  mrk: new Set([...TEXT_CODES, 'E_UNMAPPABLE', 'E_MNEMONIC']),
};

export const ISO_WRITE_CODES = WRITE_CODES.iso2709;

const READER_OF: Record<OutputFormat, Reader> = {
  iso2709: READERS.iso2709,
  marcxml: READERS.marcxml,
  mij: READERS.mij,
  ndjson: READERS.mij,
  mrk: READERS.mrk,
};

/**
 * A record read leniently can be written in `format` — or the writer refuses
 * it with a documented code — and what is written (header, record, footer, as
 * UTF-8 bytes, as a sink writes them) reads back, strictly, as the same record:
 * same fields, same leader (outside the structural positions for ISO2709,
 * whose writer recomputes them).
 */
export async function checkWriteBack(record: MarcRecord, format: OutputFormat, problems: string[], label: string): Promise<void> {
  const expected = { leader: record.leader.value, fields: record.fields };
  const encoder = encoderFor(format);
  let bytes: Uint8Array;
  try {
    const part = encoder.encode(record, 0);
    bytes = Buffer.concat([Buffer.from(encoder.header, 'utf8'), typeof part === 'string' ? Buffer.from(part, 'utf8') : part, Buffer.from(encoder.footer, 'utf8')]);
  } catch (error) {
    if (!(error instanceof KitapError)) problems.push(`${label}: the ${format} encoder threw ${describeError(error)}`);
    else if (!WRITE_CODES[format].has(error.code)) problems.push(`${label}: the ${format} encoder threw undocumented ${error.code}: ${error.message}`);
    return;
  }
  const shown = (): string => (format === 'iso2709' ? `base64 ${Buffer.from(bytes).toString('base64')}` : JSON.stringify(Buffer.from(bytes).toString('utf8')));
  const back = await readAll(READER_OF[format], bytes, { mode: 'strict' });
  if (back.error !== undefined) {
    problems.push(`${label}: what the ${format} encoder wrote does not read back strictly: ${describeError(back.error)}; written ${shown()}`);
    return;
  }
  const only = back.items[0];
  if (back.items.length !== 1 || only?.kind !== 'record') {
    problems.push(`${label}: what the ${format} encoder wrote reads back as ${kindsOf(back.items)}; written ${shown()}`);
    return;
  }
  compareRecords(expected, only.record, problems, `${label}: ${format} write-back`, format !== 'iso2709');
}

// ---------------------------------------------------------------------------
// byte mutations

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array = new Uint8Array(0)): Uint8Array {
  return concat([bytes.subarray(0, at), insert, bytes.subarray(at + remove)]);
}

export function randomBytes(rng: Prng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(256);
  return out;
}

/** A mutation of raw bytes; `name` goes into failure reports. */
export interface Mutation {
  name: string;
  apply(bytes: Uint8Array, rng: Prng): Uint8Array;
}

export const GENERIC_MUTATIONS: Mutation[] = [
  {
    name: 'bit flips',
    apply(bytes, rng) {
      if (bytes.length === 0) return bytes;
      const out = Uint8Array.from(bytes);
      const n = rng.range(1, 8);
      for (let i = 0; i < n; i++) out[rng.int(out.length)]! ^= 1 << rng.int(8);
      return out;
    },
  },
  {
    name: 'byte insertion',
    apply(bytes, rng) {
      return splice(bytes, rng.int(bytes.length + 1), 0, randomBytes(rng, rng.weighted([[6, 1], [3, rng.range(2, 8)], [1, rng.range(9, 64)]])));
    },
  },
  {
    name: 'byte replacement',
    apply(bytes, rng) {
      if (bytes.length === 0) return bytes;
      const out = Uint8Array.from(bytes);
      const n = rng.range(1, 4);
      for (let i = 0; i < n; i++) out[rng.int(out.length)] = rng.int(256);
      return out;
    },
  },
  {
    name: 'deletion',
    apply(bytes, rng) {
      if (bytes.length === 0) return bytes;
      const at = rng.int(bytes.length);
      return splice(bytes, at, Math.min(bytes.length - at, rng.weighted([[5, 1], [3, rng.range(2, 12)], [1, rng.range(13, 400)]])));
    },
  },
  {
    name: 'truncation',
    apply(bytes, rng) {
      return rng.chance(0.8) ? bytes.subarray(0, rng.int(bytes.length + 1)) : bytes.subarray(rng.int(bytes.length + 1));
    },
  },
  {
    name: 'range duplication',
    apply(bytes, rng) {
      if (bytes.length === 0) return bytes;
      const from = rng.int(bytes.length);
      const to = Math.min(bytes.length, from + rng.range(1, 300));
      return splice(bytes, rng.int(bytes.length + 1), 0, Uint8Array.from(bytes.subarray(from, to)));
    },
  },
  {
    name: 'range swap',
    apply(bytes, rng) {
      if (bytes.length < 4) return bytes;
      const a = rng.int(bytes.length - 1);
      const b = a + 1 + rng.int(bytes.length - a - 1);
      const len = Math.min(rng.range(1, 40), b - a, bytes.length - b);
      if (len <= 0) return bytes;
      const out = Uint8Array.from(bytes);
      out.set(bytes.subarray(b, b + len), a);
      out.set(bytes.subarray(a, a + len), b);
      return out;
    },
  },
  {
    name: 'invalid UTF-8',
    apply(bytes, rng) {
      const bad = rng.pick([[0x80], [0xc3], [0xd0], [0xff], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0xc0, 0xaf]]);
      return splice(bytes, rng.int(bytes.length + 1), 0, Uint8Array.from(bad));
    },
  },
  {
    name: 'control character',
    apply(bytes, rng) {
      const c = rng.pick([0x00, 0x01, 0x09, 0x0a, 0x0d, 0x1a, 0x1b, 0x1d, 0x1e, 0x1f, 0x7f]);
      return rng.chance(0.5) && bytes.length > 0
        ? splice(bytes, rng.int(bytes.length), 1, Uint8Array.of(c))
        : splice(bytes, rng.int(bytes.length + 1), 0, Uint8Array.of(c));
    },
  },
];

/** Inserts a token (format syntax) at a random place, or replaces a range with it. */
export function tokenMutation(name: string, tokens: readonly string[]): Mutation {
  const encoded = tokens.map((t) => Buffer.from(t, 'utf8'));
  return {
    name,
    apply(bytes, rng) {
      const token = rng.pick(encoded);
      const at = rng.int(bytes.length + 1);
      const remove = rng.chance(0.3) ? Math.min(bytes.length - at, rng.range(1, 6)) : 0;
      return splice(bytes, at, remove, token);
    },
  };
}

/** Applies one to three mutations picked by weight; returns the mutant and what was done. */
export function mutate(bytes: Uint8Array, rng: Prng, mutations: readonly (readonly [number, Mutation])[]): { bytes: Uint8Array; steps: string[] } {
  const n = rng.weighted([[6, 1], [3, 2], [1, 3]]);
  const steps: string[] = [];
  let out = bytes;
  for (let i = 0; i < n; i++) {
    const m = rng.weighted(mutations);
    out = m.apply(out, rng);
    steps.push(m.name);
  }
  return { bytes: out, steps };
}

/** The message of a failed fuzz case: everything needed to replay it. */
export function report(format: string, seed: number, mutant: number, steps: readonly string[], input: Uint8Array, problems: readonly string[]): string {
  return [
    `${format} mutant #${mutant} (seed ${seed}; ${steps.join(' + ')}), ${input.length} bytes, base64:`,
    Buffer.from(input).toString('base64'),
    ...problems.map((p) => `  - ${p}`),
  ].join('\n');
}

export type { ReadMode };
