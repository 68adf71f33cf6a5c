import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKitapError } from '@kitap/core';
import { afterAll, describe, expect, it } from 'vitest';
import { BranchDirectory, KARAGANDA_CBS, type BranchDirectoryJson } from '../src/index.js';

const FIXTURE = new URL('../../../fixtures/branches/karaganda-cbs.json', import.meta.url);
const karaganda = BranchDirectory.fromJson(KARAGANDA_CBS);
const dir = mkdtempSync(join(tmpdir(), 'kitap-branches-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configError(data: unknown): string {
  try {
    BranchDirectory.fromJson(data);
  } catch (error) {
    if (isKitapError(error) && error.code === 'E_CONFIG') return error.message;
    throw error;
  }
  throw new Error('the directory was accepted');
}

/** KARAGANDA_CBS with changes to a copy of its branches. */
function edited(change: (branches: BranchDirectoryJson['branches']) => void): BranchDirectoryJson {
  const copy = structuredClone(KARAGANDA_CBS);
  change(copy.branches);
  return copy;
}

describe('the customer directory', () => {
  it('the editable JSON file is the same data as KARAGANDA_CBS', () => {
    expect(JSON.parse(readFileSync(FIXTURE, 'utf8'))).toEqual(KARAGANDA_CBS);
  });

  it('holds the 21 libraries of the Karaganda system: ЦГБ, 13 adult, 2 youth and 5 children’s branches', () => {
    const kinds = karaganda.branches.map((b) => b.kind);
    expect(kinds.filter((k) => k === 'central')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'adult')).toHaveLength(13);
    expect(kinds.filter((k) => k === 'youth')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'children')).toHaveLength(5);
    expect(karaganda.branches.map((b) => b.code)).toEqual([
      'CGB', 'F04', 'F06', 'F07', 'F08', 'F11', 'F14', 'F15', 'F16', 'F22', 'F23', 'F27', 'F29', 'F31', 'Y01', 'Y02', 'D01', 'D05', 'D11', 'D12', 'D15',
    ]);
  });

  it('loads from the JSON file given with --branches', async () => {
    const loaded = await BranchDirectory.load(FIXTURE.pathname);
    expect(loaded.branches).toEqual(karaganda.branches);
    expect(loaded.resolve('ДБФ №15')?.code).toBe('D15');
  });
});

describe('resolve: spellings found in exports', () => {
  it.each([
    ['ЦГБ', 'CGB'],
    ['Центральная городская библиотека', 'CGB'],
    ['ЦБ', 'CGB'],
    ['Орталық қалалық кітапхана', 'CGB'],
    ['ОҚК', 'CGB'],
    ['Ф-л №4', 'F04'],
    ['ф-л 4', 'F04'],
    ['Филиал № 4', 'F04'],
    ['Библиотека-филиал №4', 'F04'],
    ['БФ-4', 'F04'],
    ['№4', 'F04'],
    ['4', 'F04'],
    ['№4 кітапхана-филиалы', 'F04'],
    ['Филиал № 6', 'F06'],
    ['библиотека-филиал №15 д.', 'D15'],
    ['Детская библиотека-филиал №15', 'D15'],
    ['ДБФ №15', 'D15'],
    ['№15д', 'D15'],
    ['Ф15Д', 'D15'],
    ['балалар кітапханасы №15', 'D15'],
    ['ДБФ №11', 'D11'],
    ['Дет. б-ка №5', 'D05'],
    ['юношеская библиотека №1', 'Y01'],
    ['№1 юн.', 'Y01'],
    ['ЮБФ-1', 'Y01'],
    ['Юношеская б-ка №2', 'Y02'],
    ['№2 жасөспірімдер кітапхана-филиалы', 'Y02'],
  ])('%s → %s', (spelling, code) => {
    expect(karaganda.resolve(spelling)?.code).toBe(code);
  });

  it.each([
    ['цгб', 'lower case'],
    ['ф-л\u00a0№\u00a04', 'NBSP'],
    ['Детскaя библиотека-филиал №15', 'a Latin a in a Cyrillic word'],
    ['Орталық қалалық кiтапхана', 'a Latin i for і'],
    ['Орталык калалык китапхана', 'Kazakh letters typed as Russian ones'],
    ['Орталы? ?алалы? кітапхана', 'Kazakh letters lost as ? by a cp1251 export'],
    ['ЮНОШЕСКАЯ БИБЛИОТЕКА № 1', 'upper case'],
    ['Юношеская библиотека N1', 'N for №'],
    ['  «Ф-л №4»  ', 'quotes and spaces'],
    ['f04', 'a code in lower case'],
  ])('%s (%s) is still found', (spelling) => {
    expect(karaganda.resolve(spelling)).toBeDefined();
  });

  it('«№11» and «№11 д.», «№15» and «№15 д.» are different libraries', () => {
    expect(karaganda.resolve('№11')?.code).toBe('F11');
    expect(karaganda.resolve('№11 д.')?.code).toBe('D11');
    expect(karaganda.resolve('Ф-л №15')?.code).toBe('F15');
    expect(karaganda.resolve('№15 д.')?.code).toBe('D15');
    expect(karaganda.resolve('Библиотека-филиал №15')?.code).toBe('F15');
  });

  it.each([
    ['№1', 'there is no adult branch №1'],
    ['Ф-л №1', 'there is no adult branch №1'],
    ['Ф-л №99', 'no such branch'],
    ['№4 д.', 'no children’s branch №4'],
    ['№6 юн.', 'no youth branch №6'],
    ['№2 д.', 'no children’s branch №2'],
    ['Библиотека на Гоголя', 'unknown words'],
    ['Библиотека им. Абая', 'unknown words'],
    ['ЦБС', 'the whole system, not a library'],
    ['ЦГБ №4', 'the central library has no number'],
    ['Центральная детская библиотека', 'central and children’s at once'],
    ['№15 д. юн.', 'children’s and youth at once'],
    ['4/15', 'two numbers'],
    ['Ф-л №4, абонемент', 'a department word'],
    ['детский отдел', 'a department, not a library'],
    ['Ф-л №', 'no number'],
    ['филиал', 'no number'],
    ['', 'empty'],
    ['   ', 'blank'],
    ['?', 'only a lost letter'],
  ])('%s is unknown (%s)', (spelling) => {
    expect(karaganda.resolve(spelling)).toBeUndefined();
  });

  it('parses spellings without any alias, and checks explicit aliases first', () => {
    const bare = BranchDirectory.fromJson(edited((bs) => bs.forEach((b) => delete b.aliases)));
    expect(bare.resolve('ЦГБ')?.code).toBe('CGB');
    expect(bare.resolve('Ф-л №4')?.code).toBe('F04');
    expect(bare.resolve('№15 д.')?.code).toBe('D15');
    expect(bare.resolve('№1')).toBeUndefined();

    const withAliases = BranchDirectory.fromJson(
      edited((bs) => {
        bs.find((b) => b.code === 'F04')!.aliases!.push('Библиотека на Гоголя');
        bs.find((b) => b.code === 'Y01')!.aliases!.push('№1');
      }),
    );
    expect(withAliases.resolve('библиотека на гоголя')?.code).toBe('F04');
    expect(withAliases.resolve('№1')?.code).toBe('Y01');
  });

  it('byCode ignores case; an unknown code is undefined', () => {
    expect(karaganda.byCode('d15')?.name).toBe('Детская библиотека-филиал №15');
    expect(karaganda.byCode('F05')).toBeUndefined();
  });
});

