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
    return this.charset === 'utf-8' ? this.decodeUtf8(extent) : this.decodeOther(extent, index);
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
    if (!extent.data) return { kind: 'control', tag, value: this.norm(bytes.toString('utf8', start, end)) };
    let pos = start;
    let ind1 = ' ';
    let ind2 = ' ';
    for (let i = 0; i < this.indicatorCount; i++) {
      const b = bytes[pos];
      if (pos >= end || b === SUBFIELD_DELIMITER) break;
      const ch = b! >= 0x20 && b! <= 0x7e ? String.fromCharCode(b!) : ' ';
      if (i === 0) ind1 = ch;
      else ind2 = ch;
      pos++;
    }
    const subfields: Subfield[] = [];
    if (pos < end && bytes[pos] !== SUBFIELD_DELIMITER) {
      const next = bytes.indexOf(SUBFIELD_DELIMITER, pos);
      const stop = next < 0 || next > end ? end : next;
      subfields.push({ code: '_', value: this.norm(bytes.toString('utf8', pos, stop)) });
      pos = stop;
    }
    while (pos < end) {
      // bytes[pos] is a delimiter here.
      let next = bytes.indexOf(SUBFIELD_DELIMITER, pos + 1);
      if (next < 0 || next > end) next = end;
      if (next > pos + 1) {
        subfields.push({ code: String.fromCharCode(bytes[pos + 1]!), value: this.norm(bytes.toString('utf8', pos + 2, next)) });
      }
      pos = next;
    }
    return { kind: 'data', tag, ind1, ind2, subfields };
  }

  private decodeOther(extent: FieldExtent, fieldIndex: number): Field {
    const { tag, start, end } = extent;
    const result = decode(this.bytes, start, end, this.charset);
    for (const p of result.problems) this.problems.push({ offset: start + p.offset, message: p.message, tag, fieldIndex });
    const text = result.text;
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
