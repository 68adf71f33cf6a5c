import { BranchDirectory, KARAGANDA_CBS } from '@kitap/holdings';
import { describe, expect, it } from 'vitest';
import { type ColumnId, type CopyRow, type RejectRow, classifyRow, divide, inventoryOptions, parseMapping, resolveColumns } from '../src/index.js';

const HEADER = ['№ п/п', 'Инв. №', 'Автор', 'Заглавие', 'Год издания', 'Издательство', 'ISBN', 'ББК', 'Цена', 'Кол-во', 'Сумма', 'Дата поступления', '№ КСУ', 'Филиал', 'Язык'];
const mapping = parseMapping({});
const ctx = {
  columns: resolveColumns(HEADER, 3, mapping).columns,
  branches: BranchDirectory.fromJson(KARAGANDA_CBS),
  inventoryNumbers: inventoryOptions(mapping),
  totals: mapping.totals.map((t) => new RegExp(t, 'iu')),
  defaults: {},
};

type Cells = Partial<Record<'n' | 'inv' | 'author' | 'title' | 'year' | 'publisher' | 'isbn' | 'bbk' | 'price' | 'qty' | 'sum' | 'date' | 'ksu' | 'branch' | 'lang', string>>;
const ORDER = ['n', 'inv', 'author', 'title', 'year', 'publisher', 'isbn', 'bbk', 'price', 'qty', 'sum', 'date', 'ksu', 'branch', 'lang'] as const;
const BASE: Cells = { n: '1', inv: '48213', author: 'Әуезов М.', title: 'Абай жолы', year: '1987', publisher: 'Алматы: Жазушы', price: '1 200,00', qty: '1', sum: '1 200,00', date: '12.03.1990', ksu: '14/1990', branch: 'ЦГБ', lang: 'каз' };

function classify(over: Cells = {}, line = 4) {
  const cells = ORDER.map((k) => ({ ...BASE, ...over })[k] ?? '');
  return classifyRow({ line, cells, raw: cells.join(';') }, ctx);
}

function copies(over: Cells = {}): CopyRow {
  const out = classify(over);
  expect(out.kind, JSON.stringify(out)).toBe('copies');
  return out as CopyRow;
}

function rejected(over: Cells): RejectRow {
  const out = classify(over);
  expect(out.kind, JSON.stringify(out)).toBe('reject');
  return out as RejectRow;
}

