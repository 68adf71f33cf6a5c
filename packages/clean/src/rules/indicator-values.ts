import type { DataField } from '@kitap/marc';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';
import { listCodes, showCode } from '../tables/code-names.js';
import { type IndicatorRule, MARC21_INDICATORS, UNIMARC_INDICATORS } from '../tables/indicators.js';

const WHICH = ['first', 'second'] as const;

/** The tables as maps: looking a tag read from a file up in a map is quicker than as an object property. */
const TABLES: Readonly<Record<'marc21' | 'unimarc', ReadonlyMap<string, IndicatorRule>>> = {
  marc21: new Map(Object.entries(MARC21_INDICATORS)),
  unimarc: new Map(Object.entries(UNIMARC_INDICATORS)),
};

/** `#` or `\` in an option means blank, as in the MARC documentation and in mnemonic text. */
function blanks(values: string): string {
  return values.replace(/[#\\]/g, ' ');
}

/**
 * Indicators change what a field means and how it files: 245 second indicator
 * counts the characters of an article to skip when sorting, 650 second
 * indicator names the thesaurus, 700 second indicator in UNIMARC says whether
 * the name is inverted. A value the format does not define is usually a typo
 * or a conversion slip (a letter O for a zero, indicators swapped), and it
 * makes displays and headings come out wrong. Only the tags of the table in
 * tables/indicators.ts are checked; local values can be allowed per tag. Which
 * value is right needs a person, so nothing is fixed.
 */
export default defineRule({
  meta: {
    id: 'indicator-values',
    family: 'structure',
    description: 'Indicators of common fields (MARC21 245, 650, 700 …; UNIMARC 200, 606, 700 …) must hold values the format defines.',
    severity: 'error',
    fixable: false,
    flavours: ['marc21', 'unimarc'],
    options: z.object({
      /** Extra values allowed per tag, e.g. `{ "101": { "ind1": "#" } }`; `#` or `\` is a blank. */
      allow: z.record(z.string(), z.object({ ind1: z.string().default(''), ind2: z.string().default('') })).default({}),
    }),
    messages: {
      invalid: 'Unexpected {which} indicator {actual} in {tag}, expected {allowed}',
    },
  },
  check(record, { flavour, options }) {
    const table = TABLES[flavour];
    const reports: RuleReport[] = [];
    const fields = record.fields;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (field.kind !== 'data') continue;
      const rule = table.get(field.tag);
      if (!rule) continue;
      // Fast path: indicators among the format's own values are right whatever the options allow besides.
      if (field.ind1.length === 1 && rule[0].includes(field.ind1) && field.ind2.length === 1 && rule[1].includes(field.ind2)) continue;
      checkField(field, index, rule, options.allow[field.tag], reports);
    }
    return reports;
  },
});

function checkField(field: DataField, index: number, rule: IndicatorRule, extra: { ind1: string; ind2: string } | undefined, reports: RuleReport[]): void {
  [field.ind1, field.ind2].forEach((actual, n) => {
    const allowedChars = rule[n]! + blanks(n === 0 ? (extra?.ind1 ?? '') : (extra?.ind2 ?? ''));
    if (actual.length === 1 && allowedChars.includes(actual)) return;
    const allowed = listCodes([...new Set(allowedChars)]);
    reports.push({
      messageId: 'invalid',
      data: { which: WHICH[n]!, actual: showCode(actual), tag: field.tag, allowed },
      field: index,
      actual: showCode(actual),
      expected: allowed,
    });
  });
}
