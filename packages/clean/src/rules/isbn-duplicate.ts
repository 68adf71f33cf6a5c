import type { DataField } from '@kitap/marc';
import { type Isbn, parseIsbn } from '@kitap/text';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';
import { ISBN_FIELD } from '../tables/identifier-fields.js';

/**
 * The same ISBN recorded twice in one record — typically when records are
 * merged or a copy's ISBN is keyed again — doubles the book in ISBN indexes
 * and exports. ISBNs are compared as ISBN-13, so "5-02-017777-6" and
 * "5020177776" are the same number. A repeated field that adds nothing to the
 * earlier one is removed; one that carries a qualifier or a price the
 * earlier one lacks is reported, to be merged by hand.
 *
 * An ISBN-10 and its own ISBN-13 in separate fields are the same book too,
 * but MARC 21 practice since the 2007 transition records both forms, each in
 * its own 020 (isbn-10-to-13 adds them so), so by default that pair is not a
 * finding.
 */

interface Seen {
  field: DataField;
  isbn: Isbn;
  typed: string;
  /** Text typed after the ISBN in $a ("(в пер.)"), without punctuation around it. */
  rest: string;
}

/** The ISBN at the start of a value, as @kitap/text's parseIsbn reads it. */
const LEADING_ISBN = /^\s*(?:\d[\s-]?){9}[\dXx](?:[\s-]?\d){0,3}/;

function restOf(value: string): string {
  return value.replace(LEADING_ISBN, '').replace(/^[\s.,:;]+|[\s,:;]+$/g, '');
}

/** What `seen` holds that `earlier` does not: other subfields, or text after the ISBN in $a. */
function extras(seen: Seen, earlier: Seen): string[] {
  const out = seen.rest !== '' && seen.rest !== earlier.rest ? [`"${seen.rest}" after the ISBN`] : [];
  for (const sf of seen.field.subfields) {
    if (sf.code !== 'a' && !earlier.field.subfields.some((e) => e.code === sf.code && e.value.trim() === sf.value.trim())) out.push(`$${sf.code}${sf.value}`);
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'isbn-duplicate',
    family: 'identifiers',
    description: 'The same ISBN must not be recorded twice in a record\'s 020 (MARC21) or 010 (UNIMARC) fields.',
    severity: 'warning',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({
      allowIsbn10And13: z.boolean().default(true),
    }),
    messages: {
      duplicate: 'ISBN {isbn} in {tag} $a repeats {first} of an earlier {tag}; this field adds nothing to it',
      withMore: 'ISBN {isbn} in {tag} $a repeats {first} of an earlier {tag}, but this field also holds {extra}; merge the two by hand',
      bothForms: 'ISBN {isbn} in {tag} $a is the same book as {first} of an earlier {tag}',
    },
  },
  check(record, { flavour, options }) {
    const { tag } = ISBN_FIELD[flavour];
    const fields = record.fields;
    // Fast path: an ISBN is compared only with those of earlier fields, so one ISBN field repeats nothing.
    let count = 0;
    for (const f of fields) if (f.tag === tag && f.kind === 'data') count++;
    if (count < 2) return [];
    const seen: Seen[] = [];
    const reports: RuleReport[] = [];
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (field.tag !== tag || field.kind !== 'data') continue;
      const own: Seen[] = [];
      for (const sf of field.subfields) {
        if (sf.code !== 'a') continue;
        const isbn = parseIsbn(sf.value);
        if (!isbn?.valid) continue;
        const me: Seen = { field, isbn, typed: (LEADING_ISBN.exec(sf.value)?.[0] ?? sf.value).trim(), rest: restOf(sf.value) };
        const typed = me.typed;
        own.push(me);
        const same = seen.filter((s) => s.isbn.isbn13 === isbn.isbn13);
        if (same.length === 0) continue;
        const sameForm = same.filter((s) => s.isbn.kind === isbn.kind);
        const data = { isbn: typed, tag, first: (sameForm[0] ?? same[0]!).typed };
        if (sameForm.length === 0) {
          if (!options.allowIsbn10And13) reports.push({ messageId: 'bothForms', data, field: index, subfield: 'a', actual: typed });
          continue;
        }
        // One ISBN per field: a field with a second $a is a structure problem, not a duplicate to drop.
        const single = field.subfields.filter((s) => s.code === 'a').length === 1;
        const cover = single ? sameForm.find((s) => extras(me, s).length === 0) : undefined;
        if (cover) {
          reports.push({ messageId: 'duplicate', data, field: index, subfield: 'a', actual: typed, fix: [{ op: 'remove', field: index }] });
        } else {
          const extra = extras(me, sameForm[0]!).join(', ') || 'a second $a';
          reports.push({ messageId: 'withMore', data: { ...data, extra }, field: index, subfield: 'a', actual: typed });
        }
      }
      seen.push(...own);
    }
    return reports;
  },
});
