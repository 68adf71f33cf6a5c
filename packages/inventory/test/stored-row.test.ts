import { describe, expect, it } from 'vitest';
import type { CopyRow } from '../src/classify-row.js';
import { CopyRowReader, copyRowData, editionJson } from '../src/stored-row.js';

const full: CopyRow = {
  line: 12,
  raw: '9;50101-50102;Әуезов М.;Абай жолы;1987;…',
  kind: 'copies',
  branch: 'F04',
  branchText: 'Ф-л №4',
  department: 'AB',
  copies: [
    { inventoryNumber: '50101', key: '50101', price: 40001 },
    { inventoryNumber: '50102', key: '50102', price: 40000 },
  ],
  money: 80001,
  expanded: true,
  edition: Object.freeze({ title: 'Абай жолы', author: 'Әуезов М.', year: 1987, volume: '2-т.', isbn: '5-605-00123-5', language: 'kaz' }),
  lostLetters: 0,
  dateReceived: '1988-01-15',
  batch: '3/1988',
  barcode: '0000123',
  source: 'покупка',
  receiptAct: 'акт 7',
  note: 'в переплёте',
};

const bare: CopyRow = {
  line: 13,
  raw: '10;48213;;?аза? хал?ы;;…',
  kind: 'copies',
  branch: 'CGB',
  branchText: 'ЦГБ',
  copies: [{ inventoryNumber: '48213', key: '48213', price: 100 }],
  money: 100,
  expanded: false,
  edition: Object.freeze({ title: '?аза? хал?ы' }),
  lostLetters: 3,
};

describe('rows of copies in the job store', () => {
  it('read back as they were classified, every optional value kept or left out, without their raw text', () => {
    const reader = new CopyRowReader();
    for (const row of [full, bare, full]) {
      const back = reader.read({ line: row.line, data: copyRowData(row), edition: editionJson(row.edition) });
      expect(back).toEqual({ ...row, raw: '' });
    }
  });

  it('make the JSON of an edition object once, and parse it once for a run of rows that share it', () => {
    expect(editionJson(full.edition)).toBe(editionJson(full.edition));
    const reader = new CopyRowReader();
    const stored = { line: 1, data: copyRowData(full), edition: editionJson(full.edition) };
    expect(reader.read(stored).edition).toBe(reader.read({ ...stored, line: 2 }).edition);
    expect(Object.isFrozen(reader.read(stored).edition)).toBe(true);
  });
});
