/**
 * UTF-8 with validation. Valid input takes the native fast path (isUtf8 +
 * TextDecoder); invalid input is decoded by hand so that every invalid
 * sequence is located and reported. Replacement follows the WHATWG
 * "maximal subpart" rule, so the text equals what TextDecoder would produce.
 */
import { isUtf8 } from 'node:buffer';
import { scratchToString } from './single-byte.js';
import { hexByte, unmappable, type DecodeProblem, type DecodeResult } from './types.js';

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

export function decodeUtf8(bytes: Uint8Array, start: number, end: number): DecodeResult {
  const view = bytes.subarray(start, end);
  if (isUtf8(view)) return { text: decoder.decode(view), problems: [] };
  return decodeUtf8Checked(bytes, start, end);
}

let scratch = new Uint16Array(1024);

function sequenceBytes(bytes: Uint8Array, from: number, to: number): string {
  const parts: string[] = [];
  for (let k = from; k < to; k++) parts.push(hexByte(bytes[k] as number));
  return parts.join(' ');
}

/** The slow path: decode and report every invalid sequence. */
export function decodeUtf8Checked(bytes: Uint8Array, start: number, end: number): DecodeResult {
  const n = end - start;
  if (scratch.length < n) scratch = new Uint16Array(Math.max(n, scratch.length * 2));
  const units = scratch;
  const problems: DecodeProblem[] = [];
  let u = 0;
  let i = start;
  while (i < end) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      units[u++] = b;
      i++;
      continue;
    }
    let need: number;
    let cp: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
      need = 2;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
      need = 3;
      cp = b & 0x07;
    } else {
      units[u++] = 0xfffd;
      const why = b < 0xc0 ? 'a continuation byte without a lead byte' : 'never valid in UTF-8';
      problems.push({ offset: i - start, message: `invalid UTF-8: byte ${hexByte(b)} is ${why}; replaced by U+FFFD` });
      i++;
      continue;
    }
    let j = i + 1;
    let k = 0;
    while (k < need && j < end) {
      const c = bytes[j] as number;
      if (c < lower || c > upper) break;
      cp = (cp << 6) | (c & 0x3f);
      lower = 0x80;
      upper = 0xbf;
      j++;
      k++;
    }
    if (k < need) {
      units[u++] = 0xfffd;
      const what = j >= end ? 'truncated at the end of the data' : `broken by byte ${hexByte(bytes[j] as number)}`;
      problems.push({
        offset: i - start,
        message: `invalid UTF-8: sequence ${sequenceBytes(bytes, i, j)} is ${what}; replaced by U+FFFD`,
      });
      i = j;
      continue;
    }
    if (cp > 0xffff) {
      cp -= 0x10000;
      units[u++] = 0xd800 | (cp >> 10);
      units[u++] = 0xdc00 | (cp & 0x3ff);
    } else {
      units[u++] = cp;
    }
    i = j;
  }
  return { text: scratchToString(units, u), problems };
}

export interface Utf8Scan {
  /** Bytes ≥ 0x80. */
  high: number;
  /** Well-formed multi-byte sequences. */
  sequences: number;
  /** Invalid sequences (each would become one U+FFFD). */
  invalid: number;
}

/** Count well-formed multi-byte sequences and invalid ones, without decoding. */
export function scanUtf8(bytes: Uint8Array, start: number, end: number): Utf8Scan {
  let high = 0;
  let sequences = 0;
  let invalid = 0;
  let i = start;
  while (i < end) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    high++;
    let need = 0;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else {
      invalid++;
      i++;
      continue;
    }
    let j = i + 1;
    let k = 0;
    while (k < need && j < end) {
      const c = bytes[j] as number;
      if (c < lower || c > upper) break;
      lower = 0x80;
      upper = 0xbf;
      j++;
      k++;
    }
    high += j - i - 1;
    if (k < need) invalid++;
    else sequences++;
    i = j;
  }
  return { high, sequences, invalid };
}

/** UTF-8 bytes of text; a lone surrogate (not representable in UTF-8) throws E_UNMAPPABLE. */
export function encodeUtf8(text: string): Uint8Array {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    throw unmappable(c, i, 'utf-8', ' (a lone surrogate is not a character)');
  }
  return encoder.encode(text);
}
