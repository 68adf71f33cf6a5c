import { type Field, withSubfieldValue } from '@kitap/marc';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';

/** The first printed books in Europe; an earlier year on a printed book is a typo. */
const FIRST_PRINTING = 1450;

/** MARC 21 008/06 types of date whose Date 1 is the year in 260/264 $c (not b: B.C., n: unknown, p: distribution vs production). */
const MARC21_DATED = new Set(['s', 't', 'r', 'm', 'q', 'e', 'c', 'd', 'u', 'i', 'k']);
/** UNIMARC 100 $a/8 types of date (all but u: unknown). */
const UNIMARC_DATED = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']);

/** The year a date statement gives: "2019.", "[2019]", "c2019", "©2019", "cop. 2019", "[198-?]" → "198u", "[20--?]" → "20uu". */
interface StatedYear {
  /** Four characters, digits or u for an unknown digit. */
  year: string;
  /** One clear year: a single four-digit year, nothing doubtful ("?") and no decade. */
  clear: boolean;
}

/** A four-digit year standing alone. */
const YEAR = /(?<!\d)(\d{4})(?!\d)/g;

function statedYear(text: string): StatedYear | undefined {
  let first: string | undefined;
  let one = true;
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(text); m !== null; m = YEAR.exec(text)) {
    if (first === undefined) first = m[1]!;
    else if (m[1] !== first) one = false;
  }
  if (first !== undefined) return { year: first, clear: one && !text.includes('?') };
  const decade = /(?<!\d)(\d{3})-(?![\d-])|(?<!\d)(\d{2})--(?!\d)/.exec(text);
  if (decade) return { year: decade[1] ? `${decade[1]}u` : `${decade[2]}uu`, clear: false };
  return undefined;
}

/** Two years disagree when some position holds a different digit in each ("2019" and "201u" agree). */
function disagree(a: string, b: string): boolean {
  for (let i = 0; i < 4; i++) if (isDigit(a.charAt(i)) && isDigit(b.charAt(i)) && a[i] !== b[i]) return true;
  return false;
}

/** `/\d/` for one character. */
function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9' && ch.length === 1;
}

/** Date 1 as known digits or unknown: blanks, u, | or - stand for a digit nobody knows. */
const isUnknown = (date: string): boolean => /^[ u|-]{4}$/.test(date);

interface Where {
  /** The fixed-length date: 008/07-10 or 100 $a/9-12. */
  datePlace: string;
  field: number;
  subfield?: string;
  /** Type of date and Date 1 as they stand. */
  type: string;
  date1: string;
  /** The 008, or the 100 whose $a holds the coded data. */
  source: Field;
  /** The coded data (008, 100 $a) and where the type of date is in it; Date 1 and Date 2 follow it. */
  coded: string;
  typeAt: number;
  dated: ReadonlySet<string>;
  /** Types of date that say "no date coded": blank, fill, dates unknown. */
  undated: string;
  /** Type of date to set when Date 1 is filled in and the type said "no date" ("s" in MARC 21, "d" in UNIMARC). */
  single: string;
}

/**
 * The year of publication is kept twice: coded (MARC 21 008/07-10, UNIMARC 100
 * $a/9-12) for sorting, facets and duplicate detection, and as transcribed
 * (260/264 $c, 210 $d) for display. When they disagree the book sorts under one
 * year and shows another, and a search limited by year loses it.
 */
export default defineRule({
  meta: {
    id: 'publication-year',
    family: 'codes',
    description: 'The coded year (MARC 21 008/07-10, UNIMARC 100 $a/9-12) must agree with the year in 260/264 $c or 210 $d, and neither may be in the future or before 1450.',
    severity: 'warning',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({
      /** How many years ahead of this one still count as real (books printed in autumn carry next year's date). */
      yearsAhead: z.number().int().min(0).default(1),
    }),
    messages: {
      mismatch: 'Year "{date1}" in {datePlace} does not agree with {tag} ${code} "{value}"',
      missing: '{datePlace} has no year; {tag} ${code} gives {year}',
      future: 'Year {year} in {place} is in the future',
      early: 'Year {year} in {place} is before {first}, when printing began',
    },
  },
  check(record, { flavour, options }) {
    const fields = record.fields;
    const where = flavour === 'marc21' ? marc21Date(fields) : unimarcDate(fields);
    const stated = flavour === 'marc21' ? marc21Stated(fields) : unimarcStated(fields);
    const reports: RuleReport[] = [];
    const range: Plausible = {
      latest: new Date().getFullYear() + options.yearsAhead,
      // Manuscripts (leader/06 t, d, f in MARC 21; b, d, f in UNIMARC) may be older than printing.
      printed: !(flavour === 'marc21' ? 'tdf' : 'bdf').includes(record.leader.at(6)),
    };
    const badDate = where !== undefined && where.dated.has(where.type) && implausible(range, where.date1, where.datePlace, where.field, where.subfield, reports);
    const year = stated ? statedYear(stated.value) : undefined;
    const badStated = stated !== undefined && year !== undefined && implausible(range, year.year, `${stated.tag} $${stated.code}`, stated.field, stated.code, reports);
    if (!where || !stated || !year || badDate || badStated) return reports;
    const data = { datePlace: where.datePlace, tag: stated.tag, code: stated.code, value: stated.value };
    if (isUnknown(where.date1) && year.clear && (where.undated.includes(where.type) || where.dated.has(where.type))) {
      const single = !where.dated.has(where.type);
      const type = single ? where.single : where.type;
      const r: RuleReport = {
        messageId: 'missing',
        data: { ...data, year: year.year },
        field: where.field,
        actual: where.type + where.date1,
        expected: type + year.year,
        fix: [{ op: 'replace', field: where.field, with: withDate(where, type, year.year, single) }],
      };
      if (where.subfield !== undefined) r.subfield = where.subfield;
      reports.push(r);
    } else if (where.dated.has(where.type) && disagree(where.date1, year.year)) {
      const r: RuleReport = { messageId: 'mismatch', data: { ...data, date1: where.date1 }, field: where.field, actual: where.date1, expected: year.year };
      if (where.subfield !== undefined) r.subfield = where.subfield;
      reports.push(r);
    }
    return reports;
  },
});

