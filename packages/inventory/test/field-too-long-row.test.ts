import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { runSmallExport, scratch } from './run-small-export.js';

const FIXTURE = readFileSync(fileURLToPath(new URL('../../../fixtures/inventory/export-cp1251.csv', import.meta.url)));
const dir = scratch('field-too-long');

describe('a row whose field ISO2709 cannot hold', () => {
  it('is rejected with E_FIELD_TOO_LONG, its line and column, and the run goes on', async () => {
    const lines = decode(FIXTURE, 0, FIXTURE.length, 'cp1251').text.split('\n');
    lines.splice(10, 0, `9999;59999;Автор;${'Ж'.repeat(5000)};1990;;;;;100,00;1;100,00;01.01.2020;1/2020;ЦГБ;рус`);
    const { result, rejects, out } = await runSmallExport(dir, 'long-title.csv', lines.join('\n'));
    const reject = rejects.find((r) => r[2] === 'E_FIELD_TOO_LONG');
    expect(reject?.slice(0, 4)).toEqual(['11', expect.stringMatching(/^\d+$/), 'E_FIELD_TOO_LONG', 'title']);
    expect(reject?.[4]).toMatch(/field 245 would be 10005 bytes .*ISO2709 allows 9,999/);
    expect(result.report.rejectsByCode['E_FIELD_TOO_LONG']).toBe(1);
    expect(result.report.ledger.balanced).toBe(true);
    expect(readFileSync(join(out, 'records.mrc')).length).toBeGreaterThan(0);
  }, 60_000);

  it('is not rejected when the long title still fits (4,990 Cyrillic letters: 9,980 bytes)', async () => {
    const csv = `Инв. №;Заглавие;Цена;Филиал\n59998;${'Ж'.repeat(4990)};100,00;ЦГБ\n`;
    const { result, rejects } = await runSmallExport(dir, 'fits.csv', csv);
    expect(rejects).toEqual([]);
    expect(result.report.totals.rows.mapped).toBe(1);
  });
});
