import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';

/** Anything `trim` would keep. */
const NOT_SPACE = /\S/;

/**
 * A data field with no subfields, or a control field with no value or only
 * blanks (an 001 of spaces identifies nothing; an 008 of blanks codes
 * nothing), is what an editor or a conversion leaves after its content was
 * deleted. It holds no data, breaks ISO 2709 readers that expect at least one
 * subfield, and makes "field present" checks lie. The fix removes the field.
 * A data field whose subfields are all empty is left to empty-subfield, which
 * removes those subfields and then the field.
 */
export default defineRule({
  meta: {
    id: 'empty-field',
    family: 'structure',
    description: 'A field must not be empty: a data field needs a subfield, a control field a value that is not only blanks.',
    severity: 'warning',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({}),
    messages: {
      noSubfields: '{tag} has no subfields',
      emptyControl: '{tag} is empty',
      blankControl: '{tag} holds only blanks',
    },
  },
  check(record) {
    const reports: RuleReport[] = [];
    const fields = record.fields;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      let messageId: string | undefined;
      if (field.kind === 'data') {
        if (field.subfields.length === 0) messageId = 'noSubfields';
      } else if (field.value === '') messageId = 'emptyControl';
      else if (!NOT_SPACE.test(field.value)) messageId = 'blankControl';
      if (messageId === undefined) continue;
      reports.push({ messageId, data: { tag: field.tag }, field: index, fix: [{ op: 'remove', field: index }] });
    }
    return reports;
  },
});
