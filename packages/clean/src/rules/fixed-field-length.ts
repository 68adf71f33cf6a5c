import { codePointLength } from '@kitap/text';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';

/** MARC 21 008 has 40 positions (00-39) for every type of material. */
export const MARC21_008_LENGTH = 40;
/** UNIMARC/RUSMARC 100 $a has 36 positions (0-35). */
export const UNIMARC_100A_LENGTH = 36;

/**
 * Fixed-length fields are read by position: in an 008 of 39 characters every
 * code after the missing one slides one place left, so the language becomes
 * "az " instead of "kaz" and the OPAC's language and date facets go wrong. A
 * person has to find where the character went missing, so nothing is fixed.
 */
export default defineRule({
  meta: {
    id: 'fixed-field-length',
    family: 'structure',
    description: 'MARC21 008 must be exactly 40 characters long and UNIMARC 100 $a exactly 36.',
    severity: 'error',
    fixable: false,
    flavours: ['marc21', 'unimarc'],
    options: z.object({}),
    messages: {
      length: '{tag} has {length} characters, expected {expected}',
      subfieldLength: '{tag} ${code} has {length} characters, expected {expected}',
    },
  },
  check(record, { flavour }) {
    const reports: RuleReport[] = [];
    const fields = record.fields;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (flavour === 'marc21') {
        if (field.tag !== '008' || field.kind !== 'control') continue;
        const length = codePointLength(field.value);
        if (length === MARC21_008_LENGTH) continue;
        reports.push({ messageId: 'length', data: { tag: '008', length, expected: MARC21_008_LENGTH }, field: index, actual: String(length), expected: String(MARC21_008_LENGTH) });
        continue;
      }
      if (field.tag !== '100' || field.kind !== 'data') continue;
      for (const sf of field.subfields) {
        if (sf.code !== 'a') continue;
        const length = codePointLength(sf.value);
        if (length === UNIMARC_100A_LENGTH) continue;
        reports.push({
          messageId: 'subfieldLength',
          data: { tag: '100', code: 'a', length, expected: UNIMARC_100A_LENGTH },
          field: index,
          subfield: 'a',
          actual: String(length),
          expected: String(UNIMARC_100A_LENGTH),
        });
      }
    }
    return reports;
  },
});
