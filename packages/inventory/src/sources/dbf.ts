/**
 * DBF reader (dBase III/IV, FoxPro, Visual FoxPro) on top of dbffile.
 *
 * dbffile is told to decode text as latin1, which maps every byte to one
 * character and back: the reader recovers the original bytes of character
 * and memo fields and decodes them itself, so that the code page can be
 * checked against the bytes and undecodable bytes are reported, not hidden.
 *
 * The code page is the given one; else the language driver byte's, unless the
 * bytes of the first 1000 records clearly read better in another charset (a
 * header that says 866 over cp1251 data is a common export bug); else the one
 * the bytes read best in.
 *
 * Records are read in batches of 1000; deleted records are emitted with
 * `deleted: true`. The header's record count is checked against the file:
 * records beyond the count, up to the end-of-file marker (0x1A), are read too
 * (exporters that forget to update the count are common; the marker is what
 * dBase and FoxPro write after the last record), and a file shorter than its
 * header says is read up to its last complete record. A record cut off by the
 * end of the file is an error row; a note says what was found either way.
 */
import { type FileHandle, open, stat } from 'node:fs/promises';
import { DBFFile, DELETED, type FieldDescriptor } from 'dbffile';
import { decode, detectCharset, type CharsetName } from '@kitap/marc';
import { codePageMark, hex, LDID_OFFSET } from './dbf-code-page.js';
import { decodingWarning } from './decode-cell.js';
import { detectEncoding, SAMPLE_SIZE } from './detect-encoding.js';
import { inputError, messageOf } from './input-error.js';
import { singlePass } from './single-pass.js';
import type { EncodingSource, OpenTable, TableRow } from './table-types.js';

/** Records read per batch. */
const BATCH = 1000;

type DbfRecord = Record<string, unknown> & { [DELETED]?: true | undefined };

/** The parts of the header kitap checks itself, and what the file really holds. */
interface DbfHeader {
  ldid: number;
  /** Records the header declares. */
  records: number;
  headerLength: number;
  recordLength: number;
  /** Records the file holds completely, up to its end-of-file marker (0x1A) or its end. */
  present: number;
  /** 1-based number of a record the end of the file cuts off, if there is one. */
  partial?: number;
  /** The bytes of that record, after its deletion flag. */
  partialBytes?: Uint8Array;
  /** Bytes after the last record that are neither a record nor the end-of-file marker. */
  trailing: number;
  /** The first of them (at most TRAILING_SHOWN), for the error row that reports them. */
  trailingBytes?: Uint8Array;
}

/** How many of the bytes after the last record the error row that reports them carries. */
const TRAILING_SHOWN = 64 * 1024;

/** The end-of-file marker dBase and FoxPro write after the last record. */
const END_MARKER = 0x1a;
/** The first byte of a record: ' ' (kept) or '*' (deleted). */
const isRecordFlag = (b: number | undefined): boolean => b === 0x20 || b === 0x2a;

/**
 * Counts the records the file holds from `from` (a record boundary) on: whole
 * records, each starting with a deletion flag, until the end-of-file marker,
 * the end of the file, or bytes that are no record. The file is read in
 * chunks; a well-formed file has only its marker there.
 */
async function scanRecords(handle: FileHandle, from: number, size: number, recordLength: number): Promise<{ records: number; partial: boolean; trailing: number }> {
  const chunk = Buffer.alloc(Math.max(recordLength, 64 * 1024 - ((64 * 1024) % recordLength)));
  let records = 0;
  let at = from;
  for (;;) {
    if (at >= size) return { records, partial: false, trailing: 0 };
    const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, size - at), at);
    let i = 0;
    while (i < bytesRead) {
      const flag = chunk[i];
      if (flag === END_MARKER) return { records, partial: false, trailing: 0 };
      if (!isRecordFlag(flag)) return { records, partial: false, trailing: size - at - i };
      if (at + i + recordLength > size) return { records, partial: true, trailing: 0 };
      if (i + recordLength > bytesRead) break; // the record goes on in the next chunk
      records++;
      i += recordLength;
    }
    if (i === 0) return { records, partial: true, trailing: 0 };
    at += i;
  }
}

