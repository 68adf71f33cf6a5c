import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KitapError } from '@kitap/core';
import { readMij } from '../../src/mij/reader.js';
import { mijEncoder, mijRecord } from '../../src/mij/writer.js';
import { dataField, subfields } from '../../src/record/field.js';
import { Leader } from '../../src/record/leader.js';
import { MarcRecord } from '../../src/record/record.js';
import { abaiRecord, encodeAll, readAll, recordArb, records, shape, tolstoyRecord, utf8 } from '../marcxml/helpers.js';

describe('mijEncoder', () => {
  it('writes the code4lib MARC-in-JSON shape, raw UTF-8', () => {
    expect(JSON.parse(mijRecord(abaiRecord()))).toEqual({
      leader: '00000nam a2200000 i 4500',
      fields: [
        { '001': 'KZ-ЦГБ-000123' },
        { '008': '240115s2023    kz a          000 1 kaz d' },
        { '020': { ind1: ' ', ind2: ' ', subfields: [{ a: '978-601-7000-00-0' }, { c: '1500 тг.' }] } },
        { '041': { ind1: '0', ind2: ' ', subfields: [{ a: 'kaz' }] } },
        { '100': { ind1: '1', ind2: ' ', subfields: [{ a: 'Әуезов, Мұхтар' }, { d: '1897-1961.' }] } },
        { '245': { ind1: '1', ind2: '0', subfields: [{ a: 'Абай жолы :' }, { b: 'роман-эпопея /' }, { c: 'М. Әуезов.' }] } },
        { '260': { ind1: ' ', ind2: ' ', subfields: [{ a: 'Алматы :' }, { b: 'Жазушы,' }, { c: '2023.' }] } },
        { '650': { ind1: ' ', ind2: '7', subfields: [{ a: 'Қазақ әдебиеті' }, { '2': 'rubbk' }] } },
        { '949': { ind1: ' ', ind2: ' ', subfields: [{ a: 'ЦГБ' }, { b: 'КХ-00123' }, { c: '1500.00' }] } },
      ],
    });
    expect(mijRecord(abaiRecord())).toContain('"Абай жолы :"');
  });

  it('a collection is one JSON array (also with no or one record); NDJSON is one record per line', () => {
    for (const recs of [[], [abaiRecord()], [abaiRecord(), tolstoyRecord(), abaiRecord()]]) {
      const text = encodeAll(mijEncoder({ ndjson: false }), recs);
      expect(JSON.parse(text)).toHaveLength(recs.length);
      const lines = encodeAll(mijEncoder({ ndjson: true }), recs);
      expect(lines.split('\n').filter(Boolean).map((l) => JSON.parse(l).leader)).toEqual(recs.map((r) => r.leader.value));
    }
  });

  it('a record that cannot be written throws and leaves no stray comma', () => {
    const encoder = mijEncoder();
    const bad = new MarcRecord(Leader.DEFAULT, [dataField('245', 'á', '0', subfields('a', 'x'))]);
    let text = encoder.header;
    for (const [i, r] of [abaiRecord(), bad, tolstoyRecord()].entries()) {
      try {
        text += encoder.encode(r, i);
      } catch (error) {
        expect(error).toBeInstanceOf(KitapError);
        expect((error as KitapError).code).toBe('E_INDICATOR');
      }
    }
    text += encoder.footer;
    expect(JSON.parse(text)).toHaveLength(2);
  });

  it('round-trips Kazakh and Russian records (write → read) in both layouts', async () => {
    const recs = [abaiRecord(), tolstoyRecord()];
    for (const ndjson of [false, true]) {
      const back = records(await readAll(readMij, utf8(encodeAll(mijEncoder({ ndjson }), recs)), { mode: 'strict' }));
      expect(back.map(shape)).toEqual(recs.map(shape));
    }
  });

  it('property: generated records survive write → read exactly, as an array and as NDJSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordArb, { maxLength: 3 }), fc.boolean(), async (recs, ndjson) => {
        const text = encodeAll(mijEncoder({ ndjson }), recs);
        const back = await readAll(readMij, utf8(text), { mode: 'strict' });
        expect(records(back).map(shape)).toEqual(recs.map(shape));
      }),
      { numRuns: 200 },
    );
  });
});
