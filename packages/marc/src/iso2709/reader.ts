import { isAscii, isUtf8 } from 'node:buffer';
import { KitapError, type Code, type Place, type Reject, type Warning } from '@kitap/core';
import { type CharsetName, type Detection, detectCharset, parseCharsetName } from '../charset/index.js';
import { implausibleUtf8 } from '../charset/detect.js';
import { singleByteTable } from '../charset/single-byte.js';
import { chunksOf } from '../byte-input.js';
import { detectFlavourFromTags } from '../flavour.js';
import type { ByteInput, ReadItem, ReadMode, ReadOptions } from '../read-types.js';
import { MarcRecord } from '../record/record.js';
import { FIELD_TERMINATOR } from './bytes.js';
import { Iso2709FieldSource, type Utf8Validity } from './field-source.js';
import { type Frame, Framer } from './framer.js';
import { type FrameReader, Iso2709Items } from './item-stream.js';
import { SEEN_ESC, SEEN_HIGH_LEAD } from './utf8-wasm.js';
import { orphanProblem } from './orphan-data.js';
import { type FrameProblem, parseFrame, problemWarning } from './parse-frame.js';

export interface Iso2709ReadOptions extends ReadOptions {
  /**
   * Small input chunks are joined up to this many bytes before framing (a
   * performance guard; results never depend on it). Tests set 0 to exercise
   * the framer on raw chunk boundaries.
   */
  coalesceBytes?: number;
  /** Called with file-level warnings (bytes after the last record). */
  onWarning?: (warning: Warning) => void;
}

/**
 * Reads ISO2709 records from a file, a stream or bytes. Every framed record
 * comes out as a record or a reject (or, in strict mode, the first problem is
 * thrown as a KitapError), so `records + rejects` accounts for the input.
 * Nothing is read before the first `next()`; each call frames and checks one
 * record (see item-stream.ts).
 */
export function readIso2709(input: ByteInput, options: Iso2709ReadOptions = {}): AsyncGenerator<ReadItem> {
  return new Iso2709Items(() => chunksOf(input)[Symbol.asyncIterator](), () => new RecordContext(options), options.coalesceBytes ?? 1 << 16);
}

/** Reads every record of a buffer at once (convenience for tests and small files). */
export async function readIso2709All(input: ByteInput, options: Iso2709ReadOptions = {}): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of readIso2709(input, options)) out.push(item);
  return out;
}

/**
 * Reads ISO2709 records from bytes already in memory, synchronously: what
 * `readIso2709` gives for them, one item per frame as the generator is
 * pulled (so each record is read after the one before was used, as the
 * streaming reader reads them). For frames a reader cut before: a worker
 * thread of kitap lint or fix reads its batch with it. Give the character set
 * the records were read in (`record.sourceCharset`), so nothing depends on the
 * records before them; a frame read alone is framed as it was framed among
 * others (test/iso2709/read-frames.test.ts). The set is taken as found, not
 * as chosen by a user: no notice that the bytes disagree with it (the first
 * reading gave that).
 */
export function* readFrames(bytes: Uint8Array, options: Iso2709ReadOptions): Generator<ReadItem, void, undefined> {
  const framer = new Framer();
  // The set is the one the records were read in before, not one a user chose: no notice that it disagrees with the bytes.
  const reader = new RecordContext(options, true);
  framer.push(bytes);
  for (const frame of framer.drain(true)) yield reader.read(frame);
}

/** Turns frames into records or rejects according to the mode; remembers the charset seen so far. */
class RecordContext implements FrameReader {
  private readonly mode: ReadMode;
  private readonly explicitCharset: CharsetName | undefined;
  private prior: CharsetName | undefined;
  /** The source of the record read last (whether its text was asked for tells how to read the next). */
  private lastSource: Iso2709FieldSource | undefined;

  /** `readAgain`: the records were read before and `options.encoding` is the set found then (see readFrames). */
  constructor(
    private readonly options: Iso2709ReadOptions,
    private readonly readAgain = false,
  ) {
    this.mode = options.mode ?? 'lenient';
    const name = options.encoding ?? 'auto';
    if (name === 'auto') this.explicitCharset = undefined;
    else {
      const parsed = parseCharsetName(name);
      if (!parsed) throw new KitapError('E_USAGE', `unknown character set ${JSON.stringify(name)}`);
      this.explicitCharset = parsed;
    }
  }

  /** File-level warnings once the input is read: bytes after the last record. */
  finish(framer: Framer): void {
    if (framer.trailingSkipped > 0) {
      this.options.onWarning?.({
        code: 'W_INTER_RECORD_BYTES',
        message: `${skippedBytes(framer.trailingBoms, framer.trailingSkipped, 'CR/LF/NUL or blank byte(s)')} after the last record ${framer.trailingBoms === 1 && framer.trailingSkipped === 3 ? 'was' : 'were'} skipped`,
        place: { ...(this.options.file === undefined ? {} : { file: this.options.file }), offset: framer.trailingOffset },
      });
    }
  }

