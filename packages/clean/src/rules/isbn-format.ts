import type { DataField, Subfield } from '@kitap/marc';
import { parseIsbn } from '@kitap/text';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';
import { ISBN_FIELD, type IsbnField } from '../tables/identifier-fields.js';

/**
 * An ISBN is matched against other catalogs, suppliers' lists and the
 * library's own duplicates character by character, so it must be recorded
 * in one form. MARC 21 020 $a holds the bare ISBN: no hyphens or spaces (LC:
 * "ISBN and the embedded hyphens may be generated for display"), and since
 * 2013 a qualifier such as "(pbk.)" or "(в пер.)" goes to its own $q, the
 * price to $c. RUSMARC 010 $a keeps the ISBN with hyphens as printed in the
 * book, the binding note goes to 010 $b and the price to 010 $d.
 *
 * Only valid ISBNs are reformatted: a wrong check digit is isbn-checksum's.
 * Text after the ISBN that is neither a qualifier nor a price is reported
 * and left alone, and so is a price when the price subfield already holds a
 * different one.
 */

type Hyphens = 'remove' | 'keep';

/** A label typed before the number: "ISBN 978-…", "ISBN-13: 978…". */
const PREFIX = /^\s*ISBN(?:-1[03])?\s*:?\s*/i;
/** The ISBN at the start of the value, as @kitap/text's parseIsbn reads it. */
const LEADING_ISBN = /^\s*((?:\d[\s-]?){9}[\dXx](?:[\s-]?\d){0,3})/;
/** A price or "no price" note: "1500 тг.", "45 р. 50 к.", "Б. ц.". */
const PRICE =
  /^(?:[$€£₸]\s?\d[\d\s.,]*|\d[\d\s.,]*\s?(?:р|руб|коп|к|тг|тенге|теңге|₸|сом|usd|kzt|rub|eur)\.?(?:\s?\d+\s?(?:к|коп|тиын)\.?)?|б\.\s?ц\.?|б\/ц\.?)$/iu;
/**
 * A value that is nothing but an ISBN with hyphens or no separators at all, X in capitals: LEADING_ISBN
 * takes all of it, so there is no label, no space, no lowercase x and nothing after it to move.
 */
const BARE_ISBN = /^(?:\d-?){9}[\dX](?:-?\d){0,3}$/;
/** Punctuation that may stand after the ISBN (ISBD " :" before the price). */
const PUNCTUATION_ONLY = /^[\s.,:;]*$/;

interface Pieces {
  qualifiers: string[];
  prices: string[];
  unknown: string[];
  /** The parenthesised or plain text each piece came from, as typed. */
  typed: Map<string, string>;
}

/** Splits "(в пер.) : 1500 тг." into qualifiers and prices. */
function pieces(rest: string): Pieces {
  const out: Pieces = { qualifiers: [], prices: [], unknown: [], typed: new Map() };
  const add = (text: string, typed: string): void => {
    if (PRICE.test(text)) {
      out.prices.push(text);
      out.typed.set(text, typed);
      return;
    }
    // "в пер. 150 р.": a price at the end of a qualifier.
    for (const m of text.matchAll(/\s(?=\S)/g)) {
      const tail = text.slice(m.index + 1);
      if (PRICE.test(tail)) {
        add(text.slice(0, m.index).trim(), text.slice(0, m.index).trim());
        out.prices.push(tail);
        out.typed.set(tail, tail);
        return;
      }
    }
    if (/\p{L}/u.test(text)) out.qualifiers.push(text);
    else out.unknown.push(text);
    out.typed.set(text, typed);
  };
  let plain = rest;
  for (const m of rest.matchAll(/\(([^()]*)\)/g)) {
    const inner = m[1]!.trim();
    if (inner !== '') add(inner, m[0]);
    plain = plain.replace(m[0], ' ');
  }
  for (const part of plain.split(':')) {
    const text = part.replace(/^[\s.,;]+|[\s,;]+$/g, '');
    if (text !== '') add(text, text);
  }
  return out;
}

interface Plan {
  reports: RuleReport[];
  /** The field's subfields after the repair of this $a, or undefined when it cannot be repaired. */
  subfields: Subfield[] | undefined;
}

