import type { DataField } from '@kitap/marc';
import { withEndMark } from '@kitap/text';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';
import { withSubfieldValues } from '../subfield-values.js';

/**
 * Fields that end with a period in MARC 21 (LC input conventions): the edition
 * statement and the notes that are sentences. 245, 260, 264 and 300 are left to
 * the isbd-* rules, which check their ends with the rest of their punctuation.
 * 505 (its end depends on the first indicator), 510, 533's sub-elements,
 * 1XX/6XX/7XX/8XX access points (terminal periods there are optional under PCC
 * practice since 2023) and local 59X notes are not listed.
 */
export const PERIOD_FIELDS = [
  '250', '254', '255', '500', '501', '502', '504', '506', '507', '508', '511', '513', '514', '515', '518', '520', '521', '522',
  '524', '525', '526', '530', '533', '534', '538', '540', '541', '544', '545', '546', '547', '550', '552', '555', '556', '561',
  '562', '563', '580', '581', '584', '585', '588',
] as const;

/** What a note may end with instead of a period: another sentence mark, a closing quotation mark, an open hyphen. */
const TERMINALS = '.?!…"»”\'-';

/** Two periods in a row that are not part of an ellipsis. */
const DOUBLE = /(?<!\.)\.\.(?!\.)/g;

interface Problem {
  code: string;
  messageId: 'missing' | 'double';
  before: string;
  after: string;
}

function repair(field: DataField): { fixed: DataField; problems: Problem[] } {
  const problems: Problem[] = [];
  const values = field.subfields.map((sf) => sf.value);
  // The end is that of the last text subfield: $u (a URI), $2, $5 and the like carry no punctuation.
  let last = -1;
  field.subfields.forEach((sf, i) => {
    if (/^[a-tv-z]$/.test(sf.code)) last = i;
  });
  field.subfields.forEach((sf, i) => {
    if (!/^[a-z]$/.test(sf.code)) return;
    // Only a value with two periods in a row can hold a doubled one.
    let value = sf.value.includes('..') ? sf.value.replace(DOUBLE, '.') : sf.value;
    if (value !== sf.value) problems.push({ code: sf.code, messageId: 'double', before: sf.value, after: value });
    if (i === last) {
      const ended = withEndMark(value, '.', { terminals: TERMINALS });
      // Spaces alone at the end are subfield-whitespace's business.
      if (ended !== value && ended !== value.trimEnd()) {
        problems.push({ code: sf.code, messageId: 'missing', before: sf.value, after: ended });
        value = ended;
      }
    }
    values[i] = value;
  });
  // The repaired field is built only when something was wrong (callers use it only then).
  const fixed: DataField = problems.length === 0 ? field : withSubfieldValues(field, values);
  return { fixed, problems };
}

/**
 * The edition statement and the notes of a MARC 21 record are sentences and end
 * with a period (LC input conventions for 250 and the 5XX fields). A missing
 * period or a doubled one ("2-е изд.." where the abbreviation's period met the
 * terminal one) shows on every catalog card and in OPAC notes.
 */
export default defineRule({
  meta: {
    id: 'trailing-period',
    family: 'punctuation',
    description: 'The edition statement (250) and the notes (5XX) of a MARC 21 record end with one period, never two.',
    severity: 'warning',
    fixable: true,
    flavours: ['marc21'],
    options: z.object({
      /** The tags checked; 245, 260, 264 and 300 belong to the isbd-* rules and are ignored here. */
      tags: z.array(z.string().regex(/^\d{3}$/)).default([...PERIOD_FIELDS]),
    }),
    messages: {
      missing: 'Expected a period at the end of {tag} (after ${code})',
      double: 'Double period in {tag} ${code}',
    },
  },
  check(record, { options }) {
    // Leader/18 "c" or "n": ISBD punctuation is left out on purpose (PCC practice since 2023).
    const form = record.leader.at(18);
    if (form === 'c' || form === 'n') return [];
    const tags = checkedTags(options.tags);
    const reports: RuleReport[] = [];
    const fields = record.fields;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (field.kind !== 'data' || !tags.has(field.tag)) continue;
      const { fixed, problems } = repair(field);
      for (const p of problems) {
        reports.push({
          messageId: p.messageId,
          data: { tag: field.tag, code: p.code },
          field: index,
          subfield: p.code,
          actual: JSON.stringify(p.before),
          expected: JSON.stringify(p.after),
          fix: [{ op: 'replace', field: index, with: fixed }],
        });
      }
    }
    return reports;
  },
});

/** The tags option as a set without the isbd-* rules' fields, kept per option list so it is not rebuilt for every record. */
const TAG_SETS = new WeakMap<readonly string[], { tags: readonly string[]; set: ReadonlySet<string> }>();

function checkedTags(tags: readonly string[]): ReadonlySet<string> {
  const cached = TAG_SETS.get(tags);
  // The list is the caller's: use the set only while the list still holds what it was made from.
  if (cached !== undefined && cached.tags.length === tags.length && cached.tags.every((t, i) => t === tags[i])) return cached.set;
  const set = new Set(tags.filter((t) => t !== '245' && t !== '260' && t !== '264' && t !== '300'));
  TAG_SETS.set(tags, { tags: [...tags], set });
  return set;
}