  read(frame: Frame): ReadItem {
    const place: Place = { index: frame.index, offset: frame.offset };
    if (this.options.file !== undefined) place.file = this.options.file;
    const frameBytes = frame.bytes;
    const bytes = Buffer.isBuffer(frameBytes) ? frameBytes : Buffer.from(frameBytes.buffer, frameBytes.byteOffset, frameBytes.byteLength);

    // CR/LF/NUL bytes and byte order marks skipped just before this frame: a warning on the
    // record, or, when the frame is rejected, a warning of its own (onWarning), so that every
    // run of skipped bytes is reported once whatever becomes of the frame after it.
    const skippedNote = frame.skippedBefore > 0 ? interRecordWarning(frame, place) : undefined;
    const reject = (problem: FrameProblem, others?: FrameProblem[]): ReadItem => {
      if (skippedNote) this.options.onWarning?.(skippedNote);
      return this.fatal(problem, place, bytes, others);
    };

    if (frame.truncated) {
      const message = frame.cutOff
        ? `${bytes.length} byte(s) that start no whole record: another record, whose leader gives its length exactly, starts right after them`
        : `the input ends ${bytes.length} byte(s) into a record that has no terminator`;
      return reject({ code: 'E_TRUNCATED', message, at: 0 });
    }
    // What the bytes are as a whole: UTF-8 records have their text made while they are checked.
    const ascii = isAscii(bytes);
    const valid = ascii || isUtf8(bytes);
    const mayBeUtf8 = this.explicitCharset === undefined || this.explicitCharset === 'utf-8';
    // Its text is made while it is checked only when the previous record's text was asked for:
    // `kitap convert` writes records from their bytes and never needs it.
    const makeText = this.lastSource?.textAsked ?? true;
    const parsed = parseFrame(bytes, !mayBeUtf8 ? undefined : ascii ? 'ascii' : valid ? 'valid' : undefined, makeText);
    const repairs: FrameProblem[] = frame.lengthProblem ? [{ ...frame.lengthProblem, at: 0 }, ...parsed.repairs] : parsed.repairs;
    const recordId = readRecordId(bytes, parsed.fields);
    if (recordId !== undefined) place.recordId = recordId;
    if (parsed.fatal) return reject(parsed.fatal, repairs);

    // Character set.
    const leader09 = parsed.leader.characterCoding;
    let charset: CharsetName;
    const notes: Warning[] = [];
    for (const note of parsed.notes) notes.push(problemWarning(note, place));
    if (this.explicitCharset) charset = this.explicitCharset;
    else {
      const prior = this.prior;
      const hints = (): { leader09: string; prior?: CharsetName } => (prior === undefined ? { leader09 } : { leader09, prior });
      let detection: Detection | undefined;
      // The commonest records by far, ASCII or valid UTF-8 without MARC-8 escapes, get
      // detectCharset's answer (steps 1 and 2 of docs/charsets.md) without its reason,
      // which only a leader/09 warning needs.
      // When the frame parser's pass checked the record, it noted ESC bytes and the lead
      // bytes implausibleUtf8 looks for, so neither needs a scan of its own.
      const seen = parsed.textSeen;
      const noEsc = seen === undefined ? bytes.indexOf(0x1b) < 0 : (seen & SEEN_ESC) === 0;
      if (noEsc && (ascii || (valid && ((seen !== undefined && (seen & SEEN_HIGH_LEAD) === 0) || implausibleUtf8(bytes) === 0)))) {
        charset = ascii ? (prior ?? 'utf-8') : 'utf-8';
      } else {
        detection = detectCharset(bytes, hints());
        charset = detection.charset;
      }
      this.prior = charset;
      const claimsUtf8 = leader09 === 'a';
      // Pure ASCII is the same in every set, so it contradicts no claim (unless it holds an ESC:
      // read as MARC-8, its escape sequences change the text); a blank
      // leader/09 claims MARC-8 only in MARC21 (it is undefined in UNIMARC).
      const mismatch =
        ((claimsUtf8 && charset !== 'utf-8') || (leader09 === ' ' && charset !== 'marc8')) &&
        (!ascii || !noEsc) &&
        ((claimsUtf8 && charset !== 'utf-8') ||
          (leader09 === ' ' && charset !== 'marc8' && detectFlavourFromTags(parsed.fields.map((f) => f.tag)) !== 'unimarc'));
      if (mismatch) {
        detection ??= detectCharset(bytes, hints());
        notes.push({
          code: 'W_CHARSET_MISMATCH',
          message: `leader/09 is ${JSON.stringify(leader09)} (${claimsUtf8 ? 'UTF-8' : 'MARC-8'}) but the bytes are ${charset} (${detection.reason})`,
          place: { ...place, offset: frame.offset + 9 },
        });
      }
    }

    // Bytes of the data area no field covers: an error, a reject, or a warning that shows them.
    if (parsed.orphans) for (const run of parsed.orphans) repairs.push(orphanProblem(bytes, run, parsed.fields, charset, this.mode === 'lenient'));

    const normalization = this.options.normalize ?? (charset === 'utf-8' ? 'none' : 'NFC');

    // Invalid bytes in the character set.
    let validity: Utf8Validity = 'unknown';
    if (charset === 'utf-8') {
      validity = ascii ? 'ascii' : valid ? 'valid' : 'unknown';
      // A usual record (parse-frame.ts) has ASCII indicators, so no field of a valid one has a character cut.
      const whole = ascii || (valid && parsed.usual === true);
      for (let i = 0; i < parsed.fields.length && !whole; i++) {
        const f = parsed.fields[i]!;
        // What the decoder decodes as text: a control field whole, a data field after its indicators.
        // A record valid as a whole can still have a character cut in two by an indicator position.
        let from = f.start;
        let cut = false;
        if (f.data) {
          from = f.subfieldsStart ?? f.start;
          for (let k = 0; k < parsed.indicatorCount && f.subfieldsStart === undefined && from < f.end && bytes[from] !== 0x1f; k++) {
            if (bytes[from]! >= 0x80) cut = true;
            from++;
          }
        }
        if (valid && !cut) continue;
        if (!isUtf8(bytes.subarray(from, f.end))) {
          repairs.push({ code: 'E_ENCODING', message: `${f.tag} is not valid UTF-8; invalid bytes were replaced by U+FFFD`, at: from, tag: f.tag });
        }
      }
    }
    const source = new Iso2709FieldSource(bytes, parsed.fields, parsed.indicatorCount, charset, normalization, validity, parsed.textGeneration, parsed.textSeen, parsed.usual === true);
    this.lastSource = source;
    const record = MarcRecord.lazy(parsed.leader, source);
    record.place = place;
    // cp1251 given: the decoding pass notes bytes at KZ-1048's and PTCP154's Kazakh letter positions.
    if (charset === 'cp1251' && this.explicitCharset === 'cp1251' && !ascii && !this.readAgain) source.watch = kazakhPositions();
    if (charset !== 'utf-8') {
      record.fields; // decode now: conversion problems must be known before the record is handed out
      for (const p of source.problems) {
        // the decoder's message says what became of the bytes (replaced by U+FFFD, or kept as they are)
        const replaced = /U\+FFFD|kept/.test(p.message) ? '' : '; replaced by U+FFFD';
        repairs.push({ code: 'E_ENCODING', message: `${p.tag}: ${p.message} (${charset})${replaced}`, at: p.offset, tag: p.tag });
      }
    }

    if (repairs.length > 0 && this.mode !== 'lenient') return reject(repairs[0]!, repairs.slice(1));
    // The bytes skipped before the record come first: its warnings are in input order.
    if (skippedNote) record.warnings.push(skippedNote);
    if (repairs.length > 0) {
      for (const r of repairs) record.warnings.push(problemWarning(r, place));
      record.markModified();
    }
    // A character set was given, but the bytes say otherwise: valid UTF-8 with non-ASCII
    // characters (known already: `valid`), or, for cp1251, Kazakh letters of KZ-1048 or PTCP154
    // (noted while decoding). Only then is the record scored, with the given set as `prior`, so
    // that it wins unless the evidence is clear; the text stays as read in the given set.
    const given = this.readAgain ? undefined : this.explicitCharset;
    if (given !== undefined && given !== 'utf-8' && !ascii && (valid || source.watched)) {
      const detection = detectCharset(bytes, { prior: given });
      // A guess between two other sets (KZ-1048 or PTCP154 for Kazakh text) still says the given one reads worse than both.
      const outranked = detection.confidence !== 'guess' || (detection.runnerUp !== undefined && detection.runnerUp !== given);
      if (detection.charset !== given && outranked) {
        notes.push({
          code: 'W_CHARSET_GIVEN_MISMATCH',
          message: `the character set given is ${given} but the bytes are ${detection.charset} (${detection.reason}); the text was read as ${given}, as asked`,
          place: { ...place },
        });
      }
    }
    if (notes.length > 0) record.warnings.push(...notes);
    if (charset !== 'utf-8' || (normalization !== 'none' && !ascii)) record.markModified();
    return { kind: 'record', record };
  }

