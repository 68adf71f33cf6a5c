import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { FaultPlan } from '../../src/stand-in/fault-plan.js';
import { resolveFaults, type FaultSpec } from '../../src/stand-in/fault-spec.js';
import { startStandIn, type StandIn } from '../../src/stand-in/start-stand-in.js';
import { call, ebook, signIn, type Answer } from './stand-in-http.js';

const dir = mkdtempSync(join(tmpdir(), 'kitap-stand-in-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const IMPORT = '/api/v1/kitap/import';
const DEPARTMENTS = '/api/v1/dictionary/department';
const batch = [
  ebook('1C0000401', 'Абай жолы', 'Әуезов, Мұхтар', [['71001', 'F04']]),
  ebook('1C0000402', 'Көшпенділер', 'Есенберлин, Ілияс', [['71002', 'D15']]),
];

async function withStandIn<T>(faults: FaultSpec | string, body: (s: StandIn) => Promise<T>): Promise<T> {
  const server = await startStandIn({ faults });
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

/** The first seed whose plan gives requests 1, 2, 3… the wanted fates. */
function seedFor(spec: FaultSpec, wanted: ((f: ReturnType<FaultPlan['next']>) => boolean)[]): number {
  for (let seed = 0; seed < 100_000; seed++) {
    const plan = new FaultPlan(resolveFaults({ ...spec, seed }, () => 0));
    if (wanted.every((w) => w(plan.next()))) return seed;
  }
  throw new Error('no seed found');
}

const isOk = (f: { outcome: string }) => f.outcome === 'ok';

describe('injected faults', () => {
  it('answers 500 in the error shape before doing anything', async () => {
    await withStandIn('error500=100%', async (s) => {
      const answer = await call(s.url, 'POST', '/api/v1/auth/sign-in', { body: { username: 'kitap', password: 'kitap' } });
      expect(answer.status).toBe(500);
      expect(answer.json).toEqual({ error: { status: 500, code: 'internal', message: 'internal server error (injected by the stand-in)' } });
      expect(s.stats()).toMatchObject({ requests: 1, byStatus: { '500': 1 }, faults: { error500: 1 } });
    });
  });

  it('answers 429 with Retry-After', async () => {
    await withStandIn('error429=100%,retryAfter=2s', async (s) => {
      const answer = await call(s.url, 'GET', DEPARTMENTS);
      expect(answer.status).toBe(429);
      expect(answer.headers['retry-after']).toBe('2');
      expect(answer.json.error).toMatchObject({ status: 429, code: 'too_many_requests' });
      expect(s.stats().faults.error429).toBe(1);
    });
  });

  it('drops the connection without an answer', async () => {
    await withStandIn('drop=100%', async (s) => {
      await expect(call(s.url, 'GET', '/version')).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|EPIPE/) });
      expect(s.stats()).toMatchObject({ requests: 1, byStatus: {}, faults: { drop: 1 } });
    });
  });

  it('drops an import before committing it: nothing is imported, and a retry creates the records', async () => {
    const spec = { drop: 0.5, dropAfterCommit: 0.5 };
    const seed = seedFor(spec, [isOk, (f) => f.outcome === 'drop' && !f.afterCommit, isOk]);
    await withStandIn({ ...spec, seed }, async (s) => {
      const token = await signIn(s.url);
      await expect(call(s.url, 'POST', IMPORT, { token, body: { records: batch }, headers: { 'idempotency-key': 'b-1' } })).rejects.toThrow();
      expect(s.stats()).toMatchObject({ ebooks: 0, faults: { drop: 1, dropAfterCommit: 0 } });
      const retry = await call(s.url, 'POST', IMPORT, { token, body: { records: batch }, headers: { 'idempotency-key': 'b-1' } });
      expect(retry.json.results.map((r: { status: string }) => r.status)).toEqual(['created', 'created']);
      expect(s.stats()).toMatchObject({ ebooks: 2, imports: { batches: 1, replayed: 0 } });
    });
  });

  it('drops an import AFTER committing it: the retry with the same key gets the stored answer, nothing twice', async () => {
    const spec = { drop: 0.5, dropAfterCommit: 0.5 };
    const seed = seedFor(spec, [isOk, (f) => f.outcome === 'drop' && f.afterCommit, isOk, isOk]);
    await withStandIn({ ...spec, seed }, async (s) => {
      const token = await signIn(s.url);
      await expect(call(s.url, 'POST', IMPORT, { token, body: { records: batch }, headers: { 'idempotency-key': 'b-1' } })).rejects.toThrow();
      expect(s.stats()).toMatchObject({ ebooks: 2, copies: 2, faults: { drop: 0, dropAfterCommit: 1 } });
      const retry = await call(s.url, 'POST', IMPORT, { token, body: { records: batch }, headers: { 'idempotency-key': 'b-1' } });
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.json.results.map((r: { status: string }) => r.status)).toEqual(['created', 'created']);
      // A client that lost its key (a fresh run) still creates nothing twice.
      const fresh = await call(s.url, 'POST', IMPORT, { token, body: { records: batch }, headers: { 'idempotency-key': 'b-2' } });
      expect(fresh.json.results.map((r: { status: string }) => r.status)).toEqual(['exists', 'exists']);
      expect(s.stats()).toMatchObject({ ebooks: 2, copies: 2, imports: { batches: 2, replayed: 1, created: 2, exists: 2 } });
    });
  });

  it('adds latency within its bounds', async () => {
    await withStandIn('latency=30-60ms', async (s) => {
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        expect((await call(s.url, 'GET', '/version')).status).toBe(200);
        // A lower bound only: the machine may add time, never take it away.
        expect(performance.now() - started).toBeGreaterThanOrEqual(28);
      }
      const latency = s.stats().faults.latency;
      expect(latency.count).toBe(5);
      expect(latency.minMs).toBeGreaterThanOrEqual(30);
      expect(latency.maxMs).toBeLessThanOrEqual(60);
      expect(latency.totalMs).toBeGreaterThanOrEqual(150);
    });
  });

  it('writes slow bodies in pieces with pauses, and the body is still whole', async () => {
    const plain = await withStandIn({}, async (s) => call(s.url, 'GET', DEPARTMENTS, { token: await signIn(s.url) }));
    await withStandIn('slowBody=100%,slowBodyChunks=4,slowBodyDelay=20ms', async (s) => {
      const token = await signIn(s.url);
      const started = performance.now();
      const slow = await call(s.url, 'GET', DEPARTMENTS, { token });
      // Four pieces, three pauses between them.
      expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 20 - 3);
      expect(slow.status).toBe(200);
      expect(slow.pieces).toBeGreaterThan(1);
      expect(slow.json).toEqual(plain.json);
      expect(s.stats().faults.slowBody).toBe(2);
    });
  });

  it('refuses a token from its (N+1)-th request on, and a new sign-in works again', async () => {
    await withStandIn('expireToken=after:3', async (s) => {
      const token = await signIn(s.url);
      for (let i = 0; i < 3; i++) expect((await call(s.url, 'GET', DEPARTMENTS, { token })).status).toBe(200);
      const expired = await call(s.url, 'GET', DEPARTMENTS, { token });
      expect(expired.status).toBe(401);
      expect(expired.json.error).toEqual({ status: 401, code: 'unauthorized', message: 'token is incorrect or expired' });
      expect((await call(s.url, 'GET', DEPARTMENTS, { token })).status).toBe(401);
      const renewed = await signIn(s.url);
      expect(renewed).not.toBe(token);
      expect((await call(s.url, 'GET', DEPARTMENTS, { token: renewed })).status).toBe(200);
      expect(s.stats().faults.expiredToken).toBe(2);
    });
  });

  it('replays the same faults for the same seed', async () => {
    const fates = async (seed: number): Promise<string[]> =>
      withStandIn({ seed, error500: 0.3, error429: 0.2, drop: 0.1 }, async (s) => {
        const out: string[] = [];
        for (let i = 0; i < 40; i++) {
          const answer: Answer | undefined = await call(s.url, 'GET', '/version').catch(() => undefined);
          out.push(answer === undefined ? 'dropped' : String(answer.status));
        }
        expect(s.stats().seed).toBe(seed);
        return out;
      });
    const first = await fates(20251126);
    expect(await fates(20251126)).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['200', '500', '429', 'dropped']));
  });

  it('reports the seed it drew when none was given, so a run can be replayed', async () => {
    await withStandIn('error500=5%', async (s) => {
      expect(Number.isInteger(s.stats().seed)).toBe(true);
      expect(s.faults).toContain(`seed=${s.stats().seed}`);
      expect(s.banner()).toContain('faults: error500=5%');
    });
  });
});
