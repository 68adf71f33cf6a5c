import type { Field, Subfield } from '@kitap/marc';
import { CONTROL_CHARACTER, codePointName } from '@kitap/text';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';

/**
 * Non-sorting marks: NSB/NSE (U+0088/U+0089, ISO 6630, used by UNIMARC and
 * RUSMARC) and SOS/ST (U+0098/U+009C, used by some MARC21 systems) around an
 * article that filing must skip: `\u0098The \u009CBook`.
 */
const NON_SORT_MARKS = new Set(['\u0088', '\u0089', '\u0098', '\u009c']);

/** Names of the control characters met in catalogs. */
const NAMES: Readonly<Record<string, string>> = {
  '\u0000': 'null',
  '\u0009': 'tab',
  '\u000a': 'line feed',
  '\u000b': 'vertical tab',
  '\u000c': 'form feed',
  '\u000d': 'carriage return',
  '\u001b': 'escape',
  '\u001d': 'record terminator',
  '\u001e': 'field terminator',
  '\u001f': 'subfield delimiter',
  '\u007f': 'delete',
  '\u0085': 'next line',
  '\u0088': 'non-sort begin',
  '\u0089': 'non-sort end',
  '\u0098': 'start of string',
  '\u009c': 'string terminator',
};

/** A MARC-8 escape sequence left by a broken conversion: ESC, an intermediate ( , $ ) - . /, a final naming a MARC-8 set. */
const MARC8_ESCAPE = /\u001b(?:\$[(,)\-./]?|[(,)\-./])[1234BENQS]/g;
const LINE_BREAKS = /[\t\n\u000b\u000c\r]+/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/gu;

function describeChar(char: string): string {
  const name = NAMES[char];
  return name === undefined ? codePointName(char) : `${codePointName(char)} (${name})`;
}

/**
 * CONTROL_CHARACTER of @kitap/text without the `u` flag, which is quicker to scan with and finds the same:
 * the range is below U+D800, so reading by code unit or by code point makes no difference.
 */
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The control characters of a value that the options do not allow, each once, in order. */
function badChars(value: string, allowNonSortMarks: boolean): string[] {
  if (!CONTROL_CHARACTER.test(value)) return [];
  const out = new Set<string>();
  for (const m of value.matchAll(CONTROLS)) if (!(allowNonSortMarks && NON_SORT_MARKS.has(m[0]))) out.add(m[0]);
  return [...out];
}

/** Tabs and line breaks become a space, MARC-8 escape sequences and other controls go. */
function clean(value: string, allowNonSortMarks: boolean): string {
  return value
    .replace(MARC8_ESCAPE, '')
    .replace(LINE_BREAKS, ' ')
    .replace(CONTROLS, (c) => (allowNonSortMarks && NON_SORT_MARKS.has(c) ? c : ''));
}

/**
 * Control characters are invisible on screen but break things: a tab or a
 * line break splits a CSV export or an OPAC line, a stray ESC from a MARC-8
 * conversion garbles the next characters in other systems, U+001E/U+001F
 * inside a value break ISO 2709 files, and XML cannot carry most of them. The
 * fix turns a tab or a line break into a space and removes the others (with
 * the MARC-8 escape sequence an ESC starts, such as ESC ( N); the text around
 * them stays. Non-sorting marks (U+0088/U+0089, U+0098/U+009C) have a purpose
 * and are allowed by default.
 */
export default defineRule({
  meta: {
    id: 'control-characters',
    family: 'structure',
    description: 'Field values must not contain control characters such as tabs, line breaks or a stray ESC.',
    severity: 'error',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({
      allowNonSortMarks: z.boolean().default(true),
    }),
    messages: {
      inSubfield: 'Control character {char} in {tag} ${code}',
      inControlField: 'Control character {char} in {tag}',
    },
  },
  check(record, { options }) {
    // The reader saw every byte of an unchanged record and no control character among them.
    if (record.controlFree) return [];
    const allow = options.allowNonSortMarks;
    const reports: RuleReport[] = [];
    const fields = record.fields;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      // Fast path: a field without any control character, allowed or not, has nothing to report.
      if (field.kind === 'control' ? ANY_CONTROL.test(field.value) : anyControl(field.subfields)) checkField(field, index, allow, reports);
    }
    return reports;
  },
});

function anyControl(subfields: readonly Subfield[]): boolean {
  for (const sf of subfields) if (ANY_CONTROL.test(sf.value)) return true;
  return false;
}

/** The control characters of one field, each with the whole field cleaned as its fix. */
function checkField(field: Field, index: number, allow: boolean, reports: RuleReport[]): void {
  const found: RuleReport[] = [];
  let fixed: Field;
  if (field.kind === 'control') {
    for (const c of badChars(field.value, allow)) {
      found.push({ messageId: 'inControlField', data: { char: describeChar(c), tag: field.tag }, field: index, actual: codePointName(c) });
    }
    if (found.length === 0) return;
    fixed = { ...field, value: clean(field.value, allow) };
  } else {
    for (const sf of field.subfields) {
      for (const c of badChars(sf.value, allow)) {
        found.push({ messageId: 'inSubfield', data: { char: describeChar(c), tag: field.tag, code: sf.code }, field: index, subfield: sf.code, actual: codePointName(c) });
      }
    }
    if (found.length === 0) return;
    fixed = { ...field, subfields: field.subfields.map((sf) => ({ code: sf.code, value: clean(sf.value, allow) })) };
  }
  // Every finding of the field carries the whole field's repair, so one pass settles it.
  for (const r of found) reports.push({ ...r, fix: [{ op: 'replace', field: index, with: fixed }] });
}
