import type { DataField, Field, MarcRecord } from '@kitap/marc';
import { KAZAKH_LETTERS, scriptCounts } from '@kitap/text';
import { z } from 'zod';
import { MARC_LANGUAGES } from '../tables/marc-languages.js';
import { defineRule, type RuleReport } from '../rule.js';

/** Languages written in Latin letters (a Cyrillic title is then suspicious). */
const LATIN_SCRIPT = new Set([
  'eng', 'ger', 'fre', 'spa', 'ita', 'por', 'pol', 'cze', 'slo', 'hun', 'rum', 'tur', 'lat', 'dut', 'swe', 'dan', 'nor', 'fin',
  'est', 'lav', 'lit', 'hrv', 'slv', 'alb', 'ice', 'vie', 'ind', 'may', 'gle', 'wel', 'cat', 'epo',
]);

/**
 * Languages written in Cyrillic letters (a Latin-only title is then
 * suspicious). Uzbek, Azerbaijani, Turkmen, Serbian and Mongolian are written
 * in both scripts and are in neither set; Kazakh is here, with its own message,
 * because the Latin Kazakh alphabet of 2021 is still rare in print.
 */
const CYRILLIC_SCRIPT = new Set([
  'rus', 'kaz', 'ukr', 'bel', 'bul', 'mac', 'kir', 'tgk', 'bak', 'chv', 'tat', 'oss', 'sah', 'tyv', 'bua', 'xal', 'udm', 'kom', 'che',
]);

/** Codes that name no single language: nothing to compare a title with. */
const NO_LANGUAGE = new Set(['mul', 'und', 'zxx', 'mis']);

/** Letters only Kazakh uses among the Cyrillic languages of the region; "і" is left out (Ukrainian and Belarusian have it too). */
const KAZAKH_ONLY = new Set([...KAZAKH_LETTERS].filter((c) => c !== 'і' && c !== 'І'));

/** Any letter of KAZAKH_ONLY (all of them single UTF-16 units). */
const ANY_KAZAKH_ONLY = new RegExp(`[${[...KAZAKH_ONLY].join('')}]`);

/** A title needs this many letters before its script says anything. */
const MIN_LETTERS = 3;

interface Languages {
  codes: string[];
  where: string;
}

/**
 * The language codes say which language the book is in; the title is the one
 * piece of text every record has. When they disagree one of them is wrong: a
 * Kazakh title (қ, ә, ұ…) under "rus" is usually a language code copied from a
 * template, and a record whose 008 says one language and 041 another is
 * counted twice in statistics by language.
 */
export default defineRule({
  meta: {
    id: 'language-consistency',
    family: 'codes',
    description: 'The language codes must agree with each other (MARC 21 008/35-37 and 041 $a; UNIMARC 101 $a present) and with the script of the title.',
    severity: 'warning',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({}),
    messages: {
      filled: '008/35-37 has no language ("{lang}"); 041 $a gives {first}',
      mismatch: 'Unexpected language "{lang}" in 008/35-37, expected {first} as the first 041 $a says',
      missing101: 'No language of the text: UNIMARC 101 $a is missing',
      kazakhTitle: 'The title in {tag} $a has Kazakh letters ({letters}) but {where} says rus; expected kaz, unless the book is in Russian with a Kazakh title',
      cyrillicTitle: 'The title in {tag} $a is in Cyrillic letters but {where} says {lang}',
      latinTitle: 'The title in {tag} $a is in Latin letters but {where} says {lang}',
      latinKazakhTitle: 'The title in {tag} $a is in Latin letters but {where} says kaz; right only for the Kazakh Latin alphabet (2021)',
    },
  },
  check(record, { flavour }) {
    return flavour === 'marc21' ? checkMarc21(record) : checkUnimarc(record);
  },
});

