import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { RabisClient } from '../../src/client/rabis-client.js';
import { rabisConfigSchema } from '../../src/client/rabis-config.js';
import { isRabisError, RabisError } from '../../src/client/rabis-error.js';
import type { RabisImportResult } from '../../src/client/rabis-responses.js';
import { canonicalJson, recordHash } from '../../src/delivery/canonical-json.js';
import { deliver, type RabisImporter } from '../../src/delivery/deliver.js';
import { formatDeliveryLedger } from '../../src/delivery/delivery-ledger.js';
import { verify } from '../../src/delivery/verify.js';
import { type StandIn, type StandInOptions, startStandIn } from '../../src/stand-in/start-stand-in.js';
import { invNumbersOf, sampleRecord, sampleRecords, writeJsonl } from './sample-records.js';

const dirs: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kitap-deliver-'));
  dirs.push(dir);
  return dir;
}

async function standIn(faults?: StandInOptions['faults']): Promise<StandIn> {
  const server = await startStandIn({ users: [{ username: 'kitap-import', password: 'Qarağandy-2024' }], ...(faults === undefined ? {} : { faults }) });
  cleanups.push(() => server.close());
  return server;
}

function clientFor(server: StandIn, batchSize = 100): RabisClient {
  const config = rabisConfigSchema.parse({
    url: server.url,
    username: 'kitap-import',
    password: 'Qarağandy-2024',
    concurrency: 6,
    retries: 10,
    retryBaseMs: 1,
    retryMaxMs: 20,
    timeoutMs: 10_000,
    batchSize,
  });
  const client = new RabisClient(config);
  cleanups.unshift(() => client.close());
  return client;
}

/**
 * An importer that notes which records went out under which idempotency key,
 * so a test can prove that no record was ever put in two batches and no key
 * ever carried two different bodies.
 */
class RecordingImporter implements RabisImporter {
  readonly keysOfRecord = new Map<string, Set<string>>();
  readonly bodyOfKey = new Map<string, string>();
  calls = 0;
  constructor(
    readonly inner: RabisImporter,
    readonly config = inner.config,
  ) {}

  note(records: readonly unknown[], key: string | undefined): void {
    if (key === undefined) throw new Error('a batch without an idempotency key');
    const hashes = records.map((record) => recordHash(canonicalJson(record)));
    const body = hashes.join(',');
    const before = this.bodyOfKey.get(key);
    if (before !== undefined && before !== body) throw new Error(`key ${key} sent with another body`);
    this.bodyOfKey.set(key, body);
    for (const hash of hashes) {
      const keys = this.keysOfRecord.get(hash) ?? new Set<string>();
      keys.add(key);
      this.keysOfRecord.set(hash, keys);
    }
  }

  async importBatch(records: readonly unknown[], key?: string, signal?: AbortSignal): Promise<RabisImportResult[]> {
    this.calls++;
    this.note(records, key);
    return this.inner.importBatch(records, key, signal);
  }

  /** Records sent under more than one key: must be none. */
  recordsInTwoBatches(): number {
    return [...this.keysOfRecord.values()].filter((keys) => keys.size > 1).length;
  }
}

