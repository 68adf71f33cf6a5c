/** A subfield: a one-character code and its value. */
export interface Subfield {
  readonly code: string;
  readonly value: string;
}

/** A control field (00X): a tag and an unstructured value. */
export interface ControlField {
  readonly kind: 'control';
  readonly tag: string;
  readonly value: string;
}

/** A data field: a tag, two indicators and subfields. */
export interface DataField {
  readonly kind: 'data';
  readonly tag: string;
  readonly ind1: string;
  readonly ind2: string;
  readonly subfields: readonly Subfield[];
}

export type Field = ControlField | DataField;

/** Tags 001-009 (and 00A-00Z in some local schemes) hold control fields. */
export function isControlTag(tag: string): boolean {
  return tag.length === 3 && tag.charCodeAt(0) === 0x30 && tag.charCodeAt(1) === 0x30;
}

export function controlField(tag: string, value: string): ControlField {
  return { kind: 'control', tag, value };
}

export function dataField(tag: string, ind1: string, ind2: string, subfields: readonly Subfield[]): DataField {
  return { kind: 'data', tag, ind1, ind2, subfields };
}

/** `subfields('a', 'Абай жолы', 'c', 'М. Әуезов')` → [{a}, {c}]. */
export function subfields(...pairs: string[]): Subfield[] {
  if (pairs.length % 2 !== 0) throw new RangeError('subfields() takes code/value pairs');
  const out: Subfield[] = [];
  for (let i = 0; i < pairs.length; i += 2) out.push({ code: pairs[i]!, value: pairs[i + 1]! });
  return out;
}

/** Values of every subfield with this code, in order. */
export function subfieldValues(field: DataField, code: string): string[] {
  const out: string[] = [];
  for (const sf of field.subfields) if (sf.code === code) out.push(sf.value);
  return out;
}

/** The first value of the subfield, or undefined. */
export function subfieldValue(field: DataField, code: string): string | undefined {
  for (const sf of field.subfields) if (sf.code === code) return sf.value;
  return undefined;
}

/** A copy of the field with a subfield appended. */
export function withSubfield(field: DataField, code: string, value: string): DataField {
  return { ...field, subfields: [...field.subfields, { code, value }] };
}

/** A copy of the field with the n-th (0-based, default first) subfield of `code` set to `value`; appended when absent. */
export function withSubfieldValue(field: DataField, code: string, value: string, occurrence = 0): DataField {
  let seen = 0;
  const out = field.subfields.map((sf) => (sf.code === code && seen++ === occurrence ? { code, value } : sf));
  return seen > occurrence ? { ...field, subfields: out } : withSubfield(field, code, value);
}

/** A copy of the field without the subfields that match. */
export function withoutSubfields(field: DataField, code: string, predicate: (value: string) => boolean = () => true): DataField {
  return { ...field, subfields: field.subfields.filter((sf) => !(sf.code === code && predicate(sf.value))) };
}

/** A copy of the field with other indicators. */
export function withIndicators(field: DataField, ind1: string, ind2: string): DataField {
  return { ...field, ind1, ind2 };
}

/** Field text for display and match keys: control value, or subfield values joined by a space. */
export function fieldText(field: Field): string {
  return field.kind === 'control' ? field.value : field.subfields.map((sf) => sf.value).join(' ');
}

export function fieldsEqual(a: Field, b: Field): boolean {
  if (a.tag !== b.tag || a.kind !== b.kind) return false;
  if (a.kind === 'control') return a.value === (b as ControlField).value;
  const d = b as DataField;
  if (a.ind1 !== d.ind1 || a.ind2 !== d.ind2 || a.subfields.length !== d.subfields.length) return false;
  return a.subfields.every((sf, i) => sf.code === d.subfields[i]!.code && sf.value === d.subfields[i]!.value);
}
