import type { DataField } from '@kitap/marc';
import { withoutEndMark } from '@kitap/text';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';
import { withSubfieldValues } from '../subfield-values.js';

/** The descriptive fields whose ISBD punctuation UNIMARC/RUSMARC generates from the subfield codes. */
const FIELDS = new Set(['200', '205', '210', '215', '225']);

/** An ISBD mark typed at the start of a value (": роман", "+ 1 CD"): generated from the code too. */
const LEADING = /^\s*[:;/=+]\s+/u;

interface Problem {
  code: string;
  messageId: 'trailing' | 'leading';
  mark: string;
  before: string;
  after: string;
}

function repair(field: DataField): { fixed: DataField; problems: Problem[] } {
  const problems: Problem[] = [];
  const values = field.subfields.map((sf) => {
    if (!/^[a-z]$/.test(sf.code)) return sf.value;
    const start = sf.value.replace(LEADING, '');
    const value = start.trim() === '' ? sf.value : start;
    const stripped = withoutEndMark(value);
    // Spaces alone at the end are subfield-whitespace's business.
    const end = stripped === value.trimEnd() ? value : stripped;
    if (value !== sf.value) problems.push({ code: sf.code, messageId: 'leading', mark: sf.value.slice(0, sf.value.length - value.length).trim(), before: sf.value, after: end });
    if (end !== value) problems.push({ code: sf.code, messageId: 'trailing', mark: value.slice(end.length).trim(), before: sf.value, after: end });
    return end;
  });
  // The repaired field is built only when something was wrong (callers use it only then).
  const fixed: DataField = problems.length === 0 ? field : withSubfieldValues(field, values);
  return { fixed, problems };
}

/**
 * In UNIMARC and RUSMARC the ISBD punctuation of the description is not typed:
 * the catalog prints " : " before 200 $e, " / " before $f, ", " before 210 $d
 * and so on from the subfield codes. A mark typed into the value as well (a
 * habit carried over from MARC 21 or a card catalog) comes out twice on the
 * card: "Абай жолы : : роман-эпопея". Periods that end an abbreviation ("т.",
 * "б.", "М.", "Изд.") are part of the text and stay.
 */
export default defineRule({
  meta: {
    id: 'unimarc-subfield-punctuation',
    family: 'punctuation',
    description: 'UNIMARC/RUSMARC fields 200, 205, 210, 215 and 225 must not hold typed ISBD punctuation at the end or start of a subfield; it is generated from the subfield codes.',
    severity: 'warning',
    fixable: true,
    flavours: ['unimarc'],
    options: z.object({}),
    messages: {
      trailing: 'Unexpected ISBD punctuation at the end of {tag} ${code}: {mark}',
      leading: 'Unexpected ISBD punctuation at the start of {tag} ${code}: {mark}',
    },
  },
  check(record) {
    const reports: RuleReport[] = [];
    const fields = record.fields;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (field.kind !== 'data' || !FIELDS.has(field.tag)) continue;
      const { fixed, problems } = repair(field);
      for (const p of problems) {
        reports.push({
          messageId: p.messageId,
          data: { tag: field.tag, code: p.code, mark: JSON.stringify(p.mark) },
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
