import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BranchDirectory, KARAGANDA_CBS } from '@kitap/holdings';
import { afterAll, describe, expect, it } from 'vitest';
import { readFundSnapshot } from '../src/index.js';

const FUND = fileURLToPath(new URL('../../../fixtures/reconcile/fund-end.csv', import.meta.url));
const BRANCHES = BranchDirectory.fromJson(KARAGANDA_CBS);
const dir = mkdtempSync(join(tmpdir(), 'kitap-fund-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const HEAD = 'branch;group;language;copies;sum\n';

describe('a fund snapshot', () => {
  it('names its libraries by code or by name: «ЦГБ» is the CGB of the directory', async () => {
    const byCode = await readFundSnapshot(write('codes.csv', `${HEAD}CGB;opl;kaz;146;306 301,44\n`), BRANCHES);
    const byName = await readFundSnapshot(write('names.csv', `${HEAD}ЦГБ;opl;kaz;146;306 301,44\n`), BRANCHES);
    expect([...byName.keys()]).toEqual([...byCode.keys()]);
    expect(byName.get('CGB|opl|kaz')).toMatchObject({ branch: 'CGB', copies: 146, sum: 30_630_144 });
  });

  it('refuses a library the directory does not know, an empty or broken copies cell, and one cell given twice', async () => {
    await expect(readFundSnapshot(write('unknown.csv', `${HEAD}Ф-л №99;opl;kaz;1;1,00\n`), BRANCHES)).rejects.toThrow(/«Ф-л №99», which is not a library of the branch directory/);
    await expect(readFundSnapshot(write('empty.csv', `${HEAD}CGB;opl;kaz;;1,00\n`), BRANCHES)).rejects.toThrow(/a fund snapshot row cannot be read/);
    await expect(readFundSnapshot(write('half.csv', `${HEAD}CGB;opl;kaz;1.5;1,00\n`), BRANCHES)).rejects.toThrow(/a fund snapshot row cannot be read/);
    await expect(readFundSnapshot(write('twice.csv', `${HEAD}CGB;opl;kaz;146;306 301,44\nЦГБ;opl;kaz;999;1,00\n`), BRANCHES)).rejects.toThrow(/gives CGB × opl × kaz twice, on lines 2 and 3/);
  });

  it('reads the bundled snapshot whole', async () => {
    const rows = readFileSync(FUND, 'utf8').trim().split('\n').length - 1;
    expect((await readFundSnapshot(FUND, BRANCHES)).size).toBe(rows);
  });
});