describe('departments', () => {
  const cgb = karaganda.byCode('CGB')!;

  it.each([
    ['абонемент', 'ABON'],
    ['АБОНЕМЕНТ', 'ABON'],
    ['аб.', 'ABON'],
    ['abon', 'ABON'],
    ['Детский отдел', 'CHILD'],
    ['Балалар бөлімі', 'CHILD'],
    ['ООИФ', 'OOIF'],
    ['отдел краеведения', 'KRAI'],
    ['Өлкетану бөлімі', 'KRAI'],
    ['чит. зал', 'READ'],
    ['Оқу залы', 'READ'],
  ])('ЦГБ: %s → %s', (spelling, code) => {
    expect(karaganda.department(cgb, spelling)?.code).toBe(code);
  });

  it('an unknown department, or a branch without departments, gives undefined', () => {
    expect(karaganda.department(cgb, 'бухгалтерия')).toBeUndefined();
    expect(karaganda.department(cgb, '')).toBeUndefined();
    expect(karaganda.department(karaganda.byCode('F04')!, 'абонемент')).toBeUndefined();
  });
});

describe('a directory file with mistakes is a config error naming the place', () => {
  it('two libraries with one code', () => {
    expect(configError(edited((bs) => (bs[2]!.code = 'f04')))).toMatch(/branches\[2\]\.code: code "f04" is already used by branches\[1\]/);
  });

  it('one alias for two libraries after normalisation', () => {
    const message = configError(edited((bs) => bs[2]!.aliases!.push('ф-л 4')));
    expect(message).toContain('branches[2].aliases[1]');
    expect(message).toContain('Ф-л №4');
  });

  it('an alias that is another library’s name', () => {
    expect(configError(edited((bs) => bs[2]!.aliases!.push('Библиотека-филиал №4')))).toContain('branches[2].aliases[1]');
  });

  it('two adult branches №4', () => {
    expect(configError(edited((bs) => (bs[2]!.number = 4)))).toContain('branches[2].number');
  });

  it('missing, unknown and wrongly typed fields', () => {
    expect(configError(edited((bs) => delete (bs[3] as { name?: string }).name))).toContain('branches[3].name');
    expect(configError(edited((bs) => ((bs[3] as unknown as { kind: string }).kind = 'regional')))).toContain('branches[3].kind');
    expect(configError(edited((bs) => ((bs[3] as unknown as { sigla: string }).sigla = 'Ф4')))).toContain('branches[3]');
    expect(configError(edited((bs) => (bs[3]!.code = 'F 04')))).toContain('branches[3].code');
    expect(configError({ name: 'ЦБС', branches: [] })).toContain('branches');
    expect(configError('ЦГБ')).toContain('branch directory');
  });

  it('two departments with one spelling', () => {
    expect(configError(edited((bs) => bs[0]!.departments!.push({ code: 'AB2', name: 'АБОНЕМЕНТ' })))).toContain('branches[0].departments[5].name');
  });

  it('a file that is not JSON is a config error, a missing file an input error', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "name": "ЦБС", ');
    await expect(BranchDirectory.load(broken)).rejects.toMatchObject({ code: 'E_CONFIG', place: { file: broken } });
    await expect(BranchDirectory.load(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'E_INPUT' });
    const withBom = join(dir, 'bom.json');
    writeFileSync(withBom, `\uFEFF${JSON.stringify(KARAGANDA_CBS)}`);
    expect((await BranchDirectory.load(withBom)).branches).toHaveLength(21);
  });
});
