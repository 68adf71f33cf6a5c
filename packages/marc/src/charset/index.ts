/**
 * The character-set layer of @kitap/marc: decode bytes to text (never
 * throwing, never replacing silently), encode text to bytes (never writing
 * '?'), and guess a record's charset from its bytes.
 */
import { decodeMarc8, encodeMarc8 } from './marc8.js';
import type { CharsetName } from './names.js';
import { decodeSingleByte, encodeSingleByte } from './single-byte.js';
import type { DecodeResult } from './types.js';
import { decodeUtf8, encodeUtf8 } from './utf8.js';

export { CHARSETS, parseCharsetName, type CharsetName } from './names.js';
export type { DecodeProblem, DecodeResult } from './types.js';
export { detectCharset, type Detection } from './detect.js';

/**
 * Decode bytes[start, end). Never throws: invalid bytes become U+FFFD and are
 * listed in `problems` (offsets relative to `start`). For MARC-8 the escape
 * state starts at the defaults (G0 = ASCII, G1 = ANSEL) on every call and
 * after every 0x1D/0x1E/0x1F, which pass through unchanged.
 */
export function decode(bytes: Uint8Array, start: number, end: number, charset: CharsetName): DecodeResult {
  const s = Math.max(0, Math.min(start, bytes.length));
  const e = Math.max(s, Math.min(end, bytes.length));
  switch (charset) {
    case 'utf-8':
      return decodeUtf8(bytes, s, e);
    case 'marc8':
      return decodeMarc8(bytes, s, e);
    default:
      return decodeSingleByte(bytes, s, e, charset);
  }
}

/**
 * Encode text. Throws KitapError('E_UNMAPPABLE') naming the first character
 * (U+XXXX and the character) that the charset cannot represent, and its index
 * — never substitutes '?'. Legacy single-byte sets retry decomposed input as
 * NFC; MARC-8 writes combining marks before their base and returns to the
 * default sets (G0 ASCII, G1 ANSEL) before each delimiter and at the end.
 */
export function encode(text: string, charset: CharsetName): Uint8Array {
  switch (charset) {
    case 'utf-8':
      return encodeUtf8(text);
    case 'marc8':
      return encodeMarc8(text);
    default:
      return encodeSingleByte(text, charset);
  }
}
