import type { DataField } from './record/field.js';
import type { MarcRecord } from './record/record.js';

/** UNIMARC 100 $a/26-33 for a record in UTF-8: G0 = 50 (ISO 10646, Unicode), G1 and the additional sets G2, G3 blank. */
export const UNIMARC_UTF8_CHARACTER_SETS = '50      ';

/** What unimarcCharsetsToUtf8 did. */
export type UnimarcCharsetOutcome =
  /** 100 $a/26-33 already said UTF-8: nothing changed. */
  | { kind: 'unchanged' }
  /** 100 $a/26-29 (and the blanks of 30-33) were set; `before` is what 26-33 held. */
  | { kind: 'set'; before: string }
  /** No 100 with a $a: nothing was added. */
  | { kind: 'missing' }
  /** A 100 $a shorter than 30 characters, left as it is; `othersSet`: another 100 of the record was set. */
  | { kind: 'short'; length: number; othersSet: boolean };

/**
 * For a UNIMARC/RUSMARC record whose text is now UTF-8 (read from cp1251, KZ-1048 … and
 * written as UTF-8): sets the character sets of 100 $a (General processing data) to what
 * UNIMARC says for Unicode — positions 26-27 (G0) "50" (ISO 10646), 28-29 (G1) blank, and
 * the additional sets 30-33 (G2, G3) blank, as ISO 10646 holds every character — so that the
 * record no longer names the set it was read in ("0189": ISO 646 and cp1251, RUSMARC).
 * Changes the record through replaceField (it counts as modified). A 100 $a shorter than 30
 * characters, or none, is left as it is: a 100 is never invented. Every 100 of the record
 * (the field is not repeatable, but a damaged record may repeat it) is treated alike.
 */
export function unimarcCharsetsToUtf8(record: MarcRecord): UnimarcCharsetOutcome {
  const fields = record.dataFields('100');
  let outcome: UnimarcCharsetOutcome = { kind: 'missing' };
  let short: number | undefined;
  for (const field of fields) {
    const at = field.subfields.findIndex((sf) => sf.code === 'a');
    if (at < 0) continue;
    const value = field.subfields[at]!.value;
    if (value.length < 30) {
      short ??= value.length;
      continue;
    }
    const end = Math.min(34, value.length);
    const wanted = UNIMARC_UTF8_CHARACTER_SETS.slice(0, end - 26);
    const before = value.slice(26, end);
    if (before === wanted) {
      if (outcome.kind === 'missing') outcome = { kind: 'unchanged' };
      continue;
    }
    const subfields = field.subfields.map((sf, i) => (i === at ? { code: sf.code, value: value.slice(0, 26) + wanted + value.slice(end) } : sf));
    const replacement: DataField = { ...field, subfields };
    record.replaceField(field, replacement);
    if (outcome.kind !== 'set') outcome = { kind: 'set', before };
  }
  // A short 100 $a is told whatever the other 100s got: it still names the old set, or nothing.
  if (short !== undefined) return { kind: 'short', length: short, othersSet: outcome.kind === 'set' };
  return outcome;
}
