import { isKitapError } from '@kitap/core';
import { WRITE_OFF_REASONS, formatMoney, type WriteOffReason } from '@kitap/holdings';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SUBJECT_GROUPS,
  WITHDRAWAL_LABELS,
  withdrawalLayout,
  withdrawalTable,
  type SubjectGroup,
  type WithdrawalCell,
  type WithdrawalEntry,
  type WithdrawalRow,
} from '../../src/statistics/index.js';

const zero = { copies: 0, sum: 0 };
const zeroGroups = Object.fromEntries(SUBJECT_GROUPS.map((g) => [g, zero]));

// Act No. 17 of «№15 д.» (worn): Мұқанов «Ботакөз» twice and Волков «Волшебник Изумрудного города».
// Act No. 21 of ЦГБ (outdated): two copies of a 2009 informatics textbook, 32.973.
// Act No. 3 of «№4» (lost by readers, replaced): Есенберлин «Көшпенділер».
const acts: WithdrawalEntry[] = [
  { reason: 'worn', group: 'fiction', kazakh: true, branch: '№15 д.', price: 120000 },
  { reason: 'worn', group: 'fiction', kazakh: true, branch: '№15 д.', price: 120000 },
  { reason: 'worn', group: 'fiction', kazakh: false, branch: '№15 д.', price: 175000 },
  { reason: 'outdated', group: 'tech', kazakh: false, branch: 'ЦГБ', price: 253700 },
  { reason: 'outdated', group: 'tech', kazakh: false, branch: 'ЦГБ', price: 253700 },
  { reason: 'lost', group: 'fiction', kazakh: true, branch: '№4', price: 45027 },
];

describe('withdrawalTable', () => {
  it('counts copies and sums by reason, language, group and branch', () => {
    const table = withdrawalTable(acts);
    expect(table.rows.worn).toEqual({
      copies: 3,
      sum: 415000,
      kazakh: {
        copies: 2,
        sum: 240000,
        byGroup: { ...zeroGroups, fiction: { copies: 2, sum: 240000 } },
        byBranch: { 'ЦГБ': zero, '№4': zero, '№15 д.': { copies: 2, sum: 240000 } },
      },
      byGroup: { ...zeroGroups, fiction: { copies: 3, sum: 415000 } },
      byBranch: { 'ЦГБ': zero, '№4': zero, '№15 д.': { copies: 3, sum: 415000 } },
    });
    expect(formatMoney(table.rows.worn.sum)).toBe('4 150,00'); // the act's «на сумму 4 150,00 тенге»
    expect(table.rows.shortage).toMatchObject({ copies: 0, sum: 0, kazakh: { copies: 0, sum: 0 } });
    expect(table.total).toMatchObject({
      copies: 6,
      sum: 967427,
      kazakh: { copies: 3, sum: 285027 },
      byGroup: { ...zeroGroups, tech: { copies: 2, sum: 507400 }, fiction: { copies: 4, sum: 460027 } },
      byBranch: { '№4': { copies: 1, sum: 45027 }, '№15 д.': { copies: 3, sum: 415000 }, 'ЦГБ': { copies: 2, sum: 507400 } },
    });
  });

  it('keeps every reason, group and branch in report order, so the JSON is the same whatever the order of the entries', () => {
    const table = withdrawalTable(acts);
    expect(Object.keys(table)).toEqual(['rows', 'total']);
    expect(Object.keys(table.rows)).toEqual([...WRITE_OFF_REASONS]);
    expect(Object.keys(table.total)).toEqual(['copies', 'sum', 'kazakh', 'byGroup', 'byBranch']);
    expect(Object.keys(table.rows.disaster.byGroup)).toEqual([...SUBJECT_GROUPS]);
    // Natural order of library codes: ЦГБ, then «№4» before «№15 д.».
    expect(Object.keys(table.rows.disaster.byBranch)).toEqual(['ЦГБ', '№4', '№15 д.']);
    const branches = ['№15 д.', '№11 д.', 'ЦГБ', '№2 юн.', '№15', '№4', '№11', '№1 юн.'];
    const sorted = Object.keys(withdrawalTable(branches.map((branch) => ({ ...acts[0]!, branch }))).total.byBranch);
    expect(sorted).toEqual(['ЦГБ', '№1 юн.', '№2 юн.', '№4', '№11', '№11 д.', '№15', '№15 д.']);
    expect(JSON.stringify(withdrawalTable([...acts].reverse()))).toBe(JSON.stringify(table));
  });

  it('adds 5,000 transferred copies to the tiyn (796 010,76 KZT, as in the customer’s report)', () => {
    // 4,999 copies at 159,20 and one at 169,96: the exact sum of the 2023 transfer to penitentiary institutions.
    const transfer = function* (): Generator<WithdrawalEntry> {
      for (let i = 0; i < 4999; i++) yield { reason: 'transferred', group: i % 3 === 0 ? 'opl' : 'fiction', kazakh: i % 2 === 0, branch: 'ЦГБ', price: 15920 };
      yield { reason: 'transferred', group: 'fiction', kazakh: false, branch: 'ЦГБ', price: 16996 };
    };
    const table = withdrawalTable(transfer());
    expect(table.total.copies).toBe(5000);
    expect(formatMoney(table.total.sum)).toBe('796 010,76');
    expect(table.rows.transferred.sum).toBe(79601076);
    expect(table.rows.transferred.kazakh.copies).toBe(2500);
    expect(table.rows.transferred.byGroup.opl.copies + table.rows.transferred.byGroup.fiction.copies).toBe(5000);
  });

  it('gives an empty table for no entries', () => {
    const table = withdrawalTable([]);
    expect(table.total).toEqual({ copies: 0, sum: 0, kazakh: { copies: 0, sum: 0, byGroup: zeroGroups, byBranch: {} }, byGroup: zeroGroups, byBranch: {} });
  });

  it('refuses entries it cannot count exactly', () => {
    const code = (entries: unknown[]): string => {
      try {
        withdrawalTable(entries as WithdrawalEntry[]);
      } catch (e) {
        if (isKitapError(e)) return `${e.code}: ${e.message}`;
        throw e;
      }
      return 'counted';
    };
    const ok = acts[0]!;
    expect(code([ok, { ...ok, price: 1200.5 }])).toBe('E_WITHDRAWAL_ENTRY: withdrawal entry 2: price 1200.5 is not a whole non-negative number of tiyn');
    expect(code([{ ...ok, price: -100 }])).toMatch(/entry 1: price -100/);
    expect(code([{ ...ok, price: Number.NaN }])).toMatch(/price NaN/);
    expect(code([{ ...ok, reason: 'ветхость' }])).toMatch(/unknown reason "ветхость"/);
    expect(code([{ ...ok, group: 'history' }])).toMatch(/unknown subject group "history"/);
    expect(code([{ ...ok, price: Number.MAX_SAFE_INTEGER }, { ...ok, price: 2 }])).toMatch(/too large to count exactly/);
    expect(code([{ ...ok, price: 0 }])).toBe('counted');
  });
});

