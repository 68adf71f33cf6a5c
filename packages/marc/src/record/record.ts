import type { Place, Warning } from '@kitap/core';
import { type DataField, type Field, fieldsEqual } from './field.js';
import { Leader } from './leader.js';

/**
 * Where a record's fields come from when they are decoded lazily: the ISO2709
 * reader validates structure eagerly and keeps only the frame and its
 * directory; text is decoded field by field on first access.
 */
export interface FieldSource {
  /** The record's bytes as read, leader to terminator. */
  readonly bytes: Uint8Array;
  /** The character set the bytes were decoded with. */
  readonly charset: string;
  /** Tags in directory order. */
  readonly tags: readonly string[];
  /** Optional: the number of fields, when the source can tell it without making `tags`. */
  readonly size?: number;
  decodeField(index: number): Field;
  /**
   * Optional: decodes, in one go, every field whose slot is still undefined
   * (`fields` has one slot per field, in order). A source that decodes a whole
   * record at once saves a call per field this way.
   */
  decodeAll?(fields: (Field | undefined)[]): void;
  /**
   * Optional: true when the source read every byte of the record and found no
   * control character in any value (a C0 control, DEL, a C1 control, or a
   * MARC delimiter out of place); false or absent when it cannot tell.
   */
  readonly controlFree?: boolean;
}

export type FieldSelector = string | RegExp | ((field: Field) => boolean);

/** Set by MarcRecord's static block: reads a record's private source. */
let sourceIfUnmodified: (record: MarcRecord) => FieldSource | undefined;

/**
 * For this package's writers (not exported from the package): the source an
 * unmodified record was read from, so that a writer can work from its bytes
 * instead of its decoded fields (see marcxml/iso2709-bytes.ts). Undefined once
 * the record was changed, or when it was not read lazily.
 */
export function unmodifiedSource(record: MarcRecord): FieldSource | undefined {
  return sourceIfUnmodified(record);
}

function matcher(selector: FieldSelector): (field: Field) => boolean {
  if (typeof selector === 'string') {
    if (selector.length === 3 && !selector.includes('X') && !selector.includes('x')) return (f) => f.tag === selector;
    // '9XX', '2x0': X or x is any character.
    const re = new RegExp(`^${selector.replace(/[Xx]/g, '.')}$`);
    return (f) => re.test(f.tag);
  }
  if (selector instanceof RegExp) return (f) => selector.test(f.tag);
  return selector;
}

/**
 * A MARC record: a leader and fields in order. Fields are immutable values;
 * change a record only through its methods, which is how it knows it was
 * modified. An unmodified record read from ISO2709 keeps its original bytes
 * (`raw`), and the ISO2709 writer writes those back byte for byte.
 */
export class MarcRecord {
  /** Repairs and oddities the reader noticed; never empty when something was changed on reading. */
  readonly warnings: Warning[] = [];
  /** Where the record came from (file, index, byte offset or line). */
  place: Place = {};
  /**
   * For a record read from text (MARCXML) in a legacy character set — the XML declaration's or
   * the one given — or in UTF-16, that set: its text was converted from it. Undefined otherwise
   * (see `sourceCharset` for ISO2709).
   */
  textCharset: string | undefined;

  #leader: Leader;
  #fields: (Field | undefined)[];
  #source: FieldSource | undefined;
  #decodedAll: boolean;
  #modified = false;

