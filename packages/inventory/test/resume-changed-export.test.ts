import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dedupConfigSchema } from '@kitap/dedup';
import { BranchDirectory, KARAGANDA_CBS } from '@kitap/holdings';
import { describe, expect, it } from 'vitest';
import { parseMapping, runInventory } from '../src/index.js';
import { scratch } from './run-small-export.js';

const dir = scratch('resume-changed');

describe('an export corrected between two runs into the same folder', () => {
  it('is read again, even when it keeps its size and modification time (cp -p, an archive)', async () => {
    const input = join(dir, 'export.csv');
    const out = join(dir, 'out');
    const csv = (price: string): string => `Инв. №;Заглавие;Цена;Филиал\n70001;Абай жолы;${price};ЦГБ\n70002;Көшпенділер;800,00;ЦГБ\n`;
    const run = () => runInventory({ input, out, mapping: parseMapping({}), layout: '852/876', flavour: 'marc21', branches: BranchDirectory.fromJson(KARAGANDA_CBS), dedup: dedupConfigSchema.parse({}) });
    writeFileSync(input, csv('1 2O0,00')); // a Latin O typed for a zero
    const first = await run();
    expect(first.report.totals.rows).toMatchObject({ mapped: 1, rejected: 1 });
    const { atimeMs, mtimeMs, size } = statSync(input);
    writeFileSync(input, csv('1 200,00')); // the same size in bytes
    expect(statSync(input).size).toBe(size);
    utimesSync(input, atimeMs / 1000, mtimeMs / 1000);
    expect(Math.trunc(statSync(input).mtimeMs)).toBe(Math.trunc(mtimeMs));
    const second = await run();
    expect(second.resumed).toBe(false);
    expect(second.report.totals.rows).toMatchObject({ mapped: 2, rejected: 0 });
  }, 60_000);
});