describe('deliver against the stand-in with faults', () => {
  it('delivers 10,000 records exactly once through 500s, dropped connections, latency and a token expiry, and verifies them', { timeout: 240_000 }, async () => {
    const dir = tempDir();
    const file = join(dir, 'web-rabis.jsonl');
    const records = sampleRecords(10_000);
    // Planted: five records with a department the dictionary does not have, ten reusing an inventory number of an earlier record.
    for (let j = 0; j < 5; j++) records.push(sampleRecord(20_000 + j, [String(900_000 + j)], { code: 'F99', name: 'Ф-л №99' }));
    for (let j = 0; j < 10; j++) {
      const original = records[j * 700]!;
      const department = (original['inv'] as { department: { code: string; name: string } }[])[0]!.department;
      // «Ұлпан» reusing a number of «Абай жолы», in the same department.
      records.push(sampleRecord(30_005 + j * 10, [invNumbersOf(original)[0]!], department));
    }
    writeJsonl(file, records);
    const copies = records.reduce((sum, record) => sum + invNumbersOf(record).length, 0);

    const server = await standIn({ seed: 7, latency: { minMs: 0, maxMs: 4 }, error500: 0.05, drop: 0.02, expireTokenAfter: 80 });
    const client = clientFor(server);
    const importer = new RecordingImporter(client);
    const report = await deliver(file, { client: importer, logPath: join(dir, 'delivery.sqlite') });

    expect(report.stopped).toBeUndefined();
    expect(report.ledger.balanced).toBe(true);
    expect(report.ledger.records).toEqual({ in: 10_015, confirmed: 10_000, failed: 15, pending: 0, duplicates: 0, awaitingAnswer: 0 });
    expect(report.ledger.copies).toEqual({ in: copies, confirmed: copies - 15, failed: 15, pending: 0, duplicates: 0, awaitingAnswer: 0 });
    // The planted records, lines 10001–10015, each failed with Web-RABIS's reason.
    expect(report.failures.map((f) => f.line)).toEqual(Array.from({ length: 15 }, (_, i) => 10_001 + i));
    expect(report.failures.every((f) => f.reason.startsWith('rejected by Web-RABIS: ') && f.reason.length > 30)).toBe(true);
    expect(report.failures[0]?.reason).toContain('F99');
    expect(formatDeliveryLedger(report.ledger)[0]).toBe('records: in 10015 = confirmed 10000 + failed 15 + pending 0 (balanced)');

    // Exactly once, seen from both sides.
    expect(importer.recordsInTwoBatches()).toBe(0);
    const afterDelivery = server.stats();
    expect(afterDelivery.ebooks).toBe(10_000);
    expect(afterDelivery.copies).toBe(copies - 15);
    expect(afterDelivery.imports.created).toBe(10_000);
    expect(afterDelivery.imports.exists).toBe(0);

    const checked = await verify(file, { client, logPath: join(dir, 'delivery.sqlite') });
    expect(checked.counts).toMatchObject({ records: 10_015, copies, ok: copies - 15, missing: 5, wrongRecord: 10, wrongDepartment: 0, wrong: 10 });
    expect(checked.findings.filter((f) => f.ruleId === 'RABIS_COPY_MISSING').map((f) => f.expected)).toEqual(['900000', '900001', '900002', '900003', '900004']);
    const wrongRecord = checked.findings.find((f) => f.ruleId === 'RABIS_COPY_WRONG_RECORD');
    expect(wrongRecord?.place.line).toBe(10_006);

    // The faults did happen.
    const stats = server.stats();
    expect(stats.faults.error500).toBeGreaterThan(0);
    expect(stats.faults.drop).toBeGreaterThan(0);
    expect(stats.faults.expiredToken).toBeGreaterThan(0);
    expect(stats.faults.latency.count).toBeGreaterThan(0);
    expect(client.stats().signIns).toBeGreaterThan(1);
  });

  it('resumes runs killed at random batches and still delivers every record exactly once', { timeout: 240_000 }, async () => {
    // Each run may use another batch size: a batch left unanswered must still go again exactly as it was.
    const kill = fc.record({
      at: fc.nat({ max: 40 }),
      batchSize: fc.integer({ min: 35, max: 70 }),
      how: fc.constantFrom('before-send' as const, 'answer-lost' as const, 'abort' as const),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(kill, { minLength: 1, maxLength: 4 }), async (kills) => {
        const dir = tempDir();
        const file = join(dir, 'web-rabis.jsonl');
        const records = sampleRecords(1_500);
        writeJsonl(file, records);
        const logPath = join(dir, 'delivery.sqlite');
        const server = await standIn({ seed: 11, latency: { minMs: 0, maxMs: 2 }, error500: 0.05, drop: 0.02 });
        const sentUnder = new Map<string, Set<string>>();
        let answersLost = 0;
        let finished = false;

        for (let run = 0; run <= kills.length && !finished; run++) {
          // Every run is a fresh process as far as the delivery can tell: a new client, the log reopened.
          const client = clientFor(server, kills[run]?.batchSize ?? 50);
          const recording = new RecordingImporter(client);
          recording.keysOfRecord.clear();
          const plan = kills[run];
          const controller = new AbortController();
          let calls = 0;
          const importer: RabisImporter = {
            config: client.config,
            importBatch: async (batch, key, signal) => {
              const call = calls++;
              if (plan !== undefined && call === plan.at) {
                if (plan.how === 'before-send') throw new Error('killed before the batch was sent');
                if (plan.how === 'abort') controller.abort();
              }
              const results = await recording.importBatch(batch, key, signal);
              if (plan !== undefined && call === plan.at && plan.how === 'answer-lost') {
                answersLost++;
                throw new Error('killed after Web-RABIS committed, before the answer was logged');
              }
              return results;
            },
          };
          try {
            const report = await deliver(file, { client: importer, logPath, signal: controller.signal });
            finished = report.stopped === undefined && report.ledger.records.pending === 0;
            if (finished) {
              expect(report.ledger.balanced).toBe(true);
              expect(report.ledger.records).toMatchObject({ in: 1_500, confirmed: 1_500, failed: 0 });
            }
          } catch (error) {
            const expected = error instanceof Error && /^killed/.test(error.message);
            if (!expected && !(isRabisError(error) && error.rabisCode === 'E_RABIS_CANCELLED')) throw error;
          }
          for (const [hash, keys] of recording.keysOfRecord) {
            const all = sentUnder.get(hash) ?? new Set<string>();
            for (const key of keys) all.add(key);
            sentUnder.set(hash, all);
          }
        }
        if (!finished) {
          const client = clientFor(server, 50);
          const report = await deliver(file, { client, logPath });
          expect(report.ledger.records).toMatchObject({ in: 1_500, confirmed: 1_500, failed: 0, pending: 0 });
        }

        expect([...sentUnder.values()].filter((keys) => keys.size > 1)).toEqual([]);
        const stats = server.stats();
        expect(stats.ebooks).toBe(1_500);
        expect(stats.imports.created).toBe(1_500);
        expect(stats.imports.exists).toBe(0);
        // Each lost answer made the next run send that batch again, and the server answered from its stored answer.
        if (answersLost > 0) expect(stats.imports.replayed).toBeGreaterThanOrEqual(answersLost);
      }),
      { numRuns: 6 },
    );
  });
});

