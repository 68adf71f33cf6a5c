import { KitapError } from '@kitap/core';
import { chunksOf } from './byte-input.js';
import { iso2709Encoder, type Iso2709WriteOptions } from './iso2709/writer.js';
import { readIso2709, type Iso2709ReadOptions } from './iso2709/reader.js';
import { readMarcXml } from './marcxml/reader.js';
import { marcXmlEncoder } from './marcxml/writer.js';
import { readMij } from './mij/reader.js';
import { mijEncoder } from './mij/writer.js';
import { readMrk } from './mrk/reader.js';
import { mrkEncoder } from './mrk/writer.js';
import type { ByteInput, ReadItem, RecordEncoder } from './read-types.js';

export const INPUT_FORMATS = ['iso2709', 'marcxml', 'mij', 'mrk'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];
export const OUTPUT_FORMATS = ['iso2709', 'marcxml', 'mij', 'ndjson', 'mrk'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * UTF-16 text whose first character other than blanks is `<`: MARCXML, which the MARCXML reader
 * transcodes. Told by a byte order mark (FF FE little-endian, FE FF big-endian), or without one
 * by `<?` of an XML declaration, as the MARCXML reader tells it.
 */
function utf16Xml(head: Uint8Array): boolean {
  const [a, b, c, d] = head;
  if (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00) return true;
  if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f) return true;
  const le = a === 0xff && b === 0xfe;
  if (!le && !(a === 0xfe && b === 0xff)) return false;
  for (let i = 2; i + 1 < head.length; i += 2) {
    const unit = le ? head[i]! | (head[i + 1]! << 8) : (head[i]! << 8) | head[i + 1]!;
    if (unit === 0x20 || unit === 0x09 || unit === 0x0a || unit === 0x0d) continue;
    return unit === 0x3c;
  }
  return false;
}

/**
 * Guesses the format from the first bytes of the input, after UTF-8 byte order marks, blanks and
 * the bytes the ISO2709 reader skips before a record (NUL, ^Z), in any order: `cat` of an export
 * that starts with a byte order mark, or a file padded with NULs, is still recognised.
 */
export function sniffFormat(head: Uint8Array): InputFormat | undefined {
  if (utf16Xml(head)) return 'marcxml';
  let i = 0;
  let padded = false;
  for (;;) {
    if (head[i] === 0xef && head[i + 1] === 0xbb && head[i + 2] === 0xbf) i += 3;
    else if (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
    else if (i < head.length && (head[i] === 0x00 || head[i] === 0x1a)) {
      padded = true;
      i++;
    } else break;
  }
  const b = head[i];
  if (b === undefined) return undefined;
  if (padded) return b >= 0x30 && b <= 0x39 ? 'iso2709' : undefined;
  if (b === 0x3c) return 'marcxml'; // <
  if (b === 0x7b || b === 0x5b) return 'mij'; // { [
  if (b === 0x3d) return 'mrk'; // =
  if (b >= 0x30 && b <= 0x39) return 'iso2709';
  return undefined;
}

/** Empty input, or only a BOM and blanks: no records, nothing to complain about. */
function isBlank(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (; i < bytes.length; i++) if (![0x20, 0x09, 0x0a, 0x0d].includes(bytes[i]!)) return false;
  return true;
}

/** The format a file name suggests, if any. */
export function formatFromName(name: string): InputFormat | undefined {
  const lower = name.toLowerCase();
  if (/\.(mrc|marc|iso|iso2709|dat|001)$/.test(lower)) return 'iso2709';
  if (/\.(xml|marcxml)$/.test(lower)) return 'marcxml';
  if (/\.(json|ndjson|ndj|jsonl|mij)$/.test(lower)) return 'mij';
  if (/\.(mrk|mrk8|txt)$/.test(lower)) return 'mrk';
  return undefined;
}

export function outputFormatFromName(name: string): OutputFormat | undefined {
  const lower = name.toLowerCase();
  if (/\.(ndjson|ndj|jsonl)$/.test(lower)) return 'ndjson';
  const input = formatFromName(lower);
  return input;
}

export interface ReadRecordsOptions extends Iso2709ReadOptions {
  format?: InputFormat | 'auto';
  /** Told which format is being read (useful with `auto`). */
  onFormat?: (format: InputFormat) => void;
}

/**
 * Reads records of any supported format; `auto` sniffs the first bytes. Nothing
 * is read before the first `next()`; from then on each call goes straight to
 * the format's reader (see FormatRecords).
 */
export function readRecords(input: ByteInput, options: ReadRecordsOptions = {}): AsyncGenerator<ReadItem> {
  return new FormatRecords(() => openRecords(input, options));
}

/** The format's reader, once the format is known (undefined: the input is blank). */
async function openRecords(input: ByteInput, options: ReadRecordsOptions): Promise<AsyncGenerator<ReadItem> | undefined> {
  let format = options.format ?? 'auto';
  let source: ByteInput = input;
  if (format === 'auto') {
    // Peek at enough of the input to see its first meaningful byte (chunks may be
    // empty or hold only a BOM and blanks), then hand the whole stream on unchanged.
    const iterator = chunksOf(input)[Symbol.asyncIterator]();
    const held: Uint8Array[] = [];
    let heldBytes = 0;
    let ended = false;
    let sniffed: InputFormat | undefined;
    while (!sniffed && heldBytes < 4096) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      held.push(next.value);
      heldBytes += next.value.length;
      sniffed = sniffFormat(Buffer.concat(held).subarray(0, 4096));
    }
    if (!sniffed) {
      if (ended && isBlank(Buffer.concat(held))) return undefined;
      throw new KitapError('E_INPUT', 'cannot tell the input format from its first bytes; give --from', options.file === undefined ? {} : { file: options.file });
    }
    format = sniffed;
    source = (async function* () {
      let finished = ended;
      try {
        yield* held;
        if (ended) return;
        for (;;) {
          const next = await iterator.next();
          if (next.done) {
            finished = true;
            return;
          }
          yield next.value;
        }
      } finally {
        // a reader that stops early closes the input
        if (!finished) await iterator.return?.(undefined);
      }
    })();
  }
  options.onFormat?.(format);
  switch (format) {
    case 'iso2709':
      return readIso2709(source, options);
    case 'marcxml':
      return readMarcXml(source, options);
    case 'mij':
      return readMij(source, options);
    case 'mrk':
      return readMrk(source, options);
  }
}

