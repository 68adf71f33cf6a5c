import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Reject } from '@kitap/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { RabisClient } from '../../src/client/rabis-client.js';
import { rabisConfigSchema } from '../../src/client/rabis-config.js';
import { isRabisError } from '../../src/client/rabis-error.js';
import type { RabisImportResult } from '../../src/client/rabis-responses.js';
import { deliver, type RabisImporter } from '../../src/delivery/deliver.js';
import { detectDeliveryFormat } from '../../src/delivery/delivery-format.js';
import { DeliveryLog } from '../../src/delivery/delivery-log.js';
import { iso2709Hash } from '../../src/delivery/ingest-iso2709.js';
import { type StandIn, type StandInOptions, startStandIn } from '../../src/stand-in/start-stand-in.js';
import { damagedRecord, sampleMarcRecord, sampleMarcRecords, writeMrc } from './sample-marc.js';
import { sampleRecords, writeJsonl } from './sample-records.js';

const dirs: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kitap-deliver-iso-'));
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

/** Notes which records (by the hash of their bytes) went out under which idempotency key, and refuses a key sent with two bodies. */
class RecordingIso2709 {
  readonly keysOfRecord = new Map<string, Set<string>>();
  readonly bodyOfKey = new Map<string, string>();

  note(records: readonly Uint8Array[], key: string | undefined): void {
    if (key === undefined) throw new Error('a batch without an idempotency key');
    const hashes = records.map(iso2709Hash);
    const before = this.bodyOfKey.get(key);
    if (before !== undefined && before !== hashes.join(',')) throw new Error(`key ${key} sent with another body`);
    this.bodyOfKey.set(key, hashes.join(','));
    for (const hash of hashes) {
      const keys = this.keysOfRecord.get(hash) ?? new Set<string>();
      keys.add(key);
      this.keysOfRecord.set(hash, keys);
    }
  }

  wrap(client: RabisClient): RabisImporter {
    return {
      config: client.config,
      importBatch: (records, key, signal) => client.importBatch(records, key, signal),
      importIso2709Batch: async (records, key, signal) => {
        this.note(records, key);
        return client.importIso2709Batch(records, key, signal);
      },
    };
  }

  recordsInTwoBatches(): number {
    return [...this.keysOfRecord.values()].filter((keys) => keys.size > 1).length;
  }
}

