import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKitapError } from '@kitap/core';
import type { OaiItem } from '../src/harvest-item.js';
import { harvestOai } from '../src/oai/harvest-oai.js';
import { getOaiRecord } from '../src/oai/get-oai-record.js';
import { identifyOai } from '../src/oai/identify-oai.js';
import { listOaiSets } from '../src/oai/list-oai-sets.js';
import { HarvestStateFile } from '../src/state/harvest-state-file.js';
import { type CatalogShape, controlNumberOf, dateOf, isDeleted, isUnimarc, writeGeneratedCatalog } from './generated-catalog.js';
import { type LocalStandIn, startStandIn } from './stand-in-server.js';

/** What an item stands for: the 001 of a record, or the identifier of a deleted record. */
function keyOf(item: OaiItem): string {
  if (item.kind === 'record') return item.record.controlValue('001') ?? '?';
  if (item.kind === 'deleted') return item.identifier;
  return `reject:${item.reject.message}`;
}

async function collect(items: AsyncIterable<OaiItem>): Promise<OaiItem[]> {
  const out: OaiItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const retry = { retries: 2, baseDelayMs: 1, maxDelayMs: 2 };

describe('harvesting 5,000 records over OAI-PMH', () => {
  const shape: CatalogShape = { records: 5000, deletedEvery: 250, unimarcEvery: 10 };
  let catalog: ReturnType<typeof writeGeneratedCatalog>;
  let stand: LocalStandIn;

  beforeAll(async () => {
    catalog = writeGeneratedCatalog(shape);
    stand = await startStandIn(catalog.file, { pageSize: 100, faults: { badResumptionTokenOnce: true } });
  });
  afterAll(async () => {
    await stand.close();
    catalog.remove();
  });

  it('survives a refused resumption token in the middle and yields every record exactly once', async () => {
    const saves: [string | undefined, number][] = [];
    const items = await collect(
      harvestOai({ url: `${stand.base}/oai`, metadataPrefix: 'marc21', retry, state: { save: (token, count) => void saves.push([token, count]) } }),
    );
    expect(items).toHaveLength(5000);
    expect(items.filter((i) => i.kind === 'reject')).toEqual([]);
    const deleted = items.filter((i) => i.kind === 'deleted');
    expect(deleted).toHaveLength(20);
    const records = items.filter((i) => i.kind === 'record');
    const numbers = records.map((i) => i.record.controlValue('001'));
    expect(new Set(numbers).size).toBe(4980);
    const expected = Array.from({ length: 5000 }, (_, n) => n).filter((n) => !isDeleted(shape, n)).map(controlNumberOf);
    expect(numbers).toEqual(expected);
    // The refused token was asked for twice: the fault played, and the page was fetched again from the same token.
    const tokenRequests = stand.requests.filter((r) => r.includes('resumptionToken='));
    expect(tokenRequests.length).toBe(50);
    expect(new Set(tokenRequests).size).toBe(49);
    // The position was saved after each of the 50 pages, the last one marking the end.
    expect(saves).toHaveLength(50);
    expect(saves.at(-1)).toEqual([undefined, 5000]);
  });

  it('resumes from its state file after a crash mid-page, through the refused token, with every record once', async () => {
    const faulty = await startStandIn(catalog.file, { pageSize: 100, faults: { badResumptionTokenOnce: true } });
    const dir = mkdtempSync(join(tmpdir(), 'kitap-harvest-state-'));
    try {
      const path = join(dir, 'krg.harvest.json');
      const identity = { protocol: 'oai' as const, url: `${faulty.base}/oai`, metadataPrefix: 'marc21' };
      const durable: string[] = [];
      let pending: string[] = [];
      const run = async (crashAfter: number | undefined): Promise<void> => {
        const file = HarvestStateFile.open(path, identity);
        const state = { load: () => file.load(), save: (token: string | undefined, count: number) => (durable.push(...pending.splice(0)), file.save(token, count)) };
        pending = [];
        let taken = 0;
        for await (const item of harvestOai({ url: `${faulty.base}/oai`, metadataPrefix: 'marc21', state, retry })) {
          if (taken++ === crashAfter) return;
          pending.push(keyOf(item));
        }
      };
      await run(2345);
      expect(durable).toHaveLength(2300);
      expect(HarvestStateFile.open(path, identity).load()).toMatchObject({ count: 2300, finished: false });
      await run(undefined);
      expect(durable).toEqual(Array.from({ length: 5000 }, (_, n) => (isDeleted(shape, n) ? `oai:kitap:${controlNumberOf(n)}` : controlNumberOf(n))));
      expect(HarvestStateFile.open(path, identity).load()).toEqual({ token: undefined, count: 5000, finished: true });
      // Asked twice: the page the crash cut short (offset 2300, asked again on restart) and the refused token (offset 2500).
      const offsets = faulty.requests
        .map((r) => new URL(r, faulty.base).searchParams.get('resumptionToken'))
        .flatMap((t) => (t === null ? [] : [(JSON.parse(Buffer.from(t, 'base64url').toString()) as { o: number }).o]));
      expect(offsets.filter((o, i) => offsets.indexOf(o) !== i)).toEqual([2300, 2500]);
    } finally {
      await faulty.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports deleted records with their identifier and datestamp, and headers with records', async () => {
    const items = await collect(harvestOai({ url: `${stand.base}/oai`, metadataPrefix: 'marcxml', from: '2020-09-01', until: '2020-09-30', retry }));
    const inRange = Array.from({ length: 5000 }, (_, n) => n).filter((n) => dateOf(n) >= '2020-09-01' && dateOf(n) <= '2020-09-30');
    expect(items).toHaveLength(inRange.length);
    const deleted = items.filter((i) => i.kind === 'deleted');
    expect(deleted.length).toBe(inRange.filter((n) => isDeleted(shape, n)).length);
    expect(deleted.length).toBeGreaterThan(0);
    for (const d of deleted) {
      expect(d.identifier).toMatch(/^oai:kitap:KRG\d{6}$/);
      expect(d.datestamp >= '2020-09-01' && d.datestamp <= '2020-09-30').toBe(true);
    }
    const first = items.find((i) => i.kind === 'record');
    expect(first?.kind === 'record' && first.header).toMatchObject({ identifier: `oai:kitap:${first?.kind === 'record' ? first.record.controlValue('001') : ''}` });
  });

  it('harvests one set: the RUSMARC records only', async () => {
    const sets = await listOaiSets({ url: `${stand.base}/oai`, retry });
    expect(sets.map((s) => s.spec)).toEqual(['marc21', 'unimarc']);
    const items = await collect(harvestOai({ url: `${stand.base}/oai`, metadataPrefix: 'marc21', set: 'unimarc', retry }));
    expect(items).toHaveLength(Array.from({ length: 5000 }, (_, n) => n).filter((n) => isUnimarc(shape, n)).length);
    const record = items.find((i) => i.kind === 'record');
    expect(record?.kind === 'record' && record.record.subfieldValues('200', 'a')[0]).toBeTruthy();
    expect(items.every((i) => (i.kind === 'deleted' ? i.sets : i.header?.sets)?.includes('unimarc'))).toBe(true);
  });

  it('treats noRecordsMatch as an empty harvest and saves it as finished', async () => {
    const saves: [string | undefined, number][] = [];
    const items = await collect(harvestOai({ url: `${stand.base}/oai`, metadataPrefix: 'marc21', from: '2031-01-01', retry, state: { save: (t, c) => void saves.push([t, c]) } }));
    expect(items).toEqual([]);
    expect(saves).toEqual([[undefined, 0]]);
  });

  it('fetches one record with GetRecord, and identifies the repository', async () => {
    const item = await getOaiRecord({ url: `${stand.base}/oai`, identifier: 'oai:kitap:KRG000003', metadataPrefix: 'marc21', retry });
    expect(item.kind).toBe('record');
    if (item.kind !== 'record') return;
    expect(item.record.subfieldValues('245', 'a')).toEqual(['Ботагөз /']);
    expect(item.record.subfieldValues('100', 'a')).toEqual(['Мұқанов, С.']);
    expect(item.record.subfieldValues('852', 'b')).toEqual(['Ф-л №11']);
    const gone = await getOaiRecord({ url: `${stand.base}/oai`, identifier: 'oai:kitap:KRG000249', metadataPrefix: 'marc21', retry });
    expect(gone).toMatchObject({ kind: 'deleted', identifier: 'oai:kitap:KRG000249', datestamp: dateOf(249) });
    await expect(getOaiRecord({ url: `${stand.base}/oai`, identifier: 'oai:kitap:nope', metadataPrefix: 'marc21', retry })).rejects.toThrow(/idDoesNotExist/);
    const identity = await identifyOai({ url: `${stand.base}/oai`, retry });
    expect(identity).toMatchObject({ protocolVersion: '2.0', deletedRecord: 'persistent', granularity: 'YYYY-MM-DD', earliestDatestamp: '2020-01-01' });
    expect(identity.repositoryName).toMatch(/stand-in/);
  });

  it('refuses an unknown metadata format with the repository\'s words', async () => {
    const error = await collect(harvestOai({ url: `${stand.base}/oai`, metadataPrefix: 'oai_dc' as 'marc21', retry })).catch((e: unknown) => e);
    expect(isKitapError(error) && error.code).toBe('E_OAI_ERROR');
    expect(String((error as Error).message)).toMatch(/cannotDisseminateFormat.*oai_dc/);
  });

  it('refuses a from date that is not on the calendar before asking anything', async () => {
    const before = stand.requests.length;
    await expect(collect(harvestOai({ url: `${stand.base}/oai`, metadataPrefix: 'marc21', from: '2024-02-30', retry }))).rejects.toThrow(/not an OAI-PMH date/);
    expect(stand.requests.length).toBe(before);
  });
});

describe('a harvest killed and restarted from its state file', () => {
  const shape: CatalogShape = { records: 240, deletedEvery: 37 };
  let catalog: ReturnType<typeof writeGeneratedCatalog>;
  let stand: LocalStandIn;
  let dir: string;

  beforeAll(async () => {
    catalog = writeGeneratedCatalog(shape);
    stand = await startStandIn(catalog.file, { pageSize: 17 });
    dir = mkdtempSync(join(tmpdir(), 'kitap-harvest-state-'));
  });
  afterAll(async () => {
    await stand.close();
    catalog.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('yields every record exactly once over any number of crashes', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 260 }), { maxLength: 4 }), async (crashes) => {
        const path = join(dir, `state-${run++}.json`);
        const identity = { protocol: 'oai' as const, url: `${stand.base}/oai`, metadataPrefix: 'marc21' };
        // The consumer's output: what it made durable on each save, and what it holds since.
        const durable: string[] = [];
        let pending: string[] = [];
        const runOnce = async (crashAfter: number | undefined): Promise<void> => {
          const file = HarvestStateFile.open(path, identity);
          const state = {
            load: () => file.load(),
            save: (token: string | undefined, count: number) => {
              durable.push(...pending);
              pending = [];
              expect(count).toBe(durable.length);
              file.save(token, count);
            },
          };
          pending = [];
          let taken = 0;
          for await (const item of harvestOai({ url: `${stand.base}/oai`, metadataPrefix: 'marc21', state, retry })) {
            if (crashAfter !== undefined && taken === crashAfter) return; // killed: what is pending is lost
            pending.push(keyOf(item));
            taken++;
          }
        };
        for (const crash of crashes) await runOnce(crash);
        await runOnce(undefined);
        expect(pending).toEqual([]);
        const expected = Array.from({ length: shape.records }, (_, n) => (isDeleted(shape, n) ? `oai:kitap:${controlNumberOf(n)}` : controlNumberOf(n)));
        expect(durable).toEqual(expected);
        // Finished: one more run yields nothing and asks nothing.
        const asked = stand.requests.length;
        await runOnce(undefined);
        expect(durable).toEqual(expected);
        expect(stand.requests.length).toBe(asked);
      }),
      { numRuns: 12 },
    );
  });

  it('refuses the state file of another harvest', async () => {
    const path = join(dir, 'other.json');
    HarvestStateFile.open(path, { protocol: 'oai', url: `${stand.base}/oai`, metadataPrefix: 'marc21', set: 'marc21' }).save('abc', 17);
    expect(() => HarvestStateFile.open(path, { protocol: 'oai', url: `${stand.base}/oai`, metadataPrefix: 'marc21' })).toThrow(/belongs to another harvest/);
    writeFileSync(path, '{"kitapHarvestState":1,');
    expect(() => HarvestStateFile.open(path, { protocol: 'oai', url: `${stand.base}/oai`, metadataPrefix: 'marc21' })).toThrow(/not valid JSON/);
  });
});