async function readHeader(file: string, path: string): Promise<DbfHeader> {
  let handle;
  try {
    handle = await open(path, 'r');
    const head = Buffer.alloc(32);
    const { bytesRead } = await handle.read(head, 0, 32, 0);
    if (bytesRead < 32) throw inputError(file, `the DBF header is cut off (${bytesRead} of 32 bytes)`, { offset: 0 });
    const { size } = await stat(path);
    const records = head.readUInt32LE(4);
    const headerLength = head.readUInt16LE(8);
    const recordLength = head.readUInt16LE(10);
    const header: DbfHeader = { ldid: head[LDID_OFFSET] as number, records, headerLength, recordLength, present: 0, trailing: 0 };
    if (recordLength === 0) return header;
    const complete = Math.max(0, Math.floor((size - headerLength) / recordLength));
    // The declared records the file holds; then whatever follows them, up to the end marker.
    const declared = Math.min(records, complete);
    const rest = await scanRecords(handle, headerLength + declared * recordLength, size, recordLength);
    header.present = declared + rest.records;
    header.trailing = rest.trailing;
    if (rest.partial) {
      header.partial = header.present + 1;
      const start = headerLength + header.present * recordLength + 1;
      const bytes = Buffer.alloc(Math.max(0, size - start));
      await handle.read(bytes, 0, bytes.length, start);
      header.partialBytes = bytes;
    }
    if (rest.trailing > 0) {
      const bytes = Buffer.alloc(Math.min(rest.trailing, TRAILING_SHOWN));
      await handle.read(bytes, 0, bytes.length, headerLength + header.present * recordLength);
      header.trailingBytes = bytes;
    }
    return header;
  } catch (error) {
    if (error instanceof Error && error.name === 'KitapError') throw error;
    throw inputError(file, `cannot read the DBF header: ${messageOf(error)}`);
  } finally {
    await handle?.close();
  }
}

/** The original bytes of a text value dbffile decoded as latin1. */
function bytesOf(value: string): Uint8Array {
  return Buffer.from(value, 'latin1');
}

