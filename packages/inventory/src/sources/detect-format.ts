/**
 * Tells a table file's format from its first bytes, falling back to its
 * extension: a file's name is often wrong (an XLSX saved as ".csv", a CSV
 * renamed ".xls"), its magic bytes are not.
 *
 * - `PK\x03\x04` (a zip archive) → xlsx;
 * - '<' after an optional UTF-8 byte-order mark and white space → xml;
 * - a dBase/FoxPro version byte whose header is self-consistent (valid
 *   last-update date, header length 32·k+1 or +2 or +264, record length,
 *   first field descriptor with a known type letter) → dbf;
 * - otherwise the extension (.csv .txt .tsv .tab .prn → csv, .xlsx .xlsm →
 *   xlsx, .dbf → dbf, .xml → xml), except that a file whose name says xlsx,
 *   dbf or xml but whose bytes are plain text is csv;
 * - otherwise text without NUL bytes → csv.
 */
import { extname } from 'node:path';
import type { TableFormat } from './table-types.js';

/** How many bytes `detectFormat` needs to see (a DBF header and its first field descriptor). */
export const FORMAT_HEAD_SIZE = 4096;

/** dBase III/IV/5, FoxBASE, FoxPro 2 and Visual FoxPro version bytes. */
const DBF_VERSIONS = new Set([0x02, 0x03, 0x04, 0x05, 0x07, 0x30, 0x31, 0x32, 0x43, 0x63, 0x83, 0x87, 0x8b, 0x8e, 0xcb, 0xe5, 0xf5, 0xfb]);
/** Field type letters of dBase and FoxPro field descriptors. */
const DBF_FIELD_TYPES = new Set([...'CNFLDMIBTYG0@+OVWPQ']);

/** The format and why, for the run summary. */
export interface FormatGuess {
  format: TableFormat;
  by: 'magic' | 'extension' | 'content';
  note: string;
}

function isZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** An OLE2 compound file: Excel 97-2003 .xls (or .doc). */
export function isOle2(head: Uint8Array): boolean {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return sig.every((b, i) => head[i] === b);
}

function looksLikeXml(head: Uint8Array): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  if (head[i] !== 0x3c) return false;
  const next = head[i + 1];
  // '<?xml', '<!--', '<!DOCTYPE' or a start tag (a name start character: letter, '_', ':' or a non-ASCII byte)
  return next !== undefined && (next === 0x3f || next === 0x21 || next === 0x5f || next === 0x3a || next >= 0x80 || ((next | 0x20) >= 0x61 && (next | 0x20) <= 0x7a));
}

/** A header that a dBase-family program could have written (the version byte alone matches too much text). */
export function looksLikeDbf(head: Uint8Array): boolean {
  if (head.length < 32 || !DBF_VERSIONS.has(head[0] as number)) return false;
  const month = head[2] as number;
  const day = head[3] as number;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const records = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (recordLength < 2 || headerLength < 65 || records > 0x7fffffff) return false;
  const fieldsPart = (headerLength - 1) % 32 === 0 || (headerLength - 2) % 32 === 0 || (headerLength - 264) % 32 === 0 || (headerLength - 265) % 32 === 0;
  if (!fieldsPart) return false;
  if (head.length >= 44) {
    const type = String.fromCharCode(head[32 + 11] as number);
    if (!DBF_FIELD_TYPES.has(type)) return false;
    // a field name is ASCII letters, digits and '_' padded with NULs
    const first = head[32] as number;
    if (first === 0 || first === 0x0d) return false;
  }
  return true;
}

/** Plain text: no NUL byte in the head. */
function looksLikeText(head: Uint8Array): boolean {
  return head.length > 0 && !head.includes(0);
}

const BY_EXTENSION: Readonly<Record<string, TableFormat>> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'csv',
  '.tab': 'csv',
  '.prn': 'csv',
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.dbf': 'dbf',
  '.xml': 'xml',
};

/** The format with the reason, or undefined when neither the bytes nor the name tell. */
export function guessFormat(path: string, head: Uint8Array): FormatGuess | undefined {
  if (isZip(head)) return { format: 'xlsx', by: 'magic', note: 'format xlsx (the file is a zip archive)' };
  if (looksLikeXml(head)) return { format: 'xml', by: 'magic', note: "format xml (the file starts with '<')" };
  if (looksLikeDbf(head)) return { format: 'dbf', by: 'magic', note: 'format dbf (the file starts with a dBase header)' };
  const ext = extname(path).toLowerCase();
  const byName = BY_EXTENSION[ext];
  if (byName !== undefined) {
    if (byName !== 'csv' && looksLikeText(head)) {
      return { format: 'csv', by: 'content', note: `format csv (the name ends in ${ext}, but the file is plain text)` };
    }
    return { format: byName, by: 'extension', note: `format ${byName} (from the file name's ${ext})` };
  }
  if (looksLikeText(head)) return { format: 'csv', by: 'content', note: 'format csv (plain text)' };
  return undefined;
}

/**
 * The table format of a file from its first bytes (at least FORMAT_HEAD_SIZE
 * when the file is that long), by magic bytes first and extension second.
 */
export function detectFormat(path: string, head: Uint8Array): TableFormat | undefined {
  return guessFormat(path, head)?.format;
}
