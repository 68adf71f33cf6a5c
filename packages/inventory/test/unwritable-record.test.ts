import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dedupConfigSchema } from '@kitap/dedup';
import { BranchDirectory, KARAGANDA_CBS } from '@kitap/holdings';
import { MarcRecord, readIso2709All, writeIso2709 } from '@kitap/marc';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseMapping, runInventory } from '../src/index.js';
import { scratch } from './run-small-export.js';

const dir = scratch('unwritable');

/** A catalog record as an old conversion left it: a stray ESC in its title (ISO2709 in UTF-8 cannot carry it). */
function catalogRecord(id: string, isbn: string, title: string): MarcRecord {
  return new MarcRecord('00000nam a2200000 i 4500', [
    { kind: 'control', tag: '001', value: id },
    { kind: 'data', tag: '020', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: isbn }] },
    { kind: 'data', tag: '100', ind1: '1', ind2: ' ', subfields: [{ code: 'a', value: 'Әуезов, М.' }] },
    { kind: 'data', tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: title }] },
    { kind: 'data', tag: '260', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'Алматы' }, { code: 'b', value: 'Жазушы' }, { code: 'c', value: '2010' }] },
  ]);
}

describe('a record that cannot be written as ISO2709', () => {
  it('turns the rows whose copies it was to take into rejects with the reason, and the run and the ledger go on', async () => {
    const catalog = join(dir, 'catalog.mrc');
    const bad = catalogRecord('KAT0001', '9786017000011', 'Абай жолы\u001b(B');
    const good = catalogRecord('KAT0002', '9786017000028', 'Көксерек');
    writeFileSync(catalog, Buffer.concat([writeIso2709(bad, { keepEsc: true }), writeIso2709(good)]));
    const input = join(dir, 'export.csv');
    writeFileSync(
      input,
      [
        'Инв. №;Автор;Заглавие;ISBN;Цена;Филиал',
        '10001;Әуезов М.;Абай жолы;978-601-7000-01-1;1500,00;ЦГБ',
        '10002;Әуезов М.;Көксерек;978-601-7000-02-8;800,00;ЦГБ',
        '10003;Әуезов М.;Абай жолы;978-601-7000-01-1;1500,00;ЦГБ',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'out');
    const run = () =>
      runInventory({
        input,
        out,
        catalog,
        mapping: parseMapping({}),
        layout: '852/876',
        flavour: 'marc21',
        branches: BranchDirectory.fromJson(KARAGANDA_CBS),
        dedup: dedupConfigSchema.parse({}),
      });
    const result = await run();
    const rejects = (parse(readFileSync(join(out, 'rejects.csv'), 'utf8').replace(/^\ufeff/, '')) as string[][]).slice(1);
    expect(rejects.map((r) => [r[0], r[2], r[5]])).toEqual([
      ['2', 'E_ESC_IN_DATA', 'catalog KAT0001'],
      ['4', 'E_ESC_IN_DATA', 'catalog KAT0001'],
    ]);
    expect(rejects[0]?.[4]).toMatch(/catalog record KAT0001 \(record 1 of the catalog\), which this row's copies were to join, cannot be written as ISO2709: .*ESC/);
    expect(result.report.totals.rows).toMatchObject({ read: 3, mapped: 1, rejected: 2 });
    expect(result.report.totals.money).toMatchObject({ rejected: 300000 });
    expect(result.report.ledger.balanced).toBe(true);
    // The other catalog record got its copy.
    const written = (await readIso2709All(readFileSync(join(out, 'records.mrc')))).flatMap((i) => (i.kind === 'record' ? [i.record] : []));
    expect(written.map((r) => r.controlValue('001'))).toEqual(['KAT0002']);
    expect(readFileSync(join(out, 'web-rabis.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
    // Run again on the same folder (the job resumes): the same outputs.
    const files = ['records.mrc', 'rejects.csv', 'web-rabis.jsonl'].map((f) => readFileSync(join(out, f)));
    const again = await run();
    expect(again.report.totals).toEqual(result.report.totals);
    expect(['records.mrc', 'rejects.csv', 'web-rabis.jsonl'].map((f) => readFileSync(join(out, f)))).toEqual(files);
  }, 60_000);
});
