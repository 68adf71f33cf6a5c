import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MockAgent } from 'undici';
import { isKitapError } from '@kitap/core';
import type { ReadItem } from '@kitap/marc';
import { fetchPage } from '../src/http/fetch-page.js';
import { harvestSru } from '../src/sru/harvest-sru.js';
import { type CatalogShape, controlNumberOf, isDeleted, writeGeneratedCatalog } from './generated-catalog.js';
import { marcRecordXml } from './oai-xml.js';
import { type LocalStandIn, startStandIn } from './stand-in-server.js';

async function collect(items: AsyncIterable<ReadItem>): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function numbers(items: ReadItem[]): (string | undefined)[] {
  return items.map((i) => (i.kind === 'record' ? i.record.controlValue('001') : `reject:${i.reject.code}`));
}

const retry = { retries: 1, baseDelayMs: 1, maxDelayMs: 1 };

describe('SRU searchRetrieve against the stand-in', () => {
  const shape: CatalogShape = { records: 300, deletedEvery: 50, unimarcEvery: 0 };
  let catalog: ReturnType<typeof writeGeneratedCatalog>;
  let stand: LocalStandIn;
  /** Generated records 0, 6, 12 … are «Абай жолы» by Әуезов; deleted ones are not found. */
  const abai = Array.from({ length: 300 }, (_, n) => n).filter((n) => n % 6 === 0 && !isDeleted(shape, n)).map(controlNumberOf);

  beforeAll(async () => {
    catalog = writeGeneratedCatalog(shape);
    stand = await startStandIn(catalog.file, { pageSize: 20 });
  });
  afterAll(async () => {
    await stand.close();
    catalog.remove();
  });

  for (const version of ['1.2', '2.0'] as const) {
    it(`pages through every hit once with SRU ${version}`, async () => {
      const before = stand.requests.length;
      const progress: (number | undefined)[] = [];
      const items = await collect(
        harvestSru({ url: `${stand.base}/sru`, query: 'title="Абай жолы"', version, maximumRecords: 7, recordSchema: 'marcxml', retry, onPage: (p) => progress.push(p.next) }),
      );
      expect(numbers(items)).toEqual(abai);
      const asked = stand.requests.slice(before);
      expect(asked).toHaveLength(Math.ceil(abai.length / 7));
      expect(asked[0]).toContain(version === '1.2' ? 'operation=searchRetrieve&version=1.2' : 'recordXMLEscaping=xml');
      expect(progress).toEqual([8, 15, 22, 29, 36, 43, 50, undefined]);
      const first = items[0];
      expect(first?.kind === 'record' && first.record.place).toEqual({ file: asked[0] && `${stand.base}${asked[0]}`, index: 0 });
    });
  }

  it('takes the server\'s smaller page size and follows nextRecordPosition', async () => {
    const items = await collect(harvestSru({ url: `${stand.base}/sru`, query: 'cql.allRecords=1', version: '1.2', maximumRecords: 500, recordSchema: 'marcxml', retry }));
    expect(items).toHaveLength(294);
    expect(new Set(numbers(items)).size).toBe(294);
  });

  it('combines clauses with and: author and ISBN-10 matching the stored ISBN', async () => {
    const items = await collect(
      harvestSru({ url: `${stand.base}/sru`, query: 'author=Толстой and isbn=5-7667-0045-8 and title=мир', version: '2.0', maximumRecords: 10, recordSchema: 'marcxml', retry }),
    );
    expect(items.length).toBe(50);
    expect(items.every((i) => i.kind === 'record' && i.record.subfieldValues('245', 'a')[0] === 'Война и мир /')).toBe(true);
  });

  it('reads records sent escaped (recordPacking=string)', async () => {
    const raw = await fetchPage(`${stand.base}/sru?operation=searchRetrieve&version=1.2&query=author%3D%D0%95%D1%81%D0%B5%D0%BD%D0%B1%D0%B5%D1%80%D0%BB%D0%B8%D0%BD&maximumRecords=1&recordPacking=string`);
    expect(Buffer.from(raw.bytes).toString('utf8')).toContain('<zs:recordData>&lt;record xmlns="http://www.loc.gov/MARC21/slim"&gt;');
    const items = await collect(
      harvestSru({ url: `${stand.base}/sru`, query: 'author=Есенберлин', version: '1.2', maximumRecords: 25, recordSchema: 'marcxml', params: { recordPacking: 'string' }, retry }),
    );
    expect(numbers(items)).toEqual(Array.from({ length: 300 }, (_, n) => n).filter((n) => n % 6 === 1 && !isDeleted(shape, n)).map(controlNumberOf));
    expect(items[0]?.kind === 'record' && items[0].record.subfieldValues('245', 'a')).toEqual(['Көшпенділер /']);
  });

  it('ends a search with no hits at once, and saves it as finished', async () => {
    const saves: [string | undefined, number][] = [];
    const items = await collect(
      harvestSru({ url: `${stand.base}/sru`, query: 'title=Қорқыт', version: '1.2', maximumRecords: 10, recordSchema: 'marcxml', retry, state: { save: (t, c) => void saves.push([t, c]) } }),
    );
    expect(items).toEqual([]);
    expect(saves).toEqual([[undefined, 0]]);
  });

  it('continues from a saved position', async () => {
    const state = { load: () => ({ token: '36', count: 35, finished: false }), save: () => undefined };
    const items = await collect(harvestSru({ url: `${stand.base}/sru`, query: 'title="Абай жолы"', version: '1.2', maximumRecords: 7, recordSchema: 'marcxml', retry, state }));
    expect(numbers(items)).toEqual(abai.slice(35));
    expect(items[0]?.kind === 'record' && items[0].record.place.index).toBe(35);
  });

  const diagnostics: [string, string, RegExp][] = [
    ['an unknown index', 'subject=тарих', /info:srw\/diagnostic\/1\/16 \(unsupported index\): The index "subject" is not supported.*; details: subject\. Request: /],
    ['a quote left open', 'title="Абай жолы', /info:srw\/diagnostic\/1\/10 \(query syntax error\): A quoted term is not closed/],
    ['an or', 'title=Абай or author=Толстой', /info:srw\/diagnostic\/1\/37 \(unsupported boolean operator\)/],
    ['a relation it lacks', 'title<>Абай', /info:srw\/diagnostic\/1\/19 \(unsupported relation\)/],
  ];
  for (const [what, query, message] of diagnostics) {
    it(`turns the diagnostic for ${what} into E_SRU_DIAGNOSTIC`, async () => {
      const error = await collect(harvestSru({ url: `${stand.base}/sru`, query, version: '1.2', maximumRecords: 10, recordSchema: 'marcxml', retry })).catch((e: unknown) => e);
      expect(isKitapError(error) && error.code).toBe('E_SRU_DIAGNOSTIC');
      expect((error as Error).message).toMatch(message);
    });
  }

  it('refuses a page size of zero before asking anything', async () => {
    await expect(collect(harvestSru({ url: `${stand.base}/sru`, query: 'cql.allRecords=1', version: '1.2', maximumRecords: 0, recordSchema: 'marcxml' }))).rejects.toThrow(/maximumRecords must be/);
  });
});