interface Plausible {
  /** The latest year that is not in the future. */
  latest: number;
  /** Whether the record is for printed matter (no year before printing began). */
  printed: boolean;
}

/** Reports a year in the future or before printing; true when it did. */
function implausible(range: Plausible, year: string, place: string, field: number, subfield: string | undefined, reports: RuleReport[]): boolean {
  if (!/^\d{4}$/.test(year)) return false;
  const n = Number(year);
  let r: RuleReport | undefined;
  if (n > range.latest) r = { messageId: 'future', data: { year, place }, field, actual: year };
  else if (range.printed && n < FIRST_PRINTING) r = { messageId: 'early', data: { year, place, first: FIRST_PRINTING }, field, actual: year };
  if (!r) return false;
  if (subfield !== undefined) r.subfield = subfield;
  reports.push(r);
  return true;
}

/** The field with the type of date and Date 1 set; `single` also blanks Date 2, which a single date has none of. */
function withDate(where: Where, type: string, date1: string, single: boolean): Field {
  const v = where.coded;
  const at = where.typeAt;
  const value = v.slice(0, at) + type + date1 + (single && v.length >= at + 9 ? '    ' + v.slice(at + 9) : v.slice(at + 5));
  const f = where.source;
  return f.kind === 'control' ? { ...f, value } : withSubfieldValue(f, 'a', value);
}

/** Index of the first field with this tag and kind, or -1. */
function firstIndex(fields: readonly Field[], tag: string, kind: Field['kind']): number {
  for (let i = 0; i < fields.length; i++) if (fields[i]!.tag === tag && fields[i]!.kind === kind) return i;
  return -1;
}

function marc21Date(fields: readonly Field[]): Where | undefined {
  const field = firstIndex(fields, '008', 'control');
  const f = fields[field];
  if (f?.kind !== 'control' || f.value.length < 11) return undefined;
  return {
    datePlace: '008/07-10',
    field,
    type: f.value[6]!,
    date1: f.value.slice(7, 11),
    source: f,
    coded: f.value,
    typeAt: 6,
    dated: MARC21_DATED,
    undated: ' |n',
    single: 's',
  };
}

function unimarcDate(fields: readonly Field[]): Where | undefined {
  const field = firstIndex(fields, '100', 'data');
  const f = fields[field];
  if (f?.kind !== 'data') return undefined;
  const a = f.subfields.find((sf) => sf.code === 'a')?.value;
  if (a === undefined || a.length < 13) return undefined;
  return {
    datePlace: '100 $a/9-12',
    field,
    subfield: 'a',
    type: a[8]!,
    date1: a.slice(9, 13),
    source: f,
    coded: a,
    typeAt: 8,
    dated: UNIMARC_DATED,
    undated: ' |u',
    single: 'd',
  };
}

interface Stated {
  tag: string;
  code: string;
  field: number;
  value: string;
}

/** The publication date as transcribed: 260 $c, or 264 $c of the publication statement (second indicator 1). */
function marc21Stated(fields: readonly Field[]): Stated | undefined {
  for (let index = 0; index < fields.length; index++) {
    const f = fields[index]!;
    if (f.kind !== 'data' || !(f.tag === '260' || (f.tag === '264' && f.ind2 === '1'))) continue;
    const c = f.subfields.find((sf) => sf.code === 'c');
    if (c) return { tag: f.tag, code: 'c', field: index, value: c.value };
  }
  return undefined;
}

/** The publication date as transcribed: 210 $d, or 214 $d (UNIMARC 2012 and later). */
function unimarcStated(fields: readonly Field[]): Stated | undefined {
  for (const tag of ['210', '214']) {
    for (let index = 0; index < fields.length; index++) {
      const f = fields[index]!;
      if (f.tag !== tag || f.kind !== 'data') continue;
      const d = f.subfields.find((sf) => sf.code === 'd');
      if (d) return { tag, code: 'd', field: index, value: d.value };
    }
  }
  return undefined;
}
