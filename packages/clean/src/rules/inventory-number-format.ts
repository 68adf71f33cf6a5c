import { COPY_LAYOUTS, LAYOUT_SPECS, copyFields } from '@kitap/holdings';
import { subfieldValue, withSubfieldValue, type DataField, type Field } from '@kitap/marc';
import { scriptCounts, scriptOf } from '@kitap/text';
import { z } from 'zod';
import { inventoryCodes } from '../inventory-codes.js';
import { defineRule, type RuleReport } from '../rule.js';

/**
 * Digits, optionally after a branch or fund prefix and "-" or "/"
 * ("Ф4-12345", "ЦГБ/004512", "КХ-000123"), optionally with one letter at the
 * end ("12345а", "12345-а").
 */
export const DEFAULT_INVENTORY_PATTERN = String.raw`^(?:[\p{L}№][\p{L}\d№]*[-/])?\d+(?:[-/]?\p{L})?$`;

const compiled = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let r = compiled.get(pattern);
  if (!r) {
    r = new RegExp(pattern, 'u');
    compiled.set(pattern, r);
  }
  return r;
}

function isRegex(pattern: string): boolean {
  try {
    regex(pattern);
    return true;
  } catch {
    return false;
  }
}

/**
 * An inventory number with nothing for the check to find but the configured form: digits, optionally
 * after a prefix of Cyrillic letters, digits and "№" and a "-" or "/" ("100002", "КХ-000123", "Ф4-12345").
 * No space around it, no Latin letter, and only digits after the prefix.
 */
const PLAIN_NUMBER = /^(?:[А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі№][А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі№\d]*[-/])?\d+$/;

/** A letter standing between two digits: "12З45" (Cyrillic З for 3), "1O5" (Latin O for 0). */
const LETTER_AMONG_DIGITS = /(?<=\d)\p{L}(?=\d)/u;

/**
 * The inventory number ties a copy to the inventory register and to every
 * write-off and transfer act. A number with a space, a Cyrillic З for the
 * digit 3 or a Latin letter in a Cyrillic prefix looks right on screen but
 * matches no act. A copy without an inventory number cannot be accounted for.
 */
export default defineRule({
  meta: {
    id: 'inventory-number-format',
    family: 'copies',
    description: 'Every copy must have an inventory number of the configured form: digits, optionally a branch prefix with "-" or "/" and a letter at the end; no spaces, no letters among the digits, no Latin–Cyrillic mix.',
    severity: 'error',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({
      layouts: z.array(z.enum(COPY_LAYOUTS)).default([...COPY_LAYOUTS]),
      pattern: z.string().refine(isRegex, 'not a valid regular expression').default(DEFAULT_INVENTORY_PATTERN),
    }),
    messages: {
      missing: 'Copy in {tag} has no inventory number in ${code}',
      spaces: 'Space before or after inventory number {value} in {tag} ${code}, expected {expected}',
      mixedScript: 'Inventory number {value} in {tag} ${code} mixes Latin and Cyrillic letters',
      lookalike: 'Inventory number {value} in {tag} ${code} has the letter {letter} among its digits',
      format: 'Inventory number {value} in {tag} ${code} is not of the form {form}',
    },
  },
  check(record, { options }) {
    const pattern = regex(options.pattern);
    // Most records have only well-formed numbers: proved in one pass over the fields, with nothing made.
    if (allNumbersPlain(record.fields, inventoryCodes(options.layouts), pattern)) return [];
    const reports: RuleReport[] = [];
    const form = options.pattern === DEFAULT_INVENTORY_PATTERN ? 'digits, optionally after a prefix and "-" or "/", optionally with a letter at the end' : options.pattern;
    for (const copy of copyFields(record, options.layouts)) {
      const field = record.fields[copy.field] as DataField;
      // IRBIS summary ("U") copies of brochures and periodicals are counted, not numbered.
      if (copy.layout === '910' && subfieldValue(field, 'a')?.trim().toUpperCase() === 'U') continue;
      const inv = copy.inventoryNumber;
      if (!inv || inv.value.trim() === '') {
        const code = LAYOUT_SPECS[copy.layout].inventoryNumber;
        reports.push({ messageId: 'missing', data: { tag: field.tag, code }, field: copy.field, subfield: code });
        continue;
      }
      const tag = field.tag;
      const value = inv.value.trim();
      const at = { field: inv.field, subfield: inv.code, actual: inv.value };
      if (value !== inv.value) {
        const fixed = withSubfieldValue(field, inv.code, value);
        reports.push({ messageId: 'spaces', data: { value: JSON.stringify(inv.value), tag, code: inv.code, expected: value }, ...at, expected: value, fix: [{ op: 'replace', field: inv.field, with: fixed }] });
      }
      const { latin, cyrillic } = scriptCounts(value);
      // Only the number itself, after any prefix: a prefix such as "А1Б2-" may mix letters and digits.
      const letter = LETTER_AMONG_DIGITS.exec(value.split(/[-/]/u).pop()!)?.[0];
      if (latin > 0 && cyrillic > 0) reports.push({ messageId: 'mixedScript', data: { value, tag, code: inv.code }, ...at });
      else if (letter !== undefined) reports.push({ messageId: 'lookalike', data: { value, tag, code: inv.code, letter: `${scriptOf(letter) === 'latin' ? 'Latin' : 'Cyrillic'} "${letter}"` }, ...at });
      else if (!pattern.test(value)) reports.push({ messageId: 'format', data: { value, tag, code: inv.code, form }, ...at });
    }
    return reports;
  },
});

/**
 * True when every copy field has an inventory number that is plain (see PLAIN_NUMBER) and of the
 * configured form, so the check has nothing to report. False sends the record through the full check.
 */
function allNumbersPlain(fields: readonly Field[], codes: ReadonlyMap<string, string>, pattern: RegExp): boolean {
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (f.kind !== 'data') continue;
    const code = codes.get(f.tag);
    if (code === undefined) continue;
    const value = subfieldValue(f, code);
    if (value === undefined || !PLAIN_NUMBER.test(value) || !pattern.test(value)) return false;
  }
  return true;
}
