import type { Field } from '@kitap/marc';
import { codePointLength } from '@kitap/text';
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
 * facets and limits: year of publication, country, record age. A date written
 * "2O23" with a letter O, or a month 13, drops the book out of every search
 * limited by year. Only positions whose values are certain for any type of
 * material are checked, and only when the field has its full length
 * (otherwise fixed-field-length reports it and every position after the gap
 * would be wrong). The language positions are language-code's, which knows
 * the whole code list and fixes them. Which code is right needs the book in
 * hand, so nothing is fixed.
 */
export default defineRule({
  meta: {
    id: 'fixed-field-codes',
    family: 'structure',
    description: 'Dates and other coded positions of MARC21 008 and UNIMARC 100 $a must hold valid values.',
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
    const fields = record.fields;
    for (let index = 0; index < fields.length; index++) {
      const value = codedValue(fields[index]!, marc21);
      if (value === undefined) continue;
      if (codePointLength(value) !== (marc21 ? MARC21_008_LENGTH : UNIMARC_100A_LENGTH)) continue;
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
    }
    return reports;
  },
});

/** The value of a MARC 21 008, or the first $a of a UNIMARC 100; undefined for any other field. */
function codedValue(field: Field, marc21: boolean): string | undefined {
  if (marc21) return field.tag === '008' && field.kind === 'control' ? field.value : undefined;
  if (field.tag !== '100' || field.kind !== 'data') return undefined;
  for (const sf of field.subfields) if (sf.code === 'a') return sf.value;
  return undefined;
}
