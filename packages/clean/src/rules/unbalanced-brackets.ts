import type { DataField } from '@kitap/marc';
import { z } from 'zod';
import { fieldsWhere, notableTextSubfields } from '../record-view.js';
import { defineRule, type RuleFlavour, type RuleReport } from '../rule.js';
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

/** Any character of PAIRS or CLOSERS: a text with none of them has nothing to pair. */
const BRACKET = /[()[\]«»„“”"]/;
const BRACKETS = new RegExp(BRACKET.source, 'g');

export const hasBracket = (value: string): boolean => BRACKET.test(value);

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
    const fields = record.fields;
    // Fast path: only brackets and quotation marks open or close anything, so a field whose text
    // subfields have none has nothing to report. A field with one is read whole.
    for (const index of fieldsWhere(notableTextSubfields(record, flavour), hasBracket)) checkField(fields[index] as DataField, index, flavour, reports);
    return reports;
  },
});

/** The lone brackets of one field, in subfield order. */
function checkField(field: DataField, index: number, flavour: RuleFlavour, reports: RuleReport[]): void {
  const mask = textSubfieldMask(flavour, field);
  const groups = textGroups(flavour, field);
  const subfields = field.subfields;
  let stack: Open[] = [];
  const found: Found[] = [];
  for (let n = 0; n < subfields.length; n++) {
    if (n > 0 && groups[n] !== groups[n - 1]) {
      for (const open of stack) found.push(unclosed(field, index, open));
      stack = [];
    }
    if (!mask[n]) continue;
    const value = subfields[n]!.value;
    // Only brackets and quotation marks matter: the search jumps from one to the next.
    BRACKETS.lastIndex = 0;
    for (let m = BRACKETS.exec(value); m !== null; m = BRACKETS.exec(value)) {
      const ch = m[0];
      // Straight quotes and “ close the nearest open one of their kind, else they open.
      const closes = ch === '"' ? '"' : ch === '“' ? '„' : CLOSERS[ch];
      if (closes !== undefined) {
        let at = stack.length - 1;
        while (at >= 0 && stack[at]!.char !== closes) at--;
        if (at >= 0) {
          for (const open of stack.slice(at + 1)) found.push(unclosed(field, index, open));
          stack = stack.slice(0, at);
          continue;
        }
        if (ch === ')' && LIST_MARKER.test(value.slice(0, m.index))) continue;
        if (ch in CLOSERS) {
          const code = subfields[n]!.code;
          found.push({ at: n, report: { messageId: 'unopened', data: { bracket: ch, opener: CLOSERS[ch]!, tag: field.tag, code }, field: index, subfield: code, actual: value } });
          continue;
        }
      }
      if (ch in PAIRS) stack.push({ char: ch, subfield: n });
    }
  }
  for (const open of stack) found.push(unclosed(field, index, open));
  found.sort((a, b) => a.at - b.at);
  for (const f of found) reports.push(f.report);
}

interface Found {
  at: number;
  report: RuleReport;
}

function unclosed(field: DataField, index: number, open: Open): Found {
  const sf = field.subfields[open.subfield]!;
  return {
    at: open.subfield,
    report: { messageId: 'unclosed', data: { bracket: open.char, closer: PAIRS[open.char]!, tag: field.tag, code: sf.code }, field: index, subfield: sf.code, actual: sf.value },
  };
}
