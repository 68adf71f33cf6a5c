/**
 * The text of every field of one record read from valid UTF-8, made in one
 * pass: each field's bytes become UTF-16 code units in a scratch buffer while
 * the position of every subfield delimiter is noted, then one native call
 * (`ucs2Slice`, or `latin1Slice` for an all-ASCII record) makes a single
 * string of the whole record. Fields and subfields are then cut out of that
 * string with `substring`, which neither decodes nor searches again.
 *
 * The pass is the WebAssembly function of utf8-wasm.ts, or its JavaScript
 * twin below. The frame parser runs it already while checking the record
 * (usual-frame.ts, or `checkAndTranscode` below), so that a record whose
 * fields are read right after it was parsed — the usual way of reading a
 * stream — finds its text made; the number the parser got for it (`made`)
 * tells whether the WebAssembly memory still holds it (wasm-codec.ts).
 *
 * Only bytes proved valid UTF-8 (`isUtf8` over the whole record) come here,
 * so the pass needs no checks of its own; anything else takes the general
 * path in field-source.ts. See docs/iso2709.md, "Decoding text".
 */
import { SUBFIELD_DELIMITER } from './bytes.js';
import type { FieldExtent } from './parse-frame.js';
import { SEEN_CONTROL, SEEN_ESC, SEEN_HIGH_LEAD } from './utf8-wasm.js';
import { holdRecord, wasmCheck, wasmCodec, wasmTranscode } from './wasm-codec.js';
import { HEADS, MARKS, SEEN, UNITS } from './wasm-layout.js';

/** The JavaScript twin writes code units as little-endian 16-bit words, which `ucs2Slice` reads. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type NativeSlices = Buffer & { ucs2Slice(start: number, end: number): string; latin1Slice(start: number, end: number): string };

/** Scratch space of the JavaScript twin (decoding is synchronous, so one is enough). */
let scratch = Buffer.allocUnsafe(1 << 16) as NativeSlices;
let units = new Uint16Array(scratch.buffer, scratch.byteOffset, scratch.length >> 1);
let marks = new Int32Array(1 << 14);
let heads = new Int32Array(1 << 10);

function reserve(byteLength: number, fieldCount: number): void {
  if (units.length < byteLength) {
    scratch = Buffer.allocUnsafe(Math.max(byteLength * 2, scratch.length * 2)) as NativeSlices;
    units = new Uint16Array(scratch.buffer, scratch.byteOffset, scratch.length >> 1);
  }
  if (marks.length < byteLength) marks = new Int32Array(Math.max(byteLength, marks.length * 2));
  if (heads.length < 2 * fieldCount + 2) heads = new Int32Array(Math.max(2 * fieldCount + 2, heads.length * 2));
}

/**
 * The JavaScript twin of utf8-wasm.ts without its check: fields [start, end)
 * to code units (bytes when `narrow`), delimiter positions in `marks`, and
 * (first unit, first mark) of field i at heads[2i], heads[2i + 1].
 */
function transcodeInJs(bytes: Uint8Array, extents: readonly FieldExtent[], narrow: boolean): number {
  const n = extents.length;
  reserve(bytes.length, n);
  const u16 = units;
  const out = scratch;
  const at = marks;
  const head = heads;
  let u = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const extent = extents[i]!;
    const end = extent.end;
    let k = extent.start;
    head[2 * i] = u;
    head[2 * i + 1] = m;
    if (narrow) {
      for (; k < end; k++) {
        const c = bytes[k]!;
        if (c === SUBFIELD_DELIMITER) at[m++] = u;
        out[u++] = c;
      }
      continue;
    }
    while (k < end) {
      const c = bytes[k]!;
      if (c < 0x80) {
        if (c === SUBFIELD_DELIMITER) at[m++] = u;
        u16[u++] = c;
        k++;
      } else if (c < 0xe0) {
        u16[u++] = ((c & 0x1f) << 6) | (bytes[k + 1]! & 0x3f);
        k += 2;
      } else if (c < 0xf0) {
        u16[u++] = ((c & 0x0f) << 12) | ((bytes[k + 1]! & 0x3f) << 6) | (bytes[k + 2]! & 0x3f);
        k += 3;
      } else {
        const cp = (((c & 0x07) << 18) | ((bytes[k + 1]! & 0x3f) << 12) | ((bytes[k + 2]! & 0x3f) << 6) | (bytes[k + 3]! & 0x3f)) - 0x10000;
        u16[u++] = 0xd800 | (cp >> 10);
        u16[u++] = 0xdc00 | (cp & 0x3ff);
        k += 4;
      }
    }
  }
  head[2 * n] = u;
  head[2 * n + 1] = m;
  return u;
}

/**
 * For the frame parser: checks a record laid out the usual way (see
 * parse-frame.ts) and, when `makeText`, makes its text in the same pass.
 * Returns -1 when this pass cannot run (no WebAssembly, or a record too
 * large: the parser then checks the record its own way), 0 when the record
 * holds a control character or a bad subfield code, 1 when it is clean, and
 * when its text was made, the number (2 and up) under which the WebAssembly
 * memory holds it (see wasm-codec.ts).
 */
