import type { DataField } from '@kitap/marc';
import { type IsbdMark, withEndMark, withoutEndMark } from '@kitap/text';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';
import { withSubfieldValues } from '../subfield-values.js';

/** The mark that closes a subfield of 300 before subfield `next`: " :" before other physical details, " ;" before dimensions, " +" before accompanying material. */
const MARK_BEFORE: Readonly<Record<string, IsbdMark>> = { b: ' :', c: ' ;', e: ' +' };

type TrailingPeriod = 'if-series' | 'always' | 'never';

interface Problem {
  code: string;
  messageId: 'before' | 'end' | 'noPeriod' | 'endMark';
  mark?: string;
  next?: string;
  before: string;
  after: string;
}

/** Indexes of the subfields with a letter code ($a–$z), the ones that carry ISBD punctuation. */
function letterPositions(field: DataField): number[] {
  const out: number[] = [];
  for (let i = 0; i < field.subfields.length; i++) {
    const code = field.subfields[i]!.code;
    if (code.length === 1 && code >= 'a' && code <= 'z') out.push(i);
  }
  return out;
}

function repair(field: DataField, period: 'required' | 'optional' | 'forbidden'): { fixed: DataField; problems: Problem[] } {
  const problems: Problem[] = [];
  const values = field.subfields.map((sf) => sf.value);
  const positions = letterPositions(field);
  for (let k = 0; k < positions.length; k++) {
    const i = positions[k]!;
    const current = field.subfields[i]!;
    const nextIndex = positions[k + 1];
    let after: string;
    let problem: Omit<Problem, 'before' | 'after'>;
    if (nextIndex !== undefined) {
      const next = field.subfields[nextIndex]!;
      const mark = MARK_BEFORE[next.code];
      if (!mark) continue;
      after = withEndMark(current.value, mark);
      problem = { code: current.code, messageId: 'before', mark: mark.trim(), next: next.code };
    } else if (period === 'required') {
      after = withEndMark(current.value, '.');
      problem = { code: current.code, messageId: 'end' };
    } else if (period === 'forbidden') {
      after = withoutEndMark(current.value);
      problem = { code: current.code, messageId: 'noPeriod' };
    } else {
      // Without a series the period is optional ("24 cm." is an AACR2 abbreviation); a typed " ;" or " :" is still wrong.
      after = withoutEndMark(current.value, { keepPeriod: true });
      problem = { code: current.code, messageId: 'endMark' };
    }
    // Spaces alone at the end are subfield-whitespace's business.
    if (after === current.value || after === current.value.trimEnd()) continue;
    values[i] = after;
    problems.push({ ...problem, before: current.value, after });
  }
  // The repaired field is built only when something was wrong (callers use it only then).
  const fixed: DataField = problems.length === 0 ? field : withSubfieldValues(field, values);
  return { fixed, problems };
}

/**
 * MARC 21 field 300 carries its ISBD punctuation inside the subfields: "318 с.
 * :$bил. ;$c21 см". LC's MARC 21 page for 300 says the field ends with a period
 * when a series statement (490) follows it; otherwise it ends with no added
 * period, unless its last word is an abbreviation ("ill.", "cm." in AACR2).
 */
export default defineRule({
  meta: {
    id: 'isbd-physical-punctuation',
    family: 'punctuation',
    description: 'In MARC 21 field 300 the extent ends with " :" before illustrations, " ;" before dimensions and " +" before accompanying material; the field ends with a period when the record has a series (490).',
    severity: 'warning',
    fixable: true,
    flavours: ['marc21'],
    options: z.object({
      /** When 300 must end with a period: 'if-series' (LC: when a 4XX series statement follows), 'always' (older AACR2 local practice), 'never' (no period except an abbreviation's). */
      trailingPeriod: z.enum(['if-series', 'always', 'never']).default('if-series'),
    }),
    messages: {
      before: 'Expected "{mark}" at the end of 300 ${code} before ${next}',
      end: 'Expected a period at the end of 300 (after ${code}){why}',
      noPeriod: 'Unexpected period at the end of 300 (after ${code})',
      endMark: 'Unexpected ISBD mark at the end of 300 (after ${code})',
    },
  },
  check(record, { options }) {
    // Leader/18 "c" or "n": ISBD punctuation is left out on purpose (PCC practice since 2023).
    const form = record.leader.at(18);
    if (form === 'c' || form === 'n') return [];
    const setting: TrailingPeriod = options.trailingPeriod;
    const fields = record.fields;
    let series = false;
    for (const f of fields) if (f.tag.startsWith('4')) series = true;
    const period = setting === 'always' || (setting === 'if-series' && series) ? 'required' : setting === 'never' ? 'forbidden' : 'optional';
    const why = setting === 'if-series' ? ', as the record has a series statement (4XX)' : '';
    const reports: RuleReport[] = [];
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (field.tag !== '300' || field.kind !== 'data') continue;
      const { fixed, problems } = repair(field, period);
      for (const p of problems) {
        const data: Record<string, string> = { code: p.code, why };
        if (p.mark !== undefined) data.mark = p.mark;
        if (p.next !== undefined) data.next = p.next;
        reports.push({
          messageId: p.messageId,
          data,
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
