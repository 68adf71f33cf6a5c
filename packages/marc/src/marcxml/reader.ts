/**
 * MARCXML reader: streams records out of MARCXML collections, single records,
 * OAI-PMH and SRU responses — any XML in which MARC21 slim (or MarcXchange)
 * record elements appear. Memory holds one record at a time.
 */
import { iconvLite } from '../charset/iconv-lite.js';
import { givenTextDecoder, legacyTextDecoder } from '../charset/legacy-text.js';
import { KitapError, type Place } from '@kitap/core';
import { chunksOf } from '../byte-input.js';
import type { ByteInput, ReadItem, ReadOptions } from '../read-types.js';
import { parseRecordXml } from './parse-record.js';
import { RecordProblems, fileName, finishRecord, normalizer, place, readMode, rejectItem } from './problems.js';
import { MarcXmlScanner, type ScanEvent } from './scanner.js';

const UTF8 = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

function isUtf8(encoding: string | undefined): boolean {
  return encoding === undefined || UTF8.has(encoding.toLowerCase());
}

/**
 * UTF-16 input (by BOM or by `<?` in UTF-16) is transcoded to UTF-8 before scanning; offsets then
 * count UTF-8 bytes. A last byte that makes no UTF-16 unit (an odd length) becomes U+FFFD, so
 * that the scanner rejects it as text after the document instead of it vanishing.
 */
async function* transcodeUtf16(chunks: AsyncIterable<Uint8Array>, forced: string | undefined, onUtf16: (encoding: string) => void = () => undefined): AsyncGenerator<Uint8Array> {
  let decoder: { write(buf: Buffer): string; end(): string | undefined } | undefined;
  let head = new Uint8Array(0);
  let decided = false;
  let bytes = 0;
  const decode = (chunk: Uint8Array): Uint8Array => {
    if (!decoder) return chunk;
    bytes += chunk.length;
    return Buffer.from(decoder.write(Buffer.from(chunk)), 'utf8');
  };
  /** UTF-16 or not, by the set given or the first bytes. */
  const decide = (): void => {
    decided = true;
    const encoding = forced ?? utf16Of(head);
    if (encoding === undefined) return;
    decoder = iconvLite().getDecoder(encoding);
    onUtf16(encoding);
  };
  for await (const chunk of chunks) {
    if (decided) {
      yield decode(chunk);
      continue;
    }
    const joined = new Uint8Array(head.length + chunk.length);
    joined.set(head);
    joined.set(chunk, head.length);
    head = joined;
    if (head.length < 4 && forced === undefined) continue;
    decide();
    yield decode(head);
  }
  if (!decided && head.length > 0) {
    decide();
    yield decode(head);
  }
  const rest = decoder?.end();
  if (rest) yield Buffer.from(rest, 'utf8');
  if (decoder && bytes % 2 === 1) yield Buffer.from('\ufffd', 'utf8');
}

/**
 * The chunks as they are, unless the input starts with a UTF-16 byte order mark while a one-byte
 * set was given (`--encoding cp1251`): read that way every record would be rejected, so the run
 * stops at once and says what to do.
 */
async function* refuseUtf16Bom(chunks: AsyncIterable<Uint8Array>, forced: string, file: string | undefined): AsyncGenerator<Uint8Array> {
  let first = true;
  let head: Uint8Array | undefined;
  for await (const chunk of chunks) {
    if (first) {
      head = head ? Buffer.concat([head, chunk]) : chunk;
      if (head.length < 2) continue;
      first = false;
      const bom = head[0] === 0xff && head[1] === 0xfe ? 'UTF-16LE' : head[0] === 0xfe && head[1] === 0xff ? 'UTF-16BE' : undefined;
      if (bom) {
        throw new KitapError('E_USAGE', `the file starts with a ${bom} byte order mark, so it is UTF-16, but --encoding ${forced} was given: leave --encoding out (the mark says the set)`, file === undefined ? {} : { file });
      }
      yield head;
      continue;
    }
    yield chunk;
  }
  if (first && head) yield head;
}

function utf16Of(head: Uint8Array): string | undefined {
  const [a, b, c, d] = head;
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  if (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00) return 'utf-16le';
  if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f) return 'utf-16be';
  return undefined;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossyUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Text for a reject's message and raw: in the declared (legacy) encoding when kitap knows it, else UTF-8 with U+FFFD for bad bytes. */
function decodeLossy(bytes: Uint8Array, encoding: string | undefined): string {
  const name = encoding?.toLowerCase();
  const legacy = name !== undefined && !isUtf8(name) && !/^utf-?16/.test(name) ? legacyTextDecoder(name) : undefined;
  return legacy ? legacy(bytes) : lossyUtf8.decode(bytes);
}

/**
 * Reads MARCXML. Each record element becomes a record or, when it has a
 * problem the mode does not repair, a reject carrying the record's XML text.
 * Lenient mode is the default (as for ISO2709); strict throws a KitapError at the first problem.
 */
