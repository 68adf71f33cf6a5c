import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BranchDirectory, COPY_MAPPERS, type Copy, KARAGANDA_CBS } from '@kitap/holdings';
import { MarcRecord, controlField, dataField, subfields, writeIso2709 } from '@kitap/marc';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareActLines } from '../src/audit/act-line-match.js';
import { DEFAULT_SUBJECT_RULES, applyActs, findingsJson, readActs, runAudit } from '../src/index.js';
import { type ActRow, writeActs } from './apply-support.js';

const branches = BranchDirectory.fromJson(KARAGANDA_CBS);
const inventoryNumbers = { branchPrefixes: 'strip' } as const;
const AS_OF = '2025-06-30';

const copy = (inventoryNumber: string, branch: string, status: Copy['status'], dateReceived = '2000-01-01', department?: string): Copy => ({
  inventoryNumber,
  branch,
  status,
  price: 10_000,
  dateReceived,
  ...(department === undefined ? {} : { department }),
});

// Six records, eleven copies: active and withdrawn ones, one received in the middle of 2023, one number held twice.
const RECORDS: Copy[][] = [
  [copy('5001', '№4', 'available'), copy('5002', '№4', 'on-loan')],
  [copy('5003', 'ЦГБ', 'available', '2023-06-01'), copy('5004', 'ЦГБ', 'written-off')],
  [copy('5005', '№7', 'available'), copy('5006', '№7', 'transferred')],
  [copy('5007', 'ЦГБ', 'available', '2000-01-01', 'Абонемент'), copy('5008', '№4', 'available')],
  [copy('5009', '№7', 'available'), copy('5010', '№4', 'available')],
  [copy('ЦГБ-5010', 'ЦГБ', 'available')],
];

const row: fc.Arbitrary<ActRow> = fc
  .record({
    number: fc.constantFrom('1', '2', 'ПП-1', 'ПП-2'),
    date: fc.constantFrom('2022-12-01', '2023-03-01', '2023-07-01', '2023-09-01', '2026-01-01'),
    kind: fc.constantFrom('write-off', 'transfer-out', 'move'),
    from: fc.constantFrom('ЦГБ', 'Ф-л №4', 'Ф-л №7'),
    to: fc.constantFrom('ЦГБ', 'Ф-л №4', 'Ф-л №7', 'ООИФ ЦГБ'),
    inventoryNumber: fc.constantFrom('5001', '5002', '5003', 'ЦГБ-5003', '5004', '0005005', '5006', '5007', '5008', '5009', '5010', '9999', 'б/н'),
    reason: fc.constantFrom('ветхость', 'недостача', 'прочие'),
    price: fc.option(fc.integer({ min: 1, max: 500_000 }), { nil: undefined }),
  })
  .map((r) => {
    const base = { number: r.number, date: r.date, from: r.from, inventoryNumber: r.inventoryNumber, ...(r.price === undefined ? {} : { price: r.price }) };
    if (r.kind === 'write-off') return { ...base, type: 'write-off' as const, reason: r.reason };
    if (r.kind === 'transfer-out') return { ...base, type: 'transfer' as const, to: 'РГУ «Учреждение ЕЦ-166/17»' };
    return { ...base, type: 'transfer' as const, to: r.to };
  });

describe('applying random acts', () => {
  let dir: string;
  let records: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kitap-apply-property-'));
    records = join(dir, 'holdings.mrc');
    const bytes = RECORDS.map((copies, i) =>
      writeIso2709(new MarcRecord('00000nam a2200000 i 4500', [controlField('001', `r${i}`), dataField('245', '1', '0', subfields('a', `Книга ${i}`)), ...COPY_MAPPERS['852/876'].write(copies).fields])),
    );
    writeFileSync(records, Buffer.concat(bytes));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accounts for every act line once (applied + not applied), keeps every record and copy, and leaves no applied withdrawal for the audit', async () => {
    let run = 0;
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 25 }), async (rows) => {
        run++;
        const acts = join(dir, `acts-${run}.csv`);
        const out = join(dir, `out-${run}.mrc`);
        writeActs(acts, rows);
        const result = await applyActs({ records, acts: [acts], outRecords: out, layouts: ['852/876'], branches, inventoryNumbers, asOf: AS_OF });
        const { acts: read } = await readActs([acts], { branches, inventoryNumbers });
        const lines = read.flatMap((a) => a.lines);

        expect(result.counts.lines).toBe(lines.length);
        expect(result.counts.applied + result.counts.notApplied).toBe(result.counts.lines);
        const outcomes = [...result.applied, ...result.notApplied].map((l) => l.line).sort((a, b) => a - b);
        expect(outcomes).toEqual(lines.map((l) => l.line).sort((a, b) => a - b));
        expect(result.counts.records).toMatchObject({ in: RECORDS.length, out: RECORDS.length });
        expect(result.counts.copies).toMatchObject({ in: 11, out: 11 });
        expect(result.withdrawn.copies).toBe(result.applied.filter((a) => a.kind !== 'move').length);
        for (const a of result.applied) seen.add(a.kind);
        for (const n of result.notApplied) seen.add(n.code);

        const audit = findingsJson(await runAudit({ holdings: out, acts: [acts], asOf: AS_OF, branches, inventoryNumbers, rules: DEFAULT_SUBJECT_RULES, layouts: ['852/876'] })).findings;
        const at = new Set(audit.map((f) => `${f.line} ${f.code}`));
        for (const a of result.applied) {
          expect(at.has(`${a.line} WRITTEN_OFF_STILL_ACTIVE`), `line ${a.line}`).toBe(false);
          expect(at.has(`${a.line} TRANSFERRED_OUT_STILL_ACTIVE`), `line ${a.line}`).toBe(false);
        }
        // The last move applied to a copy leaves it where that act sends it.
        const lastMove = new Map<string, number>();
        const byLine = new Map(lines.map((l) => [l.line, l]));
        for (const a of [...result.applied].sort((x, y) => compareActLines(byLine.get(x.line)!, byLine.get(y.line)!))) if (a.kind === 'move') lastMove.set(a.copy.inventoryNumber, a.line);
        for (const line of lastMove.values()) expect(at.has(`${line} TRANSFER_LOCATION_MISMATCH`), `line ${line}`).toBe(false);
      }),
      { numRuns: 30 },
    );
    // The runs reached every outcome (the property is not vacuous).
    expect([...seen].sort()).toEqual(
      ['write-off', 'transfer-out', 'move', 'INVENTORY_NUMBER_INVALID', 'W_ACT_NOT_APPLIED_FUTURE', 'ACT_LINE_UNMATCHED', 'ACT_LINE_AMBIGUOUS', 'COPY_WRITTEN_OFF_TWICE', 'W_ACT_NOT_APPLIED_WITHDRAWN', 'ACT_BEFORE_RECEIPT', 'W_ACT_NOT_APPLIED_ALREADY_MOVED', 'W_ACT_NOT_APPLIED_NOT_AT_SENDER'].sort(),
    );
  }, 120_000);
});
