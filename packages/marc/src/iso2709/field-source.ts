import type { Field, Subfield } from '../record/field.js';
import type { FieldSource } from '../record/record.js';
import { decode, type CharsetName, type DecodeProblem } from '../charset/index.js';
import type { Normalization } from '../read-types.js';
import { SUBFIELD_DELIMITER } from './bytes.js';
import type { FieldExtent } from './parse-frame.js';

export interface FieldDecodeProblem extends DecodeProblem {
  tag: string;
  fieldIndex: number;
}

type NativeSlices = Buffer & { utf8Slice(start: number, end: number): string };

/** Buffer's own UTF-8 slice, without toString's argument handling (a measurable share of decode time). */
function utf8(bytes: Buffer, start: number, end: number): string {
  return (bytes as NativeSlices).utf8Slice(start, end);
}

/** Decodes the fields of one ISO2709 record on demand. */
export class Iso2709FieldSource implements FieldSource {
  readonly tags: readonly string[];
  /** Invalid bytes met while decoding (offsets relative to the frame). */
  readonly problems: FieldDecodeProblem[] = [];

  constructor(
    readonly bytes: Buffer,
    private readonly extents: readonly FieldExtent[],
    private readonly indicatorCount: number,
    readonly charset: CharsetName,
    private readonly normalization: Normalization,
  ) {
    this.tags = extents.map((e) => e.tag);
  }

  decodeField(index: number): Field {
    const extent = this.extents[index]!;
    if (this.charset !== 'utf-8') return this.decodeOther(extent, index);
    const texts = this.fieldTexts();
    return texts ? this.fromText(extent, texts[index]!) : this.decodeUtf8(extent);
  }

  /** undefined: not computed yet; null: the fast path does not apply to this record. */
  private texts: string[] | null | undefined;

  /**
   * The text of every field, from a single native decode of the data area, when
   * the fields tile it in directory order (as every sound writer lays them out)
   * and no indicator needed byte-level repair. One decode and one split per
   * record are several times cheaper than a decode per field or subfield.
   */
  private fieldTexts(): string[] | null {
    if (this.texts !== undefined) return this.texts;
    this.texts = null;
    const extents = this.extents;
    if (extents.length === 0) return null;
    let expected = extents[0]!.start;
    const bytes = this.bytes;
    for (const e of extents) {
      if (e.start !== expected || e.subfieldsStart !== undefined) return null;
      // Indicators are read byte by byte: a non-ASCII byte there would be read differently from text.
      if (e.data) for (let i = 0; i < this.indicatorCount; i++) if (bytes[e.start + i]! >= 0x80) return null;
      expected = e.end + 1;
    }
    const texts = utf8(bytes, extents[0]!.start, expected - 1).split('\x1e');
    if (texts.length !== extents.length) return null;
    this.texts = texts;
    return texts;
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
    if (this.normalization === 'none') return text;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return text.normalize(this.normalization);
    return text;
  }

  /**
   * UTF-8, field by field: used when the record-wide split does not apply.
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
    const result = decode(this.bytes, start, end, this.charset);
    for (const p of result.problems) this.problems.push({ offset: start + p.offset, message: p.message, tag, fieldIndex });
    return this.fromText(extent, result.text, extent.subfieldsStart !== undefined ? extent.indicators! : undefined);
  }
}