  static {
    sourceIfUnmodified = (record) => (record.#modified ? undefined : record.#source);
  }

  constructor(leader: Leader | string = Leader.DEFAULT, fields: readonly Field[] = []) {
    this.#leader = typeof leader === 'string' ? new Leader(leader) : leader;
    this.#fields = [...fields];
    this.#source = undefined;
    this.#decodedAll = true;
  }

  /** A record whose fields decode on demand from `source` (used by the ISO2709 reader). */
  static lazy(leader: Leader, source: FieldSource): MarcRecord {
    const record = new MarcRecord(leader);
    record.#source = source;
    record.#fields = new Array<Field | undefined>(source.size ?? source.tags.length);
    record.#decodedAll = false;
    return record;
  }

  get leader(): Leader {
    return this.#leader;
  }

  set leader(leader: Leader) {
    if (leader.value !== this.#leader.value) {
      this.#leader = leader;
      this.#modified = true;
    }
  }

  /** The bytes this record was read from, while it is unmodified; otherwise undefined. */
  /**
   * True when the record is as it was read and its reader saw no control
   * character in any of its values (see FieldSource.controlFree): a rule
   * looking for them need not read the values. False when it cannot tell.
   */
  get controlFree(): boolean {
    return !this.#modified && this.#source?.controlFree === true;
  }

  get raw(): Uint8Array | undefined {
    return this.#modified ? undefined : this.#source?.bytes;
  }

  /** The bytes the record was read from, even after changes (for reject files). */
  get sourceBytes(): Uint8Array | undefined {
    return this.#source?.bytes;
  }

  /** The character set the record was read in, when it came from ISO2709. */
  get sourceCharset(): string | undefined {
    return this.#source?.charset;
  }

  get modified(): boolean {
    return this.#modified;
  }

  /** Mark as modified (a reader that repaired the record does this, so the writer re-serialises it). */
  markModified(): void {
    this.#modified = true;
  }

  get size(): number {
    return this.#fields.length;
  }

  private fieldAt(i: number): Field {
    let field = this.#fields[i];
    if (field === undefined) {
      field = this.#source!.decodeField(i);
      this.#fields[i] = field;
    }
    return field;
  }

  private tagAt(i: number): string {
    const field = this.#fields[i];
    return field ? field.tag : this.#source!.tags[i]!;
  }

  /** All fields in order (decodes every field). */
  get fields(): readonly Field[] {
    if (!this.#decodedAll) {
      const source = this.#source!;
      if (source.decodeAll) source.decodeAll(this.#fields);
      else for (let i = 0; i < this.#fields.length; i++) this.fieldAt(i);
      this.#decodedAll = true;
    }
    return this.#fields as Field[];
  }

  /** Tags in order, without decoding anything. */
  get tags(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.#fields.length; i++) out.push(this.tagAt(i));
    return out;
  }

  /** Fields whose tag matches: '245', '9XX', /^7[01]0$/ or a predicate. Decodes only what it returns for tag selectors. */
  get(selector: FieldSelector): Field[] {
    if (typeof selector === 'function') return this.fields.filter(selector);
    const match = matcher(selector);
    const out: Field[] = [];
    for (let i = 0; i < this.#fields.length; i++) {
      const tag = this.tagAt(i);
      if (match({ kind: 'control', tag, value: '' })) out.push(this.fieldAt(i));
    }
    return out;
  }

  first(selector: FieldSelector): Field | undefined {
    return this.get(selector)[0];
  }

  /** Data fields matching the selector (control fields with the same tag are skipped). */
  dataFields(selector: FieldSelector): DataField[] {
    return this.get(selector).filter((f): f is DataField => f.kind === 'data');
  }

  /** Values of `$code` in every matching data field. */
  subfieldValues(selector: FieldSelector, code: string): string[] {
    const out: string[] = [];
    for (const field of this.dataFields(selector)) for (const sf of field.subfields) if (sf.code === code) out.push(sf.value);
    return out;
  }

  /** The value of control field `tag`, e.g. record.controlValue('001'). */
  controlValue(tag: string): string | undefined {
    const field = this.first(tag);
    return field?.kind === 'control' ? field.value : undefined;
  }

  /** Index of a field (by identity, else by value) or -1. */
  indexOf(field: Field): number {
    const fields = this.fields;
    const byIdentity = fields.indexOf(field);
    return byIdentity >= 0 ? byIdentity : fields.findIndex((f) => fieldsEqual(f, field));
  }

  /** Appends a field at the end. */
  addField(field: Field): this {
    this.fields;
    this.#fields.push(field);
    this.#modified = true;
    return this;
  }

  /** Inserts a field before the first field with a greater tag (keeps tag order). */
  insertField(field: Field): this {
    const fields = this.fields;
    let at = fields.findIndex((f) => f.tag > field.tag);
    if (at < 0) at = fields.length;
    this.#fields.splice(at, 0, field);
    this.#modified = true;
    return this;
  }

  /** Replaces a field (given by index or by value) with another. */
  replaceField(target: number | Field, replacement: Field): this {
    const at = typeof target === 'number' ? target : this.indexOf(target);
    if (at < 0 || at >= this.fields.length) throw new RangeError(`No such field to replace: ${typeof target === 'number' ? target : target.tag}`);
    this.#fields[at] = replacement;
    this.#modified = true;
    return this;
  }

  /** Removes a field (given by index or by value). Returns whether one was removed. */
  removeField(target: number | Field): boolean {
    const at = typeof target === 'number' ? target : this.indexOf(target);
    if (at < 0 || at >= this.fields.length) return false;
    this.#fields.splice(at, 1);
    this.#modified = true;
    return true;
  }

  /** Removes every field that matches; returns how many. */
  removeFields(selector: FieldSelector): number {
    const match = matcher(selector);
    const before = this.fields.length;
    this.#fields = this.#fields.filter((f) => !match(f!));
    const removed = before - this.#fields.length;
    if (removed) this.#modified = true;
    return removed;
  }

  /** A deep copy with no link to the source bytes (so it counts as new). */
  clone(): MarcRecord {
    const copy = new MarcRecord(this.#leader, this.fields);
    copy.place = { ...this.place };
    copy.warnings.push(...this.warnings);
    copy.#modified = true;
    return copy;
  }
}
