import { readFileSync } from 'node:fs';
import { isKitapError } from '@kitap/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BranchDirectory, expandInventoryRange, inventoryNumberOptionsSchema, KARAGANDA_CBS, MAX_INVENTORY_RANGE, parseInventoryNumber, type InventoryNumberOptions } from '../src/index.js';

const karaganda = BranchDirectory.fromJson(KARAGANDA_CBS);

function key(raw: string, options?: InventoryNumberOptions, branches?: BranchDirectory): string {
  const r = parseInventoryNumber(raw, options, branches);
  if (!r.ok) throw new Error(`«${raw}» did not parse: ${r.reason}`);
  return r.value.key;
}

function failure(raw: string, options?: InventoryNumberOptions, branches?: BranchDirectory): { code: string; reason: string } {
  const r = parseInventoryNumber(raw, options, branches);
  if (r.ok) throw new Error(`«${raw}» parsed as ${r.value.key}`);
  return { code: r.code, reason: r.reason };
}

describe('parseInventoryNumber: the spellings sources use', () => {
  it.each([
    ['0048213', '48213'],
    ['48213', '48213'],
    ['ИНВ 48213', '48213'],
    ['№ 48213', '48213'],
    ['Инв. № 48213', '48213'],
    ['инв.№48213', '48213'],
    ['inv 48213', '48213'],
    ['48 213', '48213'],
    ['48\u00a0213', '48213'],
    ['1 048 213', '1048213'],
    ['  48213 ', '48213'],
    ['12345а', '12345а'],
    ['12345-а', '12345а'],
    ['12345 a', '12345а'],
    ['12345A', '12345а'],
    ['ЦГБ-48213', 'ЦГБ-48213'],
    ['цгб 048213', 'ЦГБ-48213'],
    ['ЦГБ/48213', 'ЦГБ-48213'],
    ['Ф4/12345', 'Ф4-12345'],
    ['Ф04-12345', 'Ф4-12345'],
    ['D15-00312', 'D15-312'],
  ])('%s → key %s', (raw, expected) => {
    expect(key(raw)).toBe(expected);
  });

  it('keep the parts apart: digits, the words in front, the branch code and the suffix', () => {
    expect(parseInventoryNumber('Инв. № 0048213б')).toEqual({ ok: true, value: { raw: 'Инв. № 0048213б', key: '48213б', digits: '48213', prefix: 'Инв. №', suffix: 'б' } });
    expect(parseInventoryNumber('D15-00312')).toEqual({ ok: true, value: { raw: 'D15-00312', key: 'D15-312', digits: '312', branch: 'D15' } });
  });

  it('a letter suffix is another copy: 48213а is not 48213, and «а» is not «б»', () => {
    expect(key('48213а')).not.toBe(key('48213'));
    expect(key('48213а')).not.toBe(key('48213б'));
    // Latin look-alikes are read as the Cyrillic letter they look like: "b" as б, "B" as В.
    expect(key('48213b')).toBe(key('48213б'));
    expect(key('48213B')).toBe(key('48213в'));
    expect(key('48213 c')).toBe(key('48213с'));
  });

  it('say why a text is not a number, and tell an empty cell from a bad one', () => {
    expect(failure('').code).toBe('EMPTY');
    expect(failure('   ').code).toBe('EMPTY');
    expect(failure('Инв. №').code).toBe('EMPTY');
    expect(failure('б/н').code).toBe('EMPTY');
    expect(failure('48213-48217')).toEqual({ code: 'INVALID', reason: expect.stringContaining('range') as unknown as string });
    for (const bad of ['Абай жолы', '0', '000', '48213 ЦГБ', '12345аbc', '48#213', '1 2О0', '12/345', 'Инвентарный 48213', '48213?']) {
      expect(failure(bad).code, bad).toBe('INVALID');
    }
    expect(failure('1 2О0').reason).toContain('1 2О0');
  });

  it('bounds on digits count the normalised digits', () => {
    expect(failure('1234567890123').code).toBe('INVALID'); // 13 digits, 12 at most by default
    expect(key('0001234567890')).toBe('1234567890');
    expect(failure('123', { minDigits: 4 }).reason).toContain('3 digits');
  });
});

