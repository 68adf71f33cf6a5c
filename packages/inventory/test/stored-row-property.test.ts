import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CopyRow, EditionData } from '../src/classify-row.js';
import { CopyRowReader, copyRowData, editionJson } from '../src/stored-row.js';

/*
 * Review: a row of copies written to row_text and read back is the row, value
 * for value (all but its raw text and byte offset, which stay in the store),
 * whatever its optional values, money and text.
 */

const text = fc.oneof(
  fc.string(),
  fc.constantFrom('', ' ', 'Әуезов М.', 'Қазақстан тарихы', 'ӘәҒғҚқҢңӨөҰұҮүҺһІі', '"«»„“”\\\u0000\u2028', '?аза? хал?ы', 'null', '0'),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const edition: fc.Arbitrary<EditionData> = fc
  .record({
    title: text,
    author: optional(text),
    volume: optional(text),
    year: optional(fc.integer({ min: 1000, max: 2100 })),
    publisher: optional(text),
    place: optional(text),
    isbn: optional(text),
    bbk: optional(text),
    udc: optional(text),
    language: optional(fc.constantFrom('kaz', 'rus', 'eng')),
  })
  .map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as unknown as EditionData);

const copyRow: fc.Arbitrary<CopyRow> = fc
  .record({
    line: fc.integer({ min: 1, max: 10_000_000 }),
    branch: text,
    branchText: text,
    department: optional(text),
    copies: fc.array(fc.record({ inventoryNumber: text, key: text, price: fc.integer({ min: 0, max: 2 ** 50 }) }), { minLength: 1, maxLength: 5 }),
    expanded: fc.boolean(),
    edition,
    lostLetters: fc.nat(50),
    dateReceived: optional(text),
    batch: optional(text),
    barcode: optional(text),
    source: optional(text),
    receiptAct: optional(text),
    note: optional(text),
  })
  .map((r) => {
    const row = { ...r, raw: 'raw', kind: 'copies' as const, money: r.copies.reduce((a, c) => a + c.price, 0), edition: Object.freeze(r.edition) };
    return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as unknown as CopyRow;
  });

describe('stored rows of copies', () => {
  it('read back value for value, optional values kept or left out, in any order of rows', () => {
    fc.assert(
      fc.property(fc.array(copyRow, { minLength: 1, maxLength: 6 }), (rows) => {
        const reader = new CopyRowReader();
        for (const row of rows) {
          const back = reader.read({ line: row.line, data: copyRowData(row), edition: editionJson(row.edition) });
          expect(back).toEqual({ ...row, raw: '' });
          expect(Object.keys(back).sort()).toEqual(Object.keys({ ...row, raw: '' }).sort());
        }
      }),
      { numRuns: 3000 },
    );
  });
});
