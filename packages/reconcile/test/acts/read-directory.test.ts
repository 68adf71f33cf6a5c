import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkActs } from '../../src/acts/check-acts.js';
import { instructionFor } from '../../src/acts/instruction.js';
import { readActs } from '../../src/acts/read-acts.js';
import { BRANCHES, FLAT_HEADER, tempDir, toCsv, writeFormAct } from './act-fixtures.js';

const dir = tempDir('directory');

describe('a directory of act files', () => {
  beforeAll(async () => {
    dir.write('acts-2023.csv', toCsv([
      FLAT_HEADER,
      ['3', '15.03.2023', 'write-off', 'недостача', 'Ф-л №22', '', '22001', 'Абай Құнанбайұлы', 'Қара сөздер', '2010', '1 500,00', '1', '1 500,00'],
      ['60', '05.05.2025', 'write-off', 'стихийное бедствие', '№1 юн.', '', '91001', 'Толстой Л.', 'Анна Каренина', '2015', '2 750,00', '1', '2 750,00'],
    ]));
    await writeFormAct(dir.path('akt-17.xlsx'), { library: 'Библиотека-филиал № 15 д.', totals: 'Всего исключено 1 экз. на сумму 1 200,00 тенге.', lines: [{ inv: 48213, authorTitle: 'Мұқанов С. Ботакөз', year: 1987, price: 1200 }] });
    await writeFormAct(dir.path('akt-9.xlsx'), {
      title: 'АКТ № 9 от 01.06.2023',
      library: 'Ф-л №6',
      body: ['подлежат исключению по причине: прочие'],
      lines: [{ inv: '6001', authorTitle: 'Абай Құнанбайұлы. Қара сөздер', year: 2010, price: 990 }],
    });
    dir.write('readme.txt', 'Акты списания за 2023 год');
    dir.write('~$akt-17.xlsx', 'lock');
    mkdirSync(dir.path('archive'));
    dir.write(join('archive', 'akt-1.csv'), toCsv([FLAT_HEADER]));
  });

  it('reads every .csv and .xlsx inside, in name order with numbers compared as numbers, and nothing else', async () => {
    const { acts, problems } = await readActs([dir.dir], { branches: BRANCHES });
    expect(problems).toEqual([]);
    expect(acts.map((a) => [a.file, a.source, a.number, a.date, a.type, a.reason, a.branch])).toEqual([
      [dir.path('acts-2023.csv'), 'flat', '3', '2023-03-15', 'write-off', 'shortage', 'F22'],
      [dir.path('acts-2023.csv'), 'flat', '60', '2025-05-05', 'write-off', 'disaster', 'Y01'],
      [dir.path('akt-9.xlsx'), 'form', '9', '2023-06-01', 'write-off', 'other', 'F06'],
      [dir.path('akt-17.xlsx'), 'form', '17', '2023-10-10', 'write-off', 'worn', 'D15'],
    ]);
    // A title without an author heading stays whole.
    expect(acts[2]?.lines[0]).toMatchObject({ title: 'Абай Құнанбайұлы. Қара сөздер', inventoryKey: '6001' });
    expect(acts[2]?.lines[0]?.author).toBeUndefined();
    expect(checkActs(acts, { asOf: '2025-12-31' })).toEqual([]);
    // The 2025 act follows the new instruction; the others order 374.
    expect(acts.map((a) => instructionFor(a.date).id)).toEqual(['order-374', 'order-136-nk', 'order-374', 'order-374']);
  });

  it('reads a directory and a file named together, each file once, and reports a path that is not there', async () => {
    const flat = dir.path('acts-2023.csv');
    const missing = dir.path('acts-2024.csv');
    const { acts, problems } = await readActs([flat, dir.dir, missing], { branches: BRANCHES });
    expect(acts.map((a) => `${a.number}:${a.file.slice(dir.dir.length + 1)}`)).toEqual(['3:acts-2023.csv', '60:acts-2023.csv', '9:akt-9.xlsx', '17:akt-17.xlsx']);
    expect(problems.map((p) => [p.ruleId, p.severity, p.place.file])).toEqual([['ACT_FILE_UNREADABLE', 'error', missing]]);
  });

  it('warns about a directory without act files', async () => {
    const empty = dir.path('empty');
    mkdirSync(empty);
    const { acts, problems } = await readActs([empty], { branches: BRANCHES });
    expect(acts).toEqual([]);
    expect(problems.map((p) => [p.ruleId, p.severity])).toEqual([['ACT_FILE_UNREADABLE', 'warning']]);
  });
});
