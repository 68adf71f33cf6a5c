import { type DataField, withSubfieldValue } from '@kitap/marc';
import { z } from 'zod';
import { fieldsWhere, textSubfieldsByOwnTag } from '../record-view.js';
import { defineRule, type RuleFlavour, type RuleReport } from '../rule.js';
import { isTextSubfield } from '../tables/text-subfields.js';

function tidy(value: string): string {
  return value.replace(/ {2,}/g, ' ').trim();
}

/** Whitespace as `trim` takes it (ECMAScript WhiteSpace and LineTerminator, exactly what `\s` matches). */
const SPACE = /\s/;

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0xa0 && SPACE.test(String.fromCharCode(code)));
}

/** Whether `tidy` would change the value: it starts or ends with whitespace, or holds two spaces in a row. */
function untidy(value: string): boolean {
  const length = value.length;
  return length > 0 && (isSpace(value.charCodeAt(0)) || isSpace(value.charCodeAt(length - 1)) || value.includes('  '));
}

/**
 * Leading, trailing and double spaces in free-text subfield values: invisible
 * on screen, but they break searching and matching. Coded subfields are left
 * alone: in UNIMARC 100 $a every space is a position.
 */
export default defineRule({
  meta: {
    id: 'subfield-whitespace',
    family: 'text',
    description: 'Subfield values must not start or end with a space or hold two spaces in a row.',
    severity: 'warning',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({}),
    messages: {
      leading: 'Leading space in {tag} ${code}',
      trailing: 'Trailing space in {tag} ${code}',
      double: 'Double space in {tag} ${code}',
    },
  },
  check(record, { flavour }) {
    const reports: RuleReport[] = [];
    const fields = record.fields;
    // Fast path: a field none of whose text values has a space to tidy has nothing to report.
    for (const index of fieldsWhere(textSubfieldsByOwnTag(record, flavour), untidy)) checkField(fields[index] as DataField, index, flavour, reports);
    return reports;
  },
});

/** The findings of one field, each with the whole field tidied as its fix. */
function checkField(field: DataField, index: number, flavour: RuleFlavour, reports: RuleReport[]): void {
  let fixed: DataField | undefined;
  const found: RuleReport[] = [];
  const seen = new Map<string, number>();
  for (const sf of field.subfields) {
    const occurrence = seen.get(sf.code) ?? 0;
    seen.set(sf.code, occurrence + 1);
    // Coded subfields (UNIMARC 100 $a, 008-like data in 1XX) count positions: their spaces are data.
    if (!isTextSubfield(flavour, field.tag, sf.code)) continue;
    const clean = tidy(sf.value);
    if (clean === sf.value) continue;
    // An empty or blank value is the empty-subfield rule's business.
    if (clean === '') continue;
    fixed = withSubfieldValue(fixed ?? field, sf.code, clean, occurrence);
    const messageId = sf.value.startsWith(' ') ? 'leading' : sf.value.endsWith(' ') ? 'trailing' : 'double';
    found.push({ messageId, data: { tag: field.tag, code: sf.code }, field: index, subfield: sf.code, actual: JSON.stringify(sf.value), expected: JSON.stringify(clean) });
  }
  // Every finding of the field carries the whole field's repair, so one pass settles it.
  for (const r of found) reports.push({ ...r, fix: [{ op: 'replace', field: index, with: fixed! }] });
}