/** Text of the character and memo fields of some records, for detection (at most SAMPLE_SIZE bytes). */
function textSample(records: DbfRecord[], fields: FieldDescriptor[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  const space = Uint8Array.of(0x20);
  outer: for (const record of records) {
    for (const f of fields) {
      if (f.type !== 'C' && f.type !== 'M') continue;
      const v = record[f.name];
      if (typeof v !== 'string' || v === '') continue;
      const b = bytesOf(v);
      parts.push(b, space);
      length += b.length + 1;
      if (length >= SAMPLE_SIZE) break outer;
    }
    parts.push(Uint8Array.of(0x0a));
  }
  return Buffer.concat(parts);
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return true;
  return false;
}

/** A number the way the field holds it: N/F fields with their declared decimals, others in shortest form. */
function numberText(value: number, decimals: number | undefined): string {
  if (!Number.isFinite(value)) return '';
  if (decimals !== undefined && decimals > 0) return value.toFixed(decimals);
  return String(Number.isInteger(value) ? value : Number(value.toPrecision(15)));
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** One cell: text for every field type, '' for empty values. `bad` collects undecodable bytes, `odd` other losses. */
function cellText(field: FieldDescriptor, value: unknown, charset: CharsetName, loss: { bad: number; odd: string[] }): string {
  if (value === null || value === undefined) return '';
  switch (field.type) {
    case 'C':
    case 'M': {
      if (typeof value !== 'string') return String(value);
      const b = bytesOf(value);
      const d = decode(b, 0, b.length, charset);
      loss.bad += d.problems.length;
      return d.text;
    }
    case 'N':
    case 'F':
      return typeof value === 'number' ? numberText(value, field.decimalPlaces) : String(value);
    case 'I':
    case 'B':
    case 'Y':
      return typeof value === 'number' ? numberText(value, undefined) : String(value);
    case 'L':
      return value === true ? 'T' : value === false ? 'F' : '';
    case 'D':
    case 'T': {
      if (!(value instanceof Date)) return String(value);
      if (Number.isNaN(value.getTime())) {
        loss.odd.push(`field ${field.name} holds no valid date`);
        return '';
      }
      const date = `${String(value.getUTCFullYear()).padStart(4, '0')}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
      if (field.type === 'D') return date;
      return `${date} ${pad2(value.getUTCHours())}:${pad2(value.getUTCMinutes())}:${pad2(value.getUTCSeconds())}`;
    }
    default:
      return String(value);
  }
}

async function openWithDbffile(file: string, path: string, notes: string[]): Promise<DBFFile> {
  try {
    return await DBFFile.open(path, { encoding: 'latin1', includeDeletedRecords: true });
  } catch (strictError) {
    try {
      const dbf = await DBFFile.open(path, { encoding: 'latin1', includeDeletedRecords: true, readMode: 'loose' });
      notes.push(`read in dbffile's loose mode (${messageOf(strictError)}): fields of unsupported types are empty`);
      return dbf;
    } catch {
      throw inputError(file, `not a readable DBF file: ${messageOf(strictError)}`);
    }
  }
}

/** Options of the DBF reader. */
export interface DbfOptions {
  encoding?: CharsetName;
}

/** Opens a DBF file. `file` names it in messages. */
export async function openDbf(file: string, path: string, options: DbfOptions = {}): Promise<OpenTable> {
  const header = await readHeader(file, path);
  const notes: string[] = [];
  const dbf = await openWithDbffile(file, path, notes);
  const fields = dbf.fields;
  const total = header.present;
  // dbffile reads as many records as the header declares; it is told what the file really holds.
  dbf.recordCount = total;
  const read = async (count: number): Promise<DbfRecord[]> => {
    try {
      return (await dbf.readRecords(count)) as DbfRecord[];
    } catch (error) {
      throw inputError(file, `cannot read records after record ${dbf._recordsRead}: ${messageOf(error)}`, { index: dbf._recordsRead });
    }
  };
  const first = await read(Math.min(BATCH, total));

  // the code page
  const sample = textSample(first, fields);
  const mark = codePageMark(header.ldid);
  const where = `the text fields of the first ${first.length} records`;
  let charset: CharsetName;
  let source: EncodingSource;
  if (options.encoding !== undefined) {
    charset = options.encoding;
    source = 'given';
    notes.unshift(`encoding ${charset} (given)`);
  } else if (mark?.charset !== undefined) {
    const byte = `language driver byte ${hex(header.ldid)}`;
    const d = hasHighBytes(sample) ? detectCharset(sample, { prior: mark.charset }) : undefined;
    if (d === undefined || d.charset === mark.charset) {
      charset = mark.charset;
      source = 'dbf-header';
      notes.unshift(`encoding ${charset} from the ${byte} (${mark.name})${d === undefined ? '' : '; the bytes agree'}`);
    } else {
      charset = d.charset;
      source = 'detected';
      notes.unshift(`encoding ${charset} detected from ${where}, although the ${byte} says ${mark.name}: ${d.reason}`);
    }
  } else if (hasHighBytes(sample)) {
    const d = detectEncoding(sample, true, where);
    charset = d.charset;
    source = 'detected';
    notes.unshift(mark === undefined ? d.note : `${d.note}; the language driver byte ${hex(header.ldid)} says ${mark.name}`);
  } else {
    charset = 'cp866';
    source = 'detected';
    notes.unshift(`encoding cp866 assumed: ${where} are plain ASCII and the language driver byte ${hex(header.ldid)} names no Cyrillic code page`);
  }

  const columns = fields.map((f) => {
    const b = bytesOf(f.name);
    return decode(b, 0, b.length, charset).text;
  });
  if (header.present < header.records) {
    notes.push(`the header declares ${header.records} records, but the file holds only ${header.present} complete ones`);
  } else if (header.present > header.records) {
    notes.push(`the header declares ${header.records} records, but the file holds ${header.present} before its end-of-file marker; all ${header.present} are read`);
  }
  if (header.partial !== undefined) notes.push(`record ${header.partial} is cut off by the end of the file; it is reported as an error row`);
  if (header.trailing > 0) notes.push(`${header.trailing} byte(s) after record ${header.present} are neither a record nor the end-of-file marker; they are reported as an error row`);

  async function* rows(): AsyncGenerator<TableRow> {
    let number = 0;
    let deleted = 0;
    let batch = first;
    for (;;) {
      for (const record of batch) {
        number++;
        const loss = { bad: 0, odd: [] as string[] };
        const cells = fields.map((f) => cellText(f, record[f.name], charset, loss));
        const row: TableRow = { line: number, cells, raw: cells.join('\t') };
        if (record[DELETED] === true) {
          row.deleted = true;
          deleted++;
        }
        const warnings = [decodingWarning(loss.bad, charset), ...loss.odd].filter((w): w is string => w !== undefined);
        if (warnings.length > 0) row.warning = warnings.join('; ');
        yield row;
      }
      if (number >= total) break;
      batch = await read(Math.min(BATCH, total - number));
      if (batch.length === 0) break;
    }
    if (header.partial !== undefined) {
      const line = header.partial;
      const bytes = header.partialBytes ?? new Uint8Array(0);
      yield {
        line,
        cells: [],
        raw: decode(bytes, 0, bytes.length, charset).text.trimEnd(),
        error: `DBF record ${line} is cut off by the end of the file (byte ${header.headerLength + (line - 1) * header.recordLength}; the header declares ${header.records} records, the file holds ${header.present} complete ones)`,
      };
    }
    if (header.trailingBytes !== undefined) {
      // Not a record (its first byte is no deletion flag), but maybe one damaged: kept, as an error row.
      const line = header.present + 1;
      const bytes = header.trailingBytes;
      const shown = bytes.length < header.trailing ? ` (the first ${bytes.length} are kept here)` : '';
      yield {
        line,
        cells: [],
        raw: decode(bytes, 0, bytes.length, charset).text.trimEnd(),
        error: `${header.trailing} byte(s) after DBF record ${header.present} (byte ${header.headerLength + header.present * header.recordLength}) are neither a record nor the end-of-file marker${shown}`,
      };
    }
    if (deleted > 0) notes.push(`${deleted} record(s) are marked deleted; they are flagged deleted, not dropped`);
  }

  return { format: 'dbf', encoding: charset, encodingSource: source, columns, rows: singlePass(file, rows()), notes };
}