  /** A reject (or, in strict mode, an error) placed at the record's start; the message names the problem's byte. */
  private fatal(problem: FrameProblem, place: Place, bytes: Uint8Array, others: FrameProblem[] = []): ReadItem {
    const where: Place = { ...place };
    if (problem.tag !== undefined) where.tag = problem.tag;
    if (problem.occurrence !== undefined) where.occurrence = problem.occurrence;
    const at = problem.at > 0 && place.offset !== undefined ? ` (byte ${place.offset + problem.at})` : '';
    const more = others.length ? `; also ${[...new Set(others.map((o) => o.code))].join(', ')}` : '';
    const message = problem.message + at + more;
    if (this.mode === 'strict') throw new KitapError(problem.code, message, where);
    const reject: Reject = { code: problem.code as Code, message, place: where, raw: bytes };
    return { kind: 'reject', reject };
  }
}

/** The letters of the Kazakh alphabet that Russian has not (@kitap/text's KAZAKH_LETTERS; marc may use only core). */
const KAZAKH_LETTERS = new Set([...'ӘәҒғҚқҢңӨөҰұҮүҺһІі']);

/**
 * The bytes where KZ-1048 (rk1048) or PTCP154 (pt154) have a Kazakh letter and cp1251 something
 * else (worked out from the three sets' tables): Serbian, Macedonian, Ukrainian and Belarusian
 * letters (Ќ ћ Ј Ѕ Ґ Є Ї Ў …) and a few symbols (‰ ± µ ¤ ¦ ‡). A record in cp1251 that holds one
 * of them is scored (see the reader). Made the first time a record is read in a given cp1251.
 */