describe('parseInventoryNumber: options', () => {
  it('branchPrefixes: strip makes ЦГБ-48213, Ф4/48213 and 48213 one copy', () => {
    const strip = { branchPrefixes: 'strip' } as const;
    expect(key('ЦГБ-48213', strip)).toBe('48213');
    expect(key('Ф4/48213', strip)).toBe('48213');
    const r = parseInventoryNumber('ЦГБ-48213', strip);
    expect(r.ok && r.value.branch).toBe('ЦГБ');
  });

  it('leadingZeros: keep tells 0048213 from 48213', () => {
    expect(key('0048213', { leadingZeros: 'keep' })).toBe('0048213');
    expect(key('48213', { leadingZeros: 'keep' })).toBe('48213');
  });

  it('suffix: drop makes 48213а the same copy as 48213, and still reports the suffix', () => {
    const r = parseInventoryNumber('48213-а', { suffix: 'drop' });
    expect(r).toMatchObject({ ok: true, value: { key: '48213', suffix: 'а' } });
  });

  it('foldLookalikes: false keeps a Latin suffix Latin', () => {
    expect(key('12345a', { foldLookalikes: false })).toBe('12345a');
    expect(key('12345a', { foldLookalikes: false })).not.toBe(key('12345а', { foldLookalikes: false }));
  });

  it('custom prefix words and separators', () => {
    expect(key('Инвентарный номер: 48213', { prefixes: ['инвентарный номер:'] })).toBe('48213');
    expect(failure('48213/а', { separators: ' -' }).code).toBe('INVALID');
    expect(key('48213-а', { separators: ' -' })).toBe('48213а');
  });

  it('pattern: the key must match it', () => {
    const sixDigits = { pattern: '^[0-9]{5,6}$' };
    expect(key('48213', sixDigits)).toBe('48213');
    expect(failure('4821', sixDigits).reason).toContain('pattern');
  });

  it('bad options are a config error that names the option', () => {
    for (const bad of [{ pattern: '([0-9]' }, { minDigits: 8, maxDigits: 6 }, { leadingZeros: 'yes' }, { prefix: ['инв'] }] as unknown as InventoryNumberOptions[]) {
      let error: unknown;
      try {
        parseInventoryNumber('48213', bad);
      } catch (e) {
        error = e;
      }
      expect(isKitapError(error) && error.code, JSON.stringify(bad)).toBe('E_CONFIG');
    }
  });
});

describe('parseInventoryNumber with the branch directory', () => {
  it('a branch code in front becomes the directory code however it is written', () => {
    for (const raw of ['ЦГБ-48213', 'CGB-48213', 'ЦБ 48213', 'цгб/0048213']) expect(key(raw, undefined, karaganda), raw).toBe('CGB-48213');
    expect(key('Ф4/12345', undefined, karaganda)).toBe('F04-12345');
    expect(key('Д15-00312', undefined, karaganda)).toBe('D15-312');
    expect(key('D15-00312', undefined, karaganda)).toBe('D15-312');
  });

  it('№15 and №15 д. number their copies apart when branch prefixes are kept', () => {
    expect(key('Ф15-100', undefined, karaganda)).toBe('F15-100');
    expect(key('Ф15Д-100', undefined, karaganda)).toBe('D15-100');
  });

  it('a code the directory does not know is invalid when kept, and ignored when stripped', () => {
    expect(failure('ХЗ-12345', undefined, karaganda).reason).toContain('ХЗ');
    expect(failure('Ф99/12345', undefined, karaganda).code).toBe('INVALID');
    expect(key('ХЗ-12345', { branchPrefixes: 'strip' }, karaganda)).toBe('12345');
  });
});

