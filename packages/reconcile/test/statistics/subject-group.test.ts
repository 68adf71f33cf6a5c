import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKitapError } from '@kitap/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SUBJECT_RULES,
  bbkClass,
  loadSubjectGroups,
  parseSubjectGroups,
  subjectGroupOf,
  subjectGroupsSchema,
  udcClass,
  type SubjectGroup,
} from '../../src/statistics/index.js';

const byBbk = (index: string): SubjectGroup => subjectGroupOf({ bbk: [index] }).group;
const byUdc = (notation: string): SubjectGroup => subjectGroupOf({ udc: [notation] }).group;

describe('subjectGroupOf with the default BBK mapping', () => {
  it.each([
    // 2 → ЕН (natural sciences)
    ['28.5', 'en'],
    ['22.1я7', 'en'],
    ['26.89(5Каз)', 'en'],
    // 5 → ЕН (medicine)
    ['51.1(5Каз)', 'en'],
    ['53.59', 'en'],
    // 3 → Техника
    ['32.973', 'tech'],
    ['32.973.26-018.2', 'tech'],
    ['39.33', 'tech'],
    // 4 → С/х
    ['42.3', 'agri'],
    ['46.6(5Каз)', 'agri'],
    // 75, 85 → Искусство/Спорт
    ['75.1', 'arts_sport'],
    ['75.578', 'arts_sport'],
    ['85.313(5Каз)', 'arts_sport'],
    // 80–83 → Филология
    ['80', 'philology'],
    ['81.2Каз-2', 'philology'],
    ['81.2Рус-922', 'philology'],
    ['82.3(5Каз)', 'philology'],
    ['83.3(5Каз)6', 'philology'],
    // 84 → Художественная литература
    ['84(5Каз)-44', 'fiction'],
    ['84(5Каз)6', 'fiction'],
    ['84(2Рос=Рус)6', 'fiction'],
    ['84Р7', 'fiction'],
    // everything else → ОПЛ: 1, 6, 60–74, 76–79, 86–88, 9
    ['63.3(5Каз)', 'opl'],
    ['66.3(5Каз)', 'opl'],
    ['74.268.1', 'opl'],
    ['76.01', 'opl'],
    ['78.3', 'opl'],
    ['86.38', 'opl'],
    ['87.3', 'opl'],
    ['88.4', 'opl'],
    ['1', 'opl'],
    ['91.9', 'opl'],
  ] as const)('BBK %s → %s', (index, group) => {
    expect(byBbk(index)).toBe(group);
  });

  it('reads indexes as catalogs write them: spaces, a label, a comma, Latin look-alikes, two indexes', () => {
    expect(byBbk(' 84 (5Каз) 6 ')).toBe('fiction');
    expect(byBbk('84\u00a0(5Каз)-44')).toBe('fiction');
    expect(byBbk('ББК 32.973')).toBe('tech');
    expect(byBbk('63,3(5Каз)')).toBe('opl');
    expect(byBbk('75,1')).toBe('arts_sport');
    expect(byBbk('84(5Kaз)6')).toBe('fiction'); // Latin K in the territorial code
    expect(byBbk('84P7')).toBe('fiction'); // Latin P for «Р»
    expect(byBbk('63.3(5Каз):84')).toBe('opl'); // the first index decides
  });

  it('says how the group was decided', () => {
    expect(subjectGroupOf({ bbk: ['84(5Каз)-44'] })).toEqual({
      group: 'fiction',
      how: { by: 'bbk', index: '84(5Каз)-44', key: '84', rule: 5, prefix: '84' },
    });
    // No rule claims 63: ОПЛ by BBK, without a rule.
    expect(subjectGroupOf({ bbk: ['63.3(5Каз)'], udc: ['821.512.122-31'] })).toEqual({
      group: 'opl',
      how: { by: 'bbk', index: '63.3(5Каз)', key: '633' },
    });
  });

  it('takes BBK first, UDC second, ОПЛ last', () => {
    expect(subjectGroupOf({ bbk: ['84(5Каз)6'], udc: ['63'] }).group).toBe('fiction');
    expect(subjectGroupOf({ bbk: [], udc: ['633.1'] })).toEqual({ group: 'agri', how: { by: 'udc', index: '633.1', key: '633.1', rule: 2, prefix: '63' } });
    // A BBK value that is no index (blank, an author sign, a territorial code alone) is skipped.
    expect(subjectGroupOf({ bbk: ['', 'Ә 92', '(5Каз)'], udc: ['796.332'] }).how.by).toBe('udc');
    expect(subjectGroupOf({ bbk: ['Ә 92', '32.973'] }).group).toBe('tech');
    expect(subjectGroupOf({})).toEqual({ group: 'opl', how: { by: 'none' } });
    expect(subjectGroupOf({ bbk: ['  '], udc: ['УДК'] })).toEqual({ group: 'opl', how: { by: 'none' } });
  });
});

