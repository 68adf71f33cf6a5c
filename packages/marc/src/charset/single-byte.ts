/**
 * Single-byte legacy sets (cp1251, rk1048, pt154, cp866, koi8-r, latin1).
 *
 * The 256-entry tables come from iconv-lite (built once, lazily, per set);
 * decoding and encoding then run on the tables, which is several times faster
 * than calling iconv-lite per field and lets us report what iconv-lite hides:
 * bytes a set leaves undefined (0x98 in cp1251) and characters a set cannot
 * hold (iconv-lite silently writes '?').
 */
import { iconvLite } from './iconv-lite.js';
import { hexByte, unmappable, type DecodeProblem, type DecodeResult } from './types.js';

export type SingleByteCharset = 'cp1251' | 'rk1048' | 'pt154' | 'cp866' | 'koi8-r' | 'latin1';

export const SINGLE_BYTE_CHARSETS: readonly SingleByteCharset[] = ['cp1251', 'rk1048', 'pt154', 'cp866', 'koi8-r', 'latin1'];

export interface SingleByteTable {
  readonly charset: SingleByteCharset;
  /** byte → UTF-16 code unit; 0xFFFD where the set defines nothing. */
  readonly decode: Uint16Array;
  /** The same as a string (decode[b] === chars.charCodeAt(b)). */
  readonly chars: string;
  /** code unit → byte, for code units ≥ 0x80 (0x00-0x7F are ASCII in every supported set). */
  readonly reverse: ReadonlyMap<number, number>;
}

const tables = new Map<SingleByteCharset, SingleByteTable>();

export function singleByteTable(charset: SingleByteCharset): SingleByteTable {
  let t = tables.get(charset);
  if (!t) {
    t = buildTable(charset);
    tables.set(charset, t);
  }
  return t;
}

function buildTable(charset: SingleByteCharset): SingleByteTable {
  const all = Buffer.alloc(256);
  for (let i = 0; i < 256; i++) all[i] = i;
  const chars = iconvLite().decode(all, charset);
  if (chars.length !== 256) throw new Error(`iconv-lite ${charset} is not a single-byte set`);
  const decode = new Uint16Array(256);
  const reverse = new Map<number, number>();
  for (let b = 0; b < 256; b++) {
    const c = chars.charCodeAt(b);
    decode[b] = c;
    if (b < 0x80) {
      if (c !== b) throw new Error(`iconv-lite ${charset}: byte ${hexByte(b)} is not ASCII`);
    } else if (c !== 0xfffd && !reverse.has(c)) {
      reverse.set(c, b);
    }
  }
  return { charset, decode, chars, reverse };
}

// ---------------------------------------------------------------------------
// decode

let scratch = new Uint16Array(1024);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** Code units in scratch[0, n) → string. */
export function scratchToString(units: Uint16Array, n: number): string {
  if (n === 0) return '';
  if (n <= 48 || !LITTLE_ENDIAN) {
    let s = '';
    for (let i = 0; i < n; i += 4096) {
      s += String.fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
    }
    return s;
  }
  return utf16.decode(units.subarray(0, n));
}

export function decodeSingleByte(bytes: Uint8Array, start: number, end: number, charset: SingleByteCharset): DecodeResult {
  const map = singleByteTable(charset).decode;
  const n = end - start;
  if (scratch.length < n) scratch = new Uint16Array(Math.max(n, scratch.length * 2));
  const units = scratch;
  let problems: DecodeProblem[] | undefined;
  for (let i = 0; i < n; i++) {
    const b = bytes[start + i] as number;
    const c = map[b] as number;
    units[i] = c;
    if (c === 0xfffd) {
      (problems ??= []).push({ offset: i, message: `byte ${hexByte(b)} is not defined in ${charset}; replaced by U+FFFD` });
    }
  }
  return { text: scratchToString(units, n), problems: problems ?? [] };
}

/** Per charset, per watch table: bit 1 for a byte the set leaves undefined, bit 2 for a watched byte. */
const watchFlags = new WeakMap<Uint8Array, Map<SingleByteCharset, Uint8Array>>();

function flagsFor(charset: SingleByteCharset, watch: Uint8Array): Uint8Array {
  let byCharset = watchFlags.get(watch);
  if (!byCharset) watchFlags.set(watch, (byCharset = new Map()));
  let flags = byCharset.get(charset);
  if (!flags) {
    const map = singleByteTable(charset).decode;
    flags = new Uint8Array(256);
    for (let b = 0; b < 256; b++) flags[b] = (map[b] === 0xfffd ? 1 : 0) | (watch[b] ? 2 : 0);
    byCharset.set(charset, flags);
  }
  return flags;
}

/**
 * decodeSingleByte that also tells whether any byte b with a non-zero `watch[b]` was decoded
 * (`seen`), in the same pass: the test for an undefined byte becomes a test of one flag table
 * that marks watched bytes too, so the common byte costs what it costs in decodeSingleByte.
 */
export function decodeSingleByteWatching(
  bytes: Uint8Array,
  start: number,
  end: number,
  charset: SingleByteCharset,
  watch: Uint8Array,
): DecodeResult & { seen: boolean } {
  const map = singleByteTable(charset).decode;
  const flags = flagsFor(charset, watch);
  const n = end - start;
  if (scratch.length < n) scratch = new Uint16Array(Math.max(n, scratch.length * 2));
  const units = scratch;
  let problems: DecodeProblem[] | undefined;
  let seen = false;
  for (let i = 0; i < n; i++) {
    const b = bytes[start + i] as number;
    units[i] = map[b] as number;
    const f = flags[b] as number;
    if (f !== 0) {
      if (f & 2) seen = true;
      if (f & 1) (problems ??= []).push({ offset: i, message: `byte ${hexByte(b)} is not defined in ${charset}; replaced by U+FFFD` });
    }
  }
  return { text: scratchToString(units, n), problems: problems ?? [], seen };
}

// ---------------------------------------------------------------------------
// encode

/** Index of the first code unit that cannot be encoded, or -1 when all were written to `out`. */
function encodeInto(text: string, out: Uint8Array, reverse: ReadonlyMap<number, number>): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      out[i] = c;
      continue;
    }
    const b = reverse.get(c);
    if (b === undefined) return i;
    out[i] = b;
  }
  return -1;
}

/**
 * Encode text; throws E_UNMAPPABLE for the first character the set cannot
 * hold. Decomposed input (e.g. и + U+0306) is tried again as NFC before
 * giving up, so "й" typed as two code points still encodes.
 */
export function encodeSingleByte(text: string, charset: SingleByteCharset): Uint8Array {
  const { reverse } = singleByteTable(charset);
  const out = new Uint8Array(text.length);
  const bad = encodeInto(text, out, reverse);
  if (bad < 0) return out;
  const nfc = text.normalize('NFC');
  if (nfc !== text) {
    const out2 = new Uint8Array(nfc.length);
    const bad2 = encodeInto(nfc, out2, reverse);
    if (bad2 < 0) return out2;
    throw unmappable(nfc.codePointAt(bad2) ?? 0, bad2, charset, ' (index in the NFC-normalized text)');
  }
  throw unmappable(text.codePointAt(bad) ?? 0, bad, charset);
}
