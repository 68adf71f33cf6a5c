import { writeIso2709 } from '@kitap/marc';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultPlan } from '../../src/stand-in/fault-plan.js';
import { resolveFaults, type FaultSpec } from '../../src/stand-in/fault-spec.js';
import { startStandIn, type StandIn, type StandInOptions } from '../../src/stand-in/start-stand-in.js';
import { damagedRecord, sampleMarcRecord, sampleMarcRecords } from '../client/sample-marc.js';
import { call, ebook, signIn } from './stand-in-http.js';

const ISO = '/api/v1/kitap/import/iso2709';
const JSON_IMPORT = '/api/v1/kitap/import';

let server: StandIn;
let token: string;
async function start(options: StandInOptions = {}): Promise<void> {
  server = await startStandIn(options);
  token = await signIn(server.url);
}
afterEach(async () => {
  await server.close();
});

const post = (body: Uint8Array, key?: string, headers: Record<string, string> = {}, path = ISO) =>
  call(server.url, 'POST', path, { token, body: Buffer.from(body), headers: { ...headers, ...(key === undefined ? {} : { 'idempotency-key': key }) } });

type Result = { key: string; id: number | null; status: string; message?: string };

describe('the ISO2709 import route (kitap\'s assumption: POST /api/v1/kitap/import/iso2709, application/marc)', () => {
  beforeEach(() => start());

  it('reads the records with @kitap/marc and holds them with their copies, under the departments their libraries resolve to', async () => {
    const [a, b, c] = sampleMarcRecords(3);
    const answer = await post(Buffer.concat([a!.bytes, b!.bytes, c!.bytes]), 'iso-1');
    expect(answer.status).toBe(200);
    const results = answer.json.results as Result[];
    expect(results.map((r) => [r.key, r.status])).toEqual([
      ['KRG-000000', 'created'],
      ['KRG-000001', 'created'],
      ['KRG-000002', 'created'],
    ]);
    // Record 0: copies at F04 and at «ЦГБ», «Абонемент» (CGB/ABON in the dictionary).
    const record = await call(server.url, 'GET', `/api/v1/ebook/${results[0]!.id}`, { token });
    expect(record.json).toMatchObject({ title: 'Абай жолы. 1-т.', author: 'Әуезов, Мұхтар', language: { language: 'kaz' }, kitap: { controlNumber: 'KRG-000000', copyLayout: '852/876' } });
    const card = await call(server.url, 'GET', `/api/v1/ebook/${results[0]!.id}/card`, { token });
    expect((card.json.inv as { invNumber: string; department: { code: string } }[]).map((i) => [i.invNumber, i.department.code])).toEqual(a!.copies.map((x) => [x.invNumber, x.department]));
    const lookup = await call(server.url, 'GET', `/api/v1/inv?invNumber=${c!.copies[0]!.invNumber}`, { token });
    expect(lookup.json.result[0]).toMatchObject({ ebookId: results[2]!.id, department: { code: c!.copies[0]!.department } });
    expect(server.stats()).toMatchObject({ ebooks: 3, copies: 4, imports: { batches: 1, iso2709Batches: 1, created: 3 } });
  });

  it('reads the customer\'s 949 too', async () => {
    const record = sampleMarcRecords(5)[4]!;
    const answer = await post(record.bytes);
    const id = (answer.json.results as Result[])[0]!.id;
    const got = await call(server.url, 'GET', `/api/v1/ebook/${id}`, { token });
    expect(got.json.kitap.copyLayout).toBe('949');
    expect(got.json.inv.map((i: { invNumber: string }) => i.invNumber)).toEqual(record.copies.map((c) => c.invNumber));
  });

  it('rejects a record the reader refuses (with its place in the batch), a record without a title, and a library the dictionary lacks; the others go in', async () => {
    const [good] = sampleMarcRecords(1);
    const untitled = sampleMarcRecord(40, [{ inventoryNumber: '940001', branch: 'F04' }]);
    untitled.removeFields('245');
    const unknown = sampleMarcRecord(41, [{ inventoryNumber: '940002', branch: 'Ф-л №99' }]);
    const damaged = damagedRecord(42);
    const body = Buffer.concat([writeIso2709(untitled), damaged, good!.bytes, writeIso2709(unknown)]);
    const answer = await post(body, 'iso-2');
    const results = answer.json.results as Result[];
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'created', 'rejected']);
    expect(results[0]!.message).toBe('the record has no title (245 $a, or 200 $a)');
    expect(results[1]).toMatchObject({ key: 'KRG-000042', id: null });
    expect(results[1]!.message).toMatch(new RegExp(`^not a readable ISO2709 record \\(record 2 of the batch, byte ${writeIso2709(untitled).length}\\): E_FIELD_BOUNDS: `));
    expect(results[3]!.message).toContain('Ф-л №99');
    expect(server.stats()).toMatchObject({ ebooks: 1, imports: { created: 1, rejected: 3 } });
  });

  it('answers a repeated Idempotency-Key from the stored answer, and a record sent again under a new key "exists"', async () => {
    const [a, b] = sampleMarcRecords(2);
    const body = Buffer.concat([a!.bytes, b!.bytes]);
    const first = await post(body, 'iso-3');
    const again = await post(body, 'iso-3');
    expect(again.text).toBe(first.text);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const fresh = await post(body, 'iso-4');
    expect((fresh.json.results as Result[]).map((r) => r.status)).toEqual(['exists', 'exists']);
    const other = await post(a!.bytes, 'iso-3');
    expect(other.status).toBe(400);
    expect(other.json.error.code).toBe('idempotency_key_reused');
    expect(server.stats()).toMatchObject({ ebooks: 2, imports: { batches: 2, replayed: 1, created: 2, exists: 2 } });
  });

  it('keys a record without 001 by the sha256 of its bytes', async () => {
    const record = sampleMarcRecord(50, [{ inventoryNumber: '950001', branch: 'D15' }]);
    record.removeFields('001');
    const bytes = writeIso2709(record);
    const answer = await post(bytes);
    const { createHash } = await import('node:crypto');
    expect((answer.json.results as Result[])[0]!.key).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
  });

  it('refuses JSON on the ISO2709 route, ISO2709 on the JSON route, and an empty body', async () => {
    const json = await call(server.url, 'POST', ISO, { token, body: { records: [] } });
    expect(json.status).toBe(415);
    expect(json.json.error.message).toContain(JSON_IMPORT);
    const marc = await post(sampleMarcRecords(1)[0]!.bytes, undefined, {}, JSON_IMPORT);
    expect(marc.status).toBe(415);
    expect(marc.json.error.message).toContain(ISO);
    const empty = await post(Buffer.from('\n'));
    expect(empty.status).toBe(400);
    expect(server.stats().ebooks).toBe(0);
  });
});

