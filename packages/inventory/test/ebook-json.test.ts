import { BranchDirectory, KARAGANDA_CBS } from '@kitap/holdings';
import { KitapError } from '@kitap/core';
import { describe, expect, it } from 'vitest';
import { EbookJson } from '../src/ebook-json.js';
import { webRabisEbookSchema } from '../src/web-rabis-ebook.js';

const ebooks = (): EbookJson => new EbookJson(BranchDirectory.fromJson(KARAGANDA_CBS));
const kitap = { action: 'create' as const, controlNumber: 'inv-000001', sourceLines: [4, 5] };
const edition = { title: 'Абай жолы: роман-эпопея', author: 'Әуезов М.', year: 1997, publisher: 'Жазушы', place: 'Алматы', language: 'kaz' };
const copy = (inventoryNumber: string, barcode?: string) => ({ inventoryNumber, branch: 'CGB', department: 'ABON', status: 'available' as const, ...(barcode === undefined ? {} : { barcode }) });

describe('EbookJson', () => {
  it('writes a document that parses, fits the schema and gives back the same text', () => {
    const line = ebooks().json(edition, [copy('12345'), copy('12346', '0001234')], kitap);
    const parsed = webRabisEbookSchema.parse(JSON.parse(line));
    expect(JSON.stringify(parsed)).toBe(line);
    expect(parsed.inv.map((i) => i.invNumber)).toEqual(['12345', '12346']);
  });

  it('stops with E_INTERNAL, naming the source lines, when a document would not fit the schema', () => {
    const run = (f: () => unknown): KitapError => {
      try {
        f();
      } catch (error) {
        return error as KitapError;
      }
      throw new Error('no error');
    };
    const e = ebooks();
    e.json(edition, [copy('1')], kitap); // the place is known from here on
    const noTitle = run(() => e.json({ ...edition, title: '' }, [copy('2')], kitap));
    expect(noTitle.code).toBe('E_INTERNAL');
    expect(noTitle.message).toMatch(/title.*lines 4, 5/);
    const emptyNumber = run(() => e.json(edition, [copy('')], kitap));
    expect(emptyNumber.code).toBe('E_INTERNAL');
    const emptyBarcode = run(() => e.json(edition, [copy('3', '')], kitap));
    expect(emptyBarcode.message).toMatch(/inv\.barcode/);
    expect(run(() => e.json(edition, [], kitap)).message).toMatch(/at inv: no copies/);
  });
});
