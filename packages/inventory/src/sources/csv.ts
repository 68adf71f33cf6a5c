/**
 * CSV reader: a streaming scanner over the raw bytes (see csv-scanner.ts),
 * with cells decoded one record at a time in the file's encoding. Memory holds
 * the current record and the unread rest of the current chunk, whatever the
 * file's size.
 *
 * A quoting error does not end the run: the first physical line of the broken
 * record becomes a row with `error` set, and reading resumes on the next line.
 * That way an unclosed quote costs one line, not every line up to the next
 * quote in the file (csv-parse, with skip_records_with_error or relax_quotes,
 * swallows those lines into one record).
 */
import type { CharsetName } from '@kitap/marc';
import { ByteSource } from './byte-source.js';
import { MAX_QUOTED_LINE_BREAKS, physicalLine, scanRecord, type ScanResult } from './csv-scanner.js';
import { decodeRange, decodingWarning, describeCharacter } from './decode-cell.js';
import { chooseTextEncoding, SAMPLE_SIZE } from './detect-encoding.js';
import { detectDelimiter } from './detect-delimiter.js';
import { inputError } from './input-error.js';
import { singlePass } from './single-pass.js';
import type { OpenTable, TableRow } from './table-types.js';

/** Options of the CSV reader; both are detected when not given. */
export interface CsvOptions {
  encoding?: CharsetName;
  /** One ASCII character. */
  delimiter?: string;
}

/** A line longer than this without a line break is not CSV (or is damaged beyond reading). */
const MAX_LINE_BYTES = 4 * 1024 * 1024;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Opens CSV from a stream of byte chunks: detects the encoding and the
 * delimiter from the first bytes, then streams rows. `file` names the input in
 * messages. Rows come out while the input is still being read.
 */
export async function openCsv(file: string, chunks: AsyncIterable<Uint8Array>, options: CsvOptions = {}): Promise<OpenTable> {
  const source = new ByteSource(chunks);
  try {
    const encoding = await chooseTextEncoding(file, source, options.encoding);
    const notes = [encoding.note];
    let delimiter = options.delimiter;
    if (delimiter === undefined) {
      const sample = await source.sample(SAMPLE_SIZE);
      const guess = detectDelimiter(sample.bytes, encoding.bomLength, sample.complete);
      delimiter = guess.delimiter;
      notes.push(guess.note);
    } else {
      notes.push(`delimiter ${delimiter === '\t' ? 'tab' : `'${delimiter}'`} (given)`);
    }
    const rows = readRows(file, source, encoding.charset, encoding.bomLength, delimiter);
    return {
      format: 'csv',
      encoding: encoding.charset,
      encodingSource: encoding.source,
      delimiter,
      rows: singlePass(file, rows),
      notes,
    };
  } catch (error) {
    await source.close();
    throw error;
  }
}

async function* readRows(file: string, source: ByteSource, charset: CharsetName, skip: number, delimiter: string): AsyncGenerator<TableRow> {
  const delim = delimiter.charCodeAt(0);
  let buf: Uint8Array = new Uint8Array(0);
  /** Absolute offset of buf[0]. */
  let base = 0;
  /** Start of the current record in buf. */
  let pos = 0;
  /** Line of the current record's start. */
  let line = 1;
  let toSkip = skip;

  // In a single-byte charset every byte is one UTF-16 code unit, so the record is decoded once and its
  // cells are cut from that text at their byte offsets (the bytes between cells are ASCII: nothing
  // undecodable is left out of the count).
  const singleByte = charset !== 'utf-8' && charset !== 'marc8';
  const rowOf = (r: Extract<ScanResult, { kind: 'record' }>): TableRow => {
    let bad = 0;
    let raw: string;
    let cells: string[];
    if (singleByte) {
      const d = decodeRange(buf, pos, r.contentEnd, charset);
      raw = d.text;
      bad = d.bad;
      cells = r.cells.map((c) => {
        const text = raw.slice(c.start - pos, c.end - pos);
        return c.escaped ? text.replaceAll('""', '"') : text;
      });
    } else {
      cells = r.cells.map((c) => {
        const d = decodeRange(buf, c.start, c.end, charset);
        bad += d.bad;
        return c.escaped ? d.text.replaceAll('""', '"') : d.text;
      });
      raw = decodeRange(buf, pos, r.contentEnd, charset).text;
    }
    const row: TableRow = { line, offset: base + pos, cells, raw };
    const warning = decodingWarning(bad, charset);
    if (warning !== undefined) row.warning = warning;
    return row;
  };

  const errorRow = (r: Extract<ScanResult, { kind: 'error' }>, contentEnd: number): TableRow => {
    const raw = decodeRange(buf, pos, contentEnd, charset).text;
    const errorLine = line + r.lineBreaks;
    let error: string;
    if (r.reason === 'closing-quote') {
      const after = describeCharacter(decodeRange(buf, r.at, Math.min(buf.length, r.at + 4), charset).text[0]);
      const opened = errorLine === line ? '' : ` (the quoted cell opened at line ${line})`;
      error = `CSV quoting error at line ${errorLine}${opened}: a closing quote is followed by ${after} instead of the delimiter or the end of the line`;
    } else if (r.reason === 'unclosed') {
      error = `CSV quoting error at line ${line}: a quote opened on this line is never closed (the file ends first)`;
    } else {
      error = `CSV quoting error at line ${line}: a quoted cell opened on this line runs over ${MAX_QUOTED_LINE_BREAKS} lines or 1 MiB without a closing quote`;
    }
    if (errorLine !== line || r.reason !== 'closing-quote') error += `; line ${line} is rejected and reading resumes at line ${line + 1}`;
    return { line, offset: base + pos, cells: raw.split(delimiter), raw, error };
  };

  function* drain(final: boolean): Generator<TableRow> {
    if (toSkip > 0) {
      if (buf.length < toSkip && !final) return;
      pos = Math.min(toSkip, buf.length);
      toSkip = 0;
    }
    while (pos < buf.length) {
      const r = scanRecord(buf, pos, final, delim);
      if (r.kind === 'more') {
        if (buf.length - pos > MAX_LINE_BYTES) throw inputError(file, `line ${line} is longer than 4 MiB; this does not look like a CSV file`, { line, offset: base + pos });
        return;
      }
      if (r.kind === 'record') {
        if (r.contentEnd > pos) yield rowOf(r); // a blank line is not a row
        line += r.lineBreaks + (r.end > r.contentEnd ? 1 : 0);
        pos = r.end;
        continue;
      }
      const first = physicalLine(buf, pos, final);
      if (first === undefined) {
        if (buf.length - pos > MAX_LINE_BYTES) throw inputError(file, `line ${line} is longer than 4 MiB; this does not look like a CSV file`, { line, offset: base + pos });
        return;
      }
      yield errorRow(r, first.contentEnd);
      line += 1;
      pos = first.end;
    }
  }

  for await (const chunk of source.chunks()) {
    buf = concat(buf.subarray(pos), chunk);
    base += pos;
    pos = 0;
    yield* drain(false);
  }
  yield* drain(true);
}
