/**
 * Finds one CSV record in bytes: the cells' byte ranges, where the record
 * ends, and how many line breaks its quoted cells hold. Works on the bytes of
 * any ASCII-compatible encoding (UTF-8, cp1251, rk1048, pt154, cp866): the
 * delimiter, the quote and the line breaks are ASCII and never occur inside a
 * multi-byte character.
 *
 * Quoting follows RFC 4180: a cell that starts with '"' ends at the next '"'
 * that is not doubled; the closing quote must be followed by the delimiter or
 * the end of the line (spaces and tabs in between are tolerated and dropped).
 * A '"' inside an unquoted cell is an ordinary character. Line breaks are LF,
 * CRLF or a lone CR.
 *
 * The scanner is stateless: it is called again from the record's start when
 * more bytes arrive, which keeps it simple and costs nothing for records
 * shorter than a chunk.
 */

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;

/** A quoted cell may span at most this many line breaks before it is taken for an unclosed quote. */
export const MAX_QUOTED_LINE_BREAKS = 100;
/** A record may be at most this long before it is taken for an unclosed quote. */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** One cell's bytes: [start, end), without the surrounding quotes. */
export interface CellRange {
  start: number;
  end: number;
  /** The cell was quoted and holds doubled quotes ("") to undo. */
  escaped: boolean;
}

/** What `scanRecord` found at a record start. */
export type ScanResult =
  /** A complete record. `contentEnd` is before its line break, `end` after it. */
  | { kind: 'record'; cells: CellRange[]; contentEnd: number; end: number; lineBreaks: number }
  /** The bytes end inside the record; call again with more. */
  | { kind: 'more' }
  /** A quoting error. `at` is the offending byte; `lineBreaks` the line breaks between the record start and `at`. */
  | { kind: 'error'; reason: 'closing-quote' | 'unclosed' | 'too-long'; at: number; lineBreaks: number };

/**
 * Scans the record starting at `start`. `final` says that no bytes follow
 * `bytes` (the end of the input). `delimiter` is one ASCII byte.
 */
export function scanRecord(bytes: Uint8Array, start: number, final: boolean, delimiter: number): ScanResult {
  const n = bytes.length;
  const cells: CellRange[] = [];
  let lineBreaks = 0;
  let i = start;
  for (;;) {
    // at the start of a cell
    if (i < n && bytes[i] === QUOTE) {
      const cellStart = i + 1;
      let escaped = false;
      i = cellStart;
      for (;;) {
        if (i >= n) {
          if (!final) return { kind: 'more' };
          return { kind: 'error', reason: 'unclosed', at: cellStart - 1, lineBreaks };
        }
        const c = bytes[i] as number;
        if (c === QUOTE) {
          if (i + 1 >= n && !final) return { kind: 'more' };
          if (bytes[i + 1] === QUOTE) {
            escaped = true;
            i += 2;
            continue;
          }
          const cellEnd = i;
          i++;
          while (i < n && (bytes[i] === SPACE || (bytes[i] === TAB && delimiter !== TAB))) i++;
          if (i >= n) {
            if (!final) return { kind: 'more' };
            cells.push({ start: cellStart, end: cellEnd, escaped });
            return { kind: 'record', cells, contentEnd: n, end: n, lineBreaks };
          }
          const after = bytes[i] as number;
          if (after === delimiter) {
            cells.push({ start: cellStart, end: cellEnd, escaped });
            i++;
            break;
          }
          if (after === CR || after === LF) {
            cells.push({ start: cellStart, end: cellEnd, escaped });
            return lineEnd(bytes, i, final, cells, lineBreaks);
          }
          return { kind: 'error', reason: 'closing-quote', at: i, lineBreaks };
        }
        if (c === LF || c === CR) {
          lineBreaks++;
          if (c === CR && i + 1 >= n && !final) return { kind: 'more' };
          i += c === CR && bytes[i + 1] === LF ? 2 : 1;
          if (lineBreaks > MAX_QUOTED_LINE_BREAKS) return { kind: 'error', reason: 'too-long', at: cellStart - 1, lineBreaks: 0 };
          continue;
        }
        i++;
        if (i - start > MAX_RECORD_BYTES) return { kind: 'error', reason: 'too-long', at: cellStart - 1, lineBreaks: 0 };
      }
      continue;
    }
    // an unquoted cell
    const cellStart = i;
    while (i < n) {
      const c = bytes[i] as number;
      if (c === delimiter || c === CR || c === LF) break;
      i++;
    }
    if (i >= n) {
      if (!final) {
        if (i - start > MAX_RECORD_BYTES) return { kind: 'error', reason: 'too-long', at: start, lineBreaks: 0 };
        return { kind: 'more' };
      }
      cells.push({ start: cellStart, end: n, escaped: false });
      return { kind: 'record', cells, contentEnd: n, end: n, lineBreaks };
    }
    cells.push({ start: cellStart, end: i, escaped: false });
    if (bytes[i] === delimiter) {
      i++;
      continue;
    }
    return lineEnd(bytes, i, final, cells, lineBreaks);
  }
}

/** The record ends at the line break at `i`. */
function lineEnd(bytes: Uint8Array, i: number, final: boolean, cells: CellRange[], lineBreaks: number): ScanResult {
  if (bytes[i] === CR) {
    if (i + 1 >= bytes.length && !final) return { kind: 'more' };
    return { kind: 'record', cells, contentEnd: i, end: bytes[i + 1] === LF ? i + 2 : i + 1, lineBreaks };
  }
  return { kind: 'record', cells, contentEnd: i, end: i + 1, lineBreaks };
}

/**
 * The first physical line from `start`: [start, contentEnd) and where the next
 * line begins, or undefined when the bytes end before the line does (and more
 * may come).
 */
export function physicalLine(bytes: Uint8Array, start: number, final: boolean): { contentEnd: number; end: number } | undefined {
  const n = bytes.length;
  for (let i = start; i < n; i++) {
    const c = bytes[i];
    if (c === LF) return { contentEnd: i, end: i + 1 };
    if (c === CR) {
      if (i + 1 >= n && !final) return undefined;
      return { contentEnd: i, end: bytes[i + 1] === LF ? i + 2 : i + 1 };
    }
  }
  return final ? { contentEnd: n, end: n } : undefined;
}
