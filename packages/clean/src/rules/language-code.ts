import { type ControlField, type DataField, type Field, withSubfieldValue } from '@kitap/marc';
import { z } from 'zod';
import { MARC_LANGUAGES, OBSOLETE_LANGUAGES } from '../tables/marc-languages.js';
import { defineRule, type FieldEdit, type RuleFlavour, type RuleReport } from '../rule.js';

/**
 * ISO 639-1 two-letter codes typed where a MARC code belongs, with the MARC
 * code each stands for. Only the languages a Kazakh or Russian library meets
 * often are listed; "ka" (Georgian) is left out because here it is more often
 * a cut-off "kaz" than Georgian.
 */
export const TWO_LETTER_CODES: Readonly<Record<string, string>> = {
  ru: 'rus', kk: 'kaz', en: 'eng', de: 'ger', fr: 'fre', uk: 'ukr', be: 'bel', uz: 'uzb', ky: 'kir', tt: 'tat', tg: 'tgk',
  tk: 'tuk', az: 'aze', hy: 'arm', mn: 'mon', tr: 'tur', zh: 'chi', ja: 'jpn', ko: 'kor', ar: 'ara', fa: 'per', he: 'heb',
  es: 'spa', it: 'ita', pt: 'por', pl: 'pol', cs: 'cze', sk: 'slo', bg: 'bul', sr: 'srp', hr: 'hrv', ro: 'rum', hu: 'hun',
  fi: 'fin', sv: 'swe', da: 'dan', no: 'nor', nl: 'dut', el: 'gre', la: 'lat', et: 'est', lv: 'lav', lt: 'lit',
};

/** Russian and Kazakh abbreviations of language names typed in Cyrillic where the code belongs ("рус", "каз"). */
/** `table[key]` when the table itself has the key (never a member of Object.prototype). */
function ownValue(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export const CYRILLIC_CODES: Readonly<Record<string, string>> = {
  рус: 'rus', каз: 'kaz', қаз: 'kaz', англ: 'eng', анг: 'eng', ағыл: 'eng', нем: 'ger', неміс: 'ger', фр: 'fre', франц: 'fre',
  укр: 'ukr', узб: 'uzb', тур: 'tur', кит: 'chi', лат: 'lat',
};

interface Options {
  fixTwoLetterCodes: boolean;
  fixCyrillicCodes: boolean;
  replaceObsolete: boolean;
}

type Verdict =
  | { ok: true }
  | { ok: false; messageId: 'invalid' | 'obsolete' | 'typo' | 'concatenated'; expected?: string; split?: string[] };

/** What is wrong with one code, and the code it should be when that is certain. */
function judge(raw: string, options: Options): Verdict {
  const code = raw.trim();
  if (MARC_LANGUAGES.has(raw)) return { ok: true };
  const lower = code.toLowerCase();
  const obsolete = OBSOLETE_LANGUAGES.get(lower);
  if (obsolete) {
    return obsolete.replacement && options.replaceObsolete ? { ok: false, messageId: 'obsolete', expected: obsolete.replacement } : { ok: false, messageId: 'obsolete' };
  }
  if (lower !== raw && MARC_LANGUAGES.has(lower)) return { ok: false, messageId: 'typo', expected: lower };
  // Own keys only: a value such as "constructor" must not find Object.prototype's members.
  const twoLetter = /^[a-z]{2}$/.test(lower) ? ownValue(TWO_LETTER_CODES, lower) : undefined;
  if (twoLetter !== undefined) {
    return options.fixTwoLetterCodes ? { ok: false, messageId: 'typo', expected: twoLetter } : { ok: false, messageId: 'invalid' };
  }
  const cyrillic = ownValue(CYRILLIC_CODES, lower.replace(/\.$/, ''));
  if (cyrillic !== undefined) {
    return options.fixCyrillicCodes ? { ok: false, messageId: 'typo', expected: cyrillic } : { ok: false, messageId: 'invalid' };
  }
  // Before 2001 several codes could run together in one 041 subfield: "ruskaz".
  if (/^([a-z]{3}){2,}$/.test(lower)) {
    const parts = lower.match(/.{3}/g)!;
    if (parts.every((p) => MARC_LANGUAGES.has(p))) return { ok: false, messageId: 'concatenated', split: parts };
  }
  return { ok: false, messageId: 'invalid' };
}

function describe(code: string): string {
  const name = MARC_LANGUAGES.get(code);
  return name ? `${code} (${name})` : code;
}

/** A code position inside a fixed-length value: 008/35-37, 100 $a/22-24. */
interface Slot {
  where: string;
  value: string;
  /** The field with the slot set to a new code. */
  set(code: string): Field;
}

/**
 * Language codes drive language facets, the choice of stemming in search and
 * statistics by language. A code that is not on the MARC Code List for
 * Languages ("kz", "RU", "каз") finds nothing, and an obsolete one ("scr") is
 * no longer understood by other catalogs.
 */
export default defineRule({
  meta: {
    id: 'language-code',
    family: 'codes',
    description: 'Language codes (MARC 21 008/35-37, 040 $b and 041; UNIMARC 101 and 100 $a/22-24) must be current codes of the MARC Code List for Languages.',
    severity: 'error',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({
      /** Replace common ISO 639-1 codes with the MARC code: ru → rus, kk → kaz, en → eng, de → ger. */
      fixTwoLetterCodes: z.boolean().default(true),
      /** Replace Russian and Kazakh abbreviations typed for a code: рус → rus, каз → kaz, англ → eng. */
      fixCyrillicCodes: z.boolean().default(true),
      /** Replace an obsolete code that has one successor: scr → hrv, tar → tat, mol → rum. */
      replaceObsolete: z.boolean().default(true),
    }),
    messages: {
      invalid: 'Unknown language code "{code}" in {where}',
      obsolete: 'Obsolete language code "{code}" in {where}{instead}',
      typo: 'Unexpected language code "{code}" in {where}, expected {expected}',
      concatenated: 'Several language codes run together in {where}: "{code}"; each goes in its own subfield',
    },
  },
  check(record, { flavour, options }) {
    const reports: RuleReport[] = [];
    const fields = record.fields;
    // Codes at fixed positions: MARC 21 008/35-37, UNIMARC 100 $a/22-24.
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      let slot: Slot | undefined;
      let subfield: string | undefined;
      if (flavour === 'marc21' && field.tag === '008' && field.kind === 'control' && field.value.length >= 38) {
        // Fast path: a current code (the usual case) needs no slot to repair it.
        if (MARC_LANGUAGES.has(field.value.slice(35, 38))) continue;
        slot = controlSlot(field, 35, '008/35-37');
      } else if (flavour === 'unimarc' && field.tag === '100' && field.kind === 'data') {
        const a = field.subfields.find((sf) => sf.code === 'a');
        if (!a || a.value.length < 25 || MARC_LANGUAGES.has(a.value.slice(22, 25))) continue;
        slot = subfieldSlot(field, a.value, 22, '100 $a/22-24');
        subfield = 'a';
      } else continue;
      // Blanks and fill characters say "not coded"; language-consistency looks at those.
      if (/^( {3}|\|{3})$/.test(slot.value)) continue;
      const verdict = judge(slot.value, options);
      if (verdict.ok || verdict.messageId === 'concatenated') continue;
      report(reports, index, subfield, slot.where, slot.value, verdict, verdict.expected ? { op: 'replace', field: index, with: slot.set(verdict.expected) } : undefined);
    }

    // Codes in subfields: MARC 21 041 (all code subfields) and 040 $b; UNIMARC 101.
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (field.kind !== 'data') continue;
      const codes = codeSubfields(field, flavour);
      if (codes === undefined) continue;
      const found: { n: number; code: string; raw: string; verdict: Verdict & { ok: false } }[] = [];
      field.subfields.forEach((sf, n) => {
        // Fast path: a current code is right (and has no spaces around it).
        if (!codes(sf.code) || MARC_LANGUAGES.has(sf.value)) return;
        // Spaces around a code are subfield-whitespace's business; an empty subfield is empty-subfield's.
        if (sf.value.trim() === '') return;
        const verdict = judge(sf.value.trim(), options);
        if (!verdict.ok) found.push({ n, code: sf.code, raw: sf.value, verdict });
      });
      if (found.length === 0) continue;
      // One repair for the whole field, so one pass settles every code in it.
      const out = field.subfields.flatMap((sf, n) => {
        const f = found.find((x) => x.n === n);
        if (!f) return [sf];
        if (f.verdict.split) return f.verdict.split.map((value) => ({ code: sf.code, value }));
        return f.verdict.expected ? [{ code: sf.code, value: f.verdict.expected }] : [sf];
      });
      const fixed: DataField = { ...field, subfields: out };
      for (const f of found) {
        const canFix = f.verdict.expected !== undefined || f.verdict.split !== undefined;
        report(reports, index, f.code, `${field.tag} $${f.code}`, f.raw, f.verdict, canFix ? { op: 'replace', field: index, with: fixed } : undefined);
      }
    }
    return reports;
  },
});

