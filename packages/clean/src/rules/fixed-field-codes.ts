import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';
import { showCode } from '../tables/code-names.js';
import { MARC21_008, UNIMARC_100A, type FixedPosition } from './fixed-field-codes-table.js';
import { MARC21_008_LENGTH, UNIMARC_100A_LENGTH } from './fixed-field-length.js';

function span(p: FixedPosition, pad: boolean): string {
  const n = (x: number): string => (pad ? String(x).padStart(2, '0') : String(x));
  return p.start === p.end ? n(p.start) : `${n(p.start)}-${n(p.end)}`;
}

/**
 * The coded positions of 008 (MARC21) and 100 $a (UNIMARC) drive the OPAC's
 * facets and limits: year of publication, language, country, record age. A
 * date written "2O23" with a letter O, or a language "KAZ" in capitals, drops
 * the book out of every search limited by year or language. Only positions
 * whose values are certain for any type of material are checked, and only
 * when the field has its full length (otherwise fixed-field-length reports it
 * and every position after the gap would be wrong). Which code is right needs
 * the book in hand, so nothing is fixed.
 */
export default defineRule({
  meta: {
    id: 'fixed-field-codes',
    family: 'structure',
    description: 'Dates, language and other coded positions of MARC21 008 and UNIMARC 100 $a must hold valid values.',
    severity: 'warning',
    fixable: false,
    flavours: ['marc21', 'unimarc'],
    options: z.object({}),
    messages: {
      invalid: 'Unexpected {actual} in {where}/{position} ({name}), expected {allowed}',
    },
  },
  check(record, { flavour }) {
    const reports: RuleReport[] = [];
    const marc21 = flavour === 'marc21';
    record.fields.forEach((field, index) => {
      let value: string | undefined;
      if (marc21 && field.tag === '008' && field.kind === 'control') value = field.value;
      else if (!marc21 && field.tag === '100' && field.kind === 'data') value = field.subfields.find((sf) => sf.code === 'a')?.value;
      if (value === undefined) return;
      if ([...value].length !== (marc21 ? MARC21_008_LENGTH : UNIMARC_100A_LENGTH)) return;
      for (const p of marc21 ? MARC21_008 : UNIMARC_100A) {
        const actual = value.slice(p.start, p.end + 1);
        const allowed = p.check(actual, value);
        if (allowed === undefined) continue;
        const report: RuleReport = {
          messageId: 'invalid',
          data: { actual: showCode(actual), where: marc21 ? '008' : '100 $a', position: span(p, marc21), name: p.name, allowed },
          field: index,
          actual,
          expected: allowed,
        };
        if (!marc21) report.subfield = 'a';
        reports.push(report);
      }
    });
    return reports;
  },
});