const entryArbitrary: fc.Arbitrary<WithdrawalEntry> = fc.record({
  reason: fc.constantFrom(...WRITE_OFF_REASONS),
  group: fc.constantFrom(...SUBJECT_GROUPS),
  kazakh: fc.boolean(),
  branch: fc.constantFrom('ЦГБ', '№4', '№11', '№11 д.', '№15', '№15 д.', '№1 юн.', 'F04', 'D15', '__proto__'),
  price: fc.oneof(fc.integer({ min: 0, max: 500_000 }), fc.integer({ min: 0, max: 10_000_000_000 })),
});

function add(cells: readonly WithdrawalCell[]): WithdrawalCell {
  return { copies: cells.reduce((n, c) => n + c.copies, 0), sum: cells.reduce((n, c) => n + c.sum, 0) };
}

function cell(row: WithdrawalCell): WithdrawalCell {
  return { copies: row.copies, sum: row.sum };
}

describe('withdrawalTable properties', () => {
  it('the rows add up to the total, the groups and the branches to their row, to the tiyn', () => {
    fc.assert(
      fc.property(fc.array(entryArbitrary, { maxLength: 200 }), (entries) => {
        const table = withdrawalTable(entries);
        const rows: WithdrawalRow[] = WRITE_OFF_REASONS.map((r) => table.rows[r]);
        expect(add(rows)).toEqual(cell(table.total));
        expect(add(rows.map((r) => r.kazakh))).toEqual(cell(table.total.kazakh));
        for (const row of [...rows, table.total]) {
          for (const part of [row, row.kazakh]) {
            expect(add(Object.values(part.byGroup))).toEqual(cell(part));
            expect(add(Object.values(part.byBranch))).toEqual(cell(part));
          }
          expect(row.kazakh.copies).toBeLessThanOrEqual(row.copies);
          for (const g of SUBJECT_GROUPS) expect(add(rows.map((r) => r.byGroup[g]))).toEqual(table.total.byGroup[g]);
        }
        expect(table.total.copies).toBe(entries.length);
        expect(table.total.sum).toBe(entries.reduce((n, e) => n + e.price, 0));
      }),
    );
  });

  it('every cell is the count and sum of exactly the entries it names', () => {
    fc.assert(
      fc.property(fc.array(entryArbitrary, { maxLength: 100 }), fc.constantFrom(...WRITE_OFF_REASONS), fc.constantFrom(...SUBJECT_GROUPS), (entries, reason: WriteOffReason, group: SubjectGroup) => {
        const table = withdrawalTable(entries);
        const picked = entries.filter((e) => e.reason === reason && e.group === group);
        expect(table.rows[reason].byGroup[group]).toEqual({ copies: picked.length, sum: picked.reduce((n, e) => n + e.price, 0) });
        const kazakh = picked.filter((e) => e.kazakh);
        expect(table.rows[reason].kazakh.byGroup[group]).toEqual({ copies: kazakh.length, sum: kazakh.reduce((n, e) => n + e.price, 0) });
        for (const e of entries) expect(Object.hasOwn(table.total.byBranch, e.branch)).toBe(true);
        expect(Object.getPrototypeOf(table.total.byBranch)).toBe(Object.prototype);
      }),
    );
  });

  it('does not depend on the order of the entries', () => {
    fc.assert(
      fc.property(fc.array(entryArbitrary, { maxLength: 60 }).chain((a) => fc.tuple(fc.constant(a), fc.shuffledSubarray(a, { minLength: a.length, maxLength: a.length }))), ([a, b]) => {
        expect(JSON.stringify(withdrawalTable(b))).toBe(JSON.stringify(withdrawalTable(a)));
      }),
    );
  });
});