describe('a row of a 1C export', () => {
  it('becomes one copy with its edition, branch code and price in tiyn', () => {
    const row = copies();
    expect(row.copies).toEqual([{ inventoryNumber: '48213', key: '48213', price: 120000 }]);
    expect(row.branch).toBe('CGB');
    expect(row.edition).toEqual({ title: 'Абай жолы', author: 'Әуезов М.', year: 1987, place: 'Алматы', publisher: 'Жазушы', language: 'kaz' });
    expect(row).toMatchObject({ dateReceived: '1990-03-12', batch: '14/1990', money: 120000, expanded: false, lostLetters: 0 });
  });

  it('keeps «№11» and «№11 д.» apart, and reads the spellings exports use', () => {
    expect(copies({ branch: 'Ф-л №11' }).branch).toBe('F11');
    expect(copies({ branch: 'библиотека-филиал №11 д.' }).branch).toBe('D11');
    expect(copies({ branch: 'ДБФ №15' }).branch).toBe('D15');
    expect(copies({ branch: '№1 юн.' }).branch).toBe('Y01');
  });

  it('expands a range of inventory numbers into one copy per number, keeping the zero padding', () => {
    const row = copies({ inv: '050101-050103', qty: '3', price: '900,00', sum: '2 700,00' });
    expect(row.copies.map((c) => c.inventoryNumber)).toEqual(['050101', '050102', '050103']);
    expect(row).toMatchObject({ expanded: true, money: 270000 });
  });

  it('divides a sum without a price over the copies to the tiyn', () => {
    const row = copies({ inv: '50110–50112', qty: '', price: '', sum: '1 000,00' });
    expect(row.copies.map((c) => c.price)).toEqual([33334, 33333, 33333]);
    expect(divide(100, 3)).toEqual([34, 33, 33]);
    expect(row.money).toBe(100000);
  });

  it('splits a volume number off the title and the place off the publisher', () => {
    const row = copies({ title: 'Көшпенділер: тарихи трилогия. 3-т.' });
    expect(row.edition).toMatchObject({ title: 'Көшпенділер: тарихи трилогия', volume: '3-т.' });
  });

  it('counts Kazakh letters lost as «?» and still knows the language', () => {
    const row = copies({ author: '?уезов М.', title: '?аза? хал?ы', lang: '' });
    expect(row.lostLetters).toBe(4);
    expect(row.edition.language).toBe('kaz');
  });

  it('is a totals row when its first cell reads «Итого»', () => {
    expect(classify({ n: 'Итого:', inv: '', title: '', qty: '3', sum: '4 150,00' }).kind).toBe('total');
    expect(classify({ n: 'Барлығы', inv: '', title: '' }).kind).toBe('total');
  });

  it('is batch-level without inventory numbers: a batch of copies, or a money-only group card', () => {
    expect(classify({ inv: '', qty: '8', sum: '9 600,00' })).toMatchObject({ kind: 'batch', reason: 'no-inventory-numbers', copies: 8, money: 960000 });
    expect(classify({ inv: '', author: '', title: '', price: '', qty: '', sum: '170 801,25' })).toMatchObject({ kind: 'batch', reason: 'money-only', copies: 1, money: 17080125 });
  });

  it.each([
    [{ price: '1 2О0,00', sum: '' }, 'E_ROW_PRICE', 'price'],
    [{ price: '-150,00', sum: '' }, 'E_ROW_PRICE', 'price'],
    [{ price: '', sum: '' }, 'E_ROW_PRICE', 'price'],
    [{ branch: 'Ф-л №99' }, 'E_ROW_BRANCH_UNKNOWN', 'branch'],
    [{ branch: '№1' }, 'E_ROW_BRANCH_UNKNOWN', 'branch'],
    [{ branch: '' }, 'E_ROW_BRANCH_UNKNOWN', 'branch'],
    [{ title: '' }, 'E_ROW_TITLE_MISSING', 'title'],
    [{ date: '31.02.2019' }, 'E_ROW_DATE', 'dateReceived'],
    [{ year: '19877' }, 'E_ROW_YEAR', 'year'],
    [{ sum: '2 200,00' }, 'E_ROW_SUM', 'sum'],
    [{ qty: '0' }, 'E_ROW_QUANTITY', 'quantity'],
    [{ qty: '2,5' }, 'E_ROW_QUANTITY', 'quantity'],
    [{ qty: '2', sum: '' }, 'E_ROW_QUANTITY', 'quantity'],
    [{ inv: '50140-50142', qty: '4', sum: '' }, 'E_ROW_QUANTITY', 'quantity'],
    [{ inv: '48217-48213' }, 'E_ROW_INVENTORY_NUMBER', 'inventoryNumber'],
  ] as [Cells, string, ColumnId][])('rejects %o with %s naming the column', (over, code, column) => {
    const row = rejected(over);
    expect(row).toMatchObject({ code, column, line: 4 });
    expect(row.message.length).toBeGreaterThan(10);
  });

  it('counts the copies and money a rejected row claims, as the ledger needs them', () => {
    expect(rejected({ qty: '0' })).toMatchObject({ copies: 0, money: 120000 });
    expect(rejected({ qty: '2,5', sum: '' })).toMatchObject({ copies: 0, money: 0 });
    expect(rejected({ inv: '50140-50142', qty: '4', sum: '' })).toMatchObject({ copies: 4, money: 480000 });
    expect(rejected({ branch: 'Ф-л №99' })).toMatchObject({ copies: 1, money: 120000, branch: '?' });
  });
});
