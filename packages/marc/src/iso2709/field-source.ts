import type { Field, Subfield } from '../record/field.js';
import type { FieldSource } from '../record/record.js';
import { decode, type CharsetName, type DecodeProblem } from '../charset/index.js';
import { decodeSingleByteWatching, type SingleByteCharset } from '../charset/single-byte.js';
import type { Normalization } from '../read-types.js';
import { SUBFIELD_DELIMITER } from './bytes.js';
import type { FieldExtent } from './parse-frame.js';
import { type RecordText, utf8RecordText } from './record-text.js';
import { SEEN_CONTROL, SEEN_ESC } from './utf8-wasm.js';

export interface FieldDecodeProblem extends DecodeProblem {
  tag: string;
  fieldIndex: number;
}

type NativeSlices = Buffer & { utf8Slice(start: number, end: number): string };

/** Buffer's own UTF-8 slice, without toString's argument handling (a measurable share of decode time). */
function utf8(bytes: Buffer, start: number, end: number): string {
  return (bytes as NativeSlices).utf8Slice(start, end);
}

/** What the reader already knows of a UTF-8 record's bytes as a whole. */
export type Utf8Validity = 'ascii' | 'valid' | 'unknown';

/** One-character strings for the ASCII codes, so that a subfield code or an indicator allocates nothing. */
const ASCII_CHARS: readonly string[] = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));

/** Decodes the fields of one ISO2709 record on demand. */
export class Iso2709FieldSource implements FieldSource {
  /** Invalid bytes met while decoding (offsets relative to the frame). */
  readonly problems: FieldDecodeProblem[] = [];
  #tags: readonly string[] | undefined;
  /** The record's text, kept for fields asked for later. undefined: not made yet; null: this record takes the general path. */
  #text: RecordText | null | undefined;
  /** Whether the record's text was asked for. */
  #asked = false;
  /**
   * For a single-byte charset: bytes to watch for while decoding (256 entries, non-zero for a
   * byte of interest). `watched`: whether one of them was decoded so far.
   */
  watch: Uint8Array | undefined;
  watched = false;

  constructor(
    readonly bytes: Buffer,
    /** Where each field is in `bytes` (what the frame parser found). */
    readonly extents: readonly FieldExtent[],
    readonly indicatorCount: number,
    readonly charset: CharsetName,
    readonly normalization: Normalization,
    readonly validity: Utf8Validity = 'unknown',
    /**
     * Set when the frame parser checked the record in the pass that makes its
     * text (record-text.ts) and found it clean: the number under which the
     * WebAssembly memory held it (wasm-codec.ts).
     */
    readonly made?: number,
    /**
     * Set when the frame parser's pass found the record clean (with or without
     * making its text): what that pass saw (SEEN_* bits of utf8-wasm.ts).
     */
    readonly seen?: number,
    /** The frame parser's fast path read the record (see ParsedFrame.usual). */
    readonly usual = false,
  ) {}

  get size(): number {
    return this.extents.length;
  }

  /**
   * The frame parser's clean pass transcoded the record and saw no ESC, DEL, C1 control or stray
   * field terminator (SEEN_ESC, SEEN_CONTROL of utf8-wasm.ts); the pass fails at any other C0
   * control, and a usual record has none in its control fields or indicators.
   */
  get controlFree(): boolean {
    return this.usual && this.charset === 'utf-8' && this.seen !== undefined && (this.seen & (SEEN_ESC | SEEN_CONTROL)) === 0;
  }

  get tags(): readonly string[] {
    if (this.#tags === undefined) {
      const tags = new Array<string>(this.extents.length);
      for (let i = 0; i < tags.length; i++) tags[i] = this.extents[i]!.tag;
      this.#tags = tags;
    }
    return this.#tags;
  }

  decodeField(index: number): Field {
    const text = this.recordText();
    if (text) {
      const one: (Field | undefined)[] = [undefined];
      fieldsFromRecordText(text, this.bytes, this.extents, this.indicatorCount, this.normalization, index, index + 1, one, index);
      return one[0]!;
    }
    const extent = this.extents[index]!;
    return this.charset === 'utf-8' ? this.decodeUtf8(extent) : this.decodeOther(extent, index);
  }

