import { afterEach, describe, expect, it } from 'vitest';
import { MockAgent, errors } from 'undici';
import { encode } from '@kitap/marc';
import { isKitapError } from '@kitap/core';
import type { OaiItem } from '../src/harvest-item.js';
import { fetchPage, safeUrl } from '../src/http/fetch-page.js';
import { retryAfterMs, retryDelay, retryPolicy } from '../src/http/retry-policy.js';
import { harvestOai } from '../src/oai/harvest-oai.js';
import { listRecordsXml, marcRecordXml, oaiErrorXml, oaiRecordXml } from './oai-xml.js';

const ORIGIN = 'http://127.0.0.1:8999';
const XML = { headers: { 'content-type': 'text/xml; charset=utf-8' } };
const agents: MockAgent[] = [];

function mockAgent(): MockAgent {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agents.push(agent);
  return agent;
}

afterEach(async () => {
  for (const agent of agents.splice(0)) {
    agent.assertNoPendingInterceptors();
    await agent.close();
  }
});

/** Retry options that record the waits instead of waiting. */
function recordedRetry(retries = 3) {
  const waits: number[] = [];
  return { waits, retry: { retries, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5, sleep: async (ms: number) => void waits.push(ms) } };
}

async function collect(items: AsyncIterable<OaiItem>): Promise<OaiItem[]> {
  const out: OaiItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const anyPath = (path: string): boolean => path.startsWith('/oai');

describe('retries of a harvest request', () => {
  it('retries 500 and 502 and returns the page that finally comes', async () => {
    const agent = mockAgent();
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: anyPath }).reply(500, 'Internal Server Error');
    pool.intercept({ path: anyPath }).reply(502, 'Bad Gateway');
    pool.intercept({ path: anyPath }).reply(200, listRecordsXml([]), XML);
    const { waits, retry } = recordedRetry();
    const page = await fetchPage(`${ORIGIN}/oai?verb=Identify`, { dispatcher: agent, retry });
    expect(page.status).toBe(200);
    // exponential backoff with equal jitter: half of 100, 200 fixed, half random (0.5 here)
    expect(waits).toEqual([75, 150]);
  });

  it('waits as long as Retry-After asks on 503, capped', async () => {
    const agent = mockAgent();
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: anyPath }).reply(503, 'busy', { headers: { 'retry-after': '7' } });
    pool.intercept({ path: anyPath }).reply(429, 'slow down', { headers: { 'retry-after': '600' } });
    pool.intercept({ path: anyPath }).reply(200, listRecordsXml([]), XML);
    const { waits, retry } = recordedRetry();
    await fetchPage(`${ORIGIN}/oai?verb=Identify`, { dispatcher: agent, retry: { ...retry, maxRetryAfterMs: 60_000 } });
    expect(waits).toEqual([7000, 60_000]);
  });

  it('retries timeouts and dropped connections', async () => {
    const agent = mockAgent();
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: anyPath }).replyWithError(new errors.HeadersTimeoutError());
    pool.intercept({ path: anyPath }).replyWithError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    pool.intercept({ path: anyPath }).replyWithError(new errors.SocketError('other side closed'));
    pool.intercept({ path: anyPath }).reply(200, 'ok');
    const { waits, retry } = recordedRetry();
    const page = await fetchPage(`${ORIGIN}/oai`, { dispatcher: agent, retry });
    expect(Buffer.from(page.bytes).toString()).toBe('ok');
    expect(waits).toHaveLength(3);
  });

  it('gives up with E_HARVEST_HTTP naming the URL, the last failure and the attempts', async () => {
    const agent = mockAgent();
    agent.get(ORIGIN).intercept({ path: anyPath }).reply(500, 'Internal Server Error').times(3);
    const { retry } = recordedRetry(2);
    const error = await fetchPage(`${ORIGIN}/oai?verb=ListRecords&metadataPrefix=marc21`, { dispatcher: agent, retry }).catch((e: unknown) => e);
    expect(isKitapError(error) && error.code).toBe('E_HARVEST_HTTP');
    expect((error as Error).message).toBe(`${ORIGIN}/oai?verb=ListRecords&metadataPrefix=marc21: HTTP 500 Internal Server Error; gave up after 3 attempts.`);
  });

  it('does not retry an error that will not pass (a refused TLS handshake, a bad URL)', async () => {
    const agent = mockAgent();
    agent.get(ORIGIN).intercept({ path: anyPath }).replyWithError(Object.assign(new Error('unable to verify the first certificate'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }));
    const { waits, retry } = recordedRetry();
    await expect(fetchPage(`${ORIGIN}/oai`, { dispatcher: agent, retry })).rejects.toThrow(/unable to verify the first certificate \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/);
    expect(waits).toEqual([]);
  });

  it('follows a redirect to the repository\'s new address', async () => {
    const agent = mockAgent();
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: anyPath }).reply(301, '', { headers: { location: '/new/oai?verb=Identify' } });
    pool.intercept({ path: '/new/oai?verb=Identify' }).reply(200, 'here');
    const page = await fetchPage(`${ORIGIN}/oai?verb=Identify`, { dispatcher: agent });
    expect(page.url).toBe(`${ORIGIN}/new/oai?verb=Identify`);
  });

  it('stops waiting at once when the harvest is cancelled', async () => {
    const agent = mockAgent();
    agent.get(ORIGIN).intercept({ path: anyPath }).reply(503, 'busy');
    const controller = new AbortController();
    const retry = { retries: 3, sleep: async () => controller.abort(new Error('cancelled by the user')) };
    await expect(fetchPage(`${ORIGIN}/oai`, { dispatcher: agent, retry, signal: controller.signal })).rejects.toThrow('cancelled by the user');
  });

  it('reads Retry-After as seconds or as a date, and jitters backoff within its step', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    const policy = retryPolicy({ baseDelayMs: 1000, maxDelayMs: 5000, random: () => 0.999 });
    expect(retryDelay(policy, 0, undefined)).toBeLessThanOrEqual(1000);
    expect(retryDelay(policy, 10, undefined)).toBeLessThanOrEqual(5000);
    expect(retryDelay(policy, 10, undefined)).toBeGreaterThanOrEqual(2500);
  });

  it('keeps a password in the URL out of messages', () => {
    expect(safeUrl('http://kitap:s3cret@127.0.0.1:8999/oai?verb=Identify')).toBe('http://127.0.0.1:8999/oai?verb=Identify');
  });
});

