import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dedupConfigSchema } from '@kitap/dedup';
import { BranchDirectory, KARAGANDA_CBS } from '@kitap/holdings';
import { describe, expect, it } from 'vitest';
import { runInventory } from '../src/index.js';

const HEADER = '№ п/п;Инв. №;Автор;Заглавие;Год издания;Издательство;Цена;Кол-во;Сумма;Филиал;Язык';

describe('rows with bytes the encoding cannot read', () => {
  it('are mapped with U+FFFD in place of those bytes, and report.json lists their lines (nothing replaced silently)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kitap-undecodable-'));
    const input = join(dir, 'export.csv');
    const rows = [
      Buffer.from(`${HEADER}\r\n1;50001;Әуезов М.;Абай жолы;1997;Жазушы;550,00;1;550,00;ЦГБ;каз\r\n`),
      // Line 3: two bytes that are no UTF-8 in the title.
      Buffer.concat([Buffer.from('2;50002;Толстой Л. Н.;Война '), Buffer.from([0xff, 0xfe]), Buffer.from(' мир;1980;Художественная литература;300,00;1;300,00;ЦГБ;рус\r\n')]),
      Buffer.from('3;50003;Чехов А. П.;Рассказы;1961;Правда;400,00;1;400,00;ЦГБ;рус\r\n'),
    ];
    writeFileSync(input, Buffer.concat(rows));
    const result = await runInventory({
      input,
      out: join(dir, 'out'),
      encoding: 'utf-8',
      layout: '852/876',
      flavour: 'marc21',
      branches: BranchDirectory.fromJson(KARAGANDA_CBS),
      dedup: dedupConfigSchema.parse({}),
    });
    expect(result.report.undecodable).toEqual({ rows: 1, lines: [3] });
    expect(result.report.totals.rows.mapped).toBe(3);
  });
});
