import { isAscii, isUtf8 } from 'node:buffer';
import { KitapError, type Code, type Place, type Reject, type Warning } from '@kitap/core';
import { type CharsetName, detectCharset, parseCharsetName } from '../charset/index.js';
import { chunksOf } from '../byte-input.js';
import { detectFlavourFromTags } from '../flavour.js';
import type { ByteInput, ReadItem, ReadMode, ReadOptions } from '../read-types.js';
import { MarcRecord } from '../record/record.js';
import { FIELD_TERMINATOR } from './bytes.js';
import { Iso2709FieldSource } from './field-source.js';
import { type Frame, Framer } from './framer.js';
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
 */
export async function* readIso2709(input: ByteInput, options: Iso2709ReadOptions = {}): AsyncGenerator<ReadItem> {
  const framer = new Framer();
  const context = new RecordContext(options);
  const coalesce = options.coalesceBytes ?? 1 << 16;
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  for await (const chunk of chunksOf(input)) {
    if (coalesce > 0 && chunk.length < coalesce) {
      held.push(chunk);
      heldBytes += chunk.length;
      if (heldBytes < coalesce) continue;
      framer.push(Buffer.concat(held, heldBytes));
      held = [];
      heldBytes = 0;
    } else {
      if (heldBytes) {
        framer.push(Buffer.concat(held, heldBytes));
        held = [];
        heldBytes = 0;
      }
      framer.push(chunk);
    }
    for (const frame of framer.drain(false)) yield context.read(frame);
  }
  if (heldBytes) framer.push(Buffer.concat(held, heldBytes));
  for (const frame of framer.drain(true)) yield context.read(frame);
  if (framer.trailingSkipped > 0) {
    options.onWarning?.({
      code: 'W_INTER_RECORD_BYTES',
      message: `${framer.trailingSkipped} CR/LF/NUL or blank byte(s) after the last record were skipped`,
      place: options.file === undefined ? {} : { file: options.file },
    });
  }
}

/** Reads every record of a buffer at once (convenience for tests and small files). */
export async function readIso2709All(input: ByteInput, options: Iso2709ReadOptions = {}): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of readIso2709(input, options)) out.push(item);
  return out;
}

/** Turns frames into records or rejects according to the mode; remembers the charset seen so far. */
class RecordContext {
  private readonly mode: ReadMode;
  private readonly explicitCharset: CharsetName | undefined;
  private prior: CharsetName | undefined;

  constructor(private readonly options: Iso2709ReadOptions) {
    this.mode = options.mode ?? 'lenient';
    const name = options.encoding ?? 'auto';
    if (name === 'auto') this.explicitCharset = undefined;
    else {
      const parsed = parseCharsetName(name);
      if (!parsed) throw new KitapError('E_USAGE', `unknown character set ${JSON.stringify(name)}`);
      this.explicitCharset = parsed;
    }
  }

  read(frame: Frame): ReadItem {
    const place: Place = { index: frame.index, offset: frame.offset };
    if (this.options.file !== undefined) place.file = this.options.file;
    const bytes = Buffer.from(frame.bytes.buffer, frame.bytes.byteOffset, frame.bytes.byteLength);

    if (frame.truncated) {
      return this.fatal({ code: 'E_TRUNCATED', message: `the input ends ${bytes.length} byte(s) into a record that has no terminator`, at: 0 }, place, bytes);
    }
    const parsed = parseFrame(bytes);
    const repairs: FrameProblem[] = [];
    if (frame.lengthProblem) repairs.push({ ...frame.lengthProblem, at: 0 });
    repairs.push(...parsed.repairs);
    const recordId = readRecordId(bytes, parsed.fields);
    if (recordId !== undefined) place.recordId = recordId;
    if (parsed.fatal) return this.fatal(parsed.fatal, place, bytes, repairs);

    // Character set.
    const leader09 = parsed.leader.characterCoding;
    let charset: CharsetName;
    const notes: Warning[] = [];
    if (frame.skippedBefore > 0) {
      notes.push({ code: 'W_INTER_RECORD_BYTES', message: `${frame.skippedBefore} CR/LF/NUL byte(s) before this record were skipped`, place: { ...place, offset: frame.offset - frame.skippedBefore } });
    }
    for (const note of parsed.notes) notes.push(problemWarning(note, place));
    if (this.explicitCharset) charset = this.explicitCharset;
    else {
      const detection = detectCharset(bytes, this.prior === undefined ? { leader09 } : { leader09, prior: this.prior });
      charset = detection.charset;
      this.prior = charset;
      const claimsUtf8 = leader09 === 'a';
      // Pure ASCII is the same in every set, so it contradicts no claim; a blank
      // leader/09 claims MARC-8 only in MARC21 (it is undefined in UNIMARC).
      const mismatch =
        !isAscii(bytes) &&
        ((claimsUtf8 && charset !== 'utf-8') ||
          (leader09 === ' ' && charset !== 'marc8' && detectFlavourFromTags(parsed.fields.map((f) => f.tag)) !== 'unimarc'));
      if (mismatch) {
        notes.push({
          code: 'W_CHARSET_MISMATCH',
          message: `leader/09 is ${JSON.stringify(leader09)} (${claimsUtf8 ? 'UTF-8' : 'MARC-8'}) but the bytes are ${charset} (${detection.reason})`,
          place: { ...place, offset: frame.offset + 9 },
        });
      }
    }

    const normalization = this.options.normalize ?? (charset === 'utf-8' ? 'none' : 'NFC');
    const source = new Iso2709FieldSource(bytes, parsed.fields, parsed.indicatorCount, charset, normalization);
    const record = MarcRecord.lazy(parsed.leader, source);
    record.place = place;

    // Invalid bytes in the character set.
    if (charset === 'utf-8') {
      const valid = isUtf8(bytes);
      for (let i = 0; i < parsed.fields.length; i++) {
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
    } else {
      record.fields; // decode now: conversion problems must be known before the record is handed out
      for (const p of source.problems) {
        // the decoder's message says what became of the bytes (replaced by U+FFFD, or kept as they are)
        const replaced = /U\+FFFD|kept/.test(p.message) ? '' : '; replaced by U+FFFD';
        repairs.push({ code: 'E_ENCODING', message: `${p.tag}: ${p.message} (${charset})${replaced}`, at: p.offset, tag: p.tag });
      }
    }

    if (repairs.length > 0) {
      if (this.mode !== 'lenient') return this.fatal(repairs[0]!, place, bytes, repairs.slice(1));
      for (const r of repairs) record.warnings.push(problemWarning(r, place));
      record.markModified();
    }
    record.warnings.push(...notes);
    if (charset !== 'utf-8' || (normalization !== 'none' && !isAscii(bytes))) record.markModified();
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


/** The 001 value as ASCII-safe text, for places in messages (decoded as Latin-1 when not UTF-8). */
function readRecordId(bytes: Buffer, fields: readonly { tag: string; start: number; end: number; data: boolean }[]): string | undefined {
  const f = fields.find((x) => x.tag === '001');
  if (!f || f.end - f.start > 64 || bytes.indexOf(FIELD_TERMINATOR, f.start) < f.end) return undefined;
  const slice = bytes.subarray(f.start, f.end);
  return (isUtf8(slice) ? slice.toString('utf8') : slice.toString('latin1')).trim() || undefined;
}
