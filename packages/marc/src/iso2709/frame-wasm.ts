/**
 * The usual record's structure, checked in WebAssembly: the directory read
 * and every field located and looked at as the frame parser would, then the
 * check (or check and transcoding) pass of utf8-wasm.ts over the fields, in
 * one call. "Usual" is what a sound writer writes and what almost every record
 * is: every directory entry a graphic tag and digits, the fields tiling the
 * data area in directory order, each data field with two printable
 * indicators followed by a subfield delimiter, no control field holding a
 * control character. Such a record gets no repair and no note from the frame
 * parser, so the caller (usual-frame.ts) only makes the field objects; any
 * other record is answered 0 and goes through the parser in JavaScript, which
 * finds and names what is different.
 *
 * Input: the record held at RECORD (wasm-codec.ts). Output: (start, end) of
 * each field at FIELDS (addresses, as the transcoder reads them) and, at
 * TAGS, its tag's three bytes with bit 24 set for a control field.
 */
import { CHECK } from './utf8-wasm.js';
import { Code, OP } from './wasm-binary.js';
import { FIELDS, HEADS, MARKS, RECORD, TAGS, UNITS } from './wasm-layout.js';

/** Mode: after the structure, only check the fields' bytes. */
export const FRAME_CHECK = 0;
/** Mode: check and transcode to UTF-16. */
export const FRAME_TEXT = 1;
/** Mode: check and copy (all-ASCII input, one byte a unit). */
export const FRAME_TEXT_NARROW = 2;

/** Result: not the usual record (the JavaScript parser takes it). */
export const FRAME_UNUSUAL = 0;
/** Result: usual structure, but the check found a control character or a bad subfield code. */
export const FRAME_DIRTY = -1;
/** Result: usual and clean. */
export const FRAME_CLEAN = 1;

const P_COUNT = 0, P_BASE = 1, P_DATA_END = 2, P_MODE = 3;
const L_E = 4, L_AT = 5, L_LEN = 6, L_OFF = 7, L_START = 8, L_END = 9, L_EXP = 10, L_C = 11, L_K = 12, L_T = 13;

/** The frame function's parameter count, for the module (wasm-codec.ts). */
export const FRAME_PARAMS = 4;
/** The frame function's local count. */
export const FRAME_LOCALS = 10;

/** The module's function numbers the frame function calls. */
export interface Callees {
  transcode: number;
  transcode8: number;
  check: number;
}

/**
 * `frame(count, base, dataEnd, mode) → FRAME_CLEAN, FRAME_DIRTY or
 * FRAME_UNUSUAL`. `count` directory entries, `base` the base address,
 * `dataEnd` the offset of the record terminator.
 */
