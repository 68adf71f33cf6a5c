import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { branchDepartments } from '../../src/stand-in/stand-in-departments.js';
import { StandInStore } from '../../src/stand-in/stand-in-store.js';
import { startStandIn, type StandIn } from '../../src/stand-in/start-stand-in.js';
import { call, ebook, signIn } from './stand-in-http.js';

const IMPORT = '/api/v1/kitap/import';
const dir = mkdtempSync(join(tmpdir(), 'kitap-stand-in-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const abai = ebook('1C0000201', 'Абай жолы', 'Әуезов, Мұхтар', [
  ['61001', 'CGB/ABON'],
  ['61002', 'F04'],
]);
const koshpendiler = ebook('1C0000202', 'Көшпенділер', 'Есенберлин, Ілияс', [['61003', 'D15']]);
const voina = ebook('1C0000203', 'Война и мир', 'Толстой, Лев', [['61004', 'F15']]);

let server: StandIn;
let token: string;
beforeEach(async () => {
  server = await startStandIn();
  token = await signIn(server.url);
});
afterEach(async () => {
  await server.close();
});

const post = (records: unknown[], key?: string) =>
  call(server.url, 'POST', IMPORT, { token, body: { records }, ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }) });

describe('the import route (kitap\'s assumption: POST /api/v1/kitap/import)', () => {
  it('creates records and their copies and answers each record\'s key, id and status', async () => {
    const answer = await post([abai, koshpendiler], 'batch-1');
    expect(answer.status).toBe(200);
    const results = answer.json.results as { key: string; id: number; status: string }[];
    expect(results.map((r) => [r.key, r.status])).toEqual([
      ['1C0000201', 'created'],
      ['1C0000202', 'created'],
    ]);
    const card = await call(server.url, 'GET', `/api/v1/ebook/${results[0]!.id}/card`, { token });
    expect((card.json.inv as { invNumber: string }[]).map((c) => c.invNumber)).toEqual(['61001', '61002']);
    expect(server.stats()).toMatchObject({ ebooks: 2, copies: 3, imports: { batches: 1, created: 2 } });
  });

  it('answers a repeated Idempotency-Key with the stored answer and never creates twice', async () => {
    const first = await post([abai, voina], 'batch-7f3a');
    const again = await post([abai, voina], 'batch-7f3a');
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(server.stats()).toMatchObject({ ebooks: 2, copies: 3, imports: { batches: 1, replayed: 1, created: 2, exists: 0 } });
  });

  it('refuses a repeated Idempotency-Key with a different body', async () => {
    await post([abai], 'batch-1');
    const other = await post([voina], 'batch-1');
    expect(other.status).toBe(400);
    expect(other.json.error).toMatchObject({ status: 400, code: 'idempotency_key_reused' });
    expect(server.stats().ebooks).toBe(1);
  });

  it('answers "exists" for a record imported in an earlier batch (same control number), with its id', async () => {
    const first = await post([abai], 'batch-1');
    const second = await post([voina, abai], 'batch-2');
    expect(second.json.results).toEqual([
      { key: '1C0000203', id: expect.any(Number), status: 'created' },
      { key: '1C0000201', id: first.json.results[0].id, status: 'exists' },
    ]);
    expect(server.stats()).toMatchObject({ ebooks: 2, copies: 3 });
  });

  it('keys a record without a control number by the hash of its canonical JSON (key order does not matter)', async () => {
    const plain = { title: 'Қан мен тер', author: 'Нұрпейісов, Әбдіжәміл', inv: [{ invNumber: '70001', department: { code: 'F07' } }] };
    const reordered = { inv: [{ department: { code: 'F07' }, invNumber: '70001' }], author: 'Нұрпейісов, Әбдіжәміл', title: 'Қан мен тер' };
    const first = await post([plain]);
    const second = await post([reordered]);
    expect(first.json.results[0].key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second.json.results[0]).toEqual({ ...first.json.results[0], status: 'exists' });
  });

  it('rejects invalid records one by one and imports the others', async () => {
    const noTitle = { ...voina, title: '   ' };
    const noInvNumber = { ...ebook('1C0000204', 'Ақ кеме', 'Айтматов, Шыңғыс', []), inv: [{ department: { code: 'F04' } }] };
    const answer = await post([noTitle, abai, noInvNumber, 'Абай жолы'], 'batch-mixed');
    const results = answer.json.results as { key: string; id: number | null; status: string; message?: string }[];
    expect(results.map((r) => r.status)).toEqual(['rejected', 'created', 'rejected', 'rejected']);
    expect(results[0]).toMatchObject({ key: '1C0000203', id: null });
    expect(results[0]!.message).toContain('title');
    expect(results[2]!.message).toContain('inv.0.invNumber');
    expect(results[3]!.key).toMatch(/^sha256:/);
    expect(server.stats()).toMatchObject({ ebooks: 1, imports: { created: 1, rejected: 3 } });
  });

  it('rejects a record whose inventory number another record holds, or that lists one number twice', async () => {
    await post([abai]);
    const thief = ebook('1C0000205', 'Абай жолы. 2-т.', 'Әуезов, Мұхтар', [['61002', 'F06']]);
    const twice = ebook('1C0000206', 'Көшпенділер', undefined, [
      ['62001', 'F04'],
      ['62001', 'F06'],
    ]);
    const results = (await post([thief, twice])).json.results as { status: string; message: string }[];
    expect(results[0]).toMatchObject({ status: 'rejected', message: expect.stringContaining('inventory number 61002 is already held by record') });
    expect(results[1]).toMatchObject({ status: 'rejected', message: 'inventory number 62001 appears twice in the record' });
    expect(server.stats().copies).toBe(2);
  });

  it('rejects a copy whose department is not in the dictionary', async () => {
    const unknown = ebook('1C0000207', 'Абай жолы', undefined, [['63001', 'Ф-л №99']]);
    const results = (await post([unknown])).json.results as { status: string; message: string }[];
    expect(results[0]).toMatchObject({ status: 'rejected', message: 'department "Ф-л №99" of inventory number 63001 is not in the department dictionary' });
  });

  it('answers 400 for a body that is not { records: [...] } and 415 for a body that is not JSON', async () => {
    const notJson = await call(server.url, 'POST', IMPORT, { token, body: '{"records": [' });
    expect(notJson.status).toBe(400);
    const noRecords = await call(server.url, 'POST', IMPORT, { token, body: [abai] });
    expect(noRecords.status).toBe(400);
    expect(noRecords.json.validation).toEqual({ records: 'expected an array of records' });
    const marc = await call(server.url, 'POST', IMPORT, { token, body: '00026nam  2200025   4500', headers: { 'content-type': 'application/marc' } });
    expect(marc.status).toBe(415);
    expect(server.stats().imports.batches).toBe(0);
  });

  it('needs a token', async () => {
    const answer = await call(server.url, 'POST', IMPORT, { body: { records: [abai] } });
    expect(answer.status).toBe(401);
    expect(server.stats().ebooks).toBe(0);
  });

  it('keeps imports and stored answers in its SQLite file across a restart', async () => {
    const dbPath = join(dir, 'persistent.sqlite');
    const first = await startStandIn({ dbPath });
    let answer;
    try {
      const t = await signIn(first.url);
      answer = await call(first.url, 'POST', IMPORT, { token: t, body: { records: [abai] }, headers: { 'idempotency-key': 'k-1' } });
    } finally {
      await first.close();
    }
    const second = await startStandIn({ dbPath });
    try {
      const t = await signIn(second.url);
      const replay = await call(second.url, 'POST', IMPORT, { token: t, body: { records: [abai] }, headers: { 'idempotency-key': 'k-1' } });
      expect(replay.text).toBe(answer.text);
      const again = await call(second.url, 'POST', IMPORT, { token: t, body: { records: [abai] }, headers: { 'idempotency-key': 'k-2' } });
      expect(again.json.results[0].status).toBe('exists');
      expect(second.stats()).toMatchObject({ ebooks: 1, copies: 2 });
    } finally {
      await second.close();
    }
  });
});

