import type { DataField, Subfield } from '@kitap/marc';
import { CYRILLIC_TO_LATIN, KAZAKH_LOOKALIKES, LATIN_TO_CYRILLIC, mixedScriptWord, replaceWords, romanNumeralLookalike, scriptOf } from '@kitap/text';
import { z } from 'zod';
import { fieldsWhere, notableTextSubfields } from '../record-view.js';
import { defineRule, type RuleFlavour, type RuleReport } from '../rule.js';
import { textSubfieldMask } from '../tables/text-subfields.js';

/**
 * Latin and Cyrillic share look-alike letters (а/a, о/o, р/p, с/c, Х/X …), and
 * a cataloguer switching keyboard layouts types "Кaзахстан" with a Latin a or
 * "Pоссия" with a Latin P. On screen nothing shows, but the word is no longer
 * found by search, sorts in the wrong place and splits the heading index. The
 * word is put back into the script most of its letters are in.
 *
 * Latin i, h, ə and ɵ in a Cyrillic word are Kazakh letters typed with a
 * look-alike (і, һ, ә, ө): they count as Cyrillic here and are left to
 * `kazakh-lookalike-letters`, so the two rules never undo each other.
 */

/** Latin letters that stand for Kazakh letters in a Cyrillic word (see kazakh-lookalike-letters). */
const LATIN_KAZAKH = new Set(['i', 'I', 'h', 'H', 'ə', 'Ə', 'ǝ', 'Ǝ', 'ɵ', 'Ɵ']);

/**
 * A Latin and a Cyrillic letter as `scriptOf` tells them (Latin: A–Z, a–z, Latin-1 letters, Extended-A
 * and -B, IPA, Latin Extended Additional; Cyrillic: U+0400–U+052F). `judge` finds nothing in a part
 * that lacks either, so a value that lacks either has no mixed word.
 */
const LATIN_LETTER = /[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u1e00-\u1eff]/;
const CYRILLIC_LETTER = /[\u0400-\u052f]/;

/** Latin letters are the rarer in this catalog, so they are looked for first. */
export const mayMixScripts = (value: string): boolean => LATIN_LETTER.test(value) && CYRILLIC_LETTER.test(value);

/** Hyphens and apostrophes join parts that may rightly be in different scripts: "IT-компания", "SMS-хабарлама". */
const PART_BREAK = /([-'’])/;

type Verdict =
  | { messageId: 'mixed' | 'roman'; fixed: string }
  | { messageId: 'tie' }
  | { messageId: 'noTwin'; letter: string; script: string };

/** What is wrong with one part of a word (between hyphens) and its repair; undefined when it is in one script. */
function judge(part: string): Verdict | undefined {
  const chars = [...part];
  if (!chars.some((ch) => scriptOf(ch) === 'cyrillic')) return undefined;
  if (!chars.some((ch) => scriptOf(ch) === 'latin')) return undefined;
  const roman = romanNumeralLookalike(part);
  if (roman !== undefined) return { messageId: 'roman', fixed: roman };
  // A Latin word with a Cyrillic letter or two ("Micrоsoft", "thіs") goes back to Latin.
  const plain = mixedScriptWord(part);
  if (plain?.dominant === 'latin' && plain.fixed !== undefined) return { messageId: 'mixed', fixed: plain.fixed };
  // Otherwise read the Latin Kazakh look-alikes as the Kazakh letters they stand for ("Кaзiргi" is Cyrillic).
  const read = chars.map((ch) => (LATIN_KAZAKH.has(ch) ? KAZAKH_LOOKALIKES[ch]! : ch));
  const result = mixedScriptWord(read.join(''));
  if (result === undefined) return undefined; // only Kazakh look-alikes: kazakh-lookalike-letters' business
  if (result.dominant === undefined) return { messageId: 'tie' };
  if (result.fixed === undefined) {
    const map = result.dominant === 'latin' ? CYRILLIC_TO_LATIN : LATIN_TO_CYRILLIC;
    const at = read.findIndex((ch) => scriptOf(ch) !== 'other' && scriptOf(ch) !== result.dominant && map[ch] === undefined);
    return { messageId: 'noTwin', letter: chars[at] ?? '?', script: result.dominant === 'latin' ? 'Latin' : 'Cyrillic' };
  }
  // Keep the look-alikes as typed: they are the other rule's to change.
  const fixed = [...result.fixed].map((ch, i) => (LATIN_KAZAKH.has(chars[i]!) ? chars[i]! : ch)).join('');
  return { messageId: 'mixed', fixed };
}

export default defineRule({
  meta: {
    id: 'mixed-script-word',
    family: 'text',
    description: 'A word must be written in one alphabet, not in a mix of Latin and Cyrillic look-alike letters.',
    severity: 'error',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({}),
    messages: {
      mixed: 'Word "{word}" in {tag} ${code} mixes Latin and Cyrillic letters; expected "{fixed}"',
      roman: 'Roman numeral "{word}" in {tag} ${code} mixes Latin and Cyrillic letters; expected "{fixed}"',
      tie: 'Word "{word}" in {tag} ${code} has as many Latin as Cyrillic letters; correct it by hand',
      noTwin: 'Word "{word}" in {tag} ${code} mixes Latin and Cyrillic letters, and "{letter}" has no look-alike in the {script} alphabet; correct it by hand',
    },
  },
  check(record, { flavour }) {
    const reports: RuleReport[] = [];
    const fields = record.fields;
    // Fast path: only a value with both a Latin and a Cyrillic letter can hold a mixed word, so only a
    // field with such a value is read whole.
    for (const index of fieldsWhere(notableTextSubfields(record, flavour), mayMixScripts)) checkField(fields[index] as DataField, index, flavour, reports);
    return reports;
  },
});

/** The findings of one field; the fixable ones carry the whole field's repair, so one pass settles it. */
function checkField(field: DataField, index: number, flavour: RuleFlavour, reports: RuleReport[]): void {
  const mask = textSubfieldMask(flavour, field);
  const found: { report: RuleReport; fixable: boolean }[] = [];
  let changed = false;
  const repaired: Subfield[] = field.subfields.map((sf, n) => {
    if (!mask[n]) return sf;
    const value = replaceWords(sf.value, (word) => {
      let any = false;
      const parts = word.split(PART_BREAK).map((part) => {
        const verdict = judge(part);
        if (verdict === undefined) return part;
        const data: Record<string, string> = { word: part, tag: field.tag, code: sf.code };
        const report: RuleReport = { messageId: verdict.messageId, data, field: index, subfield: sf.code, actual: part };
        if (verdict.messageId === 'noTwin') Object.assign(data, { letter: verdict.letter, script: verdict.script });
        if (verdict.messageId === 'mixed' || verdict.messageId === 'roman') {
          data.fixed = verdict.fixed;
          report.expected = verdict.fixed;
          any = true;
          found.push({ report, fixable: true });
          return verdict.fixed;
        }
        found.push({ report, fixable: false });
        return part;
      });
      return any ? parts.join('') : undefined;
    });
    if (value === undefined) return sf;
    changed = true;
    return { code: sf.code, value };
  });
  const fixed: DataField | undefined = changed ? { ...field, subfields: repaired } : undefined;
  for (const { report, fixable } of found) reports.push(fixable && fixed ? { ...report, fix: [{ op: 'replace', field: index, with: fixed }] } : report);
}
