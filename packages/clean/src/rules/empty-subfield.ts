import type { DataField } from '@kitap/marc';
import { z } from 'zod';
import { defineRule, type Fix, type RuleReport } from '../rule.js';

/** Anything `trim` would keep. */
const NOT_SPACE = /\S/;

/** Whether a character code is one `\s` (and `trim`) takes for white space: TAB–CR, space, NBSP, and the Unicode spaces. */
function isSpaceCode(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Empty, or only whitespace (spaces, no-break spaces, tabs). */
export function isBlank(value: string): boolean {
  // Fast path: a value that starts with anything but white space is not blank.
  if (value.length > 0 && !isSpaceCode(value.charCodeAt(0))) return false;
  return !NOT_SPACE.test(value);
}

/**
 * An empty subfield ($a with nothing after it, or only spaces) is what a
 * template or a conversion leaves behind: it shows as a stray label or a
 * dangling punctuation mark in the OPAC and counts as "present" in checks
 * that a field has its $a. It holds no data, so the fix removes it; when no
 * subfield is left, the whole field goes. This rule owns whitespace-only
 * values; subfield-whitespace only trims values that have text.
 */
export default defineRule({
  meta: {
    id: 'empty-subfield',
    family: 'structure',
    description: 'A subfield must not be empty or hold only spaces.',
    severity: 'warning',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({}),
    messages: {
      empty: 'Empty subfield {tag} ${code}',
      blank: 'Subfield {tag} ${code} holds only spaces',
    },
  },
  check(record) {
    const reports: RuleReport[] = [];
    const fields = record.fields;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (field.kind !== 'data') continue;
      const subfields = field.subfields;
      for (let i = 0; i < subfields.length; i++) {
        if (isBlank(subfields[i]!.value)) {
          checkField(field, index, reports);
          break;
        }
      }
    }
    return reports;
  },
});

/** The blank subfields of a field, each with the whole field's repair as its fix. */
function checkField(field: DataField, index: number, reports: RuleReport[]): void {
  const found: RuleReport[] = [];
  for (const sf of field.subfields) {
    if (!isBlank(sf.value)) continue;
    found.push({
      messageId: sf.value === '' ? 'empty' : 'blank',
      data: { tag: field.tag, code: sf.code },
      field: index,
      subfield: sf.code,
      actual: JSON.stringify(sf.value),
    });
  }
  const kept = field.subfields.filter((sf) => !isBlank(sf.value));
  // Every finding of the field carries the whole field's repair, so one pass settles it.
  const fix: Fix = kept.length === 0 ? [{ op: 'remove', field: index }] : [{ op: 'replace', field: index, with: { ...field, subfields: kept } }];
  for (const r of found) reports.push({ ...r, fix });
}