describe('subjectGroupOf with the default UDC mapping', () => {
  it.each([
    // 5, 61 → ЕН
    ['57', 'en'],
    ['502.1(574)', 'en'],
    ['616.1-08', 'en'],
    ['61', 'en'],
    // 62, 66–69 → Техника
    ['621.3', 'tech'],
    ['664.6', 'tech'],
    ['677.07', 'tech'],
    ['681.3', 'tech'],
    ['004.4', 'opl'], // computing is class 0 in UDC: not a default rule
    ['691.3', 'tech'],
    // 63 → С/х
    ['633.1(574)', 'agri'],
    // 7 → Искусство/Спорт
    ['75.052', 'arts_sport'],
    ['796.332', 'arts_sport'],
    ['78.071.1(574)', 'arts_sport'],
    // 80–81, 82.0 → Филология
    ['801.8', 'philology'],
    ['811.512.122', 'philology'],
    ['811.161.1\'36', 'philology'],
    ['82.0', 'philology'],
    ['82.09', 'philology'],
    // 821 with a form subdivision → fiction
    ['821.512.122-31', 'fiction'],
    ['821.512.122-3', 'fiction'],
    ['821.161.1-31', 'fiction'],
    ['821.512.122-1', 'fiction'],
    ['821.161.1-93', 'fiction'],
    ['821.512.122-31=161.1', 'fiction'],
    // else ОПЛ
    ['821.512.122', 'opl'],
    ['94(574)', 'opl'],
    ['94(574)"1941/1945"', 'opl'],
    ['37.0', 'opl'],
    ['34(574)', 'opl'],
    ['65.01', 'opl'],
  ] as const)('UDC %s → %s', (notation, group) => {
    expect(byUdc(notation)).toBe(group);
  });

  it('reads notations as catalogs write them', () => {
    expect(byUdc('УДК 821.512.122-31')).toBe('fiction');
    expect(byUdc('821.512.122 - 31')).toBe('fiction');
    expect(byUdc('[821.161.1-31]')).toBe('fiction');
    expect(byUdc('82,0')).toBe('philology');
    // A hyphen inside parentheses is not a form subdivision.
    expect(byUdc('821.512.122(574-25)')).toBe('opl');
    // Only the first notation counts.
    expect(byUdc('94(574):821.512.122-31')).toBe('opl');
  });

  it('keeps UDC periods: 82.0 is theory of literature, 820 is not', () => {
    expect(udcClass('82.09')).toEqual({ written: '82.09', main: '82.09', form: false });
    expect(byUdc('820')).toBe('opl');
  });
});

describe('bbkClass', () => {
  it('drops periods and qualifiers and keeps letter classes of the old editions', () => {
    expect(bbkClass('32.973.26-018.2')?.main).toBe('3297326');
    expect(bbkClass('84Р7')?.main).toBe('84');
    expect(bbkClass('Ш5')?.main).toBe('Ш5');
    expect(bbkClass('T3')?.main).toBe('Т3'); // Latin T read as Cyrillic Т
    expect(bbkClass('Каз')).toBeUndefined();
    expect(bbkClass('(5Каз)')).toBeUndefined();
    expect(bbkClass('')).toBeUndefined();
  });
});