let kazakhPositionsTable: Uint8Array | undefined;

function kazakhPositions(): Uint8Array {
  if (kazakhPositionsTable) return kazakhPositionsTable;
  const table = new Uint8Array(256);
  const cp1251 = singleByteTable('cp1251').chars;
  for (const kazakh of [singleByteTable('rk1048').chars, singleByteTable('pt154').chars]) {
    for (let b = 0x80; b < 256; b++) if (KAZAKH_LETTERS.has(kazakh[b]!) && kazakh[b] !== cp1251[b]) table[b] = 1;
  }
  return (kazakhPositionsTable = table);
}

/** "a UTF-8 byte order mark and 2 CR/LF/NUL byte(s)": what a run of `total` skipped bytes held, `boms` byte order marks among them. */
function skippedBytes(boms: number, total: number, othersAre: string): string {
  const others = total - 3 * boms;
  return boms === 0
    ? `${others} ${othersAre}`
    : `${boms === 1 ? 'a UTF-8 byte order mark' : `${boms} UTF-8 byte order marks`}${others > 0 ? ` and ${others} ${othersAre}` : ''}`;
}

/** W_INTER_RECORD_BYTES for the CR/LF/NUL bytes and byte order marks skipped just before a frame. */
function interRecordWarning(frame: Frame, place: Place): Warning {
  const boms = frame.bomSkipped ? (frame.bomCount ?? 1) : 0;
  const others = frame.skippedBefore - 3 * boms;
  const what = skippedBytes(boms, frame.skippedBefore, 'CR/LF/NUL byte(s)');
  const verb = boms === 1 && others === 0 ? 'was' : 'were';
  return { code: 'W_INTER_RECORD_BYTES', message: `${what} before this record ${verb} skipped`, place: { ...place, offset: frame.offset - frame.skippedBefore } };
}

/** The 001 value as ASCII-safe text, for places in messages (decoded as Latin-1 when not UTF-8). */
function readRecordId(bytes: Buffer, fields: readonly { tag: string; start: number; end: number; data: boolean }[]): string | undefined {
  let f: { start: number; end: number } | undefined;
  for (let i = 0; i < fields.length && !f; i++) if (fields[i]!.tag === '001') f = fields[i];
  if (!f || f.end - f.start > 64) return undefined;
  // No field terminator before the field's end (nor none at all after its start).
  let terminator = f.start;
  while (terminator < bytes.length && bytes[terminator] !== FIELD_TERMINATOR) terminator++;
  if (terminator >= bytes.length || terminator < f.end) return undefined;
  let ascii = true;
  for (let i = f.start; i < f.end && ascii; i++) ascii = bytes[i]! < 0x80;
  if (ascii) return (bytes as Buffer & { latin1Slice(start: number, end: number): string }).latin1Slice(f.start, f.end).trim() || undefined;
  const slice = bytes.subarray(f.start, f.end);
  return (isUtf8(slice) ? slice.toString('utf8') : slice.toString('latin1')).trim() || undefined;
}
