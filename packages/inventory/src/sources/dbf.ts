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
 * `deleted: true`. A file shorter than its header says is read up to its last
 * complete record.
 */
import { open, stat } from 'node:fs/promises';
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

/** The parts of the header kitap checks itself. */
interface DbfHeader {
  ldid: number;
  records: number;
  headerLength: number;
  recordLength: number;
  /** Records the file's size holds completely. */
  complete: number;
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
    const complete = recordLength > 0 ? Math.max(0, Math.floor((size - headerLength) / recordLength)) : 0;
    return { ldid: head[LDID_OFFSET] as number, records, headerLength, recordLength, complete };
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
  const total = Math.min(header.records, header.complete);
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
  if (header.complete < header.records) {
    notes.push(`the header declares ${header.records} records, but the file holds only ${header.complete} complete ones`);
  }

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
    if (header.complete < header.records) {
      const line = header.complete + 1;
      yield {
        line,
        cells: [],
        raw: '',
        error: `DBF record ${line} is cut off by the end of the file (the header declares ${header.records} records, the file holds ${header.complete} complete ones)`,
      };
    }
    if (deleted > 0) notes.push(`${deleted} record(s) are marked deleted; they are flagged deleted, not dropped`);
  }

  return { format: 'dbf', encoding: charset, encodingSource: source, columns, rows: singlePass(file, rows()), notes };
}
