import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dedupConfigSchema } from '@kitap/dedup';
import { BranchDirectory, COPY_MAPPERS, KARAGANDA_CBS } from '@kitap/holdings';
import { readIso2709All } from '@kitap/marc';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { type InventoryResult, runInventory, webRabisEbookSchema } from '../src/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = join(ROOT, 'fixtures');

interface Planted {
  ledger: {
    rows: { read: number; mapped: number; rejected: { total: number; byCode: Record<string, number> }; batchLevel: number; filtered: { total: number; totalRow: number; alreadyInCatalog: number }; blankLinesSkipped: number };
    copies: { expected: number; mapped: number; rejected: number; batchLevel: number; filtered: number; mappedToCatalogRecords: number; mappedToNewRecords: number };
    records: { new: number; catalogAttached: number };
    money: Record<'read' | 'mapped' | 'rejected' | 'batchLevel' | 'filtered', { total: number; byBranch: Record<string, number> }>;
  };
  planted: { line: number; outcome: string; rowOutcome?: string; numbers?: string[] }[];
  editions: { id: string; attach: string; mappedLines: number[] }[];
}

const planted = JSON.parse(readFileSync(join(FIXTURES, 'inventory/planted.json'), 'utf8')) as Planted;

function run(input: string, out: string): Promise<InventoryResult> {
  return runInventory({
    input: join(FIXTURES, 'inventory', input),
    out,
    catalog: join(FIXTURES, 'sample/catalog-utf8.mrc'),
    layout: '852/876',
    flavour: 'marc21',
    branches: BranchDirectory.fromJson(KARAGANDA_CBS),
    dedup: dedupConfigSchema.parse({}),
  });
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'kitap-inventory-'));
}

