import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TIYN, formatMoney, formatMoneyDecimal, parseMoney } from '../src/index.js';

function tiyn(text: string): number | undefined {
  const r = parseMoney(text);
  return r.ok ? r.tiyn : undefined;
}

describe('parseMoney', () => {
  it('reads prices as catalogs, acts and spreadsheets write them', () => {
    expect(tiyn('1200')).toBe(120000);
    expect(tiyn('1200.5')).toBe(120050);
    expect(tiyn('1 200,00')).toBe(120000);
    expect(tiyn('1\u00a0200,00')).toBe(120000);
    expect(tiyn('1\u202f200,00')).toBe(120000);
    expect(tiyn('1200,00 тг')).toBe(120000);
    expect(tiyn('1200 тг.')).toBe(120000);
    expect(tiyn('1 200,00 тенге')).toBe(120000);
    expect(tiyn('KZT 1200.00')).toBe(120000);
    expect(tiyn('4 150,00 ₸')).toBe(415000);
    expect(tiyn('1.200,50')).toBe(120050);
    expect(tiyn('1,200.50')).toBe(120050);
    expect(tiyn('450.27')).toBe(45027);
    expect(tiyn('0,5')).toBe(50);
    expect(tiyn(' 2 537,00 ')).toBe(253700);
  });

  it('takes a mark before exactly three digits as a thousands separator', () => {
    expect(tiyn('1,200')).toBe(120000);
    expect(tiyn('12.500')).toBe(1250000);
    expect(tiyn('1.200.300')).toBe(120030000);
  });

  it('accepts extra decimals only when they are zeros', () => {
    expect(tiyn('12.5000')).toBe(1250);
    expect(parseMoney('12.5010')).toMatchObject({ ok: false, reason: expect.stringContaining('two decimals') });
  });

  it('rejects what is not a price, saying why', () => {
    expect(parseMoney('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseMoney('тг')).toMatchObject({ ok: false });
    expect(parseMoney('-1200')).toMatchObject({ ok: false, reason: expect.stringContaining('negative') });
    expect(parseMoney('−1 200,00')).toMatchObject({ ok: false, reason: expect.stringContaining('negative') });
    expect(parseMoney('бесплатно')).toMatchObject({ ok: false });
    expect(parseMoney('12 00')).toMatchObject({ ok: false, reason: expect.stringContaining('grouped') });
    expect(parseMoney('1.200,300')).toMatchObject({ ok: false });
    expect(parseMoney('1,200,50')).toMatchObject({ ok: false, reason: expect.stringContaining('both') });
    expect(parseMoney('0.125')).toMatchObject({ ok: false });
    expect(parseMoney('1200.')).toMatchObject({ ok: false });
  });

  it('rejects amounts above 10^12 KZT and accepts 10^12 itself', () => {
    expect(tiyn('1000000000000')).toBe(MAX_TIYN);
    expect(tiyn('1 000 000 000 000,00')).toBe(MAX_TIYN);
    expect(parseMoney('1000000000000,01')).toMatchObject({ ok: false });
    expect(parseMoney('99999999999999')).toMatchObject({ ok: false });
  });
});

describe('formatMoney', () => {
  it('prints money as Kazakh acts do, and as MARC subfields and CSV want it', () => {
    expect(formatMoney(120000)).toBe('1 200,00');
    expect(formatMoney(415000)).toBe('4 150,00');
    expect(formatMoney(5)).toBe('0,05');
    expect(formatMoney(123456789)).toBe('1 234 567,89');
    expect(formatMoney(-120000)).toBe('-1 200,00');
    expect(formatMoneyDecimal(120000)).toBe('1200.00');
    expect(formatMoneyDecimal(45027)).toBe('450.27');
    expect(formatMoneyDecimal(0)).toBe('0.00');
  });

  it('refuses fractional tiyn', () => {
    expect(() => formatMoney(1.5)).toThrow(RangeError);
    expect(() => formatMoneyDecimal(0.1 + 0.2)).toThrow(RangeError);
  });

  it('round-trips every amount through both formats', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_TIYN }), (t) => {
        expect(parseMoney(formatMoney(t))).toEqual({ ok: true, tiyn: t });
        expect(parseMoney(formatMoneyDecimal(t))).toEqual({ ok: true, tiyn: t });
      }),
    );
  });

  it('never returns a fractional or negative number of tiyn', () => {
    const chars = fc.constantFrom(...'0123456789 ,.\u00a0-тгKZ'.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 20 }).map((a) => a.join('')), (text) => {
        const r = parseMoney(text);
        if (r.ok) {
          expect(Number.isInteger(r.tiyn)).toBe(true);
          expect(r.tiyn).toBeGreaterThanOrEqual(0);
          expect(r.tiyn).toBeLessThanOrEqual(MAX_TIYN);
        }
      }),
    );
  });
});
