import { z } from 'zod';
import { countedWords } from '../counted-words.js';
import { defineCrossRule, type CountedWord } from '../rule.js';

/**
 * Titles, places of publication, extents, notes and subject headings of both
 * flavours. Publisher names (260/264 $b, 210 $c) are left out: one publisher
 * is written in its Russian and its Kazakh form ("Жибек жолы", "Жібек жолы"),
 * and those pairs are one letter apart without being misprints.
 */
export const MISPRINT_FIELDS = [
  '245$a', '245$b', '246$a', '250$a', '260$a', '264$a', '300$a', '500$a', '650$a', '651$a',
  '200$a', '200$e', '210$a', '606$a', '607$a',
] as const;

/**
 * The subfield codes counted, by tag, each with its scope ("tag$code"), for one list of "tag$code"
 * (options are parsed once per run, so this is made once). The scope strings are made once too:
 * the key index looks every word up by its scope, and a string made once keeps its hash.
 */
const wantedCodes = new WeakMap<readonly string[], Map<string, Map<string, string>>>();

function wantedOf(fields: readonly string[]): Map<string, Map<string, string>> {
  let wanted = wantedCodes.get(fields);
  if (wanted === undefined) {
    wanted = new Map<string, Map<string, string>>();
    for (const f of fields) {
      const [tag, code] = f.split('$') as [string, string];
      const codes = wanted.get(tag) ?? new Map<string, string>();
      codes.set(code, `${tag}$${code}`);
      wanted.set(tag, codes);
    }
    wantedCodes.set(fields, wanted);
  }
  return wanted;
}

/**
 * A word seen once in the whole catalog that is one letter away from a word
 * seen many times in the same field ("Қазақтан" next to a hundred
 * "Қазақстан" in 650 $a) is most likely a typing mistake: it hides the record
 * from the subject or title search. Only reported, never fixed: a rare word
 * can be right (a surname, a place).
 */
export default defineCrossRule({
  meta: {
    id: 'probable-misprint',
    family: 'misprints',
    description: 'A word that occurs once in a field across the catalog and is one letter away from a frequent word of the same field is probably a misprint.',
    severity: 'warning',
    fixable: false,
    flavours: ['marc21', 'unimarc'],
    options: z.object({
      /** The fields and subfields whose words are counted, as "tag$code". */
      fields: z.array(z.string().regex(/^[0-9A-Za-z]{3}\$[0-9a-z]$/u)).default([...MISPRINT_FIELDS]),
      /** A word seen at most this many times in its field is rare. */
      rareMax: z.number().int().min(1).default(1),
      /** A word seen at least this many times in its field is frequent. */
      frequentMin: z.number().int().min(2).default(5),
      /** Shorter words are not counted: short words are too often one letter apart. */
      minLength: z.number().int().min(1).default(4),
    }),
    messages: {
      misprint: 'Probable misprint "{word}": the catalog has "{suggestion}" {count} times in the same field',
    },
  },
  strategy: 'misprints',
  thresholds: (options) => ({ rareMax: options.rareMax, frequentMin: options.frequentMin }),
  words(record, { options }) {
    const wanted = wantedOf(options.fields);
    const out: CountedWord[] = [];
    const found: string[] = [];
    const fields = record.fields;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (field.kind !== 'data') continue;
      const codes = wanted.get(field.tag);
      if (!codes) continue;
      for (const sf of field.subfields) {
        const scope = codes.get(sf.code);
        if (scope === undefined) continue;
        found.length = 0;
        countedWords(sf.value, options.minLength, found);
        for (const word of found) out.push({ scope, word, field: index, subfield: sf.code });
      }
    }
    return out;
  },
});
