import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '@kitap/holdings';
import type { Act, ActLine } from '../../src/acts/act.js';
import { checkActs } from '../../src/acts/check-acts.js';
import { readActs } from '../../src/acts/read-acts.js';
import { BRANCHES, FLAT_HEADER, tempDir, toCsv } from './act-fixtures.js';

const dir = tempDir('check');

/** A write-off row of the flat layout. */
function row(act: string, date: string, inv: string, price: string, stated: [string, string] = ['', ''], branch = 'Ф-л №4'): string[] {
  return [act, date, 'write-off', 'ветхость', branch, '', inv, 'Әуезов М.', 'Абай жолы', '1987', price, ...stated];
}

describe('checkActs on act files', () => {
  it('finds exactly the planted problems and nothing in the clean act', async () => {
    const file = dir.write('planted.csv', toCsv([
      FLAT_HEADER,
      // 2-4: a clean act
      row('17', '10.10.2023', '48213', '1 200,00', ['3', '4 150,00'], '№15 д.'),
      row('17', '10.10.2023', '48214', '1 200,00', ['3', '4 150,00'], '№15 д.'),
      row('17', '10.10.2023', '51890', '1 750,00', ['3', '4 150,00'], '№15 д.'),
      // 5-7: states 4 copies for 3 lines
      row('30', '12.10.2023', '48301', '1 200,00', ['4', '3 600,00']),
      row('30', '12.10.2023', '48302', '1 200,00', ['4', '3 600,00']),
      row('30', '12.10.2023', '48303', '1 200,00', ['4', '3 600,00']),
      // 8-9: states a sum one tiyn off
      row('31', '13.10.2023', '48311', '2 075,00', ['2', '4 150,01']),
      row('31', '13.10.2023', '48312', '2 075,00', ['2', '4 150,01']),
      // 10-12: one copy twice, written two ways, and once more
      row('32', '14.10.2023', 'ЦГБ-45139', '980,00'),
      row('32', '14.10.2023', '45140', '980,00'),
      row('32', '14.10.2023', '45139', '980,00'),
      row('32', '14.10.2023', '0045139', '980,00'),
      // 14-15: numbers that are none
      row('33', '15.10.2023', 'б/н', '500,00'),
      row('33', '15.10.2023', '??', '500,00'),
      // 16-18: a date not on the calendar, no date, a date in the future
      row('34', '31.04.2023', '48341', '700,00'),
      row('35', '', '48351', '700,00'),
      row('36', '15.01.2026', '48361', '700,00'),
    ]));
    const { acts, problems } = await readActs([file], { branches: BRANCHES });
    expect(problems).toEqual([]);
    const findings = checkActs(acts, { asOf: '2025-12-31', branches: BRANCHES });
    expect(findings.map((f) => [f.ruleId, f.severity, f.place.line, f.actual, f.expected])).toEqual([
      ['ACT_TOTAL_MISMATCH', 'error', 5, '3', '4'],
      ['ACT_TOTAL_MISMATCH', 'error', 8, '4 150,00', '4 150,01'],
      ['INVENTORY_NUMBER_DUPLICATE', 'error', 12, '2 lines', '1 line'],
      ['INVENTORY_NUMBER_DUPLICATE', 'error', 13, '3 lines', '1 line'],
      ['INVENTORY_NUMBER_INVALID', 'error', 14, 'б/н', 'an inventory number such as 48213'],
      ['INVENTORY_NUMBER_INVALID', 'error', 15, '??', 'an inventory number such as 48213'],
      ['ACT_DATE_INVALID', 'error', 16, '31.04.2023', 'a date such as 10.10.2023'],
      ['ACT_DATE_INVALID', 'error', 17, '', 'a date such as 10.10.2023'],
      ['ACT_DATE_INVALID', 'error', 18, '2026-01-15', 'on or before 2025-12-31'],
    ]);
    expect(findings.every((f) => f.place.file === file)).toBe(true);
    const messages = findings.map((f) => f.message);
    expect(messages[0]).toBe('act № 30 of 12.10.2023: the act states 4 copies, its lines are 3 copies');
    expect(messages[1]).toBe('act № 31 of 13.10.2023: the act states a sum of 4 150,01 tenge, its lines sum to 4 150,00');
    expect(messages[2]).toBe('act № 32 of 14.10.2023: copy 45139 is listed twice — «45139» (line 12) and «ЦГБ-45139» (line 10)');
    expect(findings[2]?.related).toEqual({ file, line: 10 });
    expect(messages[3]).toBe('act № 32 of 14.10.2023: copy 45139 is listed 3 times — «0045139» (line 13) and «ЦГБ-45139» (line 10)');
    expect(messages[4]).toBe('act № 33 of 15.10.2023, line 14: the inventory number «б/н» cannot be read («б/н» says the copy has no number); the line cannot be matched to a copy');
    expect(messages[5]).toBe('act № 33 of 15.10.2023, line 15: the inventory number «??» cannot be read (unexpected character «?» in «??»); the line cannot be matched to a copy');
    expect(messages[6]).toBe('act № 34 of «31.04.2023»: «31.04.2023» is not a real date');
    expect(messages[7]).toBe('act № 35 of no date: the act has no date');
    expect(messages[8]).toBe('act № 36 of 15.01.2026: the act is dated in the future (after 31.12.2025)');
  });

  it('does not take one number in two acts, or in two libraries\' acts, for a duplicate', async () => {
    const file = dir.write('two-acts.csv', toCsv([FLAT_HEADER, row('40', '01.11.2023', '48213', '1 200,00'), row('41', '02.11.2023', '48213', '1 200,00'), row('40', '01.11.2023', '48213', '1 200,00', ['', ''], '№15 д.')]));
    const { acts } = await readActs([file], { branches: BRANCHES });
    expect(acts).toHaveLength(3);
    expect(checkActs(acts, { asOf: '2023-12-31' })).toEqual([]);
  });

  it('names the lines without a price when the sum does not add up', () => {
    const act = actOf([120_000, undefined, 175_000], { statedSum: 415_000, statedCopies: 3 });
    const findings = checkActs([act], { asOf: '2023-12-31' });
    expect(findings.map((f) => [f.ruleId, f.actual, f.expected])).toEqual([['ACT_TOTAL_MISMATCH', '2 950,00', '4 150,00']]);
    expect(findings[0]?.message).toBe('act № 17 of 10.10.2023: the act states a sum of 4 150,00 tenge, its lines sum to 2 950,00 (1 of them without a price)');
  });

  it('checks the date against today when no date is given, and refuses an asOf that is no date', () => {
    const future = actOf([100], { date: '2999-01-01' });
    expect(checkActs([future]).map((f) => f.ruleId)).toEqual(['ACT_DATE_INVALID']);
    expect(checkActs([actOf([100])])).toEqual([]);
    expect(() => checkActs([], { asOf: '31.12.2023' })).toThrow(RangeError);
  });
});

