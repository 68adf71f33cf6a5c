/**
 * Splits a stream of JSON bytes into record-sized JSON texts without parsing
 * the whole document:
 * - a top-level array: each element is a piece (found by tracking strings and
 *   bracket depth), so a collection of any size streams;
 * - NDJSON (the first value is an object on one line with nothing after it on
 *   that line): from then on each non-blank line is a piece, so one bad line
 *   spoils only itself;
 * - otherwise: each top-level object is a piece (one pretty-printed record, or
 *   records simply written one after another).
 *
 * State is kept between chunks and nothing looks ahead, so the pieces are the
 * same for any chunking of the input.
 */

export type JsonPiece =
  | { kind: 'value'; bytes: Uint8Array; offset: number; line: number; unterminatedLine?: boolean }
  /** Bytes that cannot start a value here (up to the end of their line). */
  | { kind: 'garbage'; bytes: Uint8Array; offset: number; line: number }
  /** The input ended inside a value. */
  | { kind: 'truncated'; bytes: Uint8Array; offset: number; line: number };

const enum Mode {
  /** Before the first value: not yet known. */
  Start,
  /** Inside a top-level array, between elements. */
  Array,
  /** After the array closed, or between top-level objects. */
  Objects,
  /** NDJSON: one value per line. */
  Lines,
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === LF || b === CR;
}

export class JsonSplitter {
  private mode = Mode.Start;
  private offset = 0;
  private line = 1;

  // The piece being collected.
  private collecting: 'none' | 'value' | 'garbage' | 'line' = 'none';
  private parts: Uint8Array[] = [];
  private from = 0;
  private pieceOffset = 0;
  private pieceLine = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private multiline = false;
  /** In the array: true when the element being collected is ended by ',' or ']' at depth 0. */
  private inArray = false;

  /** After the first top-level object: is the rest of its line blank (then this is NDJSON)? */
  private maybeLines = false;
  private valuesSeen = 0;

  private pieces: JsonPiece[] = [];

  push(chunk: Uint8Array): JsonPiece[] {
    this.pieces = [];
    this.from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      this.step(b, chunk, i);
      if (b === LF) this.line++;
      this.offset++;
    }
    if (this.collecting !== 'none' && this.from < chunk.length) this.parts.push(chunk.slice(this.from));
    return this.pieces;
  }

  end(): JsonPiece[] {
    this.pieces = [];
    if (this.collecting === 'value') {
      this.pieces.push({ kind: 'truncated', bytes: concat(this.parts), offset: this.pieceOffset, line: this.pieceLine });
    } else if (this.collecting === 'garbage') {
      this.pieces.push({ kind: 'garbage', bytes: concat(this.parts), offset: this.pieceOffset, line: this.pieceLine });
    } else if (this.collecting === 'line') {
      this.emitLine(concat(this.parts), true);
    }
    this.collecting = 'none';
    this.parts = [];
    return this.pieces;
  }

  private begin(kind: 'value' | 'garbage' | 'line', i: number): void {
    this.collecting = kind;
    this.parts = [];
    this.from = i;
    this.pieceOffset = this.offset;
    this.pieceLine = this.line;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.multiline = false;
  }

  /** Ends the current piece; `through` is the last index that belongs to it (may be i - 1). */
  private finish(chunk: Uint8Array, through: number): Uint8Array {
    if (this.from <= through) this.parts.push(chunk.slice(this.from, through + 1));
    const bytes = concat(this.parts);
    this.parts = [];
    this.collecting = 'none';
    this.from = through + 1;
    return bytes;
  }

  private step(b: number, chunk: Uint8Array, i: number): void {
    switch (this.collecting) {
      case 'value':
        return this.stepValue(b, chunk, i);
      case 'garbage':
        if (b === LF) this.pieces.push({ kind: 'garbage', bytes: trimEnd(this.finish(chunk, i - 1)), offset: this.pieceOffset, line: this.pieceLine });
        return;
      case 'line':
        if (b === LF) this.emitLine(this.finish(chunk, i - 1));
        return;
      case 'none':
        break;
    }
    if (this.mode === Mode.Lines) {
      if (b !== LF) this.begin('line', i);
      return;
    }
    if (isSpace(b) || (this.offset < 3 && b === [0xef, 0xbb, 0xbf][this.offset])) {
      if (b === LF && this.maybeLines) this.mode = Mode.Lines;
      return;
    }
    if (this.mode === Mode.Array) {
      if (b === 0x2c) return; // ','
      if (b === 0x5d) {
        // ']'
        this.mode = Mode.Objects;
        return;
      }
      this.inArray = true;
      this.begin('value', i);
      return this.stepValue(b, chunk, i);
    }
    this.maybeLines = false;
    if (b === 0x5b) {
      // '[': a collection (several arrays one after another are read one after another)
      this.mode = Mode.Array;
      return;
    }
    this.mode = Mode.Objects;
    if (b === 0x7b) {
      this.inArray = false;
      this.begin('value', i);
      return this.stepValue(b, chunk, i);
    }
    this.begin('garbage', i);
  }

  private stepValue(b: number, chunk: Uint8Array, i: number): void {
    if (b === LF) this.multiline = true;
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (b === BACKSLASH) this.escaped = true;
      else if (b === QUOTE) this.inString = false;
      return;
    }
    if (b === QUOTE) {
      this.inString = true;
      return;
    }
    if (this.inArray && this.depth <= 0 && (b === 0x2c || b === 0x5d)) {
      // ',' or ']' ends the element (and is not part of it).
      this.pieces.push({ kind: 'value', bytes: trimEnd(this.finish(chunk, i - 1)), offset: this.pieceOffset, line: this.pieceLine });
      if (b === 0x5d) this.mode = Mode.Objects;
      return;
    }
    if (b === 0x7b || b === 0x5b) {
      this.depth++;
    } else if (b === 0x7d || b === 0x5d) {
      this.depth--;
      if (!this.inArray && this.depth <= 0) {
        this.pieces.push({ kind: 'value', bytes: this.finish(chunk, i), offset: this.pieceOffset, line: this.pieceLine });
        if (this.valuesSeen++ === 0 && !this.multiline) this.maybeLines = true;
      }
    }
  }

  private emitLine(bytes: Uint8Array, unterminated = false): void {
    const trimmed = trimEnd(bytes);
    let start = 0;
    while (start < trimmed.length && isSpace(trimmed[start]!)) start++;
    if (start === trimmed.length) return;
    const piece: JsonPiece = { kind: 'value', bytes: trimmed.subarray(start), offset: this.pieceOffset + start, line: this.pieceLine };
    if (unterminated) piece.unterminatedLine = true;
    this.pieces.push(piece);
  }
}

function trimEnd(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && isSpace(bytes[end - 1]!)) end--;
  return end === bytes.length ? bytes : bytes.subarray(0, end);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