describe('OAI-PMH error answers', () => {
  it('asks a refused token once more, then stops with a clear error after what it had yielded', async () => {
    const agent = mockAgent();
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: anyPath }).reply(200, listRecordsXml([oaiRecordXml('oai:krg:1', marcRecordXml('KRG000001', 'Абай жолы', 'Әуезов, М.'))], 'page-2'), XML);
    pool.intercept({ path: (p) => p.includes('resumptionToken=page-2') }).reply(200, oaiErrorXml('badResumptionToken', 'The token has expired'), XML).times(2);
    const saves: [string | undefined, number][] = [];
    const items: OaiItem[] = [];
    const error = await (async () => {
      for await (const item of harvestOai({ url: `${ORIGIN}/oai`, metadataPrefix: 'marc21', dispatcher: agent, state: { save: (t, c) => void saves.push([t, c]) } })) items.push(item);
    })().catch((e: unknown) => e);
    expect(items.map((i) => i.kind)).toEqual(['record']);
    expect(saves).toEqual([['page-2', 1]]);
    expect(isKitapError(error) && error.code).toBe('E_OAI_BAD_RESUMPTION_TOKEN');
    expect((error as Error).message).toMatch(/refused the resumption token "page-2" twice \(badResumptionToken: The token has expired\), after 1 items/);
    expect((error as Error).message).toMatch(/Harvest again from the start/);
  });

  it('continues from a saved token whose first answer is refused once', async () => {
    const agent = mockAgent();
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: (p) => p.includes('resumptionToken=page-7') }).reply(200, oaiErrorXml('badResumptionToken', 'unknown token'), XML);
    pool.intercept({ path: (p) => p.includes('resumptionToken=page-7') }).reply(200, listRecordsXml([oaiRecordXml('oai:krg:61', marcRecordXml('KRG000061', 'Көшпенділер', 'Есенберлин, І.'))]), XML);
    const saves: [string | undefined, number][] = [];
    const state = { load: () => ({ token: 'page-7', count: 60, finished: false }), save: (t: string | undefined, c: number) => void saves.push([t, c]) };
    const items = await collect(harvestOai({ url: `${ORIGIN}/oai`, metadataPrefix: 'marc21', dispatcher: agent, state }));
    expect(items).toHaveLength(1);
    expect(items[0]?.kind === 'record' && items[0].record.place).toEqual({ file: `${ORIGIN}/oai?verb=ListRecords&resumptionToken=page-7`, index: 60, recordId: 'oai:krg:61' });
    expect(saves).toEqual([[undefined, 61]]);
  });

  it('names the OAI error code, its meaning and the repository\'s message', async () => {
    const agent = mockAgent();
    agent.get(ORIGIN).intercept({ path: anyPath }).reply(200, oaiErrorXml('badArgument', 'Illegal argument: sett'), XML);
    const error = await collect(harvestOai({ url: `${ORIGIN}/oai`, metadataPrefix: 'marc21', dispatcher: agent })).catch((e: unknown) => e);
    expect(isKitapError(error) && error.code).toBe('E_OAI_ERROR');
    expect((error as Error).message).toMatch(/^The OAI-PMH repository answered badArgument \(the request has an illegal or missing argument.*\): Illegal argument: sett\. Request: http:\/\/127\.0\.0\.1:8999\/oai\?verb=ListRecords&metadataPrefix=marc21$/);
  });

  it('says so when the URL answers with a web page instead of OAI-PMH', async () => {
    const agent = mockAgent();
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: anyPath }).reply(200, '<!DOCTYPE html><html><body><h1>Каталог библиотеки</h1></body></html>', { headers: { 'content-type': 'text/html' } });
    pool.intercept({ path: anyPath }).reply(404, '<html><body>Not Found</body></html>', { headers: { 'content-type': 'text/html' } });
    const page = await collect(harvestOai({ url: `${ORIGIN}/oai`, metadataPrefix: 'marc21', dispatcher: agent })).catch((e: unknown) => e);
    expect(isKitapError(page) && page.code).toBe('E_HARVEST_RESPONSE');
    expect((page as Error).message).toMatch(/not an OAI-PMH response.*Is this the repository's OAI-PMH base URL\?/);
    const missing = await collect(harvestOai({ url: `${ORIGIN}/oai`, metadataPrefix: 'marc21', dispatcher: agent })).catch((e: unknown) => e);
    expect(isKitapError(missing) && missing.code).toBe('E_HARVEST_HTTP');
    expect((missing as Error).message).toMatch(/HTTP 404/);
  });

  it('reads a cp1251 response, prefixed MARC elements, and rejects only the record with undecodable bytes', async () => {
    const agent = mockAgent();
    const pool = agent.get(ORIGIN);
    const records = [
      oaiRecordXml('oai:krg:1', marcRecordXml('KRG000001', 'Война и мир', 'Толстой, Л. Н.', 'marc')),
      oaiRecordXml('oai:krg:2', marcRecordXml('KRG000002', 'Преступление и наказание', 'Достоевский, Ф. М.', 'marc')),
    ];
    const body = listRecordsXml(records, undefined, ' xmlns:marc="http://www.loc.gov/MARC21/slim"', 'windows-1251');
    pool.intercept({ path: anyPath }).reply(200, Buffer.from(encode(body, 'cp1251')), XML);
    const items = await collect(harvestOai({ url: `${ORIGIN}/oai`, metadataPrefix: 'marc21', dispatcher: agent }));
    expect(items.map((i) => (i.kind === 'record' ? i.record.subfieldValues('245', 'a')[0] : i.kind))).toEqual(['Война и мир', 'Преступление и наказание']);

    const utf8 = Buffer.from(listRecordsXml([oaiRecordXml('oai:krg:3', marcRecordXml('KRG000003', 'Абай жолы', 'Әуезов, М.')), oaiRecordXml('oai:krg:4', marcRecordXml('KRG000004', 'Ботагөз XX', 'Мұқанов, С.'))]));
    const broken = Buffer.from(utf8);
    broken[broken.indexOf('XX') + 0] = 0xff; // a byte that is not UTF-8, inside the second record
    pool.intercept({ path: anyPath }).reply(200, broken, XML);
    const mixed = await collect(harvestOai({ url: `${ORIGIN}/oai`, metadataPrefix: 'marc21', dispatcher: agent }));
    expect(mixed[0]?.kind === 'record' && mixed[0].record.subfieldValues('245', 'a')).toEqual(['Абай жолы']);
    expect(mixed[1]?.kind === 'reject' && mixed[1].reject).toMatchObject({ code: 'E_ENCODING', place: { recordId: 'oai:krg:4', index: 1 } });
    expect(mixed[1]?.kind === 'reject' && mixed[1].header?.identifier).toBe('oai:krg:4');
  });

  it('makes a record whose metadata is not MARCXML a reject, not a silent gap', async () => {
    const agent = mockAgent();
    const dc = '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Абай жолы</dc:title></oai_dc:dc>';
    agent.get(ORIGIN).intercept({ path: anyPath }).reply(200, listRecordsXml([oaiRecordXml('oai:krg:9', dc), oaiRecordXml('oai:krg:10', undefined)]), XML);
    const items = await collect(harvestOai({ url: `${ORIGIN}/oai`, metadataPrefix: 'marc21', dispatcher: agent }));
    expect(items[0]).toMatchObject({ kind: 'reject', reject: { code: 'E_XML', place: { recordId: 'oai:krg:9' } } });
    expect(items[1]).toEqual({ kind: 'deleted', identifier: 'oai:krg:10', datestamp: '2024-03-01', sets: ['books'] });
  });
});