/**
 * The generator readRecords returns: on the first call it opens the format's
 * reader, then hands every call to it — an `async function*` with `yield*`
 * would add two promise turns to every record.
 */
class FormatRecords implements AsyncGenerator<ReadItem, void, unknown> {
  #open: (() => Promise<AsyncGenerator<ReadItem> | undefined>) | undefined;
  #opened: Promise<AsyncGenerator<ReadItem> | undefined> | undefined;
  #inner: AsyncGenerator<ReadItem> | undefined;
  #done = false;

  constructor(open: () => Promise<AsyncGenerator<ReadItem> | undefined>) {
    this.#open = open;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The inner reader, opened on first use; undefined once there is nothing (more) to read. */
  #reader(): Promise<AsyncGenerator<ReadItem> | undefined> {
    if (this.#opened === undefined) {
      const open = this.#open;
      this.#open = undefined;
      this.#opened = (open ? open() : Promise.resolve(undefined)).then(
        (inner) => {
          this.#inner = inner;
          if (!inner) this.#done = true;
          return inner;
        },
        (error: unknown) => {
          this.#done = true;
          throw error;
        },
      );
      // a failure is reported to the call that opened; later calls see the end
      const first = this.#opened;
      this.#opened = first.catch(() => undefined);
      return first;
    }
    return this.#opened;
  }

  next(): Promise<IteratorResult<ReadItem, void>> {
    if (this.#inner) return this.#inner.next() as Promise<IteratorResult<ReadItem, void>>;
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return this.#reader().then((inner) => (inner ? (inner.next() as Promise<IteratorResult<ReadItem, void>>) : { value: undefined, done: true }));
  }

  return(): Promise<IteratorResult<ReadItem, void>> {
    if (this.#opened === undefined) {
      // never started: nothing was opened
      this.#open = undefined;
      this.#done = true;
      return Promise.resolve({ value: undefined, done: true });
    }
    return this.#opened.then(async (inner) => {
      this.#done = true;
      this.#inner = undefined;
      if (inner) await inner.return(undefined);
      return { value: undefined, done: true };
    });
  }

  throw(error: unknown): Promise<IteratorResult<ReadItem, void>> {
    return this.return().then(() => {
      throw error;
    });
  }
}

/**
 * The encoder of an output format. `recordsBefore`: records the output already holds when writing
 * goes on after them (a resumed harvest), for the formats that put something between records.
 * `characterCoding`: leader/09 to write — ISO2709 writes 'a' unless told otherwise; MARCXML,
 * MARC-in-JSON and mnemonic text write the leader as it is unless told (kitap convert tells 'a').
 * `refuseDelimiters`: MARCXML, MARC-in-JSON and mnemonic text refuse a value holding
 * 0x1D/0x1E/0x1F with E_DELIMITER_IN_DATA as ISO2709 does (kitap convert asks for it);
 * otherwise MARCXML refuses it as E_XML_ILLEGAL_CHAR and the others write it.
 */
export function encoderFor(format: OutputFormat, options: Iso2709WriteOptions & { pretty?: boolean; recordsBefore?: number; refuseDelimiters?: boolean } = {}): RecordEncoder {
  const before = options.recordsBefore === undefined ? {} : { recordsBefore: options.recordsBefore };
  const coding = {
    // null (each record's own, see Iso2709WriteOptions) is what the text writers do without one
    ...(options.characterCoding == null ? {} : { characterCoding: options.characterCoding }),
    ...(options.refuseDelimiters ? { refuseDelimiters: true } : {}),
  };
  switch (format) {
    case 'iso2709':
      return iso2709Encoder(options);
    case 'marcxml':
      return marcXmlEncoder(coding);
    case 'mij':
      return mijEncoder({ ndjson: false, ...before, ...coding });
    case 'ndjson':
      return mijEncoder({ ndjson: true, ...coding });
    case 'mrk':
      return mrkEncoder({ ...before, ...coding });
  }
}