/** An act of the flat shape with one line per price (inventory numbers 48213, 48214 …). */
function actOf(prices: readonly (number | undefined)[], extra: Partial<Act> = {}): Act {
  const date = extra.date ?? '2023-10-10';
  const lines = prices.map((price, i): ActLine => {
    const line: ActLine = { file: 'acts.csv', line: i + 2, actNumber: '17', actDate: date, actType: 'write-off', reason: 'worn', inventoryNumber: String(48213 + i), inventoryKey: String(48213 + i) };
    if (price !== undefined) line.price = price;
    return line;
  });
  return { file: 'acts.csv', source: 'flat', number: '17', date, type: 'write-off', reason: 'worn', lines, ...extra };
}

describe('act sums are exact', () => {
  const prices = fc.array(fc.integer({ min: 1, max: 50_000_000 }), { minLength: 1, maxLength: 300 });

  it('finds no mismatch when the stated sum is the sum of the prices, to the tiyn', () => {
    fc.assert(
      fc.property(prices, (ps) => {
        const total = ps.reduce((a, b) => a + b, 0);
        expect(checkActs([actOf(ps, { statedSum: total, statedCopies: ps.length })], { asOf: '2023-12-31' })).toEqual([]);
      }),
    );
  });

  it('finds a stated sum off by any amount, showing both sums as printed', () => {
    fc.assert(
      fc.property(prices, fc.integer({ min: -1000, max: 1000 }).filter((d) => d !== 0), (ps, delta) => {
        const total = ps.reduce((a, b) => a + b, 0);
        fc.pre(total + delta >= 0);
        const findings = checkActs([actOf(ps, { statedSum: total + delta })], { asOf: '2023-12-31' });
        expect(findings.map((f) => [f.ruleId, f.actual, f.expected])).toEqual([['ACT_TOTAL_MISMATCH', formatMoney(total), formatMoney(total + delta)]]);
      }),
    );
  });

  it('reads back the sum of prices written as acts print them (1 200,00) in a CSV file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 99_999_999 }), { minLength: 1, maxLength: 40 }), async (ps) => {
        const total = ps.reduce((a, b) => a + b, 0);
        const rows = ps.map((p, i) => row('50', '20.11.2023', String(60000 + i), formatMoney(p), [String(ps.length), formatMoney(total)]));
        const file = dir.write('money.csv', toCsv([FLAT_HEADER, ...rows]));
        const { acts, problems } = await readActs([file], { branches: BRANCHES });
        expect(problems).toEqual([]);
        expect(acts[0]?.lines.map((l) => l.price)).toEqual(ps);
        expect(acts[0]?.statedSum).toBe(total);
        expect(checkActs(acts, { asOf: '2023-12-31' })).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
