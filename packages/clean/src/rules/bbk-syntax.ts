import { type DataField, withSubfieldValue } from '@kitap/marc';
import { LATIN_TO_CYRILLIC } from '@kitap/text';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';
import { BBK_SOURCES, CLASSIFICATION_TAGS, isBbkField } from '../tables/classification.js';
import { PLAIN_BBK, bbkProblem } from './bbk-syntax-grammar.js';

const TRAILING = /[\s.,;:/]+$/u;
// The main-table number at the start of the index or after ":", "+", "/": "63,3" or "74,268,1".
const MAIN_WITH_COMMA = /(^|[:+/])(\d+(?:[.,]\d+)*,\d+(?:[.,]\d+)*)/gu;

/** The value with the two safe repairs: trailing punctuation removed, commas in the main number made periods. */
function repair(value: string): { value: string; trailing: boolean; comma: boolean } {
  const trimmed = value.replace(TRAILING, '');
  const trailing = trimmed !== value && trimmed.trim() !== '';
  const base = trailing ? trimmed : value;
  const fixed = base.replace(MAIN_WITH_COMMA, (_all, before: string, main: string) => before + main.replaceAll(',', '.'));
  return { value: fixed, trailing, comma: fixed !== base };
}

/**
 * Shelves and the systematic catalog are arranged by BBK (ББК); a malformed
 * index files the book in the wrong place or nowhere: "84(5Каз-44" lost its
 * parenthesis, "63,3" has a comma for a period, "(5Kaз)" hides a Latin K. The
 * grammar (see bbk-syntax-grammar.ts) is permissive where practice varies.
 */
export default defineRule({
  meta: {
    id: 'bbk-syntax',
    family: 'classification',
    description: 'A BBK index in 084 $a (MARC21) or 686 $a (UNIMARC) must be well-formed: digit groups, parentheses, subdivisions and Cyrillic letters in their places.',
    severity: 'warning',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({
      sources: z.array(z.string()).default([...BBK_SOURCES]),
      withoutSource: z.boolean().default(true),
    }),
    messages: {
      syntax: 'BBK index {value} in {tag} $a is not well-formed: {reason}',
      comma: 'Comma instead of a period in BBK index {value} in {tag} $a, expected {expected}',
      trailing: 'Punctuation or space after BBK index {value} in {tag} $a, expected {expected}',
      latin: 'Latin letters ({letters}) in BBK index {value} in {tag} $a: BBK uses Cyrillic letters, expected {expected}',
    },
  },
  check(record, { flavour, options }) {
    const tag = CLASSIFICATION_TAGS[flavour].bbk;
    const reports: RuleReport[] = [];
    const fields = record.fields;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (field.tag !== tag || field.kind !== 'data' || allPlain(field) || !isBbkField(field, options.sources, options.withoutSource)) continue;
      checkField(field, index, tag, reports);
    }
    return reports;
  },
});

/**
 * True when every $a of the field is blank or an everyday well-formed index (PLAIN_BBK): no comma,
 * no Latin letter, no punctuation at the end, so there is nothing to report.
 */
function allPlain(field: DataField): boolean {
  const subfields = field.subfields;
  for (let i = 0; i < subfields.length; i++) {
    const sf = subfields[i]!;
    if (sf.code === 'a' && !PLAIN_BBK.test(sf.value) && sf.value.trim() !== '') return false;
  }
  return true;
}

/** The findings of one BBK field; the fixable ones carry the whole field's repair. */
function checkField(field: DataField, index: number, tag: string, reports: RuleReport[]): void {
  let fixed: DataField | undefined;
  const found: RuleReport[] = [];
  let occurrence = 0;
  for (const sf of field.subfields) {
    if (sf.code !== 'a') continue;
    const n = occurrence++;
    if (sf.value.trim() === '') continue; // an empty subfield is empty-subfield's business
    const r = repair(sf.value);
    const where = { field: index, subfield: 'a', actual: sf.value };
    if (r.trailing) found.push({ messageId: 'trailing', data: { value: sf.value, tag, expected: r.value }, ...where, expected: r.value });
    if (r.comma) found.push({ messageId: 'comma', data: { value: sf.value, tag, expected: r.value }, ...where, expected: r.value });
    if (r.value !== sf.value) fixed = withSubfieldValue(fixed ?? field, 'a', r.value, n);
    // Leading spaces are subfield-whitespace's business.
    const text = r.value.trim();
    const latin = [...new Set(text.match(/[A-Za-z]/g) ?? [])];
    let cyrillic = text;
    if (latin.length) {
      cyrillic = [...text].map((c) => LATIN_TO_CYRILLIC[c] ?? c).join('');
      const expected = /[A-Za-z]/.test(cyrillic) ? undefined : cyrillic;
      found.push({ messageId: 'latin', data: { value: sf.value, tag, letters: latin.join(' '), expected: expected ?? 'Cyrillic letters' }, field: index, subfield: 'a', actual: sf.value, ...(expected ? { expected } : {}) });
    }
    const reason = bbkProblem(cyrillic);
    if (reason !== undefined) found.push({ messageId: 'syntax', data: { value: r.value, tag, reason }, field: index, subfield: 'a', actual: r.value });
  }
  // Every finding of the field carries the whole field's repair, so one pass settles it.
  for (const f of found) reports.push(fixed && (f.messageId === 'trailing' || f.messageId === 'comma') ? { ...f, fix: [{ op: 'replace', field: index, with: fixed }] } : f);
}
