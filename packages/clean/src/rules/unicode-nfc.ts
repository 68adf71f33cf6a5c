import type { DataField } from '@kitap/marc';
import { codePointName, isNfc } from '@kitap/text';
import { z } from 'zod';
import { fieldsWhere, notableTextSubfields } from '../record-view.js';
import { defineRule, type RuleFlavour, type RuleReport } from '../rule.js';
import { textSubfieldMask } from '../tables/text-subfields.js';

/**
 * The same letter can be stored two ways: "й" as one character (U+0439) or as
 * и followed by a combining breve (U+0438 U+0306); "ё" likewise as е with a
 * combining diaeresis, "é" as e with a combining acute. Records converted
 * from MARC-8, copied from PDFs or typed on some Mac keyboards carry the
 * decomposed form. Both look the same, but they do not match each other in
 * search, sorting and duplicate detection. MARC 21 asks for UTF-8 records in
 * Unicode Normalization Form C (NFC, Unicode Standard Annex #15), and so does
 * kitap; the fix composes the text.
 */

/** A base character with its combining marks, or marks at the very start. */
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;

export const notNfc = (value: string): boolean => !isNfc(value);

function codes(text: string): string {
  return [...text].map(codePointName).join(' ');
}

export default defineRule({
  meta: {
    id: 'unicode-nfc',
    family: 'text',
    description: 'Text must be in Unicode NFC: a letter such as й or ё must be one character, not a letter plus a combining mark.',
    severity: 'warning',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({}),
    messages: {
      decomposed: 'Text in {tag} ${code} is not in Unicode NFC: "{first}" is {codes}, expected {composed} ({count} such letters in the subfield)',
    },
  },
  check(record, { flavour }) {
    const reports: RuleReport[] = [];
    const fields = record.fields;
    // Fast path: a field whose text subfields are all NFC has nothing to report (isNfc skips the
    // normaliser for Latin and Cyrillic text), so only a field with a value that is not is read whole.
    for (const index of fieldsWhere(notableTextSubfields(record, flavour), notNfc)) checkField(fields[index] as DataField, index, flavour, reports);
    return reports;
  },
});

/** The findings of one field, each with the whole field composed as its fix. */
function checkField(field: DataField, index: number, flavour: RuleFlavour, reports: RuleReport[]): void {
  const mask = textSubfieldMask(flavour, field);
  const found: RuleReport[] = [];
  let changed = false;
  const repaired = field.subfields.map((sf, n) => {
    if (!mask[n] || isNfc(sf.value)) return sf;
    const bad = [...sf.value.matchAll(CLUSTER)].map((m) => m[0]).filter((c) => c.normalize('NFC') !== c);
    const first = bad[0] ?? sf.value;
    const composed = first.normalize('NFC');
    found.push({
      messageId: 'decomposed',
      data: { tag: field.tag, code: sf.code, first: composed, codes: codes(first), composed: codes(composed), count: Math.max(bad.length, 1) },
      field: index,
      subfield: sf.code,
      actual: codes(first),
      expected: codes(composed),
    });
    changed = true;
    return { code: sf.code, value: sf.value.normalize('NFC') };
  });
  if (!changed) return;
  const fixed: DataField = { ...field, subfields: repaired };
  for (const report of found) reports.push({ ...report, fix: [{ op: 'replace', field: index, with: fixed }] });
}