describe('a custom mapping file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kitap-subjects-'));

  it('adds rules in front of the defaults', async () => {
    const file = join(dir, 'subjects.json');
    writeFileSync(
      file,
      JSON.stringify({
        rules: [
          { group: 'en', bbk: ['88'] }, // psychology counted with the sciences
          { group: 'philology', bbk: ['84'], udc: ['821'] }, // all literature to Филология
          { group: 'arts_sport', bbk: ['Щ'] }, // art in the old letter edition
        ],
      }),
    );
    const rules = await loadSubjectGroups(file);
    expect(rules).toHaveLength(3 + DEFAULT_SUBJECT_RULES.length);
    expect(subjectGroupOf({ bbk: ['88.4'] }, rules).group).toBe('en');
    // Same prefix "84" as the default fiction rule: the file's rule is earlier and wins.
    expect(subjectGroupOf({ bbk: ['84(5Каз)-44'] }, rules)).toEqual({ group: 'philology', how: { by: 'bbk', index: '84(5Каз)-44', key: '84', rule: 1, prefix: '84' } });
    // "821-" (with a form) is more specific than "821": the default still takes novels.
    expect(subjectGroupOf({ udc: ['821.512.122-31'] }, rules).group).toBe('fiction');
    expect(subjectGroupOf({ udc: ['821.512.122'] }, rules).group).toBe('philology');
    expect(subjectGroupOf({ bbk: ['Щ31'] }, rules).group).toBe('arts_sport');
    // What the file does not mention keeps its default.
    expect(subjectGroupOf({ bbk: ['32.973'] }, rules).group).toBe('tech');
  });

  it('replaces the defaults when "defaults" is false', async () => {
    const file = join(dir, 'only.json');
    // A BOM in front, as Windows editors save it.
    writeFileSync(file, '\uFEFF' + JSON.stringify({ defaults: false, rules: [{ group: 'fiction', bbk: ['84'] }] }));
    const rules = await loadSubjectGroups(file);
    expect(subjectGroupOf({ bbk: ['84(5Каз)6'] }, rules).group).toBe('fiction');
    expect(subjectGroupOf({ bbk: ['32.973'] }, rules)).toEqual({ group: 'opl', how: { by: 'bbk', index: '32.973', key: '32973' } });
    expect(subjectGroupOf({ udc: ['621.3'] }, rules).group).toBe('opl');
  });

  it('a longer prefix beats a shorter one wherever it is in the file', () => {
    const rules = parseSubjectGroups({ defaults: false, rules: [{ group: 'en', bbk: ['3'] }, { group: 'tech', bbk: ['32.97'] }] });
    expect(subjectGroupOf({ bbk: ['32.973'] }, rules).group).toBe('tech');
    expect(subjectGroupOf({ bbk: ['31.2'] }, rules).group).toBe('en');
  });

  it('rejects a file that does not follow the schema, saying where', async () => {
    const bad = (json: unknown): string => {
      try {
        parseSubjectGroups(json, 'subjects.json');
      } catch (e) {
        if (isKitapError(e)) return `${e.code} ${e.message} @${e.place.file}`;
        throw e;
      }
      return 'accepted';
    };
    expect(bad({ rules: [{ group: 'poetry', bbk: ['84'] }] })).toMatch(/^E_SUBJECT_MAPPING .*rules\.0\.group/);
    expect(bad({ rules: [{ group: 'fiction', bbk: ['84(5Каз)'] }] })).toMatch(/rules\.0\.bbk\.0: not a BBK class number/);
    expect(bad({ rules: [{ group: 'fiction', udc: ['821.512.122-31'] }] })).toMatch(/rules\.0\.udc\.0: not a UDC class number/);
    expect(bad({ rules: [{ group: 'fiction' }] })).toMatch(/at least one "bbk" or "udc" prefix/);
    expect(bad({ rules: [{ group: 'fiction', bbk: ['84'], note: 'x' }] })).toMatch(/rules\.0/);
    expect(bad([{ group: 'fiction', bbk: ['84'] }])).toMatch(/E_SUBJECT_MAPPING/);
    expect(bad({ rules: [] })).toBe('accepted');

    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "rules": [ { "group": "en", } ] }');
    await expect(loadSubjectGroups(file)).rejects.toMatchObject({ code: 'E_SUBJECT_MAPPING', place: { file } });
  });

  it('the defaults pass their own schema', () => {
    const rules = subjectGroupsSchema.parse({ defaults: false, rules: DEFAULT_SUBJECT_RULES.map((r) => ({ ...r })) });
    expect(rules).toEqual(DEFAULT_SUBJECT_RULES);
  });
});

describe('subjectGroupOf properties', () => {
  const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 6 });
  const qualifier = fc.constantFrom('', '(5Каз)', '(5Каз)6', '(2Рос=Рус)6', '-44', 'я7', 'Каз-2', 'Р7');

  it('a BBK index is grouped by its class number: qualifiers, spaces and periods do not change the group', () => {
    fc.assert(
      fc.property(digits, qualifier, (number, q) => {
        const dotted = number.length > 2 ? `${number.slice(0, 2)}.${number.slice(2)}` : number;
        const group = byBbk(number);
        expect(byBbk(`${dotted}${q}`)).toBe(group);
        expect(byBbk(` ${dotted} ${q}`)).toBe(group);
      }),
    );
  });

  it('with the defaults, the group of a BBK index is decided by its first two digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 99 }), digits, digits, (head, a, b) => {
        expect(byBbk(`${head}.${a}`)).toBe(byBbk(`${head}.${b}`));
        expect(byBbk(`${head}`)).toBe(byBbk(`${head}.${a}`));
      }),
    );
  });
});
