import { type DataField, type Field, fieldsEqual } from '@kitap/marc';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';

function hasText(field: DataField, code: string): boolean {
  return field.subfields.some((sf) => sf.code === code && sf.value.trim() !== '');
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
    const titles: { field: Field; index: number }[] = [];
    record.fields.forEach((field, index) => {
      if (field.tag === tag) titles.push({ field, index });
    });
    if (titles.length === 0) return [{ messageId: 'missing', data: { tag } }];
    const reports: RuleReport[] = [];
    const first = titles[0]!;
    const title = first.field;
    if (title.kind !== 'data' || !(hasText(title, 'a') || (flavour === 'marc21' && hasText(title, 'k')))) {
      reports.push({ messageId: 'noTitle', data: { tag }, field: first.index, subfield: 'a' });
    }
    titles.slice(1).forEach((t, n) => {
      // An exact copy of an earlier title field is duplicate-field's business.
      if (titles.slice(0, n + 1).some((earlier) => fieldsEqual(earlier.field, t.field))) return;
      reports.push({ messageId: 'repeated', data: { tag, count: titles.length }, field: t.index });
    });
    return reports;
  },
});