describe('the store behind the import', () => {
  // Any sequence of batches drawn from a pool of records (repeats, reorderings,
  // replayed keys) creates each record the first time it is sent, answers
  // "exists" after that, and leaves one record per distinct key and one copy
  // per distinct inventory number.
  it('holds each record once whatever the batches and keys', () => {
    const pool = Array.from({ length: 12 }, (_, i) =>
      ebook(`1C${String(300 + i).padStart(7, '0')}`, `${['Абай жолы', 'Көшпенділер', 'Война и мир'][i % 3]} (${i + 1}-т.)`, 'Әуезов, Мұхтар', [
        [`8${i}01`, 'F04'],
        [`8${i}02`, 'D15'],
      ]),
    );
    const batch = fc.record({ picks: fc.array(fc.nat(pool.length - 1), { maxLength: 6 }), key: fc.option(fc.constantFrom('a', 'b', 'c', 'd'), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(batch, { minLength: 1, maxLength: 10 }), (batches) => {
        const store = new StandInStore(undefined, branchDepartments(), () => new Date(0));
        try {
          const sent = new Set<number>();
          for (const b of batches) {
            const records = b.picks.map((i) => pool[i]);
            // A repeated key is answered from the stored answer by the route: the store never sees the batch again.
            if (b.key !== undefined && store.storedAnswer(b.key) !== undefined) continue;
            const answer = b.key === undefined ? undefined : { key: b.key, bodyHash: JSON.stringify(records), render: (r: unknown) => ({ status: 200, body: JSON.stringify(r) }) };
            const results = store.importBatch(records, answer === undefined ? {} : { answer });
            const expected = b.picks.map((i) => {
              const status = sent.has(i) ? 'exists' : 'created';
              sent.add(i);
              return status;
            });
            expect(results.map((r) => r.status)).toEqual(expected);
          }
          expect(store.counts()).toEqual({ ebooks: sent.size, copies: sent.size * 2 });
        } finally {
          store.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