describe('one path for both imports', () => {
  it('lets the Content-Type decide when the ISO2709 route is configured as the import route', async () => {
    await start({ routes: { importIso2709: JSON_IMPORT } });
    const marc = await post(sampleMarcRecords(1)[0]!.bytes, undefined, { 'content-type': 'application/octet-stream' }, JSON_IMPORT);
    expect((marc.json.results as Result[])[0]!.status).toBe('created');
    const json = await call(server.url, 'POST', JSON_IMPORT, { token, body: { records: [ebook('1C0000901', 'Ұлпан', undefined, [['96001', 'F04']])] } });
    expect(json.json.results[0].status).toBe('created');
    expect(server.stats().imports).toMatchObject({ batches: 2, iso2709Batches: 1 });
  });
});

describe('faults on the ISO2709 route', () => {
  /** The first seed whose plan gives requests 1, 2, 3… the wanted fates. */
  function seedFor(spec: FaultSpec, wanted: ((f: ReturnType<FaultPlan['next']>) => boolean)[]): number {
    for (let seed = 0; seed < 100_000; seed++) {
      const plan = new FaultPlan(resolveFaults({ ...spec, seed }, () => 0));
      if (wanted.every((w) => w(plan.next()))) return seed;
    }
    throw new Error('no seed found');
  }
  const isOk = (f: { outcome: string }) => f.outcome === 'ok';

  it('answers an injected 500 before reading anything', async () => {
    const spec = { error500: 0.5 };
    await start({ faults: { ...spec, seed: seedFor(spec, [isOk, (f) => f.outcome === 'error500']) } });
    const answer = await post(sampleMarcRecords(1)[0]!.bytes, 'iso-5');
    expect(answer.status).toBe(500);
    expect(server.stats()).toMatchObject({ ebooks: 0, faults: { error500: 1 } });
  });

  it('drops an import after committing it: the retry with the same key gets the stored answer, nothing twice', async () => {
    const spec = { drop: 0.5, dropAfterCommit: 0.5 };
    await start({ faults: { ...spec, seed: seedFor(spec, [isOk, (f) => f.outcome === 'drop' && f.afterCommit, isOk]) } });
    const body = Buffer.concat(sampleMarcRecords(2).map((s) => s.bytes));
    await expect(post(body, 'iso-6')).rejects.toThrow();
    expect(server.stats()).toMatchObject({ ebooks: 2, faults: { dropAfterCommit: 1 } });
    const retry = await post(body, 'iso-6');
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect((retry.json.results as Result[]).map((r) => r.status)).toEqual(['created', 'created']);
    expect(server.stats()).toMatchObject({ ebooks: 2, imports: { batches: 1, iso2709Batches: 1, replayed: 1 } });
  });

  it('refuses a token after its N uses here as elsewhere', async () => {
    await start({ faults: 'expireToken=after:1' });
    const [a, b] = sampleMarcRecords(2);
    expect((await post(a!.bytes)).status).toBe(200);
    const refused = await post(b!.bytes);
    expect(refused.status).toBe(401);
    expect(server.stats()).toMatchObject({ ebooks: 1, faults: { expiredToken: 1 } });
  });
});
