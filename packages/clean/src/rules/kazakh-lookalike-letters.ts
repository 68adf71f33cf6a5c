import type { DataField, MarcRecord, Subfield } from '@kitap/marc';
import { KAZAKH_LOOKALIKES, codePointName, fixKazakhLookalikes, replaceWords, romanNumeralLookalike, scriptOf } from '@kitap/text';
import { z } from 'zod';
import { fieldsWhere, notableTextSubfields } from '../record-view.js';
import { defineRule, type RuleFlavour, type RuleReport } from '../rule.js';
import { textSubfieldMask } from '../tables/text-subfields.js';

/**
 * Kazakh letters were missing from many keyboards and fonts, so catalogues
 * are full of "кiтап" with a Latin i, "əдебиет" with a Latin schwa, "Һ" as a
 * Latin H, and ң, қ, ғ taken from the Khakas, Altai or Bashkir letters a
 * keyboard layout offered. They look right but are different characters:
 * "кітап" and "кiтап" are two words to a search engine. Each look-alike is
 * replaced by the Kazakh letter.
 *
 * Latin look-alikes are replaced only inside a word whose other letters are
 * Cyrillic, so Latin words (ISBN, hi-fi) are never touched; a word that mixes
 * them with other Latin letters is `mixed-script-word`'s first.
 */

/** Greek theta is a look-alike of ө only inside a Cyrillic word; in a Greek word or a formula it is theta. */
const GREEK = new Set(['θ', 'Θ']);

/** Look-alikes that are letters of other Cyrillic alphabets (Bashkir ҡ, Altai ҥ, Khakas ӊ, Chukchi ӄ …). */
const OTHER_CYRILLIC = new Set(Object.keys(KAZAKH_LOOKALIKES).filter((ch) => scriptOf(ch) === 'cyrillic'));

const PART_BREAK = /([-'’])/;

/** A regular expression for any one of `chars` (single UTF-16 characters). */
function anyOf(chars: readonly string[]): RegExp {
  return new RegExp(`[${chars.map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`);
}

/** A look-alike of KAZAKH_LOOKALIKES: without one, `fixKazakhLookalikes` changes nothing. */
const LOOKALIKE = anyOf(Object.keys(KAZAKH_LOOKALIKES));
/** Look-alikes that are not Latin letters (ӊ, ҡ, θ …): `fixKazakhLookalikes` replaces them whatever the rest of the word. */
const LOOKALIKE_ANYWHERE = anyOf(Object.keys(KAZAKH_LOOKALIKES).filter((ch) => scriptOf(ch) !== 'latin'));
/** A Cyrillic letter as `scriptOf` tells it. */
const CYRILLIC_LETTER = /[\u0400-\u052f]/;

/**
 * Whether a value may hold a look-alike to replace. Latin look-alikes (i, h, ə, ɵ) are replaced only in
 * a word with Cyrillic letters, so a value with no Cyrillic letter needs one of the others (ӊ, ҡ, θ …).
 */
export function mayHaveLookalike(value: string): boolean {
  return LOOKALIKE.test(value) && (CYRILLIC_LETTER.test(value) || LOOKALIKE_ANYWHERE.test(value));
}

/** The languages of the record: MARC21 008/35-37 and 041 $a, $d; UNIMARC 101 $a. */
function recordLanguages(record: MarcRecord, flavour: RuleFlavour): Set<string> {
  const out = new Set<string>();
  if (flavour === 'marc21') {
    const f008 = record.controlValue('008');
    if (f008 !== undefined && f008.length >= 38) out.add(f008.slice(35, 38));
    for (const code of [...record.subfieldValues('041', 'a'), ...record.subfieldValues('041', 'd')]) out.add(code.trim());
  } else {
    for (const code of record.subfieldValues('101', 'a')) out.add(code.trim());
  }
  return out;
}

/** The part with its look-alikes replaced, or undefined. */
function repair(part: string, keepOtherCyrillic: boolean): string | undefined {
  // "ХIХ ғасыр": a Roman numeral typed with a Cyrillic Х is mixed-script-word's, and becomes XIX.
  if (romanNumeralLookalike(part) !== undefined) return undefined;
  const fixed = fixKazakhLookalikes(part);
  if (fixed === undefined) return undefined;
  const before = [...part];
  const hasCyrillic = before.some((ch) => scriptOf(ch) === 'cyrillic');
  const out = [...fixed]
    .map((ch, i) => {
      const was = before[i]!;
      if (was === ch) return ch;
      if (GREEK.has(was) && !hasCyrillic) return was;
      if (keepOtherCyrillic && OTHER_CYRILLIC.has(was)) return was;
      return ch;
    })
    .join('');
  return out === part ? undefined : out;
}

/** "i (U+0069) for і": the look-alikes a word holds, for the message. */
function describe(word: string, fixed: string): string {
  const before = [...word];
  const after = [...fixed];
  const seen = new Set<string>();
  before.forEach((ch, i) => {
    if (ch !== after[i]) seen.add(`${ch} (${codePointName(ch)}) for ${after[i]!}`);
  });
  return [...seen].join(', ');
}

export default defineRule({
  meta: {
    id: 'kazakh-lookalike-letters',
    family: 'text',
    description: 'Kazakh letters (ә, і, ң, ғ, қ, ө, һ) must be the Kazakh letters, not Latin or other look-alike characters.',
    severity: 'error',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({
      keepInLanguages: z.array(z.string()).default(['bak', 'alt', 'sah', 'chm', 'tut', 'kjh', 'ckt']),
    }),
    messages: {
      lookalike: 'Word "{word}" in {tag} ${code} has {letters}; expected "{fixed}"',
    },
  },
  check(record, { flavour, options }) {
    const reports: RuleReport[] = [];
    const fields = record.fields;
    // Fast path: a field whose text subfields have no look-alike (or only Latin ones with no Cyrillic
    // letter around) has nothing to report; only a field with one is read whole.
    const candidates = fieldsWhere(notableTextSubfields(record, flavour), mayHaveLookalike);
    if (candidates.length === 0) return reports;
    // The record's languages are read only now: most records have no look-alike at all.
    const languages = recordLanguages(record, flavour);
    const keepOtherCyrillic = options.keepInLanguages.some((code) => languages.has(code));
    for (const index of candidates) checkField(fields[index] as DataField, index, flavour, keepOtherCyrillic, reports);
    return reports;
  },
});

/** The findings of one field, each with the whole field repaired as its fix. */
function checkField(field: DataField, index: number, flavour: RuleFlavour, keepOtherCyrillic: boolean, reports: RuleReport[]): void {
  const mask = textSubfieldMask(flavour, field);
  const found: RuleReport[] = [];
  let changed = false;
  const repaired: Subfield[] = field.subfields.map((sf, n) => {
    if (!mask[n]) return sf;
    const value = replaceWords(sf.value, (word) => {
      let any = false;
      const parts = word.split(PART_BREAK).map((part) => {
        const fixed = repair(part, keepOtherCyrillic);
        if (fixed === undefined) return part;
        any = true;
        found.push({
          messageId: 'lookalike',
          data: { word: part, fixed, letters: describe(part, fixed), tag: field.tag, code: sf.code },
          field: index,
          subfield: sf.code,
          actual: part,
          expected: fixed,
        });
        return fixed;
      });
      return any ? parts.join('') : undefined;
    });
    if (value === undefined) return sf;
    changed = true;
    return { code: sf.code, value };
  });
  if (!changed) return;
  const fixed: DataField = { ...field, subfields: repaired };
  for (const report of found) reports.push({ ...report, fix: [{ op: 'replace', field: index, with: fixed }] });
}