  /** Decodes every field not decoded yet into `fields` (one slot per field, in order). */
  decodeAll(fields: (Field | undefined)[]): void {
    // Every field is made now, so the text's positions need not be kept (they may stay in the WebAssembly memory).
    const text = this.#text !== undefined ? this.#text : this.makeText(false);
    if (!text) this.#text = null;
    this.#asked = true;
    if (text) {
      fieldsFromRecordText(text, this.bytes, this.extents, this.indicatorCount, this.normalization, 0, fields.length, fields, 0);
      return;
    }
    for (let i = 0; i < fields.length; i++) fields[i] ??= this.decodeField(i);
  }

  /** Whether the record's text was asked for (the reader reads the next record accordingly). */
  get textAsked(): boolean {
    return this.#asked;
  }

  /** The whole record's text, kept for fields asked for later. */
  private recordText(): RecordText | null {
    if (this.#text === undefined) this.#text = this.makeText(true);
    this.#asked = true;
    return this.#text;
  }

  /** The whole record's text for UTF-8 the reader proved valid (see record-text.ts); null for the general path. */
  private makeText(keep: boolean): RecordText | null {
    if (this.charset !== 'utf-8' || this.validity === 'unknown') return null;
    return utf8RecordText(this.bytes, this.extents, this.indicatorCount, this.validity === 'ascii' || this.usual, this.validity === 'ascii', this.made, keep) ?? null;
  }

  /**
   * A field from its decoded text: the whole field (indicators read from the
   * text), or, when `indicators` is given, the text after the indicators.
   */
  private fromText(extent: FieldExtent, text: string, indicators?: string): Field {
    const tag = extent.tag;
    if (!extent.data) return { kind: 'control', tag, value: this.norm(text) };
    let pos = 0;
    let ind1 = ' ';
    let ind2 = ' ';
    if (indicators !== undefined) {
      ind1 = indicators.charAt(0) || ' ';
      ind2 = indicators.charAt(1) || ' ';
    } else {
      for (let i = 0; i < this.indicatorCount; i++) {
        const c = text.charCodeAt(pos);
        if (pos >= text.length || c === SUBFIELD_DELIMITER) break;
        const ch = c >= 0x20 && c <= 0x7e ? text.charAt(pos) : ' ';
        if (i === 0) ind1 = ch;
        else ind2 = ch;
        pos++;
      }
    }
    const subfields: Subfield[] = [];
    const parts = text.split('\x1f');
    const first = parts[0]!;
    if (first.length > pos) subfields.push({ code: '_', value: this.norm(first.slice(pos)) });
    for (let i = 1; i < parts.length; i++) {
      const part = parts[i]!;
      if (part.length === 0) continue; // an empty delimiter (reported by the frame parser)
      subfields.push({ code: part.charAt(0), value: this.norm(part.slice(1)) });
    }
    return { kind: 'data', tag, ind1, ind2, subfields };
  }

  private norm(text: string): string {
    return normalized(text, this.normalization);
  }

  /**
   * UTF-8, field by field, with Buffer's decoder (invalid sequences become
   * U+FFFD): used when the record's text cannot be made in one pass (bytes
   * that are not valid UTF-8, or a field starting inside a character).
   * Indicators are read byte by byte (a non-ASCII byte becomes a blank, as
   * the frame parser reported), or as the parser read them when one was a
   * whole multi-byte character.
   */
  private decodeUtf8(extent: FieldExtent): Field {
    const { bytes } = this;
    const { start, end } = extent;
    if (!extent.data) return this.fromText(extent, utf8(bytes, start, end));
    if (extent.subfieldsStart !== undefined) return this.fromText(extent, utf8(bytes, extent.subfieldsStart, end), extent.indicators!);
    let pos = start;
    let indicators = '';
    for (let i = 0; i < this.indicatorCount; i++) {
      const b = bytes[pos];
      if (pos >= end || b === SUBFIELD_DELIMITER) break;
      indicators += b! >= 0x20 && b! <= 0x7e ? String.fromCharCode(b!) : ' ';
      pos++;
    }
    return this.fromText(extent, pos < end ? utf8(bytes, pos, end) : '', indicators);
  }

  private decodeOther(extent: FieldExtent, fieldIndex: number): Field {
    const { tag, end } = extent;
    // a multi-byte indicator: the frame parser has read the indicators; decode from the subfields on
    const start = extent.subfieldsStart ?? extent.start;
    let result: { text: string; problems: DecodeProblem[] };
    if (this.watch !== undefined && this.charset !== 'marc8') {
      const watched = decodeSingleByteWatching(this.bytes, start, end, this.charset as SingleByteCharset, this.watch);
      if (watched.seen) this.watched = true;
      result = watched;
    } else result = decode(this.bytes, start, end, this.charset);
    for (const p of result.problems) this.problems.push({ offset: start + p.offset, message: p.message, tag, fieldIndex });
    return this.fromText(extent, result.text, extent.subfieldsStart !== undefined ? extent.indicators! : undefined);
  }
}

/**
 * Fields `from` to `to` (exclusive) cut out of the record's text (see
 * record-text.ts), field i into `into[i - base]` when that slot is still empty. The
 * indicators are read from the bytes (a byte that is not printable ASCII is a
 * blank). Text before the first delimiter is subfield `_`; a delimiter with
 * no code (reported by the frame parser) is dropped. One loop over the fields,
 * as `record.fields` asks for all of them.
 */
function fieldsFromRecordText(
  record: RecordText,
  bytes: Uint8Array,
  extents: readonly FieldExtent[],
  indicatorCount: number,
  normalization: Normalization,
  from: number,
  to: number,
  into: (Field | undefined)[],
  base: number,
): void {
  const { text, heads, h, marks, k } = record;
  const normalize = normalization !== 'none';
  for (let index = from; index < to; index++) {
    if (into[index - base] !== undefined) continue;
    const extent = extents[index]!;
    const tag = extent.tag;
    const at = h + 2 * index;
    const end = heads[at + 2]!;
    if (!extent.data) {
      const value = text.substring(heads[at]!, end);
      into[index - base] = { kind: 'control', tag, value: normalize ? normalized(value, normalization) : value };
      continue;
    }
    // The indicators, read byte by byte; they are ASCII here (record-text.ts sends any
    // other record to the general decoder), so the text starts one unit a byte later.
    let ind1 = ' ';
    let ind2 = ' ';
    const last = extent.end;
    let pos = extent.start;
    for (let i = 0; i < indicatorCount; i++) {
      const b = bytes[pos]!;
      if (pos >= last || b === SUBFIELD_DELIMITER) break;
      const ch = b >= 0x20 && b <= 0x7e ? ASCII_CHARS[b]! : ' ';
      if (i === 0) ind1 = ch;
      else ind2 = ch;
      pos++;
    }
    const start = heads[at]! + (pos - extent.start);
    const firstMark = k + heads[at + 1]!;
    const lastMark = k + heads[at + 3]!;
    const lead = firstMark < lastMark ? marks[firstMark]! : end;
    // Sized up front (a delimiter with no code, reported by the frame parser, is dropped afterwards).
    const subfields = new Array<Subfield>(lastMark - firstMark + (lead > start ? 1 : 0));
    let s = 0;
    if (lead > start) {
      const value = text.substring(start, lead);
      subfields[s++] = { code: '_', value: normalize ? normalized(value, normalization) : value };
    }
    for (let j = firstMark; j < lastMark; j++) {
      const mark = marks[j]!;
      const next = j + 1 < lastMark ? marks[j + 1]! : end;
      if (next === mark + 1) continue;
      const c = text.charCodeAt(mark + 1);
      const value = text.substring(mark + 2, next);
      subfields[s++] = { code: c < 0x80 ? ASCII_CHARS[c]! : text.charAt(mark + 1), value: normalize ? normalized(value, normalization) : value };
    }
    if (s < subfields.length) subfields.length = s;
    into[index - base] = { kind: 'data', tag, ind1, ind2, subfields };
  }
}

/** Normalised text; ASCII (the common case) is returned as it is. */
function normalized(text: string, form: 'NFC' | 'NFD' | 'none'): string {
  if (form === 'none') return text;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return text.normalize(form);
  return text;
}
