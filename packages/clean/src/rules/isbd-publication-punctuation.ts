import type { DataField } from '@kitap/marc';
import { type IsbdMark, withEndMark, withoutEndMark } from '@kitap/text';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';
import { withSubfieldValues } from '../subfield-values.js';

/** The mark that closes a subfield of 260/264 before subfield `next`: " ;" before another place, " :" before a publisher, "," before the date. */
const MARK_BEFORE: Readonly<Record<string, IsbdMark>> = { a: ' ;', b: ' :', c: ',' };

/** What a 260/264 may end with besides a period: a closing bracket or parenthesis, an open date's hyphen (LC, MARC 21 260/264 input conventions). */
const TERMINALS = '.?!)]-';

interface Problem {
  code: string;
  messageId: 'before' | 'end' | 'copyright';
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

function repair(field: DataField): { fixed: DataField; problems: Problem[] } {
  const problems: Problem[] = [];
  const values = field.subfields.map((sf) => sf.value);
  const positions = letterPositions(field);
  const copyright = field.tag === '264' && field.ind2 === '4';
  for (let k = 0; k < positions.length; k++) {
    const i = positions[k]!;
    const current = field.subfields[i]!;
    const nextIndex = positions[k + 1];
    let after: string;
    let problem: Omit<Problem, 'before' | 'after'>;
    if (nextIndex !== undefined) {
      const next = field.subfields[nextIndex]!;
      const mark = MARK_BEFORE[next.code];
      // Manufacture ($e $f $g of 260) goes in parentheses the cataloguer types; nothing to check.
      if (!mark || !MARK_BEFORE[current.code]) continue;
      after = withEndMark(current.value, mark);
      problem = { code: current.code, messageId: 'before', mark: mark.trim(), next: next.code };
    } else if (copyright) {
      // A copyright date (264 second indicator 4) is not followed by a period: "©2019".
      after = withoutEndMark(current.value);
      problem = { code: current.code, messageId: 'copyright' };
    } else {
      after = withEndMark(current.value, '.', { terminals: TERMINALS });
      problem = { code: current.code, messageId: 'end' };
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
 * MARC 21 260 and 264 carry ISBD punctuation inside the subfields: "Алматы
 * :$bЖазушы,$c2019." — " :" before the publisher, " ;" before a second place,
 * "," before the date, a period at the end. The catalog card and the OPAC show
 * the field as typed, so "Алматы$bЖазушы$c2019" reads "Алматы Жазушы 2019".
 */
export default defineRule({
  meta: {
    id: 'isbd-publication-punctuation',
    family: 'punctuation',
    description: 'In MARC 21 fields 260 and 264 the place ends with " :" before the publisher (" ;" before another place), the publisher with "," before the date, and the field with a period.',
    severity: 'warning',
    fixable: true,
    flavours: ['marc21'],
    options: z.object({}),
    messages: {
      before: 'Expected "{mark}" at the end of {tag} ${code} before ${next}',
      end: 'Expected a period at the end of {tag} (after ${code})',
      copyright: 'A copyright date in 264 $c (second indicator 4) takes no period at the end',
    },
  },
  check(record) {
    // Leader/18 "c" or "n": ISBD punctuation is left out on purpose (PCC practice since 2023).
    const form = record.leader.at(18);
    if (form === 'c' || form === 'n') return [];
    const reports: RuleReport[] = [];
    const fields = record.fields;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if ((field.tag !== '260' && field.tag !== '264') || field.kind !== 'data') continue;
      const { fixed, problems } = repair(field);
      for (const p of problems) {
        const data: Record<string, string> = { tag: field.tag, code: p.code };
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