export function frameCode(callees: Callees): Code {
  const c = new Code();
  const unusual = (): void => {
    c.const(FRAME_UNUSUAL).op(OP.return);
  };
  /** Reads `digits` ASCII digits at at + offset into `local`; not a digit: unusual. */
  const number = (local: number, offset: number, digits: number): void => {
    c.const(0).set(local);
    for (let j = 0; j < digits; j++) {
      c.get(L_AT).mem(OP.i32_load8_u, 0, offset + j).const(0x30).op(OP.i32_sub).tee(L_C).const(9).op(OP.i32_gt_u).if();
      unusual();
      c.end();
      c.get(local).const(10).op(OP.i32_mul).get(L_C).op(OP.i32_add).set(local);
    }
  };

  c.get(P_BASE).set(L_EXP);
  c.block().loop(); // for each directory entry
  {
    c.get(L_E).get(P_COUNT).op(OP.i32_ge_u).brIf(1);
    c.get(L_E).const(12).op(OP.i32_mul).const(RECORD + 24).op(OP.i32_add).set(L_AT);
    // a tag of three ASCII graphic characters
    for (let j = 0; j < 3; j++) {
      c.get(L_AT).mem(OP.i32_load8_u, 0, j).const(0x21).op(OP.i32_sub).const(0x7e - 0x21).op(OP.i32_gt_u).if();
      unusual();
      c.end();
    }
    number(L_LEN, 3, 4);
    number(L_OFF, 7, 5);
    c.get(L_LEN).op(OP.i32_eqz).if();
    unusual();
    c.end();
    // the field starts where the one before ended, and ends in a terminator inside the data area
    c.get(P_BASE).get(L_OFF).op(OP.i32_add).tee(L_START).get(L_EXP).op(OP.i32_ne).if();
    unusual();
    c.end();
    c.get(L_START).get(L_LEN).op(OP.i32_add).const(1).op(OP.i32_sub).tee(L_END).get(P_DATA_END).op(OP.i32_ge_u).if();
    unusual();
    c.end();
    c.get(L_END).mem(OP.i32_load8_u, 0, RECORD).const(0x1e).op(OP.i32_ne).if();
    unusual();
    c.end();
    c.get(L_END).const(1).op(OP.i32_add).set(L_EXP);
    c.get(L_AT).mem(OP.i32_load, 0, 0).const(0xffffff).op(OP.i32_and).set(L_T);
    // a control field: tag 00X, unless laid out as a data field (a delimiter after two indicators)
    c.get(L_T).const(0xffff).op(OP.i32_and).const(0x3030).op(OP.i32_eq);
    c.get(L_LEN).const(3).op(OP.i32_gt_u).get(L_START).mem(OP.i32_load8_u, 0, RECORD + 2).const(0x1f).op(OP.i32_eq).op(OP.i32_and).op(OP.i32_eqz);
    c.op(OP.i32_and).if();
    {
      // no control character in it but ESC (a delimiter or any other would be noted)
      c.get(L_START).set(L_K);
      c.block().loop();
      c.get(L_K).get(L_END).op(OP.i32_ge_u).brIf(1);
      c.get(L_K).mem(OP.i32_load8_u, 0, RECORD).tee(L_C).const(0x20).op(OP.i32_lt_u).get(L_C).const(0x1b).op(OP.i32_ne).op(OP.i32_and).if();
      unusual();
      c.end();
      c.inc(L_K, 1).br(0);
      c.end().end();
      c.get(L_T).const(1 << 24).op(OP.i32_or).set(L_T);
    }
    c.else();
    {
      // two printable indicators, then a delimiter or the end of the field
      c.get(L_LEN).const(3).op(OP.i32_lt_u).if();
      unusual();
      c.end();
      for (let j = 0; j < 2; j++) {
        c.get(L_START).mem(OP.i32_load8_u, 0, RECORD + j).const(0x20).op(OP.i32_sub).const(0x7e - 0x20).op(OP.i32_gt_u).if();
        unusual();
        c.end();
      }
      c.get(L_LEN).const(3).op(OP.i32_gt_u).get(L_START).mem(OP.i32_load8_u, 0, RECORD + 2).const(0x1f).op(OP.i32_ne).op(OP.i32_and).if();
      unusual();
      c.end();
    }
    c.end();
    c.get(L_E).const(3).op(OP.i32_shl).const(FIELDS).op(OP.i32_add).get(L_START).const(RECORD).op(OP.i32_add).mem(OP.i32_store, 2, 0);
    c.get(L_E).const(3).op(OP.i32_shl).const(FIELDS).op(OP.i32_add).get(L_END).const(RECORD).op(OP.i32_add).mem(OP.i32_store, 2, 4);
    c.get(L_E).const(2).op(OP.i32_shl).const(TAGS).op(OP.i32_add).get(L_T).mem(OP.i32_store, 2, 0);
    c.inc(L_E, 1).br(0);
  }
  c.end().end();
  // the fields cover the data area exactly
  c.get(L_EXP).get(P_DATA_END).op(OP.i32_ne).if();
  unusual();
  c.end();

  // the check, with or without the transcoding
  c.get(P_MODE).const(FRAME_CHECK).op(OP.i32_eq).if();
  c.const(FIELDS).get(P_COUNT).op(OP.call, callees.check).set(L_C);
  c.else();
  const transcodeArguments = (): Code => c.const(FIELDS).get(P_COUNT).const(UNITS).const(MARKS).const(HEADS).const(CHECK);
  c.get(P_MODE).const(FRAME_TEXT_NARROW).op(OP.i32_eq).if();
  transcodeArguments().op(OP.call, callees.transcode8).set(L_C);
  c.else();
  transcodeArguments().op(OP.call, callees.transcode).set(L_C);
  c.end();
  c.end();
  c.get(L_C).const(0).op(OP.i32_lt_s).if();
  c.const(FRAME_DIRTY).op(OP.return);
  c.end();
  c.const(FRAME_CLEAN);
  return c;
}