// Realistic formatting of one number: words in front, a branch code, padding, thousands, NBSP, a suffix spelt three ways.
function written(n: number, suffix: '' | 'а' | 'б', branch: string) {
  return fc
    .record({
      zeros: fc.integer({ min: 0, max: 3 }),
      prefix: fc.constantFrom('', 'Инв. ', 'ИНВ ', '№ ', 'инв.№', 'inv ', 'Инв.№ '),
      lower: fc.boolean(),
      thousands: fc.boolean(),
      space: fc.constantFrom(' ', '\u00a0'),
      suffixSep: fc.constantFrom('', '-', ' '),
      latin: fc.boolean(),
      pad: fc.constantFrom('', ' '),
    })
    .map((f) => {
      let digits = String(n);
      if (f.thousands && f.zeros === 0) digits = digits.replace(/\B(?=(\d{3})+$)/g, f.space);
      else digits = '0'.repeat(f.zeros) + digits;
      const s = suffix === '' ? '' : f.suffixSep + (f.latin ? { а: 'a', б: 'b' }[suffix] : suffix);
      return `${f.pad}${f.prefix}${f.lower ? branch.toLowerCase() : branch}${digits}${s}${f.pad}`;
    });
}

const numberArb = fc.integer({ min: 1, max: 999_999_999 });
const suffixArb = fc.constantFrom('' as const, 'а' as const, 'б' as const);
// Branch codes as written, and as the key spells them.
const BRANCHES: Record<string, string> = { '': '', 'ЦГБ-': 'ЦГБ-', 'Ф4/': 'Ф4-', 'Ф04 ': 'Ф4-', 'D15-': 'D15-' };
const branchArb = fc.constantFrom(...Object.keys(BRANCHES));

