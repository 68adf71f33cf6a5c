import type { DataField, Subfield } from '@kitap/marc';
import { issnCheckDigit, parseIssn } from '@kitap/text';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';
import { ISSN_FIELD } from '../tables/identifier-fields.js';

/**
 * An ISSN is eight characters, NNNN-NNNC, whose last is a check digit
 * computed mod 11 from the other seven (ISO 3297), X standing for 10. A serial
 * found by its ISSN in the ISSN Portal, a union catalog or a subscription
 * agent's list is found only when the ISSN is right and written in this form.
 * An ISSN with a wrong check digit stays in the record, as typed, in the
 * subfield for it — MARC 21 022 $y "incorrect ISSN", UNIMARC 011 $z
 * "erroneous ISSN" — so it can still be searched; a right one typed without
 * its hyphen, with a space, a lowercase x or an "ISSN" label is rewritten.
 */

/** The ISSN at the start of a value, as @kitap/text's parseIssn reads it. */
const LEADING_ISSN = /^\s*(\d{4})[\s-]?(\d{3}[\dXx])(?![\dXx])/;
const PREFIX = /^\s*ISSN\s*:?\s*/i;

export default defineRule({
  meta: {
    id: 'issn-checksum',
    family: 'identifiers',
    description: 'An ISSN in 022 $a (MARC21) or 011 $a (UNIMARC) must have a correct check digit and the form NNNN-NNNC.',
    severity: 'error',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({}),
    messages: {
      checksum: 'ISSN {issn} in {tag} $a has a wrong check digit (expected {digit}); moved to ${target} as an incorrect ISSN',
      format: 'ISSN {issn} in {tag} $a is not written as NNNN-NNNC; expected {expected}',
      malformed: 'Not an ISSN in {tag} $a: {value}',
    },
  },
  check(record, { flavour }) {
    const { tag, incorrect } = ISSN_FIELD[flavour];
    const reports: RuleReport[] = [];
    const fields = record.fields;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (field.tag !== tag || field.kind !== 'data') continue;
      const found: RuleReport[] = [];
      let changed = false;
      const repaired: Subfield[] = field.subfields.map((sf) => {
        if (sf.code !== 'a') return sf;
        const prefix = PREFIX.exec(sf.value);
        const body = prefix ? sf.value.slice(prefix[0].length) : sf.value;
        const issn = parseIssn(body);
        const m = LEADING_ISSN.exec(body);
        if (!issn || !m) {
          if (/\d/.test(sf.value)) found.push({ messageId: 'malformed', data: { tag, value: sf.value }, field: index, subfield: 'a', actual: sf.value });
          return sf;
        }
        if (!issn.valid) {
          const digit = issnCheckDigit(issn.compact.slice(0, 7));
          const expected = `${issn.formatted.slice(0, 8)}${digit}`;
          found.push({ messageId: 'checksum', data: { tag, issn: issn.formatted, digit, target: incorrect }, field: index, subfield: 'a', actual: issn.formatted, expected });
          changed = true;
          return { code: incorrect, value: sf.value };
        }
        const typed = sf.value.slice(0, sf.value.length - body.length + m[0].length);
        if (typed === issn.formatted) return sf;
        found.push({ messageId: 'format', data: { tag, issn: typed.trim(), expected: issn.formatted }, field: index, subfield: 'a', actual: typed.trim(), expected: issn.formatted });
        changed = true;
        return { code: 'a', value: issn.formatted + body.slice(m[0].length) };
      });
      const fixed: DataField | undefined = changed ? { ...field, subfields: repaired } : undefined;
      for (const r of found) reports.push(fixed && r.messageId !== 'malformed' ? { ...r, fix: [{ op: 'replace', field: index, with: fixed }] } : r);
    }
    return reports;
  },
});
