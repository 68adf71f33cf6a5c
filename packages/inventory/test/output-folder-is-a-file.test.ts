import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dedupConfigSchema } from '@kitap/dedup';
import { BranchDirectory, KARAGANDA_CBS } from '@kitap/holdings';
import { describe, expect, it } from 'vitest';
import { makeOutputFolder, runInventory } from '../src/index.js';
import { scratch } from './run-small-export.js';

const dir = scratch('out-is-file');

describe('an output folder that is a file', () => {
  it('is a usage error (E_USAGE) naming it, for --out and for a path through a file', () => {
    const file = join(dir, 'taken');
    writeFileSync(file, 'x');
    expect(() => makeOutputFolder(file)).toThrow(expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining(`${file} is a file, not a folder`) }));
    expect(() => makeOutputFolder(join(file, 'sub'))).toThrow(expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining('part of its path is a file') }));
    makeOutputFolder(join(dir, 'new', 'deeper'));
    makeOutputFolder(join(dir, 'new', 'deeper'));
  });

  it('stops kitap inventory with E_USAGE before anything is read', async () => {
    const input = join(dir, 'export.csv');
    writeFileSync(input, 'Инв. №;Заглавие;Цена;Филиал\n1;А;1,00;ЦГБ\n');
    const out = join(dir, 'out-file');
    writeFileSync(out, '');
    await expect(
      runInventory({ input, out, layout: '852/876', flavour: 'marc21', branches: BranchDirectory.fromJson(KARAGANDA_CBS), dedup: dedupConfigSchema.parse({}) }),
    ).rejects.toMatchObject({ code: 'E_USAGE' });
  });
});
