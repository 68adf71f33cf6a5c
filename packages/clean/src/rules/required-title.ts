import { type DataField, type Field, fieldsEqual } from '@kitap/marc';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';

/** Anything but whitespace (what `trim` leaves). */
const NOT_SPACE = /\S/;

function hasText(field: DataField, code: string): boolean {
  for (const sf of field.subfields) if (sf.code === code && NOT_SPACE.test(sf.value)) return true;
  return false;
}

/**
 * Without a title a record cannot be found, shown in a result list or matched
 * against other catalogs; with two title fields, systems show one at random
 * and exports break. MARC21 245 (UNIMARC 200) must be there once, with the
 * title proper in $a (MARC21 also accepts $k, the form of an archival
 * collection that has no title). A second title field that repeats the first
 * exactly is left to duplicate-field, which removes it. Only a person can
 * supply or choose a title, so nothing is fixed.
 */
export default defineRule({
  meta: {
    id: 'required-title',
    family: 'structure',
    description: 'A record must have exactly one title field, 245 (MARC21) or 200 (UNIMARC), with the title in $a.',
    severity: 'error',
    fixable: false,
    flavours: ['marc21', 'unimarc'],
    options: z.object({}),
    messages: {
      missing: 'The record has no title field {tag}',
      noTitle: '{tag} has no title in $a',
      repeated: '{tag} occurs {count} times; a record has one title field',
    },
  },
  check(record, { flavour }) {
    const tag = flavour === 'marc21' ? '245' : '200';
    const fields = record.fields;
    let first = -1;
    let count = 0;
    for (let index = 0; index < fields.length; index++) {
      if (fields[index]!.tag !== tag) continue;
      if (first < 0) first = index;
      count++;
    }
    if (first < 0) return [{ messageId: 'missing', data: { tag } }];
    const reports: RuleReport[] = [];
    const title = fields[first]!;
    if (title.kind !== 'data' || !(hasText(title, 'a') || (flavour === 'marc21' && hasText(title, 'k')))) {
      reports.push({ messageId: 'noTitle', data: { tag }, field: first, subfield: 'a' });
    }
    if (count > 1) reports.push(...repeated(fields, tag, count));
    return reports;
  },
});

/** A finding for each title field after the first that is not an exact copy of an earlier one. */
function repeated(fields: readonly Field[], tag: string, count: number): RuleReport[] {
  const reports: RuleReport[] = [];
  const earlier: Field[] = [];
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index]!;
    if (field.tag !== tag) continue;
    // An exact copy of an earlier title field is duplicate-field's business.
    if (earlier.length > 0 && !earlier.some((e) => fieldsEqual(e, field))) reports.push({ messageId: 'repeated', data: { tag, count }, field: index });
    earlier.push(field);
  }
  return reports;
}