export async function* readMarcXml(input: ByteInput, options: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const mode = readMode(options);
  const file = fileName(options);
  const forced = options.encoding && options.encoding.toLowerCase() !== 'auto' ? options.encoding.toLowerCase() : undefined;
  const forcedUtf16 = forced && /^utf-?16/.test(forced) ? forced : undefined;
  // A one-byte set given must be one kitap reads text in (checked now, before any record).
  if (forced !== undefined && !forcedUtf16 && !isUtf8(forced)) givenTextDecoder(forced, 'MARCXML');
  // UTF-16 input is transcoded to UTF-8 before it is scanned.
  const scanner = new MarcXmlScanner({ encoding: forced && !forcedUtf16 ? forced : undefined });
  let index = 0;
  /** The UTF-16 the input was in (little- or big-endian), when it was: it is transcoded to UTF-8 before the scan. */
  let utf16: string | undefined;
  // One normaliser for UTF-8 text and one for text from a legacy character set (not one a record).
  const normalizeUtf8 = normalizer(options.normalize, false);
  const normalizeLegacy = normalizer(options.normalize, true);

  function* handle(events: ScanEvent[]): Generator<ReadItem> {
    for (const event of events) {
      if (event.kind === 'stray') {
        const text = lossyUtf8.decode(event.bytes);
        yield rejectItem(
          mode,
          'E_XML',
          `Text outside any XML element (${event.bytes.length} bytes${event.bytes.length >= 1 << 16 ? ' or more' : ''}): ${JSON.stringify(text.slice(0, 60))}. Is this file XML?`,
          place({ file, offset: event.offset, line: event.line }),
          text,
        );
        continue;
      }
      if (event.kind === 'malformed') {
        const text = decodeLossy(event.bytes, event.escaped ? 'utf-8' : forced ?? event.encoding);
        yield rejectItem(mode, 'E_XML', `Markup that is not XML, ${event.reason}: ${JSON.stringify(text.slice(0, 60))}.`, place({ file, offset: event.offset, line: event.line }), text);
        continue;
      }
      if (event.kind === 'orphan') {
        const text = decodeLossy(event.bytes, event.escaped ? 'utf-8' : forced ?? event.encoding);
        yield rejectItem(
          mode,
          'E_XML',
          `MARC content outside any record element, from <${event.name}> on (${event.bytes.length} bytes): the record's start tag is missing or broken.`,
          place({ file, offset: event.offset, line: event.line }),
          text,
        );
        continue;
      }
      if (event.kind === 'truncated' && !event.inRecord) {
        const text = lossyUtf8.decode(event.bytes);
        const where = event.escaped ? 'The escaped XML in the text of an element (SRU recordPacking=string) ends inside markup' : 'The input ends inside markup';
        yield rejectItem(mode, 'E_TRUNCATED', `${where}: ${JSON.stringify(text.slice(0, 60))}.`, place({ file, offset: event.offset, line: event.line }), text);
        continue;
      }
      const recordPlace: Place = file !== undefined ? { file, index: index++, offset: event.offset, line: event.line } : { index: index++, offset: event.offset, line: event.line };
      const problems = new RecordProblems(mode, recordPlace);
      // Escaped records were unescaped into UTF-8, whatever the file's encoding.
      const encoding = (event.escaped ? 'utf-8' : forced ?? event.encoding)?.toLowerCase();
      // UTF-16 input was transcoded to UTF-8 before scanning.
      const legacy = !isUtf8(encoding) && !/^utf-?16/.test(encoding ?? '');
      let text: string;
      if (legacy) {
        const decodeText = legacyTextDecoder(encoding!);
        if (!decodeText) {
          yield rejectItem(mode, 'E_ENCODING', `The XML declares the encoding ${JSON.stringify(encoding)}, which kitap does not know.`, recordPlace, event.bytes);
          continue;
        }
        text = decodeText(event.bytes);
      } else {
        try {
          text = fatalUtf8.decode(event.bytes);
        } catch {
          problems.repair('E_ENCODING', 'W_ENCODING_REPLACED', 'The record has bytes that are not valid UTF-8; they were replaced by U+FFFD.');
          text = lossyUtf8.decode(event.bytes);
        }
      }
      if (event.kind === 'truncated') {
        problems.fail(
          'E_TRUNCATED',
          event.escaped
            ? 'This escaped record (in the text of an element, as SRU recordPacking=string sends records) is cut off: the text ends before the record element is closed.'
            : 'The input ends inside this record.',
        );
        yield { kind: 'reject', reject: problems.toReject(text) };
        continue;
      }
      const build = parseRecordXml(text, { problems, scope: event.scope, line: event.line, normalize: legacy ? normalizeLegacy : normalizeUtf8 });
      if (!build && !problems.failed) problems.fail('E_XML', 'The record could not be read.');
      if (event.unterminated && !problems.failed) problems.fail('E_XML', 'The record element is not closed before the next record starts.');
      const item = finishRecord(problems, build ?? (() => undefined as never), text);
      // The set the text was in: a legacy one's name, or UTF-16's (transcoded before the scan).
      if (item.kind === 'record' && (legacy || utf16 !== undefined)) item.record.textCharset = legacy ? encoding : utf16;
      yield item;
    }
  }

  const raw = chunksOf(input);
  const chunks = forced && !forcedUtf16 ? refuseUtf16Bom(raw, forced, file) : transcodeUtf16(raw, forcedUtf16, (e) => (utf16 = e));
  for await (const chunk of chunks) yield* handle(scanner.push(chunk));
  yield* handle(scanner.end());
}