describe.each([
  ['the cp1251 CSV', 'export-cp1251.csv'],
  ['the XLSX', 'export.xlsx'],
])('kitap inventory on the customer-shaped 1C export: %s', (_name, file) => {
  let out: string;
  let result: InventoryResult;
  beforeAll(async () => {
    out = tmp();
    result = await run(file, out);
  }, 60_000);

  it('accounts for every row, copy and tiyn exactly as the generator planted them', () => {
    const want = planted.ledger;
    const { rows, copies, money } = result.report.totals;
    expect(rows).toEqual({
      read: want.rows.read,
      mapped: want.rows.mapped,
      rejected: want.rows.rejected.total,
      batchLevel: want.rows.batchLevel,
      alreadyInCatalog: want.rows.filtered.alreadyInCatalog,
      totals: want.rows.filtered.totalRow,
    });
    expect(result.report.rejectsByCode).toEqual(Object.fromEntries(Object.entries(want.rows.rejected.byCode).filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b))));
    expect(copies).toEqual({ expected: want.copies.expected, mapped: want.copies.mapped, rejected: want.copies.rejected, batchLevel: want.copies.batchLevel, alreadyInCatalog: want.copies.filtered });
    expect(money).toEqual({ read: want.money.read.total, mapped: want.money.mapped.total, rejected: want.money.rejected.total, batchLevel: want.money.batchLevel.total, alreadyInCatalog: want.money.filtered.total });
    expect(result.report.ledger.balanced).toBe(true);
  });

  it('balances the money of every branch to the tiyn', () => {
    for (const [branch, tiyn] of Object.entries(planted.ledger.money.read.byBranch)) {
      expect(result.report.byBranch[branch]?.money.read ?? 0, branch).toBe(tiyn);
      expect(result.report.byBranch[branch]?.money.mapped ?? 0, branch).toBe(planted.ledger.money.mapped.byBranch[branch]);
    }
  });

  it('rejects exactly the planted rows, each with its code and line', () => {
    const rejects = parse(readFileSync(join(out, 'rejects.csv'), 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as { line: string; code: string; raw: string }[];
    const want = planted.planted.filter((p) => p.outcome.startsWith('E_')).map((p) => `${p.line} ${p.outcome}`);
    expect(rejects.map((r) => `${r.line} ${r.code}`)).toEqual(want);
    for (const r of rejects) expect(r.raw.length).toBeGreaterThan(0);
  });

  it('attaches the copies of known editions to their catalog records and makes one new record per new edition', () => {
    expect(result.report.attached).toEqual({ records: planted.ledger.records.catalogAttached, copies: planted.ledger.copies.mappedToCatalogRecords });
    expect(result.report.created).toEqual({ records: planted.ledger.records.new, copies: planted.ledger.copies.mappedToNewRecords });
    const lineTo = new Map<number, string>();
    const newOf = new Map<string, Set<string>>();
    for (const text of readFileSync(join(out, 'web-rabis.jsonl'), 'utf8').trim().split('\n')) {
      const doc = webRabisEbookSchema.parse(JSON.parse(text));
      for (const line of doc.kitap.sourceLines) lineTo.set(line, doc.kitap.action === 'attach' ? doc.kitap.controlNumber : `new ${doc.kitap.controlNumber}`);
    }
    for (const edition of planted.editions) {
      for (const line of edition.mappedLines) {
        const got = lineTo.get(line);
        if (edition.attach === 'new') {
          expect(got, `line ${line} (${edition.id})`).toMatch(/^new /);
          const set = newOf.get(edition.id) ?? new Set();
          set.add(got!);
          newOf.set(edition.id, set);
        } else expect(got, `line ${line} (${edition.id})`).toBe(edition.attach);
      }
    }
    // Each new edition is one new record, and no two new editions share one.
    const records = [...newOf.values()].map((s) => [...s]);
    for (const r of records) expect(r).toHaveLength(1);
    expect(new Set(records.map((r) => r[0])).size).toBe(records.length);
  });

  it('writes every web-rabis.jsonl document so that the schema accepts it and gives back the same text', () => {
    // The writer builds documents in the schema's key order and does not parse them itself: this is that check.
    const lines = readFileSync(join(out, 'web-rabis.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBe(planted.ledger.records.new + planted.ledger.records.catalogAttached);
    for (const line of lines) expect(JSON.stringify(webRabisEbookSchema.parse(JSON.parse(line)))).toBe(line);
  });

  it('writes records.mrc with one copy field pair per mapped copy, and web-rabis.jsonl in the same order', async () => {
    const items = await readIso2709All(readFileSync(join(out, 'records.mrc')));
    const records = items.filter((i) => i.kind === 'record').map((i) => i.record);
    expect(records).toHaveLength(items.length);
    const docs = readFileSync(join(out, 'web-rabis.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kitap: { controlNumber: string }; inv: unknown[] });
    expect(records.map((r) => r.controlValue('001'))).toEqual(docs.map((d) => d.kitap.controlNumber));
    const fromCatalog = new Map((await readIso2709All(readFileSync(join(FIXTURES, 'sample/catalog-utf8.mrc')))).flatMap((i) => (i.kind === 'record' ? [[i.record.controlValue('001'), COPY_MAPPERS['852/876'].read(i.record).length] as const] : [])));
    let added = 0;
    records.forEach((r, i) => {
      const copies = COPY_MAPPERS['852/876'].read(r).length;
      const before = fromCatalog.get(r.controlValue('001')) ?? 0;
      expect(copies - before).toBe(docs[i]!.inv.length);
      added += copies - before;
    });
    expect(added).toBe(planted.ledger.copies.mapped);
  });
});

describe('kitap inventory runs', () => {
  it('give the same bytes twice, and again after the job state is thrown away', async () => {
    const a = tmp();
    await run('export-cp1251.csv', a);
    const first = ['records.mrc', 'web-rabis.jsonl', 'rejects.csv', 'batches.csv', 'report.json'].map((f) => readFileSync(join(a, f)));
    const again = await run('export-cp1251.csv', a);
    expect(again.stagesSkipped).toEqual(['catalog', 'read', 'group', 'attach']);
    const second = ['records.mrc', 'web-rabis.jsonl', 'rejects.csv', 'batches.csv', 'report.json'].map((f) => readFileSync(join(a, f)));
    expect(second).toEqual(first);
    const b = tmp();
    await run('export-cp1251.csv', b);
    expect(['records.mrc', 'web-rabis.jsonl', 'rejects.csv', 'batches.csv', 'report.json'].map((f) => readFileSync(join(b, f)))).toEqual(first);
  }, 120_000);
});