describe('SRU answers of other servers', () => {
  const ORIGIN = 'http://127.0.0.1:8998';
  let agent: MockAgent;
  beforeAll(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
  });
  afterEach(() => agent.assertNoPendingInterceptors());
  afterAll(() => agent.close());

  const response = (ns: string, records: string, extra = ''): string =>
    `<?xml version="1.0"?><srw:searchRetrieveResponse xmlns:srw="${ns}"><srw:version>1.2</srw:version><srw:numberOfRecords>3</srw:numberOfRecords><srw:records>${records}</srw:records>${extra}</srw:searchRetrieveResponse>`;
  const record = (data: string, position: number, schema = 'info:srw/schema/1/marcxml-v1.1'): string =>
    `<srw:record><srw:recordSchema>${schema}</srw:recordSchema><srw:recordPacking>xml</srw:recordPacking><srw:recordData>${data}</srw:recordData><srw:recordPosition>${position}</srw:recordPosition></srw:record>`;

  it('makes a surrogate diagnostic a reject, and pages by the hit count when nextRecordPosition is missing', async () => {
    const pool = agent.get(ORIGIN);
    const surrogate = '<diag:diagnostic xmlns:diag="http://www.loc.gov/zing/srw/diagnostic/"><diag:uri>info:srw/diagnostic/1/64</diag:uri><diag:message>Record temporarily unavailable</diag:message></diag:diagnostic>';
    pool.intercept({ path: (p) => p.includes('startRecord=1&') }).reply(200, response('http://www.loc.gov/zing/srw/', record(marcRecordXml('KRG000001', 'Абай жолы', 'Әуезов, М.'), 1) + record(surrogate, 2, 'info:srw/schema/1/diagnostics-v1.1')));
    pool.intercept({ path: (p) => p.includes('startRecord=3&') }).reply(200, response('http://www.loc.gov/zing/srw/', record(marcRecordXml('KRG000003', 'Көшпенділер', 'Есенберлин, І.'), 3)));
    const items = await collect(harvestSru({ url: `${ORIGIN}/sru`, query: 'cql.allRecords=1', version: '1.2', maximumRecords: 2, recordSchema: 'marcxml', dispatcher: agent }));
    expect(numbers(items)).toEqual(['KRG000001', 'reject:E_SRU_DIAGNOSTIC', 'KRG000003']);
    expect(items[1]?.kind === 'reject' && items[1].reject.message).toMatch(/instead of the record at position 2: info:srw\/diagnostic\/1\/64 \(record temporarily unavailable\): Record temporarily unavailable/);
  });

  it('reads SRU 2.0 responses and passes non-fatal diagnostics on', async () => {
    const ns = 'http://docs.oasis-open.org/ns/search-ws/sruResponse';
    const warning = '<srw:diagnostics><diag:diagnostic xmlns:diag="http://docs.oasis-open.org/ns/search-ws/diagnostic"><diag:uri>info:srw/diagnostic/1/60</diag:uri><diag:message>Only 3 of 5,000 hits kept</diag:message></diag:diagnostic></srw:diagnostics>';
    agent.get(ORIGIN).intercept({ path: (p) => p.startsWith('/sru') }).reply(200, response(ns, record(marcRecordXml('KRG000010', 'Ботагөз', 'Мұқанов, С.'), 1), warning).replace('<srw:numberOfRecords>3', '<srw:numberOfRecords>1'));
    const told: string[] = [];
    const items = await collect(harvestSru({ url: `${ORIGIN}/sru`, query: 'title=Ботагөз', version: '2.0', maximumRecords: 10, recordSchema: 'marcxml', dispatcher: agent, onDiagnostic: (_, text) => told.push(text) }));
    expect(numbers(items)).toEqual(['KRG000010']);
    expect(told).toEqual(['info:srw/diagnostic/1/60 (result set not created: too many matching records): Only 3 of 5,000 hits kept']);
  });

  it('refuses a server whose nextRecordPosition does not advance', async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: (p) => p.startsWith('/sru') })
      .reply(200, response('http://www.loc.gov/zing/srw/', record(marcRecordXml('KRG000001', 'Абай жолы', 'Әуезов, М.'), 1), '<srw:nextRecordPosition>1</srw:nextRecordPosition>'));
    await expect(collect(harvestSru({ url: `${ORIGIN}/sru`, query: 'cql.allRecords=1', version: '1.2', maximumRecords: 1, recordSchema: 'marcxml', dispatcher: agent }))).rejects.toThrow(
      /nextRecordPosition 1 does not move past startRecord 1/,
    );
  });
});