export function checkAndTranscode(bytes: Uint8Array, extents: readonly FieldExtent[], ascii: boolean, makeText: boolean): number {
  const codec = wasmCodec();
  if (!codec) return -1;
  const held = holdRecord(codec, bytes);
  if (held === undefined) return -1;
  const result = makeText ? wasmTranscode(codec, extents, true, ascii) : wasmCheck(codec, extents);
  if (result === undefined) return -1;
  return result < 0 ? 0 : makeText ? held : 1;
}

/** What the last clean pass of checkAndTranscode saw: SEEN_HIGH_LEAD, SEEN_ESC and SEEN_CONTROL bits (utf8-wasm.ts). */
export function seenByLastCheck(): number {
  const codec = wasmCodec();
  return codec ? codec.words[SEEN >> 2]! : SEEN_HIGH_LEAD | SEEN_ESC | SEEN_CONTROL;
}

/**
 * The record's text, and where each field and each subfield delimiter is in
 * it. For field i of n: its units (indicators included) start at
 * `heads[h + 2i]` and end at `heads[h + 2i + 2]`; its delimiters are at
 * `marks[k + j]` for j from `heads[h + 2i + 1]` to `heads[h + 2i + 3]`.
 * `heads` and `marks` may be views of the WebAssembly memory, valid only until
 * the next record is transcoded (see `keep`).
 */
export interface RecordText {
  readonly text: string;
  readonly heads: Int32Array;
  readonly h: number;
  readonly marks: Int32Array;
  readonly k: number;
}

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

/**
 * Where a field's text starts: a control field at its first byte; a data field
 * after its indicators, read byte by byte as the frame parser reads them (or
 * where the parser put them when one was a multi-byte character).
 */
export function textStart(bytes: Uint8Array, extent: FieldExtent, indicatorCount: number): number {
  if (!extent.data) return extent.start;
  if (extent.subfieldsStart !== undefined) return extent.subfieldsStart;
  let pos = extent.start;
  for (let i = 0; i < indicatorCount; i++) {
    if (pos >= extent.end || bytes[pos] === SUBFIELD_DELIMITER) break;
    pos++;
  }
  return pos;
}

/**
 * Whether the one-pass text applies: not to a field starting or ending inside
 * a multi-byte character (a directory pointing into the middle of one), nor to
 * indicators that are not ASCII (each must be one unit, as it is one byte).
 */
function onePassFits(bytes: Uint8Array, extents: readonly FieldExtent[], indicatorCount: number): boolean {
  for (let i = 0; i < extents.length; i++) {
    const extent = extents[i]!;
    if (isContinuation(bytes[extent.start]) || isContinuation(bytes[extent.end])) return false;
    const from = textStart(bytes, extent, indicatorCount);
    for (let k = extent.start; k < from; k++) if (bytes[k]! >= 0x80) return false;
  }
  return true;
}

/**
 * Builds the record's text from bytes known to be valid UTF-8 as a whole
 * (`ascii`: known to be all ASCII). `fits`: the one-pass text is known to
 * apply (an all-ASCII record, or one the frame parser's fast path read), so
 * onePassFits need not look. `made` is the number the frame parser's pass
 * gave the record, if it made its text. With `keep`, the positions are the
 * record's own; without, they may be views of the WebAssembly memory, to be
 * used at once. `engine` 'js' forces the JavaScript twin (tests compare the
 * two). Returns undefined when the one-pass text does not apply (see
 * onePassFits); the general decoder then reads the fields one by one.
 */
export function utf8RecordText(
  bytes: Uint8Array,
  extents: readonly FieldExtent[],
  indicatorCount: number,
  fits: boolean,
  ascii: boolean,
  made: number | undefined,
  keep: boolean,
  engine: 'auto' | 'js' = 'auto',
): RecordText | undefined {
  if (!fits && !onePassFits(bytes, extents, indicatorCount)) return undefined;
  const n = extents.length;
  const codec = engine === 'auto' ? wasmCodec() : null;
  if (codec) {
    let count: number | undefined;
    if (made !== undefined && made === codec.held) count = codec.words[(HEADS >> 2) + 2 * n];
    else if (holdRecord(codec, bytes) !== undefined) count = wasmTranscode(codec, extents, false, ascii);
    if (count !== undefined) {
      const text = ascii ? codec.bytes.latin1Slice(UNITS, UNITS + count) : codec.bytes.ucs2Slice(UNITS, UNITS + 2 * count);
      return positions(text, codec.words, HEADS >> 2, codec.words, MARKS >> 2, n, keep);
    }
  }
  if (!LITTLE_ENDIAN && !ascii) return undefined;
  const written = transcodeInJs(bytes, extents, ascii);
  const text = ascii ? scratch.latin1Slice(0, written) : scratch.ucs2Slice(0, 2 * written);
  return positions(text, heads, 0, marks, 0, n, keep);
}

/** The text with its positions, copied out of the shared buffers when they are to be kept. */
function positions(text: string, head: Int32Array, h: number, mark: Int32Array, k: number, n: number, keep: boolean): RecordText {
  if (!keep) return { text, heads: head, h, marks: mark, k };
  const m = head[h + 2 * n + 1]!;
  const own = new Int32Array(2 * n + 2 + m);
  own.set(head.subarray(h, h + 2 * n + 2));
  own.set(mark.subarray(k, k + m), 2 * n + 2);
  return { text, heads: own, h: 0, marks: own, k: 2 * n + 2 };
}

/** Whether the WebAssembly pass is in use (tests say which engine they exercised). */
export function usesWebAssembly(): boolean {
  return wasmCodec() !== null;
}