function checkMarc21(record: MarcRecord): RuleReport[] {
  const reports: RuleReport[] = [];
  const fields = record.fields;
  const i008 = firstIndex(fields, '008', 'control');
  const f008 = fields[i008];
  const lang008 = f008?.kind === 'control' && f008.value.length >= 38 ? f008.value.slice(35, 38) : undefined;
  let f041: DataField | undefined;
  for (const f of fields) {
    if (f.tag === '041' && f.kind === 'data' && f.ind2 !== '7') {
      f041 = f;
      break;
    }
  }
  const codes041 = f041 ? f041.subfields.filter((sf) => sf.code === 'a').map((sf) => sf.value) : [];
  const first = codes041[0];
  if (f008?.kind === 'control' && lang008 !== undefined && first !== undefined && MARC_LANGUAGES.has(first) && first !== lang008) {
    if (lang008 === '   ' || lang008 === '|||' || lang008 === 'und') {
      const value = f008.value.slice(0, 35) + first + f008.value.slice(38);
      reports.push({
        messageId: 'filled',
        data: { lang: lang008, first },
        field: i008,
        actual: lang008,
        expected: first,
        fix: [{ op: 'replace', field: i008, with: { ...f008, value } }],
      });
    } else if (MARC_LANGUAGES.has(lang008)) {
      reports.push({ messageId: 'mismatch', data: { lang: lang008, first }, field: i008, actual: lang008, expected: first });
    }
  }
  const valid041 = codes041.filter((c) => MARC_LANGUAGES.has(c));
  const languages: Languages | undefined = valid041.length
    ? { codes: valid041, where: '041 $a' }
    : lang008 && MARC_LANGUAGES.has(lang008)
      ? { codes: [lang008], where: '008/35-37' }
      : undefined;
  const i245 = firstIndex(fields, '245', 'data');
  if (languages && i245 >= 0) reports.push(...titleScript(fields[i245] as DataField, i245, languages));
  return reports;
}

function checkUnimarc(record: MarcRecord): RuleReport[] {
  const reports: RuleReport[] = [];
  const fields = record.fields;
  const i101 = firstIndex(fields, '101', 'data');
  const f101 = fields[i101];
  const codes = f101?.kind === 'data' ? f101.subfields.filter((sf) => sf.code === 'a' && sf.value.trim() !== '').map((sf) => sf.value) : [];
  if (codes.length === 0) {
    const r: RuleReport = { messageId: 'missing101' };
    if (i101 >= 0) r.field = i101;
    reports.push(r);
    return reports;
  }
  const valid = codes.filter((c) => MARC_LANGUAGES.has(c));
  const i200 = firstIndex(fields, '200', 'data');
  if (valid.length && i200 >= 0) reports.push(...titleScript(fields[i200] as DataField, i200, { codes: valid, where: '101 $a' }));
  return reports;
}

/** Index of the first field with this tag and kind, or -1. */
function firstIndex(fields: readonly Field[], tag: string, kind: Field['kind']): number {
  for (let i = 0; i < fields.length; i++) if (fields[i]!.tag === tag && fields[i]!.kind === kind) return i;
  return -1;
}

/** The title's letters against the languages: Kazakh letters under rus, Cyrillic under a Latin-script language, Latin under a Cyrillic one. */
function titleScript(field: DataField, index: number, languages: Languages): RuleReport[] {
  if (languages.codes.some((c) => NO_LANGUAGE.has(c))) return [];
  const title = field.subfields.find((sf) => sf.code === 'a')?.value ?? '';
  const { latin, cyrillic } = scriptCounts(title);
  if (latin + cyrillic < MIN_LETTERS) return [];
  const base = { field: index, subfield: 'a', actual: languages.codes.join(' ') };
  const tag = field.tag;
  const where = languages.where;
  // The Kazakh letters are looked for only under "rus" without "kaz", the one case they matter.
  const kazakh = languages.codes.includes('rus') && !languages.codes.includes('kaz') && ANY_KAZAKH_ONLY.test(title) ? [...new Set([...title].filter((c) => KAZAKH_ONLY.has(c)))] : [];
  if (kazakh.length) {
    return [{ ...base, messageId: 'kazakhTitle', data: { tag, where, letters: kazakh.join(' ') }, expected: 'kaz' }];
  }
  if (cyrillic > 0 && latin === 0 && languages.codes.every((c) => LATIN_SCRIPT.has(c))) {
    return [{ ...base, messageId: 'cyrillicTitle', data: { tag, where, lang: languages.codes.join(', ') } }];
  }
  if (latin > 0 && cyrillic === 0 && languages.codes.every((c) => CYRILLIC_SCRIPT.has(c))) {
    const kazakhOnly = languages.codes.every((c) => c === 'kaz');
    return [{ ...base, messageId: kazakhOnly ? 'latinKazakhTitle' : 'latinTitle', data: { tag, where, lang: languages.codes.join(', ') } }];
  }
  return [];
}
