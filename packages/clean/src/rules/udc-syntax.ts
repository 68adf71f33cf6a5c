import { type DataField, withSubfieldValue } from '@kitap/marc';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';
import { CLASSIFICATION_TAGS } from '../tables/classification.js';
import { PLAIN_UDC, groupByThree, udcProblem } from './udc-syntax-grammar.js';

const TRAILING = /[\s.,;]+$/u;
const COMMA = /(?<=\d),(?=\d)/gu;
// A main number written without periods, at the start of the notation or after ":", "+", "/", "[".
const PLAIN = /(^|[:+/[])(\d{4,})(?![\d.])/gu;

/**
 * A plain digit string can be regrouped without doubt only when no "0" could
 * start a ".0" special auxiliary: "821512122" is 821.512.122, but "3701"
 * might be 37.01 as well as 370.1.
 */
function regroupable(digits: string): boolean {
  return !digits.slice(2).includes('0');
}

interface Repair {
  value: string;
  trailing: boolean;
  comma: boolean;
  regrouped: boolean;
}

function repair(value: string): Repair {
  const trimmed = value.replace(TRAILING, '');
  const trailing = trimmed !== value && trimmed.trim() !== '';
  let v = trailing ? trimmed : value;
  const withPeriods = v.replace(COMMA, '.');
  const comma = withPeriods !== v;
  v = withPeriods;
  const regroupedValue = v.replace(PLAIN, (all, before: string, digits: string) => (regroupable(digits) ? before + groupByThree(digits) : all));
  return { value: regroupedValue, trailing, comma, regrouped: regroupedValue !== v };
}

/**
 * UDC (УДК) numbers are decimal fractions written with a period after every
 * three digits; "821512122", "82.1.512" and "821,512,122" are the same class
 * to a person but not to a search or a shelf list. The check follows the UDC
 * notation (see udc-syntax-grammar.ts) and is permissive about auxiliaries.
 */
export default defineRule({
  meta: {
    id: 'udc-syntax',
    family: 'classification',
    description: 'A UDC number in 080 $a (MARC21) or 675 $a (UNIMARC) must have a period after every three digits, no commas or spaces, and well-formed auxiliaries.',
    severity: 'warning',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({}),
    messages: {
      syntax: 'UDC number {value} in {tag} $a is not well-formed: {reason}',
      comma: 'Comma instead of a period in UDC number {value} in {tag} $a, expected {expected}',
      grouping: 'UDC number {value} in {tag} $a needs a period after every three digits, expected {expected}',
      doubtful: 'UDC number {value} in {tag} $a needs periods: after every three digits ({expected}) or before a ".0" special auxiliary',
      trailing: 'Punctuation or space after UDC number {value} in {tag} $a, expected {expected}',
    },
  },
  check(record, { flavour }) {
    const tag = CLASSIFICATION_TAGS[flavour].udc;
    const reports: RuleReport[] = [];
    const fields = record.fields;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (field.tag !== tag || field.kind !== 'data' || allPlain(field)) continue;
      checkField(field, index, tag, reports);
    }
    return reports;
  },
});

/**
 * True when every $a of the field is blank or an everyday well-formed number (PLAIN_UDC): no comma,
 * no run of digits to regroup, no punctuation at the end, so there is nothing to report.
 */
function allPlain(field: DataField): boolean {
  const subfields = field.subfields;
  for (let i = 0; i < subfields.length; i++) {
    const sf = subfields[i]!;
    if (sf.code === 'a' && !PLAIN_UDC.test(sf.value) && sf.value.trim() !== '') return false;
  }
  return true;
}

/** The findings of one UDC field; the fixable ones carry the whole field's repair. */
function checkField(field: DataField, index: number, tag: string, reports: RuleReport[]): void {
  let fixed: DataField | undefined;
  const found: { report: RuleReport; fixable: boolean }[] = [];
  let occurrence = 0;
  for (const sf of field.subfields) {
    if (sf.code !== 'a') continue;
    const n = occurrence++;
    if (sf.value.trim() === '') continue; // an empty subfield is empty-subfield's business
    const r = repair(sf.value);
    const at = { field: index, subfield: 'a', actual: sf.value, expected: r.value };
    const data = { value: sf.value, tag, expected: r.value };
    if (r.trailing) found.push({ report: { messageId: 'trailing', data, ...at }, fixable: true });
    if (r.comma) found.push({ report: { messageId: 'comma', data, ...at }, fixable: true });
    if (r.regrouped) found.push({ report: { messageId: 'grouping', data, ...at }, fixable: true });
    if (r.value !== sf.value) fixed = withSubfieldValue(fixed ?? field, 'a', r.value, n);
    // Leading spaces are subfield-whitespace's business.
    const problem = udcProblem(r.value.trim());
    if (problem?.kind === 'grouping' && problem.plain) {
      const expected = r.value.replace(problem.number, problem.expected);
      found.push({ report: { messageId: 'doubtful', data: { value: r.value, tag, expected }, field: index, subfield: 'a', actual: r.value }, fixable: false });
    } else if (problem?.kind === 'grouping') {
      const expected = r.value.replace(problem.number, problem.expected);
      found.push({ report: { messageId: 'grouping', data: { value: r.value, tag, expected }, field: index, subfield: 'a', actual: r.value, expected }, fixable: false });
    } else if (problem) found.push({ report: { messageId: 'syntax', data: { value: r.value, tag, reason: problem.reason }, field: index, subfield: 'a', actual: r.value }, fixable: false });
  }
  // Every fixable finding of the field carries the whole field's repair, so one pass settles it.
  for (const f of found) reports.push(fixed && f.fixable ? { ...f.report, fix: [{ op: 'replace', field: index, with: fixed }] } : f.report);
}
