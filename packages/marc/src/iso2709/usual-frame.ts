/**
 * The frame parser's fast path for the usual UTF-8 record (see frame-wasm.ts
 * for what "usual" means): the leader is looked at here, the directory, the
 * fields and the check (with the transcoding, when the text is wanted) in one
 * WebAssembly call, and only the field objects are made in JavaScript. What it
 * returns is what parseFrame's full path returns for such a record: no repair,
 * no note. Any other record gets undefined, and the full path.
 */
import { Leader } from '../record/leader.js';
import { FIELD_TERMINATOR, LEADER_LENGTH, RECORD_TERMINATOR, tagOf } from './bytes.js';
import { FRAME_CHECK, FRAME_CLEAN, FRAME_TEXT, FRAME_TEXT_NARROW } from './frame-wasm.js';
import type { FieldExtent, ParsedFrame } from './parse-frame.js';
import { SEEN_CONTROL, SEEN_ESC, SEEN_HIGH_LEAD } from './utf8-wasm.js';
import { holdRecord, wasmCodec } from './wasm-codec.js';
import { FIELDS, MAX_FIELDS, RECORD, SEEN, TAGS } from './wasm-layout.js';

type NativeSlices = Buffer & { latin1Slice(start: number, end: number): string };

/**
 * The usual record parsed (`ascii`: all its bytes are ASCII, else they are
 * valid UTF-8; `makeText`: make its text too), or undefined for the full path.
 */
export function usualFrame(bytes: Buffer, ascii: boolean, makeText: boolean): ParsedFrame | undefined {
  const length = bytes.length;
  if (length < LEADER_LENGTH + 2 || bytes[length - 1] !== RECORD_TERMINATOR) return undefined;
  // The leader: printable, two indicators, delimiter and code, entry map 450 (or 45 and a blank).
  for (let i = 0; i < LEADER_LENGTH; i++) {
    const b = bytes[i]!;
    if (b < 0x20 || b > 0x7e) return undefined;
  }
  if (bytes[10] !== 0x32 || bytes[11] !== 0x32 || bytes[20] !== 0x34 || bytes[21] !== 0x35 || (bytes[22] !== 0x30 && bytes[22] !== 0x20)) return undefined;
  let base = 0;
  for (let i = 12; i < 17; i++) {
    const d = bytes[i]! - 0x30;
    if (!(d >= 0 && d <= 9)) return undefined;
    base = base * 10 + d;
  }
  // The directory ends at the base address (the frame function checks there is no 0x1E in it).
  const directory = base - 1 - LEADER_LENGTH;
  if (directory < 12 || directory % 12 !== 0 || base >= length || bytes[base - 1] !== FIELD_TERMINATOR) return undefined;
  const count = directory / 12;
  const codec = wasmCodec();
  if (!codec || count > MAX_FIELDS) return undefined;
  const held = holdRecord(codec, bytes);
  if (held === undefined) return undefined;
  const mode = !makeText ? FRAME_CHECK : ascii ? FRAME_TEXT_NARROW : FRAME_TEXT;
  if (codec.frame(count, base, length - 1, mode) !== FRAME_CLEAN) return undefined;

  const words = codec.words;
  const fields = new Array<FieldExtent>(count);
  for (let e = 0, f = FIELDS >> 2, t = TAGS >> 2; e < count; e++, f += 2, t++) {
    const tag = words[t]!;
    fields[e] = { tag: tagOf(tag & 0xff, (tag >> 8) & 0xff, (tag >> 16) & 0xff), start: words[f]! - RECORD, end: words[f + 1]! - RECORD, data: (tag & (1 << 24)) === 0 };
  }
  const parsed: ParsedFrame = {
    leader: new Leader((bytes as NativeSlices).latin1Slice(0, LEADER_LENGTH)),
    indicatorCount: 2,
    fields,
    repairs: [],
    notes: [],
    textSeen: words[SEEN >> 2]! & (SEEN_ESC | SEEN_HIGH_LEAD | SEEN_CONTROL),
    usual: true,
  };
  if (makeText) parsed.textGeneration = held;
  return parsed;
}
