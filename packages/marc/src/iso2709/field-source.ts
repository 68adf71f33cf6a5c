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

  private fromText(extent: FieldExtent, text: string): Field {
    const tag = extent.tag;
    if (!extent.data) return { kind: 'control', tag, value: this.norm(text) };
    let pos = 0;
    let ind1 = ' ';
    let ind2 = ' ';
    for (let i = 0; i < this.indicatorCount; i++) {
      const c = text.charCodeAt(pos);
      if (pos >= text.length || c === SUBFIELD_DELIMITER) break;
      const ch = c >= 0x20 && c <= 0x7e ? text.charAt(pos) : ' ';
      if (i === 0) ind1 = ch;
      else ind2 = ch;
      pos++;
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

  /** Fast path: bytes are valid UTF-8 (checked by the reader); Buffer slices decode natively. */
  private decodeUtf8(extent: FieldExtent): Field {
    const { bytes } = this;
    const { tag, start, end } = extent;
    if (!extent.data) return { kind: 'control', tag, value: this.norm(utf8(bytes, start, end)) };
    let pos = start;
    let ind1 = ' ';
    let ind2 = ' ';
    if (extent.subfieldsStart !== undefined) {
      // a multi-byte indicator: the frame parser has read the indicators
      ind1 = extent.indicators!.charAt(0) || ' ';
      ind2 = extent.indicators!.charAt(1) || ' ';
      pos = extent.subfieldsStart;
    }
    for (let i = 0; i < this.indicatorCount && extent.subfieldsStart === undefined; i++) {
      const b = bytes[pos];
      if (pos >= end || b === SUBFIELD_DELIMITER) break;
      const ch = b! >= 0x20 && b! <= 0x7e ? String.fromCharCode(b!) : ' ';
      if (i === 0) ind1 = ch;
      else ind2 = ch;
      pos++;
    }
    // One native decode per field, then a split on the delimiter: far cheaper than a
    // Buffer slice per subfield. UTF-8 never uses 0x1F inside a multi-byte character.
    const subfields: Subfield[] = [];
    if (pos >= end) return { kind: 'data', tag, ind1, ind2, subfields };
    const parts = utf8(bytes, pos, end).split('\x1f');
    const first = parts[0]!;
    if (first.length > 0) subfields.push({ code: '_', value: this.norm(first) });
    for (let i = 1; i < parts.length; i++) {
      const part = parts[i]!;
      if (part.length === 0) continue; // an empty delimiter (reported by the frame parser)
      subfields.push({ code: part.charAt(0), value: this.norm(part.slice(1)) });
    }
    return { kind: 'data', tag, ind1, ind2, subfields };
  }

  private decodeOther(extent: FieldExtent, fieldIndex: number): Field {
    const { tag, end } = extent;
    // a multi-byte indicator: the frame parser has read the indicators; decode from the subfields on
    const start = extent.subfieldsStart ?? extent.start;
    const result = decode(this.bytes, start, end, this.charset);
    for (const p of result.problems) this.problems.push({ offset: start + p.offset, message: p.message, tag, fieldIndex });
    const text = result.text;
    if (!extent.data) return { kind: 'control', tag, value: this.norm(text) };
    let pos = 0;
    let ind1 = extent.indicators?.charAt(0) || ' ';
    let ind2 = extent.indicators?.charAt(1) || ' ';
    for (let i = 0; i < this.indicatorCount && extent.subfieldsStart === undefined; i++) {
      const c = text.charCodeAt(pos);
      if (pos >= text.length || c === SUBFIELD_DELIMITER) break;
      const ch = c >= 0x20 && c <= 0x7e ? text.charAt(pos) : ' ';
      if (i === 0) ind1 = ch;
      else ind2 = ch;
      pos++;
    }
    const parts = text.slice(pos).split('\x1f');
    const subfields: Subfield[] = [];
    const first = parts[0]!;
    if (first.length > 0) subfields.push({ code: '_', value: this.norm(first) });
    for (let i = 1; i < parts.length; i++) {
      const part = parts[i]!;
      if (part.length === 0) continue;
      subfields.push({ code: part.charAt(0), value: this.norm(part.slice(1)) });
    }
    return { kind: 'data', tag, ind1, ind2, subfields };
  }
}
