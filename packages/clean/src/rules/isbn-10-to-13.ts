import { type DataField, dataField } from '@kitap/marc';
import { isbn10To13, parseIsbn } from '@kitap/text';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';
import { ISBN_FIELD } from '../tables/identifier-fields.js';

/**
 * Since 2007 every ISBN has 13 digits (ISO 2108:2005); an ISBN-10 is the
 * ISBN-13 with the 978 prefix dropped and its own check digit. Suppliers,
 * national bibliographies and union catalogs now search by ISBN-13, so a
 * record that has only the ISBN-10 printed in an older book is not found by
 * them. This optional rule adds the ISBN-13 in a new field just before the
 * ISBN-10 and keeps the ISBN-10, as MARC 21 practice records both forms in
 * separate 020 fields; the qualifier ($q in MARC21, $b in UNIMARC) is copied,
 * the price is not. While a qualifier or price is still typed after the ISBN
 * in $a, the finding waits for isbn-format to move it and has no fix.
 */

/** The ISBN at the start of a value, as @kitap/text's parseIsbn reads it. */
const LEADING_ISBN = /^\s*((?:\d[\s-]?){9}[\dXx](?:[\s-]?\d){0,3})/;

/** The ISBN-13 written like the ISBN-10 was: "5-02-017777-6" → "978-5-02-017777-6" (with its own check digit). */
function written13(typed: string, compact10: string): string {
  const isbn13 = isbn10To13(compact10);
  const separator = /[\s-]/.exec(typed)?.[0];
  if (separator === undefined) return isbn13;
  return `978${separator}${typed.slice(0, -1)}${isbn13.slice(-1)}`;
}

export default defineRule({
  meta: {
    id: 'isbn-10-to-13',
    family: 'identifiers',
    description: 'A record with only an ISBN-10 in 020 $a (MARC21) or 010 $a (UNIMARC) should also have its ISBN-13.',
    severity: 'info',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({}),
    messages: {
      convert: 'ISBN-10 {isbn} in {tag} $a has no ISBN-13 in the record; expected {isbn13} in a {tag} before it',
    },
  },
  check(record, { flavour }) {
    const spec = ISBN_FIELD[flavour];
    const fields = record.fields;
    const have13 = new Set<string>();
    for (const field of fields) {
      if (field.tag !== spec.tag || field.kind !== 'data') continue;
      for (const sf of field.subfields) {
        const isbn = sf.code === 'a' ? parseIsbn(sf.value) : undefined;
        if (isbn?.valid && isbn.kind === 13) have13.add(isbn.compact);
      }
    }
    const reports: RuleReport[] = [];
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (field.tag !== spec.tag || field.kind !== 'data') continue;
      for (const sf of field.subfields) {
        if (sf.code !== 'a') continue;
        const isbn = parseIsbn(sf.value);
        const typed = LEADING_ISBN.exec(sf.value)?.[1];
        if (!isbn?.valid || isbn.kind !== 10 || typed === undefined || have13.has(isbn.isbn13!)) continue;
        have13.add(isbn.isbn13!);
        const isbn13 = written13(typed, isbn.compact);
        const report: RuleReport = { messageId: 'convert', data: { isbn: typed, isbn13, tag: spec.tag }, field: index, subfield: 'a', actual: typed, expected: isbn13 };
        // A qualifier still typed after the ISBN ("(в пер.)") would not reach the new field: wait until isbn-format has moved it.
        if (!/^[\s.,:;]*$/.test(sf.value.replace(LEADING_ISBN, ''))) {
          reports.push(report);
          continue;
        }
        const added: DataField = dataField(spec.tag, field.ind1, field.ind2, [
          { code: 'a', value: isbn13 },
          ...field.subfields.filter((s) => s.code === spec.qualifier),
        ]);
        reports.push({ ...report, fix: [{ op: 'insert', at: index, with: added }] });
      }
    }
    return reports;
  },
});
