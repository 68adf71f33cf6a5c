/**
 * Opens a table file of any supported format: reads its first bytes, decides
 * the format (given, else by magic bytes, else by extension), and hands the
 * file to the format's reader. See docs/inventory-formats.md.
 */
import { open } from 'node:fs/promises';
import { KitapError } from '@kitap/core';
import { CHARSETS, type CharsetName } from '@kitap/marc';
import { fileChunks } from './byte-source.js';
import { openCsv } from './csv.js';
import { openDbf } from './dbf.js';
import { FORMAT_HEAD_SIZE, guessFormat, isOle2 } from './detect-format.js';
import { inputError, messageOf } from './input-error.js';
import { TABLE_FORMATS, type OpenTable, type OpenTableOptions, type TableFormat } from './table-types.js';
import { openXlsx } from './xlsx.js';
import { openXml } from './xml.js';

export { detectFormat } from './detect-format.js';
export { TABLE_FORMATS } from './table-types.js';
export type { EncodingSource, OpenTable, OpenTableOptions, TableFormat, TableRow } from './table-types.js';

/** Charsets a table can be read in (MARC-8 exists only inside MARC records). */
const TABLE_CHARSETS: readonly CharsetName[] = CHARSETS.filter((c) => c !== 'marc8');

async function readHead(path: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
    const head = Buffer.alloc(FORMAT_HEAD_SIZE);
    const { bytesRead } = await handle.read(head, 0, FORMAT_HEAD_SIZE, 0);
    return head.subarray(0, bytesRead);
  } catch (error) {
    throw inputError(path, `cannot open the file: ${messageOf(error)}`);
  } finally {
    await handle?.close();
  }
}

function checkOptions(options: OpenTableOptions): void {
  if (options.format !== undefined && !TABLE_FORMATS.includes(options.format)) {
    throw new KitapError('E_USAGE', `unknown table format "${String(options.format)}"; use one of ${TABLE_FORMATS.join(', ')}`);
  }
  if (options.encoding !== undefined && !TABLE_CHARSETS.includes(options.encoding)) {
    throw new KitapError('E_USAGE', `a table cannot be read as "${String(options.encoding)}"; use one of ${TABLE_CHARSETS.join(', ')}`);
  }
  const d = options.delimiter;
  if (d !== undefined && (d.length !== 1 || d.charCodeAt(0) > 0x7e || d === '"' || d === '\r' || d === '\n')) {
    throw new KitapError('E_USAGE', `the CSV delimiter must be one ASCII character other than '"' and a line break, not ${JSON.stringify(d)}`);
  }
  if (typeof options.sheet === 'number' && (!Number.isInteger(options.sheet) || options.sheet < 1)) {
    throw new KitapError('E_USAGE', `the sheet number must be 1 or more, not ${options.sheet}`);
  }
}

/**
 * Opens a table file for reading. Everything not given in `options` is
 * detected; `notes` says what was detected and how. Throws
 * KitapError('E_INPUT') naming the file when it cannot be opened or is not a
 * table kitap reads, and E_USAGE for invalid options.
 */
export async function openTable(path: string, options: OpenTableOptions = {}): Promise<OpenTable> {
  checkOptions(options);
  const head = await readHead(path);
  if (head.length === 0) throw inputError(path, 'the file is empty');
  let format: TableFormat;
  let formatNote: string;
  const guess = guessFormat(path, head);
  if (options.format !== undefined) {
    format = options.format;
    formatNote = `format ${format} (given)${guess !== undefined && guess.by === 'magic' && guess.format !== format ? `; the file's bytes look like ${guess.format}` : ''}`;
  } else if (isOle2(head)) {
    throw inputError(path, 'this is an Excel 97-2003 workbook (.xls), which kitap does not read; open it in Excel or LibreOffice and save it as .xlsx or CSV UTF-8');
  } else if (guess === undefined) {
    throw inputError(path, 'cannot tell the format: the file is not a zip (xlsx), XML or DBF file, not plain text, and its name does not end in .csv, .txt, .xlsx, .dbf or .xml; give the format');
  } else {
    format = guess.format;
    formatNote = guess.note;
  }

  let table: OpenTable;
  switch (format) {
    case 'csv':
      table = await openCsv(path, fileChunks(path), withDefined({ encoding: options.encoding, delimiter: options.delimiter }));
      break;
    case 'xml':
      table = await openXml(path, fileChunks(path), withDefined({ encoding: options.encoding, xmlRow: options.xmlRow }));
      break;
    case 'dbf':
      table = await openDbf(path, path, withDefined({ encoding: options.encoding }));
      break;
    case 'xlsx':
      table = await openXlsx(path, path, withDefined({ sheet: options.sheet }));
      break;
  }
  table.notes.unshift(formatNote);
  return table;
}

/** The object without its undefined properties (for exactOptionalPropertyTypes). */
function withDefined<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
