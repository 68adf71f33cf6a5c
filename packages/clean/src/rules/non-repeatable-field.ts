import { type Field, fieldsEqual } from '@kitap/marc';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';
import { MARC21_MAIN_ENTRIES, MARC21_NON_REPEATABLE, UNIMARC_NON_REPEATABLE } from '../tables/repeatability.js';

/**
 * A field the format allows once (001, 008, 100 in MARC21; 001, 100, 101 in
 * UNIMARC) that occurs twice is usually the trace of a merge or an import that
 * appended instead of replacing: systems then keep one at random, and the
 * record's number, dates or main author differ from one system to the next.
 * MARC21 also allows one main entry (100, 110, 111 or 130) in all. Which copy
 * is right needs a person, so nothing is fixed; a later field that repeats an
 * earlier one exactly is left to duplicate-field, which removes it. The title
 * fields are required-title's business.
 */
export default defineRule({
  meta: {
    id: 'non-repeatable-field',
    family: 'structure',
    description: 'A field the format allows only once (001, 008, 100 …) must not occur twice in a record.',
    severity: 'error',
    fixable: false,
    flavours: ['marc21', 'unimarc'],
    options: z.object({}),
    messages: {
      repeated: '{tag} is not repeatable but occurs {count} times',
      mainEntry: 'A record has one main entry, but {tag} comes after {first}',
    },
  },
  check(record, { flavour }) {
    const marc21 = flavour === 'marc21';
    const table = marc21 ? MARC21_NON_REPEATABLE : UNIMARC_NON_REPEATABLE;
    const seen = new Map<string, Field[]>();
    const counts = new Map<string, number>();
    for (const tag of record.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    let mainEntry: string | undefined;
    const reports: RuleReport[] = [];
    record.fields.forEach((field, index) => {
      if (marc21 && MARC21_MAIN_ENTRIES.has(field.tag)) {
        if (mainEntry === undefined) mainEntry = field.tag;
        else if (mainEntry !== field.tag) reports.push({ messageId: 'mainEntry', data: { tag: field.tag, first: mainEntry }, field: index });
      }
      if (!table.has(field.tag)) return;
      const earlier = seen.get(field.tag);
      if (!earlier) {
        seen.set(field.tag, [field]);
        return;
      }
      const copy = earlier.some((e) => fieldsEqual(e, field));
      earlier.push(field);
      // An exact copy is duplicate-field's business.
      if (!copy) reports.push({ messageId: 'repeated', data: { tag: field.tag, count: counts.get(field.tag) ?? 0 }, field: index });
    });
    return reports;
  },
});