describe('the annual report layout', () => {
  it('has the report’s Russian row and column names', () => {
    expect(WITHDRAWAL_LABELS.total).toBe('Выбыло всего');
    expect(WITHDRAWAL_LABELS.kazakh).toBe('в т.ч. на казахском языке');
    expect(WRITE_OFF_REASONS.map((r) => WITHDRAWAL_LABELS.reasons[r])).toEqual([
      'ветхость',
      'устарелость по содержанию',
      'передано в другие ведомства',
      'недостача при проверке фонда',
      'утеряно читателями',
      'стихийное бедствие',
      'прочие причины',
    ]);
    expect(SUBJECT_GROUPS.map((g) => WITHDRAWAL_LABELS.groups[g])).toEqual(['ОПЛ', 'ЕН', 'Техника', 'С/х', 'Искусство/Спорт', 'Филология', 'Художественная литература']);
  });

  it('lays the table out: total, Kazakh, then a row per reason; copies, sum, then copies per group', () => {
    const layout = withdrawalLayout(withdrawalTable(acts));
    expect(layout.columns.map((c) => c.label)).toEqual(['Всего, экз.', 'Сумма, тг', 'ОПЛ', 'ЕН', 'Техника', 'С/х', 'Искусство/Спорт', 'Филология', 'Художественная литература']);
    expect(layout.columns.map((c) => c.unit)).toEqual(['copies', 'tiyn', ...SUBJECT_GROUPS.map(() => 'copies')]);
    expect(layout.lines.map((l) => [l.label, ...l.values])).toEqual([
      ['Выбыло всего', 6, 967427, 0, 0, 2, 0, 0, 0, 4],
      ['в т.ч. на казахском языке', 3, 285027, 0, 0, 0, 0, 0, 0, 3],
      ['ветхость', 3, 415000, 0, 0, 0, 0, 0, 0, 3],
      ['устарелость по содержанию', 2, 507400, 0, 0, 2, 0, 0, 0, 0],
      ['передано в другие ведомства', 0, 0, 0, 0, 0, 0, 0, 0, 0],
      ['недостача при проверке фонда', 0, 0, 0, 0, 0, 0, 0, 0, 0],
      ['утеряно читателями', 1, 45027, 0, 0, 0, 0, 0, 0, 1],
      ['стихийное бедствие', 0, 0, 0, 0, 0, 0, 0, 0, 0],
      ['прочие причины', 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ]);
    expect(layout.lines.map((l) => l.level)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1]);
  });
});