describe('inventory number keys (properties)', () => {
  it('every way of writing one number gives one key: its branch code, digits and suffix', () => {
    const arb = fc.tuple(numberArb, suffixArb, branchArb).chain(([n, s, b]) => written(n, s, b).map((raw) => ({ expected: `${BRANCHES[b]}${n}${s}`, raw })));
    fc.assert(
      fc.property(arb, ({ expected, raw }) => {
        expect(key(raw)).toBe(expected);
      }),
    );
  });

  it('different numbers never share a key, however they are written', () => {
    const pair = fc
      .tuple(numberArb, numberArb, suffixArb, suffixArb, branchArb)
      .filter(([a, b]) => a !== b)
      .chain(([a, b, sa, sb, branch]) => fc.tuple(written(a, sa, branch), written(b, sb, branch)));
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expect(key(a)).not.toBe(key(b));
      }),
    );
  });

  it('a key parses to itself, with any options and with or without the directory', () => {
    const chars = [...'0123456789 -/._абвЦГБФДDAab№инвИНВ'];
    const text = fc.array(fc.constantFrom(...chars), { maxLength: 16 }).map((cs) => cs.join(''));
    const options = fc.record({
      branchPrefixes: fc.constantFrom('keep' as const, 'strip' as const),
      leadingZeros: fc.constantFrom('keep' as const, 'strip' as const),
      suffix: fc.constantFrom('keep' as const, 'drop' as const),
      foldLookalikes: fc.boolean(),
    });
    fc.assert(
      fc.property(text, options, fc.boolean(), (raw, o, withDirectory) => {
        const dir = withDirectory ? karaganda : undefined;
        const first = parseInventoryNumber(raw, o, dir);
        if (!first.ok) return;
        const again = parseInventoryNumber(first.value.key, o, dir);
        expect(again.ok && again.value.key).toBe(first.value.key);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('expandInventoryRange', () => {
  const numbers = (text: string): string[] => {
    const r = expandInventoryRange(text);
    if (!r?.ok) throw new Error(`«${text}» did not expand: ${JSON.stringify(r)}`);
    return r.numbers;
  };

  it.each(['48213-48217', '48213–48217', '48213 — 48217', '48213…48217', '48213...48217', 'с 48213 по 48217', 'от 48213 до 48217', 'Инв. № 48213-48217', 'с № 48213 по № 48217'])(
    '%s is five copies',
    (text) => {
      expect(numbers(text)).toEqual(['48213', '48214', '48215', '48216', '48217']);
    },
  );

  it('keep the zero-padding width of the first number, and a branch code in front', () => {
    expect(numbers('0048213-0048215')).toEqual(['0048213', '0048214', '0048215']);
    expect(numbers('099-101')).toEqual(['099', '100', '101']);
    expect(numbers('ЦГБ-48213-48215')).toEqual(['ЦГБ-48213', 'ЦГБ-48214', 'ЦГБ-48215']);
    expect(numbers('Ф4/12345 - Ф4/12346')).toEqual(['Ф4/12345', 'Ф4/12346']);
    expect(numbers('50110–50110')).toEqual(['50110']);
  });

  it('every expanded number parses to its own key', () => {
    const keys = numbers('ЦГБ-0048213-0048217').map((n) => key(n, undefined, karaganda));
    expect(keys).toEqual(['CGB-48213', 'CGB-48214', 'CGB-48215', 'CGB-48216', 'CGB-48217']);
  });

  it('a text that is not a range is undefined', () => {
    for (const text of ['48213', 'D15-00312', '12345-а', 'ЦГБ-48213', '48 213', '', 'Абай жолы', '48213-48217а']) expect(expandInventoryRange(text), text).toBeUndefined();
  });

  it('a backward, too wide or unclear range is an error, not a guess', () => {
    const reason = (text: string): string => {
      const r = expandInventoryRange(text);
      if (r === undefined || r.ok) throw new Error(`«${text}» was not refused`);
      return r.reason;
    };
    expect(reason('48217-48213')).toContain('backwards');
    expect(reason('48213-17')).toContain('48217');
    expect(reason(`1-${MAX_INVENTORY_RANGE + 1}`)).toContain(String(MAX_INVENTORY_RANGE));
    expect(numbers(`1-${MAX_INVENTORY_RANGE}`)).toHaveLength(MAX_INVENTORY_RANGE);
    expect(reason('15-00312')).toContain('widths');
    expect(reason('ЦГБ-48213-Ф4/48215')).toContain('branch');
  });
});

describe('docs/branches-and-inventory-numbers.md states what the code does', () => {
  const page = readFileSync(new URL('../../../docs/branches-and-inventory-numbers.md', import.meta.url), 'utf8');

  it('the options table has the defaults of the schema', () => {
    const d = inventoryNumberOptionsSchema.parse({});
    expect(page).toContain(`| \`prefixes\` | \`${JSON.stringify(d.prefixes).replace(/","/g, '", "')}\` |`);
    expect(page).toContain(`| \`branchPrefixes\` | \`"${d.branchPrefixes}"\` |`);
    expect(page).toContain(`| \`separators\` | \`${JSON.stringify(d.separators)}\` |`);
    expect(page).toContain(`| \`leadingZeros\` | \`"${d.leadingZeros}"\` |`);
    expect(page).toContain(`| \`suffix\` | \`"${d.suffix}"\` |`);
    expect(page).toContain(`| \`foldLookalikes\` | \`${d.foldLookalikes}\` |`);
    expect(page).toContain(`| \`minDigits\`, \`maxDigits\` | \`${d.minDigits}\`, \`${d.maxDigits}\` |`);
    expect(page).toContain(`more than ${MAX_INVENTORY_RANGE.toLocaleString('en-US')} numbers`);
  });

  it('every spelling in the key table gets the keys the table gives', () => {
    const table = page.slice(page.indexOf('| written |'), page.indexOf('\n\n', page.indexOf('| written |'))).split('\n').slice(2);
    expect(table.length).toBeGreaterThanOrEqual(5);
    for (const row of table) {
      const [written, plain, withDirectory, stripped] = row.split(' | ').map((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
      for (const raw of written!) {
        expect(key(raw), raw).toBe(plain![0]);
        expect(key(raw, undefined, karaganda), raw).toBe(withDirectory![0]);
        expect(key(raw, { branchPrefixes: 'strip' }), raw).toBe(stripped![0]);
      }
    }
  });
});