/** The findings for one $a and the repaired subfield list. */
function plan(field: DataField, n: number, spec: IsbnField, hyphens: Hyphens, index: number): Plan | undefined {
  const value = field.subfields[n]!.value;
  const reports: RuleReport[] = [];
  const report = (messageId: string, data: Record<string, string>, actual: string, expected?: string): void => {
    const r: RuleReport = { messageId, data: { tag: spec.tag, ...data }, field: index, subfield: 'a', actual };
    if (expected !== undefined) r.expected = expected;
    reports.push(r);
  };
  const prefix = PREFIX.exec(value);
  const body = prefix ? value.slice(prefix[0].length) : value;
  const isbn = parseIsbn(body);
  const m = LEADING_ISBN.exec(body);
  if (!isbn || !isbn.valid || !m) return undefined;
  const typed = m[1]!;
  const rest = body.slice(m[0].length);
  if (prefix) report('prefix', { label: prefix[0].trim() }, prefix[0].trim(), '');
  const number = hyphens === 'remove' ? isbn.compact : typed.replace(/\s/g, '-').toUpperCase();
  if (number !== typed) {
    const messageId = hyphens === 'remove' && /[\s-]/.test(typed) ? 'separators' : /\s/.test(typed) ? 'spaces' : 'lowercaseX';
    report(messageId, { isbn: typed, expected: number }, typed, number);
  }
  const keepRest = PUNCTUATION_ONLY.test(rest);
  const found = keepRest ? { qualifiers: [], prices: [], unknown: [], typed: new Map<string, string>() } : pieces(rest);
  let repairable = true;
  for (const text of found.unknown) {
    report('unknown', { text }, text);
    repairable = false;
  }
  // Where the qualifiers and the price go, and whether the field already holds something else there.
  const existing = (code: string): string | undefined => field.subfields.find((s, i) => i !== n && s.code === code)?.value.trim();
  // A qualifier the field already holds is not added twice.
  let qualifiers = found.qualifiers.filter((q) => !field.subfields.some((s, i) => i !== n && s.code === spec.qualifier && s.value.trim() === q));
  if (!spec.qualifierRepeatable && qualifiers.length > 0) {
    const joined = found.qualifiers.join(', ');
    const held = existing(spec.qualifier);
    qualifiers = held === joined ? [] : [joined];
    if (held !== undefined && held !== joined) {
      report('occupied', { text: joined, target: spec.qualifier, existing: held }, joined);
      repairable = false;
    }
  }
  for (const q of found.qualifiers) report('qualifier', { text: found.typed.get(q) ?? q, target: spec.qualifier, expected: q }, found.typed.get(q) ?? q, `$${spec.qualifier}${q}`);
  let price: string | undefined;
  found.prices.forEach((p, i) => {
    const held = existing(spec.price);
    if (i > 0) {
      report('unknown', { text: p }, p);
      repairable = false;
    } else if (held !== undefined && held !== p) {
      report('occupied', { text: p, target: spec.price, existing: held }, p);
      repairable = false;
    } else {
      report('price', { text: p, target: spec.price }, p, `$${spec.price}${p}`);
      if (held === undefined) price = p;
    }
  });
  if (reports.length === 0) return undefined;
  if (!repairable) return { reports, subfields: undefined };
  const a: Subfield = { code: 'a', value: number + (keepRest ? rest : '') };
  const added: Subfield[] = qualifiers.map((q) => ({ code: spec.qualifier, value: q }));
  const out: Subfield[] = [];
  let pending = price;
  field.subfields.forEach((sf, i) => {
    // The price goes after the qualifiers that follow the ISBN.
    if (pending !== undefined && i > n && sf.code !== spec.qualifier) {
      out.push({ code: spec.price, value: pending });
      pending = undefined;
    }
    if (i === n) out.push(a, ...added);
    else out.push(sf);
  });
  if (pending !== undefined) out.push({ code: spec.price, value: pending });
  return { reports, subfields: out };
}

export default defineRule({
  meta: {
    id: 'isbn-format',
    family: 'identifiers',
    description: 'An ISBN in 020 $a (MARC21) or 010 $a (UNIMARC) must be written in the catalog\'s form, with its qualifier and price in their own subfields.',
    severity: 'warning',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({
      /** MARC21 020 $a: the bare ISBN, as LC records it. */
      marc21Hyphens: z.enum(['remove', 'keep']).default('remove'),
      /** RUSMARC 010 $a: the ISBN with hyphens as printed. */
      unimarcHyphens: z.enum(['remove', 'keep']).default('keep'),
    }),
    messages: {
      prefix: 'The label "{label}" in {tag} $a is not part of the ISBN',
      separators: 'ISBN {isbn} in {tag} $a has hyphens or spaces; expected {expected}',
      spaces: 'ISBN {isbn} in {tag} $a has spaces between its parts; expected {expected}',
      lowercaseX: 'ISBN {isbn} in {tag} $a ends in a lowercase x; expected {expected}',
      qualifier: 'Qualifier "{text}" in {tag} $a belongs in ${target}',
      price: 'Price "{text}" in {tag} $a belongs in ${target}',
      occupied: '"{text}" in {tag} $a belongs in ${target}, which already holds "{existing}"; move it by hand',
      unknown: 'Unexpected "{text}" after the ISBN in {tag} $a',
    },
  },
  check(record, { flavour, options }) {
    const spec = ISBN_FIELD[flavour];
    const hyphens = flavour === 'marc21' ? options.marc21Hyphens : options.unimarcHyphens;
    const reports: RuleReport[] = [];
    const fields = record.fields;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (field.tag !== spec.tag || field.kind !== 'data') continue;
      // 020 and 010 have one $a; should a field hold more, each is repaired in its own pass.
      let current: DataField = field;
      const found: { reports: RuleReport[]; repaired: boolean }[] = [];
      let changed = false;
      for (let n = 0; n < current.subfields.length; n++) {
        const sf = current.subfields[n]!;
        if (sf.code !== 'a') continue;
        // Fast path: a bare ISBN already in the catalog's form (hyphens kept, or none to remove) is right.
        if (BARE_ISBN.test(sf.value) && (hyphens === 'keep' || !sf.value.includes('-'))) continue;
        const p = plan(current, n, spec, hyphens, index);
        if (!p) continue;
        found.push({ reports: p.reports, repaired: p.subfields !== undefined });
        if (p.subfields) {
          n += p.subfields.length - current.subfields.length;
          current = { ...current, subfields: p.subfields };
          changed = true;
        }
      }
      for (const f of found) {
        for (const r of f.reports) reports.push(f.repaired && changed ? { ...r, fix: [{ op: 'replace', field: index, with: current }] } : r);
      }
    }
    return reports;
  },
});
