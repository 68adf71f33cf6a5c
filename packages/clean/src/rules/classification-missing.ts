import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';
import { BBK_SOURCES, CLASSIFICATION_TAGS, hasNumber, isBbkField } from '../tables/classification.js';

/**
 * A record without a classification number is missing from the systematic
 * catalog and has no place on the shelf. The customer arranges its shelves by
 * BBK and UDC, so a profile may require one or both. Articles (analytic
 * records, leader/07 a or b) take their place from the journal and are exempt
 * by default.
 */
export default defineRule({
  meta: {
    id: 'classification-missing',
    family: 'classification',
    description: 'A record must have a classification number: UDC, BBK, DDC or LCC (080/084/082/050 in MARC21, 675/686/676 in UNIMARC).',
    severity: 'warning',
    fixable: false,
    flavours: ['marc21', 'unimarc'],
    options: z.object({
      require: z.enum(['any', 'bbk', 'udc', 'bbk-and-udc']).default('any'),
      exemptAnalytics: z.boolean().default(true),
      /** Which $2 codes make a 084/686 a BBK index; a field without $2 counts as BBK when `withoutSource` is true. */
      bbkSources: z.array(z.string()).default([...BBK_SOURCES]),
      withoutSource: z.boolean().default(true),
    }),
    messages: {
      missing: 'No classification number in the record: expected {expected}',
      missingBbk: 'No BBK index in the record: expected {tag} $a with $2 rubbk',
      missingUdc: 'No UDC number in the record: expected {tag} $a',
    },
  },
  check(record, { flavour, options }) {
    if (options.exemptAnalytics) {
      const level = record.leader.at(7);
      if (level === 'a' || level === 'b') return [];
    }
    const tags = CLASSIFICATION_TAGS[flavour];
    const fields = record.fields;
    // One pass over the fields, stopping as soon as what is required is found.
    let numbered = false;
    let hasBbk = false;
    let hasUdc = false;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      if (f.kind !== 'data' || !tags.all.includes(f.tag) || !hasNumber(f)) continue;
      numbered = true;
      if (options.require === 'any') break;
      if (f.tag === tags.udc) hasUdc = true;
      else if (!hasBbk && f.tag === tags.bbk && isBbkField(f, options.bbkSources, options.withoutSource)) hasBbk = true;
      if (hasBbk && hasUdc) break;
    }
    const reports: RuleReport[] = [];
    if (options.require === 'any') {
      if (!numbered) {
        const expected = flavour === 'marc21' ? 'UDC 080, BBK 084, DDC 082 or LCC 050' : 'UDC 675, BBK 686 or DDC 676';
        reports.push({ messageId: 'missing', data: { expected }, expected });
      }
      return reports;
    }
    if (options.require !== 'udc' && !hasBbk) reports.push({ messageId: 'missingBbk', data: { tag: tags.bbk }, expected: tags.bbk });
    if (options.require !== 'bbk' && !hasUdc) reports.push({ messageId: 'missingUdc', data: { tag: tags.udc }, expected: tags.udc });
    return reports;
  },
});
