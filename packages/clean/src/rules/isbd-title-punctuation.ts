import type { DataField, Field, Subfield } from '@kitap/marc';
import { dominantScript, type IsbdMark, withEndMark } from '@kitap/text';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';
import { withSubfieldValues } from '../subfield-values.js';

/** Letters and digits only, in lower case: how a title is compared with a 246. */
const key = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The mark that closes `current` before the subfield `next` in 245; undefined where 245 prescribes none ($h, $f, $k…). */
function markBefore(current: Subfield, next: Subfield, parallel: readonly string[]): IsbdMark | undefined {
  switch (next.code) {
    case 'b': {
      // Other title information (" :"), a parallel title (" =") or a second title by the same author (" ;").
      const typed = /\s*([:=;])\s*$/.exec(current.value)?.[1];
      if (typed) return ` ${typed}` as IsbdMark;
      // A parallel title: traced in a 246 with second indicator 1, or in another script than the title.
      const b = key(next.value);
      if (b && parallel.some((p) => p.startsWith(b) || b.startsWith(p))) return ' =';
      const scriptA = dominantScript(current.value);
      const scriptB = dominantScript(next.value);
      return scriptA !== 'other' && scriptB !== 'other' && scriptA !== scriptB ? ' =' : ' :';
    }
    case 'c':
      return ' /';
    case 'n':
      return '.';
    case 'p':
      return current.code === 'n' ? ',' : '.';
    default:
      return undefined;
  }
}

interface Problem {
  code: string;
  /** The subfield that follows; undefined at the end of the field. */
  next: string | undefined;
  mark: IsbdMark;
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

/** The 245 with every mark in place, and what was wrong, subfield by subfield. */
function repairTitle(field: DataField, parallel: readonly string[]): { fixed: DataField; problems: Problem[] } {
  const problems: Problem[] = [];
  const positions = letterPositions(field);
  const values = field.subfields.map((sf) => sf.value);
  for (let k = 0; k < positions.length; k++) {
    const i = positions[k]!;
    const current = field.subfields[i]!;
    const nextIndex = positions[k + 1];
    const next = nextIndex === undefined ? undefined : field.subfields[nextIndex]!;
    const mark = next ? markBefore(current, next, parallel) : '.';
    if (!mark) continue;
    const after = withEndMark(current.value, mark);
    // Spaces alone at the end are subfield-whitespace's business.
    if (after === current.value || after === current.value.trimEnd()) continue;
    values[i] = after;
    problems.push({ code: current.code, next: next?.code, mark, before: current.value, after });
  }
  // The repaired field is built only when something was wrong (callers use it only then).
  const fixed: DataField = problems.length === 0 ? field : withSubfieldValues(field, values);
  return { fixed, problems };
}

/**
 * MARC 21 records carry ISBD punctuation inside the subfields of 245: " :"
 * before other title information, " =" before a parallel title, " /" before
 * the statement of responsibility, a period before a part number or name, and a
 * period at the end. Catalogs show and print 245 as it is, so a missing or
 * wrong mark runs the title into the author ("Абай жолыМ. Әуезов") and breaks
 * title matching between catalogs.
 */
export default defineRule({
  meta: {
    id: 'isbd-title-punctuation',
    family: 'punctuation',
    description: 'In MARC 21 field 245 each subfield must end with the ISBD mark for what follows (" :", " =", " /", ".") and the field must end with a period.',
    severity: 'warning',
    fixable: true,
    flavours: ['marc21'],
    options: z.object({}),
    messages: {
      before: 'Expected "{mark}" at the end of 245 ${code} before ${next}',
      end: 'Expected a period at the end of 245 (after ${code})',
    },
  },
  check(record) {
    // Leader/18 "c" or "n": ISBD punctuation is left out on purpose (PCC practice since 2023).
    const form = record.leader.at(18);
    if (form === 'c' || form === 'n') return [];
    const reports: RuleReport[] = [];
    const fields = record.fields;
    let parallel: string[] | undefined;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (field.tag !== '245' || field.kind !== 'data') continue;
      parallel ??= parallelTitles(fields);
      const { fixed, problems } = repairTitle(field, parallel);
      for (const p of problems) {
        reports.push({
          messageId: p.next ? 'before' : 'end',
          data: p.next ? { mark: p.mark.trim(), code: p.code, next: p.next } : { code: p.code },
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

/** The keys of the parallel titles traced in 246 with second indicator 1. */
function parallelTitles(fields: readonly Field[]): string[] {
  const out: string[] = [];
  for (const f of fields) {
    if (f.tag !== '246' || f.kind !== 'data' || f.ind2 !== '1') continue;
    const k = key(f.subfields.find((sf) => sf.code === 'a')?.value ?? '');
    if (k !== '') out.push(k);
  }
  return out;
}