describe('deliver: the log', () => {
  /** A Web-RABIS that imports in memory and keeps the answer of every key, like the assumed import route. */
  function memoryImporter(options: { reject?: (record: Record<string, unknown>) => string | undefined; failWith?: () => Error | undefined } = {}) {
    const imported = new Map<string, number>();
    const answers = new Map<string, RabisImportResult[]>();
    let nextId = 1;
    const importer: RabisImporter & { imported: Map<string, number>; requests: number } = {
      imported,
      requests: 0,
      importBatch: async (records, key) => {
        importer.requests++;
        const stored = key === undefined ? undefined : answers.get(key);
        if (stored) return stored;
        const results = (records as Record<string, unknown>[]).map((record): RabisImportResult => {
          const hash = recordHash(canonicalJson(record));
          const reason = options.reject?.(record);
          if (reason !== undefined) return { key: `sha256:${hash}`, id: null, status: 'rejected', message: reason };
          const existing = imported.get(hash);
          if (existing !== undefined) return { key: `sha256:${hash}`, id: existing, status: 'exists' };
          imported.set(hash, nextId);
          return { key: `sha256:${hash}`, id: nextId++, status: 'created' };
        });
        if (key !== undefined) answers.set(key, results);
        const failure = options.failWith?.();
        if (failure) throw failure;
        return results;
      },
    };
    return importer;
  }

  it('counts repeated lines once and lines that are not records as failed', async () => {
    const dir = tempDir();
    const file = join(dir, 'web-rabis.jsonl');
    const records = sampleRecords(30);
    writeJsonl(file, records);
    // The same record again, with its keys in another order and other spacing: the same canonical JSON.
    const again = Object.fromEntries(Object.entries(records[3]!).reverse());
    appendFileSync(file, `${JSON.stringify(again, null, 0)}\n\n{"title": "Абай жолы", "inv": [\n[1, 2]\n`);
    const importer = memoryImporter();
    const report = await deliver(file, { client: importer, logPath: join(dir, 'log.sqlite'), target: 'memory', batchSize: 8 });
    expect(report).toMatchObject({ lines: 33, duplicates: 1, unreadable: 2 });
    expect(report.ledger.records).toEqual({ in: 33, confirmed: 30, failed: 2, pending: 0, duplicates: 1, awaitingAnswer: 0 });
    expect(report.ledger.balanced).toBe(true);
    expect(importer.imported.size).toBe(30);
    expect(report.failures.map((f) => [f.line, f.reason])).toEqual([
      [33, 'the line is not JSON'],
      [34, 'the line is not a JSON object (a record)'],
    ]);
  });

  it('sends nothing again on a second run over the same file', async () => {
    const dir = tempDir();
    const file = join(dir, 'web-rabis.jsonl');
    writeJsonl(file, sampleRecords(40));
    const importer = memoryImporter();
    const first = await deliver(file, { client: importer, logPath: join(dir, 'log.sqlite'), target: 'memory', batchSize: 10 });
    expect(first.batches.sent).toBe(4);
    const second = await deliver(file, { client: importer, logPath: join(dir, 'log.sqlite'), target: 'memory', batchSize: 10 });
    expect(second.batches.sent).toBe(0);
    expect(second.ledger.records).toMatchObject({ in: 40, confirmed: 40 });
    expect(importer.requests).toBe(4);
  });

  it('only sends the new records of a grown file', async () => {
    const dir = tempDir();
    const file = join(dir, 'web-rabis.jsonl');
    const records = sampleRecords(25);
    writeJsonl(file, records.slice(0, 20));
    const importer = memoryImporter();
    await deliver(file, { client: importer, logPath: join(dir, 'log.sqlite'), target: 'memory', batchSize: 50 });
    writeJsonl(file, records);
    const report = await deliver(file, { client: importer, logPath: join(dir, 'log.sqlite'), target: 'memory', batchSize: 50 });
    expect(report.batches.sent).toBe(1);
    expect(report.ledger.records).toMatchObject({ in: 25, confirmed: 25 });
    expect(importer.imported.size).toBe(25);
  });

  it('stops when Web-RABIS keeps failing, and the next run re-sends the unanswered batch with the same key', async () => {
    const dir = tempDir();
    const file = join(dir, 'web-rabis.jsonl');
    writeJsonl(file, sampleRecords(50));
    let failNext = true;
    const importer = memoryImporter({
      failWith: () => {
        if (!failNext) return undefined;
        failNext = false;
        return new RabisError('E_RABIS_NETWORK', 'import: connection error ECONNRESET (after 6 attempts)', { transient: true, attempts: 6 });
      },
    });
    const keys: string[] = [];
    const recording: RabisImporter = {
      importBatch: (records, key, signal) => {
        keys.push(key!);
        return importer.importBatch(records, key, signal);
      },
    };
    const first = await deliver(file, { client: recording, logPath: join(dir, 'log.sqlite'), target: 'memory', batchSize: 20, concurrency: 1 });
    expect(first.stopped?.code).toBe('E_RABIS_NETWORK');
    expect(first.stopped?.message).toMatch(/run it again to resume/);
    expect(first.ledger.records).toEqual({ in: 50, confirmed: 0, failed: 0, pending: 50, duplicates: 0, awaitingAnswer: 20 });
    expect(first.ledger.balanced).toBe(true);

    const second = await deliver(file, { client: recording, logPath: join(dir, 'log.sqlite'), target: 'memory', batchSize: 20, concurrency: 1 });
    expect(second.batches).toMatchObject({ sent: 3, resent: 1 });
    expect(keys[1]).toBe(keys[0]);
    expect(second.ledger.records).toMatchObject({ confirmed: 50, pending: 0 });
    expect(importer.imported.size).toBe(50);
  });

  it('records rejected records with the server reason, and sends them again only when asked', async () => {
    const dir = tempDir();
    const file = join(dir, 'web-rabis.jsonl');
    writeJsonl(file, sampleRecords(20));
    let strict = true;
    const importer = memoryImporter({
      reject: (record) => (strict && String(record['title']).startsWith('Война и мир') ? 'department is closed for acquisitions' : undefined),
    });
    const first = await deliver(file, { client: importer, logPath: join(dir, 'log.sqlite'), target: 'memory', batchSize: 5 });
    expect(first.ledger.records).toMatchObject({ in: 20, confirmed: 18, failed: 2 });
    expect(first.failures.map((f) => [f.line, f.title, f.reason])).toEqual([
      [3, 'Война и мир', 'rejected by Web-RABIS: department is closed for acquisitions'],
      [13, 'Война и мир. 1-т.', 'rejected by Web-RABIS: department is closed for acquisitions'],
    ]);
    const again = await deliver(file, { client: importer, logPath: join(dir, 'log.sqlite'), target: 'memory', batchSize: 5 });
    expect(again.batches.sent).toBe(0);
    strict = false;
    const retried = await deliver(file, { client: importer, logPath: join(dir, 'log.sqlite'), target: 'memory', batchSize: 5, retryFailed: true });
    expect(retried.batches.sent).toBe(1);
    expect(retried.ledger.records).toMatchObject({ confirmed: 20, failed: 0 });
  });

  it('fails every record of a batch Web-RABIS refuses as a whole, and goes on with the others', async () => {
    const dir = tempDir();
    const file = join(dir, 'web-rabis.jsonl');
    writeJsonl(file, sampleRecords(30));
    let call = 0;
    const inner = memoryImporter();
    const importer: RabisImporter = {
      importBatch: (records, key, signal) => {
        if (call++ === 1) return Promise.reject(new RabisError('E_RABIS_HTTP', 'import: HTTP 413: body too large', { status: 413, transient: false, attempts: 1 }));
        return inner.importBatch(records, key, signal);
      },
    };
    const report = await deliver(file, { client: importer, logPath: join(dir, 'log.sqlite'), target: 'memory', batchSize: 10, concurrency: 1 });
    expect(report.stopped).toBeUndefined();
    expect(report.batches.refused).toBe(1);
    expect(report.ledger.records).toMatchObject({ in: 30, confirmed: 20, failed: 10, pending: 0 });
    expect(report.failures[0]?.reason).toMatch(/refused the whole batch: import: HTTP 413/);
  });

  it('refuses a log kept for another Web-RABIS', async () => {
    const dir = tempDir();
    const file = join(dir, 'web-rabis.jsonl');
    writeJsonl(file, sampleRecords(3));
    await deliver(file, { client: memoryImporter(), logPath: join(dir, 'log.sqlite'), target: 'https://rabis.example.kz /api/v1/kitap/import' });
    const error = await deliver(file, { client: memoryImporter(), logPath: join(dir, 'log.sqlite'), target: 'http://127.0.0.1:8080 /api/v1/kitap/import' }).catch((e: unknown) => e);
    expect(isRabisError(error) && error.rabisCode).toBe('E_RABIS_DELIVERY_LOG');
  });
});
