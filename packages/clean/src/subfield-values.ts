import type { DataField } from '@kitap/marc';

/**
 * The field with its subfield values replaced by `values` (same order and
 * length), keeping every subfield object whose value did not change; the field
 * itself when nothing changed. Shared by the rules that repair the end of
 * each subfield (ISBD punctuation, trailing periods).
 */
export function withSubfieldValues(field: DataField, values: readonly string[]): DataField {
  if (field.subfields.every((sf, i) => values[i] === sf.value)) return field;
  return { ...field, subfields: field.subfields.map((sf, i) => (values[i] === sf.value ? sf : { code: sf.code, value: values[i]! })) };
}