describe('deliver ISO2709 against the stand-in with faults', () => {
  it('delivers 2,000 records exactly once through 500s, dropped connections, latency and a token expiry; every copy is where it belongs', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const file = join(dir, 'records.mrc');
    const sample = sampleMarcRecords(2_000);
    // Planted: a record whose library the dictionary lacks (after record 500), two the reader refuses (after 1000 and at the end), and one record twice.
    const unknownLibrary = sampleMarcRecord(5_000, [{ inventoryNumber: '990001', branch: 'F99' }]);
    const { writeIso2709 } = await import('@kitap/marc');
    const records: Uint8Array[] = [
      ...sample.slice(0, 500).map((s) => s.bytes),
      writeIso2709(unknownLibrary),
      ...sample.slice(500, 1_000).map((s) => s.bytes),
      damagedRecord(5_001),
      ...sample.slice(1_000).map((s) => s.bytes),
      sample[7]!.bytes,
      damagedRecord(5_002),
    ];
    writeMrc(file, records);
    const copies = sample.reduce((n, s) => n + s.copies.length, 0) + 1;

    const server = await standIn({ seed: 17, latency: { minMs: 0, maxMs: 4 }, error500: 0.05, drop: 0.02, expireTokenAfter: 12 });
    const client = clientFor(server, 50);
    const recording = new RecordingIso2709();
    const rejects: Reject[] = [];
    const logPath = join(dir, 'delivery.sqlite');
    const report = await deliver(file, { client: recording.wrap(client), logPath, onReject: (r) => void rejects.push(r) });

    expect(report.format).toBe('iso2709');
    expect(report.stopped).toBeUndefined();
    expect(report).toMatchObject({ lines: 2_004, duplicates: 1, unreadable: 2 });
    expect(report.ledger.balanced).toBe(true);
    expect(report.ledger.records).toEqual({ in: 2_004, confirmed: 2_000, failed: 3, pending: 0, duplicates: 1, awaitingAnswer: 0 });
    expect(report.ledger.copies).toEqual({ in: copies + sample[7]!.copies.length, confirmed: copies - 1, failed: 1, pending: 0, duplicates: sample[7]!.copies.length, awaitingAnswer: 0 });

    // Nothing skipped silently: the refused records with their place, the rejected one with Web-RABIS's reason.
    expect(report.failures.map((f) => f.line)).toEqual([501, 1_002, 2_004]);
    const offsetOf = (index: number) => records.slice(0, index).reduce((n, r) => n + r.length, 0);
    expect(report.failures[0]).toMatchObject({ controlNumber: 'KRG-005000', title: 'Война и мир' });
    expect(report.failures[0]?.reason).toMatch(/^rejected by Web-RABIS: .*F99/);
    expect(report.failures[1]).toMatchObject({ offset: offsetOf(1_001), controlNumber: 'KRG-005001' });
    expect(report.failures[1]?.reason).toMatch(/^the ISO2709 reader rejects the record: E_FIELD_BOUNDS: /);
    expect(report.failures[2]?.offset).toBe(offsetOf(2_003));
    expect(rejects.map((r) => [r.code, r.place.index, r.place.offset])).toEqual([
      ['E_FIELD_BOUNDS', 1_001, offsetOf(1_001)],
      ['E_FIELD_BOUNDS', 2_003, offsetOf(2_003)],
    ]);
    expect(Buffer.from(rejects[0]!.raw as Uint8Array).equals(Buffer.from(records[1_001]!))).toBe(true);

    // Exactly once, seen from both sides.
    expect(recording.recordsInTwoBatches()).toBe(0);
    const stats = server.stats();
    expect(stats.ebooks).toBe(2_000);
    expect(stats.copies).toBe(copies - 1);
    expect(stats.imports).toMatchObject({ created: 2_000, exists: 0, rejected: 1 });
    expect(stats.imports.iso2709Batches).toBe(stats.imports.batches);
    expect(stats.faults.error500).toBeGreaterThan(0);
    expect(stats.faults.drop).toBeGreaterThan(0);
    expect(stats.faults.expiredToken).toBeGreaterThan(0);
    expect(stats.faults.latency.count).toBeGreaterThan(0);
    expect(client.stats().signIns).toBeGreaterThan(1);

    // Every copy is in the stand-in, under the department its library and unit resolve to, on the record the log says.
    const log = DeliveryLog.openForReading(logPath);
    try {
      for (const s of sample) {
        const remoteId = log.remoteId(iso2709Hash(s.bytes));
        expect(remoteId).toBeDefined();
        for (const c of s.copies) {
          const found = await client.findCopy(c.invNumber);
          expect(found?.department?.code).toBe(c.department);
          expect(String(found?.ebookId)).toBe(remoteId);
        }
      }
      const card = await client.card(log.remoteId(iso2709Hash(sample[3]!.bytes))!);
      expect(card.title).toBe(sample[3]!.title);
    } finally {
      log.close();
    }

    // A second run sends nothing.
    const again = await deliver(file, { client: recording.wrap(client), logPath });
    expect(again.batches.sent).toBe(0);
    expect(server.stats().imports.batches).toBe(stats.imports.batches);
  });

  it('resumes runs killed at random points and still delivers every record exactly once', { timeout: 180_000 }, async () => {
    const kill = fc.record({
      at: fc.nat({ max: 25 }),
      batchSize: fc.integer({ min: 25, max: 60 }),
      how: fc.constantFrom('before-send' as const, 'answer-lost' as const, 'abort' as const),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(kill, { minLength: 1, maxLength: 3 }), async (kills) => {
        const dir = tempDir();
        const file = join(dir, 'records.mrc');
        writeMrc(
          file,
          sampleMarcRecords(800).map((s) => s.bytes),
        );
        const logPath = join(dir, 'delivery.sqlite');
        const server = await standIn({ seed: 23, latency: { minMs: 0, maxMs: 2 }, error500: 0.05, drop: 0.02 });
        const sentUnder = new Map<string, Set<string>>();
        let answersLost = 0;
        let finished = false;

        for (let run = 0; run <= kills.length && !finished; run++) {
          const client = clientFor(server, kills[run]?.batchSize ?? 50);
          const recording = new RecordingIso2709();
          const inner = recording.wrap(client);
          const plan = kills[run];
          const controller = new AbortController();
          let calls = 0;
          const importer: RabisImporter = {
            config: client.config,
            importBatch: inner.importBatch,
            importIso2709Batch: async (batch, key, signal) => {
              const call = calls++;
              if (plan !== undefined && call === plan.at) {
                if (plan.how === 'before-send') throw new Error('killed before the batch was sent');
                if (plan.how === 'abort') controller.abort();
              }
              const results: RabisImportResult[] = await inner.importIso2709Batch!(batch, key, signal);
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
            if (finished) expect(report.ledger.records).toMatchObject({ in: 800, confirmed: 800, failed: 0 });
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
          const report = await deliver(file, { client: clientFor(server, 50), logPath });
          expect(report.ledger.records).toMatchObject({ in: 800, confirmed: 800, failed: 0, pending: 0 });
        }

        expect([...sentUnder.values()].filter((keys) => keys.size > 1)).toEqual([]);
        const stats = server.stats();
        expect(stats.ebooks).toBe(800);
        expect(stats.imports.created).toBe(800);
        expect(stats.imports.exists).toBe(0);
        if (answersLost > 0) expect(stats.imports.replayed).toBeGreaterThanOrEqual(answersLost);
      }),
      { numRuns: 5 },
    );
  });
});

describe('deliver: the format', () => {
  it('tells ISO2709 from JSON lines by the first bytes, then by the name, and refuses MARCXML', async () => {
    const dir = tempDir();
    const mrc = join(dir, 'export.dat');
    writeMrc(mrc, [sampleMarcRecords(1)[0]!.bytes]);
    const jsonl = join(dir, 'records.mrc');
    writeJsonl(jsonl, sampleRecords(1));
    const empty = join(dir, 'empty.mrc');
    writeFileSync(empty, '');
    const xml = join(dir, 'records.xml');
    writeFileSync(xml, '<?xml version="1.0"?><collection/>');
    expect(await detectDeliveryFormat(mrc)).toBe('iso2709');
    // The content wins over a misleading name.
    expect(await detectDeliveryFormat(jsonl)).toBe('jsonl');
    expect(await detectDeliveryFormat(empty)).toBe('iso2709');
    const error = await detectDeliveryFormat(xml).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_USAGE' });
    expect(String((error as Error).message)).toContain('MARCXML');
  });

  it('keeps one format per log: a JSONL log refuses ISO2709 records', async () => {
    const dir = tempDir();
    const jsonl = join(dir, 'web-rabis.jsonl');
    writeJsonl(jsonl, sampleRecords(3));
    const mrc = join(dir, 'records.mrc');
    writeMrc(mrc, [sampleMarcRecords(1)[0]!.bytes]);
    const importer: RabisImporter = {
      importBatch: async (records) => records.map((_, i): RabisImportResult => ({ id: i + 1, status: 'created' })),
      importIso2709Batch: async (records) => records.map((_, i): RabisImportResult => ({ id: i + 1, status: 'created' })),
    };
    const logPath = join(dir, 'log.sqlite');
    await deliver(jsonl, { client: importer, logPath, target: 'memory' });
    const error = await deliver(mrc, { client: importer, logPath, target: 'memory' }).catch((e: unknown) => e);
    expect(isRabisError(error) && error.rabisCode).toBe('E_RABIS_DELIVERY_LOG');
    expect((error as Error).message).toContain('holds jsonl records, not iso2709');
  });
});
