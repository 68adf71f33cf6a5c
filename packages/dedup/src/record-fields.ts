import { LAYOUT_SPECS } from '@kitap/holdings';
import type { DataField, Field, MarcRecord } from '@kitap/marc';

const COPY_TAGS = Object.values(LAYOUT_SPECS).map((spec) => spec.tag);
const tagsOf = (tags: readonly string[]): RegExp => new RegExp(`^(?:${[...new Set([...tags, ...COPY_TAGS])].join('|')})$`);

/** The tags dedup reads from a MARC21 record (see `recordFeatures`), with the copy field of every layout. */
export const MARC21_FEATURE_TAGS = tagsOf(['001', '008', '020', '022', '035', '041', '100', '245', '250', '260', '264', '300', '490', '700', '773']);
/** The tags dedup reads from a UNIMARC/RUSMARC record, with the copy field of every layout. */
export const UNIMARC_FEATURE_TAGS = tagsOf(['001', '010', '011', '035', '100', '101', '200', '205', '210', '215', '225', '461', '462', '463', '700', '701']);

/**
 * The fields of a record that dedup reads, fetched in one pass over the
 * directory: a lazily read record decodes only these, and each look-up after
 * that is a map access instead of another pass over every field. Answers as
 * `MarcRecord`'s own look-ups would for the tags it was given.
 */
export class RecordFields {
  readonly #byTag = new Map<string, Field[]>();

  constructor(record: MarcRecord, tags: RegExp) {
    for (const field of record.get(tags)) {
      const list = this.#byTag.get(field.tag);
      if (list) list.push(field);
      else this.#byTag.set(field.tag, [field]);
    }
  }

  /** The data fields with this tag, in record order (like `record.dataFields(tag)`). */
  data(tag: string): DataField[] {
    const out: DataField[] = [];
    for (const f of this.#byTag.get(tag) ?? []) if (f.kind === 'data') out.push(f);
    return out;
  }

  /** The first data field with this tag. */
  firstData(tag: string): DataField | undefined {
    for (const f of this.#byTag.get(tag) ?? []) if (f.kind === 'data') return f;
    return undefined;
  }

  /** The value of the first field with this tag when it is a control field (like `record.controlValue(tag)`). */
  control(tag: string): string | undefined {
    const f = this.#byTag.get(tag)?.[0];
    return f?.kind === 'control' ? f.value : undefined;
  }

  /** Values of `$code` in every data field with this tag (like `record.subfieldValues(tag, code)`). */
  subfieldValues(tag: string, code: string): string[] {
    const out: string[] = [];
    for (const f of this.#byTag.get(tag) ?? []) if (f.kind === 'data') for (const sf of f.subfields) if (sf.code === code) out.push(sf.value);
    return out;
  }
}
