/**
 * The one loop of the ISO2709 reader that touches every byte of a record,
 * compiled to WebAssembly: it turns the UTF-8 of each field into UTF-16 code
 * units, notes where every subfield delimiter falls and, when asked, checks
 * on the way what the frame parser must know (no control character other
 * than the delimiters and ESC, every 0x1F followed by an ASCII graphic code).
 *
 * WebAssembly runs this loop faster than the same loop in JavaScript (no
 * bounds check on every byte; about a third less time measured here), and
 * doing the check and the transcoding in one pass spares the reader a second
 * pass over the record.
 * The function is written with wasm-binary.ts and compiled in wasm-codec.ts;
 * the JavaScript twin in record-text.ts does the same work where WebAssembly
 * is unavailable or a record does not fit the memory (wasm-layout.ts), and
 * the tests hold the two to the same output.
 *
 * Input must be valid UTF-8 within each field's range (the caller checks the
 * record with `isUtf8` and that no range starts or ends inside a character).
 */
import { SEEN } from './wasm-layout.js';
import { Code, OP } from './wasm-binary.js';

/** The transcoder's flag: check on the way (and return -1 at a problem). */
export const CHECK = 1;

/** Bit of what the pass saw: a lead byte 0xEE-0xF4 (private use, noncharacters, planes 2-16). */
export const SEEN_HIGH_LEAD = 1;
/** Bit of what the pass saw: an ESC (0x1B), as MARC-8 escape sequences start. */
export const SEEN_ESC = 2;
/**
 * Bit of what the pass saw: a control character a clean pass lets through other than ESC — DEL
 * (0x7F), a C1 control (U+0080–U+009F, or anything a two-byte sequence makes below U+00A0) or a
 * field terminator inside a field. With neither this nor SEEN_ESC, no value of the record holds a
 * control character (the check fails at any other C0 control), so a rule looking for them has
 * nothing to read. The checker (which does not tell characters apart) always sets it.
 */
export const SEEN_CONTROL = 4;

/** Parameters, then locals. */
const P_FIELDS = 0, P_COUNT = 1, P_UNITS = 2, P_MARKS = 3, P_HEADS = 4, P_FLAGS = 5;
const L_I = 6, L_K = 7, L_END = 8, L_C = 9, L_U = 10, L_M = 11, L_D = 12, L_SEEN = 13, L_W = 14;
/**
 * What the four-byte steps gather for SEEN_CONTROL, tested once at the end: the AND of each
 * character pair's two code points with bit 15 set, less 0xA0 (bit 15 of a lane drops for a code
 * point below U+00A0), and the OR of each four ASCII bytes plus one in each byte (bit 7 of a byte
 * rises for DEL alone).
 */
const L_LOW = 15, L_DEL = 16;

/**
 * `transcode(fields, count, units, marks, heads, flags) → units written, or -1`
 * (-1 only with CHECK: a control character or a bad subfield code was met).
 * The `narrow` variant is for all-ASCII input and writes each unit as one
 * byte. What the pass saw on the way (SEEN_* bits) is left at SEEN.
 *
 * Four bytes that are two two-byte characters (all of Cyrillic, Kazakh
 * included) or four ASCII graphic characters are taken at once, with one
 * load and one mask test (about 12% of the reader's decode time on the
 * benchmark catalog). Otherwise, one character at a time: three- and
 * four-byte characters and control characters are tested for first, as they
 * are rare; then ASCII or two bytes. The four-byte steps note what SEEN_CONTROL
 * needs with three operations each (see L_LOW, L_DEL). (Choosing between those two without a branch, with `select`,
 * measured no faster.)
 */
