/**
 * fast-check generators of well-formed records with Kazakh and Russian content,
 * for the format round-trip properties and as seeds of the mutation fuzzers.
 *
 * What a generated record is (and why):
 * - the leader has valid structural positions (00-04 and 12-16 digits, 09 `a`
 *   or blank, 10-11 `22`, 20-23 `4500`); the other positions are printable
 *   ASCII, mostly letters, digits and blanks but also `\ $ { } < > & " ' # =`,
 *   which the text formats must escape;
 * - at least one field (an ISO2709 record without fields is `E_NO_FIELDS` on
 *   reading), in any order: tags 001-009 are control fields, 010-999 data
 *   fields with indicators from [0-9a-z ] and one to six subfields with codes
 *   [a-z0-9] (MARCXML needs one subfield per data field);
 * - values may be empty (every codec carries an empty value: ISO2709 as a
 *   delimiter and code with no data, MARCXML as an empty element, MiJ as "",
 *   mnemonic text as `$a` followed by the next `$` or the end of the line);
 * - values mix Kazakh letters, Russian, Latin, digits, punctuation that each
 *   format escapes, spaces (also leading, trailing and doubled), a combining
 *   mark, an astral character and mnemonic-looking text (`{dollar}` …), but never
 *   a MARC delimiter (0x1D-0x1F) or any other C0 control: no format but MiJ
 *   could carry those.
 */
import fc from 'fast-check';
import { type Field, controlField, dataField } from '../../src/record/field.js';
import { Leader } from '../../src/record/leader.js';
import { MarcRecord } from '../../src/record/record.js';

export const KAZAKH_LETTERS = 'ӘәҒғҚқҢңӨөҰұҮүҺһІі';
const russian = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя';
const latin = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';
const punctuation = ' .,:;/-=()[]?!"\'&<>${}\\#%*+@^_`|~';

/** Pieces that stress one codec or another. */
const tricky = [
  '{dollar}', '{lcub}', '{rcub}', '{bsol}', '{esc}', '{acute}', '{text}', '{', '}', '$', '$a', '\\', '\\\\',
  '&amp;', '&lt;', '&#13;', ']]>', '<![CDATA[', '<!--', '"', "'", '<record>', '</subfield>',
  '=LDR  ', '#', '\u0438\u0306' /* и + combining breve */, '\u00a0', '\u2028', '\ud834\udd1e' /* 𝄞 */, 'ё', '«»', '№', '—',
];

const chars = (text: string) => fc.constantFrom(...text);

export const valueArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: chars(KAZAKH_LETTERS) },
      { weight: 4, arbitrary: chars(russian) },
      { weight: 3, arbitrary: chars(latin) },
      { weight: 2, arbitrary: chars(digits) },
      { weight: 2, arbitrary: chars(punctuation) },
      { weight: 2, arbitrary: fc.constantFrom(' ', '  ') },
      { weight: 1, arbitrary: fc.constantFrom(...tricky) },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

const leaderCharArb = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789 ') },
  { weight: 1, arbitrary: fc.constantFrom(...'\\${}<>&"\'#=|ABCZ') },
);
const digitArb = fc.constantFrom(...digits);

export const leaderArb: fc.Arbitrary<Leader> = fc
  .tuple(
    fc.array(digitArb, { minLength: 5, maxLength: 5 }),
    fc.array(leaderCharArb, { minLength: 4, maxLength: 4 }),
    fc.constantFrom('a', ' '),
    fc.array(digitArb, { minLength: 5, maxLength: 5 }),
    fc.array(leaderCharArb, { minLength: 3, maxLength: 3 }),
  )
  .map(([len, p5, p9, base, p17]) => new Leader(`${len.join('')}${p5.join('')}${p9}22${base.join('')}${p17.join('')}4500`));

const indicatorArb = fc.constantFrom(...'0123456789abcdefghijklmnopqrstuvwxyz   ');
const codeArb = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789');

export const controlFieldArb: fc.Arbitrary<Field> = fc
  .record({ n: fc.integer({ min: 1, max: 9 }), value: valueArb })
  .map(({ n, value }) => controlField(`00${n}`, value));

export const dataFieldArb: fc.Arbitrary<Field> = fc
  .record({
    tag: fc.integer({ min: 10, max: 999 }).map((n) => String(n).padStart(3, '0')),
    ind1: indicatorArb,
    ind2: indicatorArb,
    subfields: fc.array(fc.record({ code: codeArb, value: valueArb }), { minLength: 1, maxLength: 6 }),
  })
  .map(({ tag, ind1, ind2, subfields }) => dataField(tag, ind1, ind2, subfields));

export const fieldsArb: fc.Arbitrary<Field[]> = fc.array(fc.oneof({ weight: 1, arbitrary: controlFieldArb }, { weight: 3, arbitrary: dataFieldArb }), {
  minLength: 1,
  maxLength: 14,
});

export const recordArb: fc.Arbitrary<MarcRecord> = fc.tuple(leaderArb, fieldsArb).map(([leader, fields]) => new MarcRecord(leader, fields));

/** Several records (a file). */
export const recordsArb: fc.Arbitrary<MarcRecord[]> = fc.array(recordArb, { minLength: 1, maxLength: 4 });

/** `n` records drawn with a fixed seed (the mutation fuzzers' well-formed seeds). */
export function sampleRecords(seed: number, n: number): MarcRecord[] {
  return fc.sample(recordArb, { seed, numRuns: n });
}
