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
    const fields = record.fields;
    let mainEntry: string | undefined;
    const reports: RuleReport[] = [];
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      const tag = field.tag;
      // Main entries are 1XX: other tags need not be looked up.
      if (marc21 && tag.startsWith('1') && MARC21_MAIN_ENTRIES.has(tag)) {
        if (mainEntry === undefined) mainEntry = tag;
        else if (mainEntry !== tag) reports.push({ messageId: 'mainEntry', data: { tag, first: mainEntry }, field: index });
      }
      if (!table.has(tag)) continue;
      // The earlier fields with this tag (non-repeatable fields are few, and come first): none, or one this field copies exactly.
      let earlier = false;
      let copy = false;
      for (let i = 0; i < index && !copy; i++) {
        const e = fields[i]!;
        if (e.tag !== tag) continue;
        earlier = true;
        copy = fieldsEqual(e, field);
      }
      // An exact copy is duplicate-field's business.
      if (earlier && !copy) reports.push({ messageId: 'repeated', data: { tag, count: countTag(fields, tag) }, field: index });
    }
    return reports;
  },
});

function countTag(fields: readonly Field[], tag: string): number {
  let count = 0;
  for (const f of fields) if (f.tag === tag) count++;
  return count;
}