export function transcoderCode(narrow: boolean): Code {
  const c = new Code();
  const width = narrow ? 0 : 1; // log2 of the bytes a unit
  /** L_U is the address of the next unit; pushes its index. */
  const unitIndex = (): Code => c.get(L_U).get(P_UNITS).op(OP.i32_sub).const(width).op(OP.i32_shr_u);
  /** heads[2 * index] = unit index, heads[2 * index + 1] = m */
  const writeHead = (index: number): void => {
    c.get(P_HEADS).get(index).const(3).op(OP.i32_shl, OP.i32_add);
    unitIndex();
    c.mem(OP.i32_store, 2, 0);
    c.get(P_HEADS).get(index).const(3).op(OP.i32_shl, OP.i32_add).get(L_M).mem(OP.i32_store, 2, 4);
  };
  /** Pushes (byte at k + offset) & 0x3F. */
  const continuation = (offset: number): Code => c.get(L_K).mem(OP.i32_load8_u, 0, offset).const(0x3f).op(OP.i32_and);

  c.get(P_UNITS).set(L_U);
  c.const(-1).set(L_LOW);
  c.block().loop(); // for each field
  {
    c.get(L_I).get(P_COUNT).op(OP.i32_ge_u).brIf(1);
    writeHead(L_I);
    c.get(P_FIELDS).get(L_I).const(3).op(OP.i32_shl, OP.i32_add).mem(OP.i32_load, 2, 0).set(L_K);
    c.get(P_FIELDS).get(L_I).const(3).op(OP.i32_shl, OP.i32_add).mem(OP.i32_load, 2, 4).set(L_END);
    c.block().loop(); // for each character of the field
    {
      c.get(L_K).get(L_END).op(OP.i32_ge_u).brIf(1);
      if (!narrow) {
        // Four bytes at a time where they are two two-byte characters (Cyrillic, Kazakh
        // included) or four ASCII graphic characters: the bulk of this catalog's text.
        c.get(L_K).const(4).op(OP.i32_add).get(L_END).op(OP.i32_le_u).if();
        {
          c.get(L_K).mem(OP.i32_load, 0).tee(L_W).const(0xc0e0c0e0 | 0).op(OP.i32_and).const(0x80c080c0 | 0).op(OP.i32_eq).if();
          {
            // 110aaaaa 10bbbbbb 110ccccc 10dddddd → aaaaabbbbbb, cccccdddddd
            c.get(L_U);
            // in each 16-bit lane: (lead & 0x1F) << 6 | (continuation & 0x3F)
            c.get(L_W).const(0x001f001f).op(OP.i32_and).const(6).op(OP.i32_shl);
            c.get(L_W).const(8).op(OP.i32_shr_u).const(0x003f003f).op(OP.i32_and).op(OP.i32_or);
            c.tee(L_D).mem(OP.i32_store, 0, 0);
            c.get(L_LOW).get(L_D).const(0x80008000 | 0).op(OP.i32_or).const(0x00a000a0).op(OP.i32_sub).op(OP.i32_and).set(L_LOW);
            c.inc(L_U, 4).inc(L_K, 4);
            c.br(2); // next character
          }
          c.end();
          // every byte 0x20-0x7F: (w - 0x20202020) borrows, or sets a high bit, for any other
          c.get(L_W).get(L_W).const(0x20202020).op(OP.i32_sub).op(OP.i32_or).const(0x80808080 | 0).op(OP.i32_and).op(OP.i32_eqz).if();
          {
            c.get(L_DEL).get(L_W).const(0x01010101).op(OP.i32_add).op(OP.i32_or).set(L_DEL);
            c.get(L_U).get(L_W).const(0xff).op(OP.i32_and).get(L_W).const(0xff00).op(OP.i32_and).const(8).op(OP.i32_shl, OP.i32_or).mem(OP.i32_store, 0, 0);
            c.get(L_U).get(L_W).const(16).op(OP.i32_shr_u).const(0xff).op(OP.i32_and).get(L_W).const(8).op(OP.i32_shr_u).const(0xff0000).op(OP.i32_and).op(OP.i32_or).mem(OP.i32_store, 0, 4);
            c.inc(L_U, 8).inc(L_K, 4);
            c.br(2); // next character
          }
          c.end();
        }
        c.end();
      }
      c.get(L_K).mem(OP.i32_load8_u, 0).set(L_C);
      if (!narrow) {
        c.get(L_C).const(0xe0).op(OP.i32_ge_u).if();
        {
          c.get(L_C).const(0xf0).op(OP.i32_lt_u).if();
          {
            // three bytes: 1110xxxx 10xxxxxx 10xxxxxx
            c.get(L_SEEN).get(L_C).const(0xee).op(OP.i32_ge_u).op(OP.i32_or).set(L_SEEN);
            c.get(L_U);
            c.get(L_C).const(0x0f).op(OP.i32_and).const(12).op(OP.i32_shl);
            continuation(1).const(6).op(OP.i32_shl, OP.i32_or);
            continuation(2).op(OP.i32_or);
            c.mem(OP.i32_store16, 1, 0);
            c.inc(L_U, 2).inc(L_K, 3);
          }
          c.else();
          {
            // four bytes: a surrogate pair
            c.get(L_SEEN).const(SEEN_HIGH_LEAD).op(OP.i32_or).set(L_SEEN);
            c.get(L_C).const(0x07).op(OP.i32_and).const(18).op(OP.i32_shl);
            continuation(1).const(12).op(OP.i32_shl, OP.i32_or);
            continuation(2).const(6).op(OP.i32_shl, OP.i32_or);
            continuation(3).op(OP.i32_or);
            c.const(0x10000).op(OP.i32_sub).set(L_D);
            c.get(L_U).get(L_D).const(10).op(OP.i32_shr_u).const(0xd800).op(OP.i32_or).mem(OP.i32_store16, 1, 0);
            c.get(L_U).get(L_D).const(0x3ff).op(OP.i32_and).const(0xdc00).op(OP.i32_or).mem(OP.i32_store16, 1, 2);
            c.inc(L_U, 4).inc(L_K, 4);
          }
          c.end();
          c.br(1); // next character
        }
        c.end();
      }
      c.get(L_C).const(0x20).op(OP.i32_lt_u).if();
      {
        c.get(L_C).const(0x1f).op(OP.i32_eq).if();
        {
          // a subfield delimiter: with CHECK, the code after it must be 0x21-0x7E
          c.get(P_FLAGS).const(CHECK).op(OP.i32_and).if();
          c.get(L_K).mem(OP.i32_load8_u, 0, 1).const(0x21).op(OP.i32_sub).const(0x7e - 0x21 + 1).op(OP.i32_ge_u).if().const(-1).op(OP.return).end();
          c.end();
          c.get(P_MARKS).get(L_M).const(2).op(OP.i32_shl, OP.i32_add);
          unitIndex();
          c.mem(OP.i32_store, 2, 0);
          c.inc(L_M, 1);
        }
        c.else();
        {
          // any other control character but the field terminator and ESC fails the check
          c.get(L_SEEN).get(L_C).const(0x1b).op(OP.i32_eq).const(1).op(OP.i32_shl, OP.i32_or).set(L_SEEN);
          c.get(L_SEEN).get(L_C).const(0x1e).op(OP.i32_eq).const(2).op(OP.i32_shl, OP.i32_or).set(L_SEEN);
          c.get(P_FLAGS).const(CHECK).op(OP.i32_and);
          c.get(L_C).const(0x1e).op(OP.i32_ne).op(OP.i32_and);
          c.get(L_C).const(0x1b).op(OP.i32_ne).op(OP.i32_and);
          c.if().const(-1).op(OP.return).end();
        }
        c.end();
      }
      c.end();
      if (narrow) {
        c.get(L_SEEN).get(L_C).const(0x7f).op(OP.i32_eq).const(2).op(OP.i32_shl, OP.i32_or).set(L_SEEN);
        c.get(L_U).get(L_C).mem(OP.i32_store8, 0, 0);
        c.inc(L_U, 1).inc(L_K, 1);
      } else {
        c.get(L_C).const(0x80).op(OP.i32_lt_u).if();
        c.get(L_SEEN).get(L_C).const(0x7f).op(OP.i32_eq).const(2).op(OP.i32_shl, OP.i32_or).set(L_SEEN);
        c.get(L_U).get(L_C).mem(OP.i32_store16, 1, 0);
        c.inc(L_U, 2).inc(L_K, 1);
        c.else();
        // two bytes: 110xxxxx 10xxxxxx
        c.get(L_U);
        c.get(L_C).const(0x1f).op(OP.i32_and).const(6).op(OP.i32_shl);
        continuation(1).op(OP.i32_or);
        c.tee(L_D);
        c.mem(OP.i32_store16, 1, 0);
        c.get(L_SEEN).get(L_D).const(0xa0).op(OP.i32_lt_u).const(2).op(OP.i32_shl, OP.i32_or).set(L_SEEN);
        c.inc(L_U, 2).inc(L_K, 2);
        c.end();
      }
      c.br(0);
    }
    c.end().end();
    c.inc(L_I, 1).br(0);
  }
  c.end().end();
  writeHead(P_COUNT);
  // What the four-byte steps gathered: a lane whose bit 15 dropped, or a byte whose bit 7 rose.
  c.get(L_SEEN);
  c.get(L_LOW).const(0x80008000 | 0).op(OP.i32_and).const(0x80008000 | 0).op(OP.i32_ne);
  c.get(L_DEL).const(0x80808080 | 0).op(OP.i32_and).const(0).op(OP.i32_ne).op(OP.i32_or);
  c.const(2).op(OP.i32_shl, OP.i32_or).set(L_SEEN);
  c.const(SEEN).get(L_SEEN).mem(OP.i32_store, 2, 0);
  unitIndex();
  return c;
}

