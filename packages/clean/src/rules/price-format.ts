import { COPY_LAYOUTS, type CopyLayout, LAYOUT_SPECS, copyFields } from '@kitap/holdings';
import { subfieldValue, withSubfieldValue, type DataField, type Field } from '@kitap/marc';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';

const SPACE = '[ \\u00A0\\u202F]';
const TENGE = new RegExp(`^(?:(?:kzt|₸)${SPACE}*)?(.*?)(?:${SPACE}*(?:тг|тнг|тңг|тенге|теңге)\\.?|${SPACE}*(?:kzt|₸))?$`, 'isu');
/** Other currencies a price turns up in; the amount is not converted. */
const OTHER_CURRENCY = new RegExp(`^(.*?)${SPACE}*(руб\\.?|рублей|рубля|рубль|р\\.|rub|₽|usd|\\$|eur|€|сом|сум)$`, 'isu');

/** Thousands grouped by spaces: "1 500", "1 500 000,50". */
const SPACE_GROUPED = new RegExp(`^(\\d{1,3}(?:${SPACE}\\d{3})+)(?:[.,](\\d{1,2}))?$`, 'u');
/** A price already in canonical form and above zero, as almost every price is: "1500", "1680.09", "1500.5". */
const PLAIN_PRICE = /^[1-9]\d*(?:\.\d\d?)?$/;

/** The amount a price is written in, as strings: never a float. */
export type PriceReading =
  | { kind: 'amount'; canonical: string; tiyn: bigint; negative: boolean }
  | { kind: 'currency'; currency: string }
  | { kind: 'ambiguous' }
  | { kind: 'malformed' };

/** Reads "1500", "1500.00", "1 500,50 тг.", "1.500.000", "1,500.50"; the canonical form is "1500.50". */
export function readPrice(raw: string): PriceReading {
  const value = raw.trim();
  const other = OTHER_CURRENCY.exec(value);
  if (other) return { kind: 'currency', currency: other[2]! };
  // `s`: a value with a line break in it ("1680\n09") is read whole, and is malformed, not a crash.
  const tenge = TENGE.exec(value);
  if (tenge === null) return { kind: 'malformed' };
  let amount = tenge[1]!.trim();
  const negative = /^[-−–]/u.test(amount);
  if (negative) amount = amount.slice(1).trim();
  let whole: string;
  let fraction = '';
  let m: RegExpExecArray | null;
  if ((m = /^(\d+)(?:[.,](\d{1,2}))?$/u.exec(amount))) [whole, fraction] = [m[1]!, m[2] ?? ''];
  else if ((m = SPACE_GROUPED.exec(amount))) [whole, fraction] = [m[1]!.replace(/\D/gu, ''), m[2] ?? ''];
  else if ((m = /^(\d{1,3}(?:\.\d{3})+),(\d{1,2})$/u.exec(amount)) || (m = /^(\d{1,3}(?:,\d{3})+)\.(\d{1,2})$/u.exec(amount))) [whole, fraction] = [m[1]!.replace(/\D/gu, ''), m[2]!];
  else if ((m = /^(\d{1,3}(?:\.\d{3}){2,})$/u.exec(amount)) || (m = /^(\d{1,3}(?:,\d{3}){2,})$/u.exec(amount))) whole = m[1]!.replace(/\D/gu, '');
  else if (/^\d{1,3}[.,]\d{3}$/u.test(amount)) return { kind: 'ambiguous' };
  else return { kind: 'malformed' };
  whole = whole.replace(/^0+(?=\d)/u, '');
  const canonical = fraction ? `${whole}.${fraction}` : whole;
  return { kind: 'amount', canonical, tiyn: BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0')), negative };
}

/**
 * Copy prices add up in the accession register and in write-off acts (in
 * tenge, two decimals for tiyn), so each must be a plain amount a program can
 * sum exactly: "1 500,50 тг." becomes "1500.50". A price in another currency
 * is reported and left alone: kitap does not convert it. A zero or negative
 * price is reported for a person to check against the receipt act.
 */
export default defineRule({
  meta: {
    id: 'price-format',
    family: 'copies',
    description: 'A copy price (949 $c, 876 $c, 910 $e, 952 $g, 995 $p) must be an amount in tenge with at most two decimals, such as "1500.50".',
    severity: 'warning',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({
      layouts: z.array(z.enum(COPY_LAYOUTS)).default([...COPY_LAYOUTS]),
    }),
    messages: {
      format: 'Price {value} in {tag} ${code} is not written as a plain amount in tenge, expected {expected}',
      ambiguous: 'Price {value} in {tag} ${code} is ambiguous: the separator may mark thousands or decimals',
      malformed: 'Price {value} in {tag} ${code} is not an amount in tenge with at most two decimals',
      currency: 'Price {value} in {tag} ${code} is in {currency}, not in tenge; it is not converted',
      zero: 'Price {value} in {tag} ${code} is zero',
      negative: 'Price {value} in {tag} ${code} is negative',
    },
  },
  check(record, { options }) {
    // Most records have only plain, positive prices: proved in one pass over the fields, with nothing made.
    if (allPricesPlain(record.fields, priceCodes(options.layouts))) return [];
    const reports: RuleReport[] = [];
    for (const copy of copyFields(record, options.layouts)) {
      const price = copy.price;
      if (!price || price.value.trim() === '') continue; // an empty subfield is empty-subfield's business
      const field = record.fields[price.field] as DataField;
      const data = { value: price.value, tag: field.tag, code: price.code };
      const at = { field: price.field, subfield: price.code, actual: price.value };
      const reading = readPrice(price.value);
      if (reading.kind === 'currency') reports.push({ messageId: 'currency', data: { ...data, currency: reading.currency }, ...at });
      else if (reading.kind === 'ambiguous' || reading.kind === 'malformed') reports.push({ messageId: reading.kind, data, ...at });
      else if (reading.negative) reports.push({ messageId: 'negative', data, ...at });
      else if (reading.tiyn === 0n) reports.push({ messageId: 'zero', data, ...at });
      else if (reading.canonical !== price.value) {
        const fixed = withSubfieldValue(field, price.code, reading.canonical);
        reports.push({ messageId: 'format', data: { ...data, expected: reading.canonical }, ...at, expected: reading.canonical, fix: [{ op: 'replace', field: price.field, with: fixed }] });
      }
    }
    return reports;
  },
});

const codesFor = new WeakMap<readonly CopyLayout[], ReadonlyMap<string, string>>();

/** The price subfield of each copy tag of the layouts (layouts without a price left out), worked out once per list. */
function priceCodes(layouts: readonly CopyLayout[]): ReadonlyMap<string, string> {
  let codes = codesFor.get(layouts);
  if (codes === undefined) {
    const made = new Map<string, string>();
    for (const layout of layouts) {
      const spec = LAYOUT_SPECS[layout];
      if (spec.price !== undefined) made.set(spec.tag, spec.price);
    }
    codes = made;
    codesFor.set(layouts, codes);
  }
  return codes;
}

/**
 * True when every copy field's price is absent, blank or already a plain positive amount ("1500.50"),
 * so the check has nothing to report. False sends the record through the full check.
 */
function allPricesPlain(fields: readonly Field[], codes: ReadonlyMap<string, string>): boolean {
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (f.kind !== 'data') continue;
    const code = codes.get(f.tag);
    if (code === undefined) continue;
    const price = subfieldValue(f, code);
    if (price !== undefined && !PLAIN_PRICE.test(price) && price.trim() !== '') return false;
  }
  return true;
}
