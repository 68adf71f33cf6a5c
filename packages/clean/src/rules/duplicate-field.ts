import { type Field, fieldsEqual } from '@kitap/marc';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';

/** Fields that describe one copy each (852/876 MARC21 holdings, 949/952/090 local, 910 IRBIS, 995 UNIMARC/Koha). */
export const COPY_TAGS = ['852', '876', '949', '910', '952', '995', '090'] as const;

/**
 * The same field twice (650 with the same subject, 020 with the same ISBN) is
 * the trace of a merge or of an import run twice: the OPAC shows it twice and
 * counts it twice. The later copy holds nothing the first does not, so the fix
 * removes it. Copy fields (949, 852, 876, 910, 952, 995, 090) are reported but
 * never removed: two identical copy fields may be two real copies entered
 * with the same data (a missing inventory number), and deleting one would
 * delete a book from the holdings; a person must look.
 */
export default defineRule({
  meta: {
    id: 'duplicate-field',
    family: 'structure',
    description: 'A record must not hold the same field twice (same tag, indicators and subfields).',
    severity: 'warning',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({
      /** Tags of fields that describe a copy: reported, never removed. */
      copyTags: z.array(z.string().regex(/^[0-9A-Za-z]{3}$/)).default([...COPY_TAGS]),
    }),
    messages: {
      duplicate: '{tag} repeats an earlier {tag} exactly; the later one is removed',
      copy: '{tag} repeats an earlier {tag} exactly, but {tag} describes a copy: it is not removed, check whether two copies were entered with the same data',
    },
  },
  check(record, { options }) {
    const fields = record.fields;
    const sorted = inTagOrder(fields);
    let copyTags: Set<string> | undefined;
    const reports: RuleReport[] = [];
    for (let index = 1; index < fields.length; index++) {
      const field = fields[index]!;
      if (!repeatsEarlier(fields, index, sorted)) continue;
      copyTags ??= new Set(options.copyTags);
      const data = { tag: field.tag };
      if (copyTags.has(field.tag)) reports.push({ messageId: 'copy', data, field: index });
      else reports.push({ messageId: 'duplicate', data, field: index, fix: [{ op: 'remove', field: index }] });
    }
    return reports;
  },
});

/** Whether the fields are in tag order, as records almost always are: then fields with one tag stand together. */
function inTagOrder(fields: readonly Field[]): boolean {
  for (let i = 1; i < fields.length; i++) if (fields[i - 1]!.tag > fields[i]!.tag) return false;
  return true;
}

/**
 * Whether an earlier field has the same tag and content. In a record in tag order only the fields just
 * before with the same tag can; otherwise every earlier field is looked at. (A field that repeats an
 * earlier duplicate also repeats the field that one repeats, so comparing with all earlier fields finds
 * the same as comparing with the first of each kind.)
 */
function repeatsEarlier(fields: readonly Field[], index: number, sorted: boolean): boolean {
  const field = fields[index]!;
  const tag = field.tag;
  for (let i = index - 1; i >= 0; i--) {
    const earlier = fields[i]!;
    if (earlier.tag !== tag) {
      if (sorted) return false;
      continue;
    }
    if (fieldsEqual(earlier, field)) return true;
  }
  return false;
}