/** The transcoder's parameter count, for the module (wasm-codec.ts). */
export const TRANSCODER_PARAMS = 6;
/** The transcoder's local count. */
export const TRANSCODER_LOCALS = 11;

/**
 * `check(fields, count) → 0, or -1`: the transcoder's check alone, for a
 * reader whose records are not decoded (`kitap convert` writes them from their
 * bytes). Every byte is looked at once, without telling characters apart: a
 * control character fails as in the transcoder, and SEEN gets the same bits
 * (a lead byte 0xEE-0xF4 is never a continuation byte), but for SEEN_CONTROL,
 * which it always sets: telling DEL and C1 controls apart here would cost
 * convert what no reader of its records needs.
 */
export function checkerCode(): Code {
  const c = new Code();
  const F = 0, N = 1, I = 2, K = 3, END = 4, C = 5, S = 6;
  c.block().loop(); // for each field
  {
    c.get(I).get(N).op(OP.i32_ge_u).brIf(1);
    c.get(F).get(I).const(3).op(OP.i32_shl, OP.i32_add).mem(OP.i32_load, 2, 0).set(K);
    c.get(F).get(I).const(3).op(OP.i32_shl, OP.i32_add).mem(OP.i32_load, 2, 4).set(END);
    c.block().loop(); // for each byte
    {
      c.get(K).get(END).op(OP.i32_ge_u).brIf(1);
      c.get(K).mem(OP.i32_load8_u, 0).tee(C).const(0x20).op(OP.i32_lt_u).if();
      {
        c.get(C).const(0x1f).op(OP.i32_eq).if();
        c.get(K).mem(OP.i32_load8_u, 0, 1).const(0x21).op(OP.i32_sub).const(0x7e - 0x21 + 1).op(OP.i32_ge_u).if().const(-1).op(OP.return).end();
        c.else();
        c.get(S).get(C).const(0x1b).op(OP.i32_eq).const(1).op(OP.i32_shl, OP.i32_or).set(S);
        c.get(C).const(0x1e).op(OP.i32_ne).get(C).const(0x1b).op(OP.i32_ne).op(OP.i32_and).if().const(-1).op(OP.return).end();
        c.end();
      }
      c.else();
      c.get(S).get(C).const(0xee).op(OP.i32_ge_u).op(OP.i32_or).set(S);
      c.end();
      c.inc(K, 1).br(0);
    }
    c.end().end();
    c.inc(I, 1).br(0);
  }
  c.end().end();
  c.const(SEEN).get(S).const(SEEN_CONTROL).op(OP.i32_or).mem(OP.i32_store, 2, 0);
  c.const(0);
  return c;
}

/** The check's parameter count, for the module (wasm-codec.ts). */
export const CHECKER_PARAMS = 2;
/** The check's local count. */
export const CHECKER_LOCALS = 5;
