import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { RabisClient } from '../../src/client/rabis-client.js';
import { rabisConfigSchema, type RabisConfigInput } from '../../src/client/rabis-config.js';
import { isRabisError } from '../../src/client/rabis-error.js';
import { sampleMarcRecords } from './sample-marc.js';

const ORIGIN = 'http://127.0.0.1:8080';
const ISO = '/api/v1/kitap/import/iso2709';
const TOKEN = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(JSON.stringify({ id: 1, exp: 4102444800 })).toString('base64url')}.c2lnbg`;

const agents: MockAgent[] = [];
afterEach(async () => {
  for (const agent of agents.splice(0)) await agent.close();
});

function setup(overrides: Partial<RabisConfigInput> = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agents.push(agent);
  const config = rabisConfigSchema.parse({ url: ORIGIN, token: TOKEN, retries: 3, retryBaseMs: 1, retryMaxMs: 5, ...overrides });
  const client = new RabisClient(config, { dispatcher: agent, sleep: async () => {} });
  return { agent, pool: agent.get(ORIGIN), client };
}

const [a, b] = sampleMarcRecords(2);
const body = Buffer.concat([a!.bytes, b!.bytes]);

/** The body MockAgent hands a matcher, as bytes. */
function same(got: unknown): boolean {
  const bytes = typeof got === 'string' ? Buffer.from(got, 'utf8') : Buffer.from(got as Uint8Array);
  return bytes.equals(body);
}

describe('RabisClient.importIso2709Batch', () => {
  it('sends the records\' bytes one after another with application/marc, the bearer token and the key', async () => {
    const { pool, client, agent } = setup();
    pool
      .intercept({ path: ISO, method: 'POST', headers: { 'content-type': 'application/marc', 'idempotency-key': 'kitap-1', authorization: `Bearer ${TOKEN}` }, body: same })
      .reply(200, { results: [{ key: 'KRG-000000', id: 1, status: 'created' }, { key: 'KRG-000001', id: 2, status: 'exists' }] });
    const results = await client.importIso2709Batch([a!.bytes, b!.bytes], 'kitap-1');
    expect(results.map((r) => r.status)).toEqual(['created', 'exists']);
    agent.assertNoPendingInterceptors();
  });

  it('uses the configured route and Content-Type', async () => {
    const { pool, client, agent } = setup({ routes: { importIso2709: '/api/v2/marc-import' }, iso2709ContentType: 'application/octet-stream' });
    pool.intercept({ path: '/api/v2/marc-import', method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: same }).reply(200, { results: [] });
    await client.importIso2709Batch([a!.bytes, b!.bytes], 'kitap-2');
    agent.assertNoPendingInterceptors();
  });

  it('retries with a key, the same bytes every time; without a key it sends once', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: ISO, method: 'POST', headers: { 'idempotency-key': 'kitap-3' }, body: same }).reply(503, 'busy');
    pool.intercept({ path: ISO, method: 'POST', headers: { 'idempotency-key': 'kitap-3' }, body: same }).reply(200, { results: [] });
    await client.importIso2709Batch([a!.bytes, b!.bytes], 'kitap-3');
    expect(client.stats()).toMatchObject({ requests: 2, retries: 1 });
    pool.intercept({ path: ISO, method: 'POST' }).reply(500, 'oops').persist();
    const error = await client.importIso2709Batch([a!.bytes]).catch((e: unknown) => e);
    expect(isRabisError(error) && error.rabisCode).toBe('E_RABIS_HTTP');
    expect((error as Error).message).toMatch(/^ISO2709 import: HTTP 500.*not retried/);
    expect(client.stats().requests).toBe(3);
  });

  it('refuses a Content-Type that is not a media type', () => {
    expect(rabisConfigSchema.safeParse({ url: ORIGIN, iso2709ContentType: 'marc' }).success).toBe(false);
  });
});
