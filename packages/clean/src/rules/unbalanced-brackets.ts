import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';
import { textGroups, textSubfieldMask } from '../tables/text-subfields.js';

/**
 * A bracket or quotation mark that is opened and never closed (or closed and
 * never opened) is a typing slip or a cut-off value: "[Б. м." lost its "]",
 * "«Абай жолы" its "»". ISBD uses square brackets for information supplied
 * by the cataloguer and lets one bracket span several elements, which MARC
 * puts in different subfields: `$a[Алматы :$bб. и.],` is right. So brackets
 * are counted over the text subfields of a whole field, in order, and a
 * finding names the subfield where the lone bracket is. Which bracket was
 * meant cannot be guessed, so nothing is fixed.
 */

/** Closing character for each opening one. `“` opens an English quotation and closes a Russian „…“ one. */
const PAIRS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '«': '»', '„': '“', '“': '”', '"': '"' };
const CLOSERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '»': '«', '”': '“' };

/** "1) …", "а) …": a list marker, not a closing parenthesis, when no "(" is open. */
const LIST_MARKER = /(?:^|[\s;,.:—–])(?:\d{1,3}|\p{L})$/u;

interface Open {
  char: string;
  subfield: number;
}

export default defineRule({
  meta: {
    id: 'unbalanced-brackets',
    family: 'text',
    description: 'Brackets ( ), [ ], « » and quotation marks must come in pairs within a field.',
    severity: 'warning',
    fixable: false,
    flavours: ['marc21', 'unimarc'],
    options: z.object({}),
    messages: {
      unclosed: 'Unclosed "{bracket}" in {tag} ${code}: no "{closer}" follows in the field',
      unopened: 'Closing "{bracket}" in {tag} ${code} has no "{opener}" before it in the field',
    },
  },
  check(record, { flavour }) {
    const reports: RuleReport[] = [];
    record.fields.forEach((field, index) => {
      if (field.kind !== 'data') return;
      const mask = textSubfieldMask(flavour, field);
      const groups = textGroups(flavour, field);
      let stack: Open[] = [];
      const found: { at: number; report: RuleReport }[] = [];
      const lone = (open: Open): void => {
        const sf = field.subfields[open.subfield]!;
        found.push({
          at: open.subfield,
          report: { messageId: 'unclosed', data: { bracket: open.char, closer: PAIRS[open.char]!, tag: field.tag, code: sf.code }, field: index, subfield: sf.code, actual: sf.value },
        });
      };
      field.subfields.forEach((sf, n) => {
        if (n > 0 && groups[n] !== groups[n - 1]) {
          stack.forEach(lone);
          stack = [];
        }
        if (!mask[n]) return;
        const value = sf.value;
        for (let i = 0; i < value.length; i++) {
          const ch = value[i]!;
          // Straight quotes and “ close the nearest open one of their kind, else they open.
          const closes = ch === '"' ? '"' : ch === '“' ? '„' : CLOSERS[ch];
          if (closes !== undefined) {
            const at = stack.map((o) => o.char).lastIndexOf(closes);
            if (at >= 0) {
              stack.slice(at + 1).forEach(lone);
              stack = stack.slice(0, at);
              continue;
            }
            if (ch === ')' && LIST_MARKER.test(value.slice(0, i))) continue;
            if (ch in CLOSERS) {
              found.push({
                at: n,
                report: { messageId: 'unopened', data: { bracket: ch, opener: CLOSERS[ch]!, tag: field.tag, code: sf.code }, field: index, subfield: sf.code, actual: value },
              });
              continue;
            }
          }
          if (ch in PAIRS) stack.push({ char: ch, subfield: n });
        }
      });
      stack.forEach(lone);
      found.sort((a, b) => a.at - b.at);
      for (const f of found) reports.push(f.report);
    });
    return reports;
  },
});