/** Adds the finding for one bad code, with the replacement code's name or the obsolete code's successor in the message. */
function report(reports: RuleReport[], index: number, subfield: string | undefined, where: string, raw: string, verdict: Verdict & { ok: false }, fix: FieldEdit | undefined): void {
  const obsolete = OBSOLETE_LANGUAGES.get(raw.trim().toLowerCase());
  const data: Record<string, string> = { code: raw, where };
  if (verdict.messageId === 'typo' && verdict.expected) data.expected = describe(verdict.expected);
  if (verdict.messageId === 'obsolete') data.instead = obsolete?.replacement ? `, use ${describe(obsolete.replacement)}` : ` (${obsolete?.name ?? ''}): choose the current code`;
  const r: RuleReport = { messageId: verdict.messageId, data, field: index, actual: raw };
  if (subfield !== undefined) r.subfield = subfield;
  if (verdict.expected) r.expected = verdict.expected;
  if (verdict.split) r.expected = verdict.split.join(' ');
  if (fix) r.fix = [fix];
  reports.push(r);
}

const isLetterCode = (code: string): boolean => code.length === 1 && code >= 'a' && code <= 'z';
const isB = (code: string): boolean => code === 'b';

/** Which subfields of a field hold MARC language codes; undefined when none do. */
function codeSubfields(field: DataField, flavour: RuleFlavour): ((code: string) => boolean) | undefined {
  if (flavour === 'marc21') {
    // Second indicator 7: the codes come from the list named in $2, not from the MARC list.
    if (field.tag === '041') return field.ind2 === '7' ? undefined : isLetterCode;
    return field.tag === '040' ? isB : undefined;
  }
  if (field.tag !== '101' || field.subfields.some((sf) => sf.code === '2')) return undefined;
  return isLetterCode;
}

function controlSlot(field: ControlField, at: number, where: string): Slot {
  return {
    where,
    value: field.value.slice(at, at + 3),
    set: (code) => ({ ...field, value: field.value.slice(0, at) + code + field.value.slice(at + 3) }),
  };
}

function subfieldSlot(field: DataField, value: string, at: number, where: string): Slot {
  return {
    where,
    value: value.slice(at, at + 3),
    set: (code) => withSubfieldValue(field, 'a', value.slice(0, at) + code + value.slice(at + 3)),
  };
}
