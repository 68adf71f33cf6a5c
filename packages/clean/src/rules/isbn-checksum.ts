import { type DataField, subfields } from '@kitap/marc';
import { isbn10CheckDigit, isbn13CheckDigit, parseIsbn } from '@kitap/text';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';

/**
 * An ISBN whose check digit is wrong is a typo: it finds no book and matches no
 * duplicate. It stays in the record as a cancelled/invalid ISBN ($z in MARC21
 * 020 and UNIMARC 010) so nothing is lost and it can still be searched.
 */
export default defineRule({
  meta: {
    id: 'isbn-checksum',
    family: 'identifiers',
    description: 'An ISBN in 020 $a (MARC21) or 010 $a (UNIMARC) must have a correct check digit; a wrong one moves to $z.',
    severity: 'error',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({}),
    messages: {
      checksum: 'ISBN {isbn} in {tag} $a has a wrong check digit (expected {digit}); it belongs in $z as an invalid ISBN',
      malformed: 'Not an ISBN in {tag} $a: {value}',
    },
  },
  check(record, { flavour }) {
    const tag = flavour === 'marc21' ? '020' : '010';
    const reports: RuleReport[] = [];
    const fields = record.fields;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (field.tag !== tag || field.kind !== 'data') continue;
      for (let n = 0; n < field.subfields.length; n++) {
        const sf = field.subfields[n]!;
        if (sf.code !== 'a') continue;
        const isbn = parseIsbn(sf.value);
        if (!isbn) {
          if (/\d/.test(sf.value)) reports.push({ messageId: 'malformed', data: { tag, value: sf.value }, field: index, subfield: 'a', actual: sf.value });
          continue;
        }
        if (isbn.valid) continue;
        const body = isbn.compact.slice(0, -1);
        const digit = isbn.kind === 10 ? isbn10CheckDigit(body) : isbn13CheckDigit(body);
        const moved: DataField = { ...field, subfields: field.subfields.map((s, i) => (i === n ? subfields('z', s.value)[0]! : s)) };
        reports.push({
          messageId: 'checksum',
          data: { isbn: isbn.compact, tag, digit },
          field: index,
          subfield: 'a',
          actual: isbn.compact,
          expected: body + digit,
          fix: [{ op: 'replace', field: index, with: moved }],
        });
      }
    }
    return reports;
  },
});
