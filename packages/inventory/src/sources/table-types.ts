/**
 * What every table reader hands to the caller: rows of cell texts with their
 * place in the file, plus what was detected on the way (format, encoding,
 * delimiter, sheet). The readers never interpret cells; mapping columns and
 * validating values is the caller's job.
 */
import type { CharsetName } from '@kitap/marc';

/** The table formats 1C and spreadsheet exports come in. */
export type TableFormat = 'csv' | 'xlsx' | 'dbf' | 'xml';

/** Every supported table format, in the order the docs list them. */
export const TABLE_FORMATS: readonly TableFormat[] = Object.freeze(['csv', 'xlsx', 'dbf', 'xml'] as const);

/**
 * Where the encoding came from: the caller (`given`), a byte-order mark, the
 * bytes themselves, the DBF language driver byte, or the XML declaration.
 */
export type EncodingSource = 'given' | 'bom' | 'detected' | 'dbf-header' | 'xml-declaration';

/** One row of a table, as the file has it. */
export interface TableRow {
  /**
   * 1-based physical line of the row's start in a text file (CSV: counts the
   * line breaks inside quoted cells); the sheet row number in XLSX; the
   * 1-based record number in DBF; the 1-based ordinal of the row element in XML.
   */
  line: number;
  /** Byte offset of the row's start (CSV only). */
  offset?: number;
  /** Cell texts as the file has them, untrimmed, never undefined (missing → ''). */
  cells: string[];
  /** The row as text for reject files: the original CSV line(s) decoded; for other formats the cells joined by '\t'. */
  raw: string;
  /**
   * The row could not be read as its format requires (a CSV quoting error, an
   * XML row element that is not well formed, a DBF record cut off by the end
   * of the file). The message names the line. The caller rejects the row;
   * `cells` then holds only a best-effort split for display.
   */
  error?: string;
  /** DBF only: the record is marked deleted (`*`). The caller counts it as filtered. */
  deleted?: true;
  /** Something was read with a loss the caller should report, e.g. bytes not valid in the encoding replaced by U+FFFD. */
  warning?: string;
}

/** An opened table: what was detected, and its rows as a single-pass stream. */
export interface OpenTable {
  format: TableFormat;
  /** Text formats and DBF. */
  encoding?: CharsetName;
  encodingSource?: EncodingSource;
  /** CSV only. */
  delimiter?: string;
  /**
   * Column names for formats that name their columns themselves (DBF field
   * names, XML element or column names). For CSV and XLSX the header is one of
   * the rows and is found by the caller. For plain and EnterpriseData XML the
   * list can grow while rows are read, when a later row brings a new name:
   * a row's cells are aligned with this list as it stood when the row was emitted.
   */
  columns?: string[];
  /** Single pass, streaming: iterating a second time throws. Breaking out of the loop closes the file. */
  rows: AsyncIterable<TableRow>;
  /**
   * What was detected, for the run summary ("encoding cp1251 detected from
   * the first 64 KiB: …", "delimiter ';' …"). Readers may append to it while
   * rows are read (deleted DBF records, the XLSX sheet chosen).
   */
  notes: string[];
}

/** Options of `openTable`; everything is detected when not given. */
export interface OpenTableOptions {
  format?: TableFormat;
  encoding?: CharsetName;
  /** CSV: one ASCII character. */
  delimiter?: string;
  /** XLSX: sheet name, or 1-based position in the workbook's tab order. */
  sheet?: string | number;
  /** XML: the name of the row element (local or prefixed name). */
  xmlRow?: string;
}
