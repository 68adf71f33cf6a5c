import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { RabisClient } from '../../src/client/rabis-client.js';
import { rabisConfigSchema, type RabisConfigInput } from '../../src/client/rabis-config.js';
import { isRabisError, type RabisError } from '../../src/client/rabis-error.js';
import type { RabisLogLevel } from '../../src/client/redacting-logger.js';

const ORIGIN = 'http://127.0.0.1:8080';
const PASSWORD = 'Qarağandy-2024!parol';
const SIGN_IN = '/api/v1/auth/sign-in';
const DEPARTMENTS = '/api/v1/dictionary/department';
const IMPORT = '/api/v1/kitap/import';

/** A JWT of the shape Web-RABIS issues (HS256, claims id and exp); the signature is not checked by the client. */
function jwt(id: number, expiresInSeconds = 3600): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ id, exp: Math.floor(Date.now() / 1000) + expiresInSeconds })}.${'s1gn4ture'.repeat(4)}`;
}

const TOKEN_1 = jwt(1);
const TOKEN_2 = jwt(2);
const DEPARTMENT_LIST = [
  { id: 1, code: 'CB', name: 'Центральная библиотека им. Н. В. Гоголя', type: 'library' },
  { id: 4, code: 'F4', name: 'Ф-л №4', type: 'branch' },
  { id: 15, code: 'D15', name: '№15 д.', type: 'children' },
];

const agents: MockAgent[] = [];
afterEach(async () => {
  for (const agent of agents.splice(0)) await agent.close();
});

interface LogLine {
  level: RabisLogLevel;
  message: string;
  fields: unknown;
}

function setup(overrides: Partial<RabisConfigInput> = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agents.push(agent);
  const waits: number[] = [];
  const log: LogLine[] = [];
  const config = rabisConfigSchema.parse({
    url: ORIGIN,
    username: 'kitap-import',
    password: PASSWORD,
    retries: 3,
    retryBaseMs: 100,
    retryMaxMs: 10_000,
    timeoutMs: 150,
    ...overrides,
  });
  const client = new RabisClient(config, {
    dispatcher: agent,
    logger: { log: (level, message, fields) => log.push({ level, message, fields }) },
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { agent, pool: agent.get(ORIGIN), client, waits, log };
}

function signInOnce(pool: ReturnType<MockAgent['get']>, token: string) {
  pool
    .intercept({ path: SIGN_IN, method: 'POST', body: (body) => JSON.parse(body).password === PASSWORD && JSON.parse(body).username === 'kitap-import' })
    .reply(200, { token, user: { id: 7, username: 'kitap-import' } });
}

async function failure(promise: Promise<unknown>): Promise<RabisError> {
  try {
    await promise;
  } catch (error) {
    if (isRabisError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('RabisClient: auth', () => {
  it('signs in once, sends the JWT as a bearer token and reads the department dictionary', async () => {
    const { pool, client, agent } = setup();
    signInOnce(pool, TOKEN_1);
    pool.intercept({ path: DEPARTMENTS, method: 'GET', headers: { authorization: `Bearer ${TOKEN_1}` } }).reply(200, DEPARTMENT_LIST);
    pool.intercept({ path: '/api/v1/ebook/501/card', method: 'GET', headers: { authorization: `Bearer ${TOKEN_1}` } }).reply(200, {
      author: 'Әуезов М.',
      title: 'Абай жолы',
      inv: [{ id: 9, ebookId: 501, invNumber: '000123', department: { id: 4, code: 'F4', name: 'Ф-л №4' } }],
    });
    const departments = await client.departments();
    expect(departments.map((d) => d.name)).toEqual(['Центральная библиотека им. Н. В. Гоголя', 'Ф-л №4', '№15 д.']);
    const card = await client.card(501);
    expect(card.title).toBe('Абай жолы');
    expect(card.inv?.[0]?.invNumber).toBe('000123');
    expect(client.stats().signIns).toBe(1);
    agent.assertNoPendingInterceptors();
  });

  it('renews the token once on a 401 and repeats the request', async () => {
    const { pool, client, agent } = setup();
    signInOnce(pool, TOKEN_1);
    pool.intercept({ path: DEPARTMENTS, method: 'GET', headers: { authorization: `Bearer ${TOKEN_1}` } }).reply(401, { error: { status: 401, code: 'Unauthorized', message: 'token expired' } });
    signInOnce(pool, TOKEN_2);
    pool.intercept({ path: DEPARTMENTS, method: 'GET', headers: { authorization: `Bearer ${TOKEN_2}` } }).reply(200, DEPARTMENT_LIST);
    expect(await client.departments()).toHaveLength(3);
    expect(client.stats()).toMatchObject({ signIns: 2, retries: 0 });
    agent.assertNoPendingInterceptors();
  });

  it('fails with E_RABIS_AUTH when the renewed token is refused too, after exactly one renewal', async () => {
    const { pool, client } = setup();
    signInOnce(pool, TOKEN_1);
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).reply(401, { error: { status: 401, code: 'Unauthorized', message: 'token is invalid' } });
    signInOnce(pool, TOKEN_2);
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).reply(401, { error: { status: 401, code: 'Unauthorized', message: 'token is invalid' } });
    const error = await failure(client.departments());
    expect(error.rabisCode).toBe('E_RABIS_AUTH');
    expect(error.message).toMatch(/again after signing in/);
    expect(client.stats().signIns).toBe(2);
  });

  it('fails with E_RABIS_AUTH without signing in when only a token is configured and it is refused', async () => {
    const { pool, client } = setup({ username: undefined, password: undefined, token: TOKEN_1 });
    pool.intercept({ path: DEPARTMENTS, method: 'GET', headers: { authorization: `Bearer ${TOKEN_1}` } }).reply(401, { error: { status: 401, code: 'Unauthorized', message: 'expired' } });
    const error = await failure(client.departments());
    expect(error.rabisCode).toBe('E_RABIS_AUTH');
    expect(client.stats()).toMatchObject({ signIns: 0, requests: 1 });
  });

  it('reports a refused sign-in as E_RABIS_AUTH, not retried', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: SIGN_IN, method: 'POST' }).reply(400, { error: { status: 400, code: 'BadCredentials', message: 'неверный логин или пароль' } });
    const error = await failure(client.departments());
    expect(error.rabisCode).toBe('E_RABIS_AUTH');
    expect(error.message).toContain('неверный логин или пароль');
    expect(client.stats().requests).toBe(1);
  });

  it('signs in again before the next request when the JWT says it has expired, without waiting for a 401', async () => {
    const { pool, client, agent } = setup();
    const expired = jwt(1, -5);
    signInOnce(pool, expired);
    pool.intercept({ path: DEPARTMENTS, method: 'GET', headers: { authorization: `Bearer ${expired}` } }).reply(200, DEPARTMENT_LIST);
    signInOnce(pool, TOKEN_2);
    pool.intercept({ path: DEPARTMENTS, method: 'GET', headers: { authorization: `Bearer ${TOKEN_2}` } }).reply(200, DEPARTMENT_LIST);
    await client.departments();
    await client.departments();
    expect(client.stats()).toMatchObject({ signIns: 2, requests: 4 });
    agent.assertNoPendingInterceptors();
  });

  it('never lets the password or a token reach the log, an error or a printed client', async () => {
    const { pool, client, log } = setup();
    // A careless server that echoes what it was sent.
    pool.intercept({ path: SIGN_IN, method: 'POST' }).reply(200, { token: TOKEN_1 });
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).reply(401, { error: { status: 401, code: 'Unauthorized', message: `bad token Bearer ${TOKEN_1}` } });
    pool.intercept({ path: SIGN_IN, method: 'POST' }).reply(400, { error: { status: 400, code: 'BadCredentials', message: `password ${PASSWORD} is wrong for kitap-import` } });
    const error = await failure(client.departments());
    expect(error.rabisCode).toBe('E_RABIS_AUTH');
    expect(error.message).toContain('[redacted]');

    const tokenOnly = setup({ username: undefined, password: undefined, token: TOKEN_2 });
    tokenOnly.pool.intercept({ path: DEPARTMENTS, method: 'GET' }).reply(500, { error: { message: `internal: token=${TOKEN_2}` } }).times(4);
    const error2 = await failure(tokenOnly.client.departments());
    expect(error2.rabisCode).toBe('E_RABIS_HTTP');

    const printed = [
      ...[...log, ...tokenOnly.log].map((line) => `${line.message} ${JSON.stringify(line.fields ?? {})}`),
      error.message,
      String(error.stack),
      inspect(error, { depth: 5 }),
      error2.message,
      inspect(error2, { depth: 5 }),
      inspect(client, { depth: 5, showHidden: true }),
      inspect(client.config, { depth: 5 }),
      JSON.stringify(client.config),
      JSON.stringify(tokenOnly.client.config),
    ].join('\n');
    expect(log.length).toBeGreaterThan(2);
    for (const secret of [PASSWORD, TOKEN_1, TOKEN_2]) expect(printed).not.toContain(secret);
  });
});

describe('RabisClient: retries', () => {
  it('retries 500s with exponential backoff and jitter, then succeeds', async () => {
    const { pool, client, waits } = setup({ token: TOKEN_1, username: undefined, password: undefined });
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).reply(500, { error: { status: 500, code: 'Internal', message: 'db' } }).times(3);
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).reply(200, DEPARTMENT_LIST);
    expect(await client.departments()).toHaveLength(3);
    // random() = 0.5: half the step fixed plus a quarter → 75 % of 100, 200, 400 ms.
    expect(waits).toEqual([75, 150, 300]);
    expect(client.stats()).toMatchObject({ requests: 4, retries: 3 });
  });

  it('gives up after the configured retries with E_RABIS_HTTP and the server message', async () => {
    const { pool, client } = setup({ token: TOKEN_1, username: undefined, password: undefined, retries: 2 });
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).reply(503, { error: { status: 503, code: 'Unavailable', message: 'на обслуживании' } }).times(3);
    const error = await failure(client.departments());
    expect(error.rabisCode).toBe('E_RABIS_HTTP');
    expect(error.detail).toMatchObject({ status: 503, transient: true, attempts: 3, serverCode: 'Unavailable' });
    expect(error.message).toContain('на обслуживании');
    expect(client.stats().requests).toBe(3);
  });

  it('honours Retry-After of a 429, in seconds and as an HTTP date', async () => {
    const { pool, client, waits } = setup({ token: TOKEN_1, username: undefined, password: undefined });
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).reply(429, { error: { status: 429, message: 'slow down' } }, { headers: { 'retry-after': '3' } });
    pool
      .intercept({ path: DEPARTMENTS, method: 'GET' })
      .reply(429, '', { headers: { 'retry-after': new Date(Date.now() + 5_000).toUTCString() } });
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).reply(200, DEPARTMENT_LIST);
    expect(await client.departments()).toHaveLength(3);
    expect(waits[0]).toBe(3000);
    // An HTTP date has one-second resolution: the wait is what is left of the five seconds.
    expect(waits[1]).toBeGreaterThan(3000);
    expect(waits[1]).toBeLessThanOrEqual(5000);
  });

  it('caps a Retry-After longer than retryMaxMs', async () => {
    const { pool, client, waits } = setup({ token: TOKEN_1, username: undefined, password: undefined, retryMaxMs: 2000 });
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).reply(429, '', { headers: { 'retry-after': '3600' } });
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).reply(200, DEPARTMENT_LIST);
    await client.departments();
    expect(waits).toEqual([2000]);
  });

  it('retries a reset connection', async () => {
    const { pool, client } = setup({ token: TOKEN_1, username: undefined, password: undefined });
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).replyWithError(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }));
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).reply(200, DEPARTMENT_LIST);
    expect(await client.departments()).toHaveLength(3);
    expect(client.stats().retries).toBe(2);
  });

  it('reports resets that do not stop as E_RABIS_NETWORK', async () => {
    const { pool, client } = setup({ token: TOKEN_1, username: undefined, password: undefined, retries: 1 });
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).times(2);
    const error = await failure(client.departments());
    expect(error.rabisCode).toBe('E_RABIS_NETWORK');
    expect(error.detail.attempts).toBe(2);
  });

  it('times out a slow answer and retries it', async () => {
    const { pool, client } = setup({ token: TOKEN_1, username: undefined, password: undefined, timeoutMs: 100 });
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).reply(200, DEPARTMENT_LIST).delay(1000);
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).reply(200, DEPARTMENT_LIST);
    expect(await client.departments()).toHaveLength(3);
    expect(client.stats()).toMatchObject({ requests: 2, retries: 1 });
  });

  it('reports an answer that never comes as E_RABIS_TIMEOUT after the retries', async () => {
    const { pool, client } = setup({ token: TOKEN_1, username: undefined, password: undefined, timeoutMs: 50, retries: 1 });
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).reply(200, DEPARTMENT_LIST).delay(1000).times(2);
    const error = await failure(client.departments());
    expect(error.rabisCode).toBe('E_RABIS_TIMEOUT');
    expect(error.detail.attempts).toBe(2);
  });

  it('does not retry a 400', async () => {
    const { pool, client } = setup({ token: TOKEN_1, username: undefined, password: undefined });
    pool.intercept({ path: '/api/v1/ebook/abc/card', method: 'GET' }).reply(400, { error: { status: 400, code: 'BadRequest', message: 'id must be a number' }, validation: {} });
    const error = await failure(client.card('abc'));
    expect(error.rabisCode).toBe('E_RABIS_HTTP');
    expect(error.detail).toMatchObject({ status: 400, transient: false, attempts: 1 });
  });

  it('reports an answer of the wrong shape as E_RABIS_RESPONSE', async () => {
    const { pool, client } = setup({ token: TOKEN_1, username: undefined, password: undefined });
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).reply(200, '<html>Login</html>');
    expect((await failure(client.departments())).rabisCode).toBe('E_RABIS_RESPONSE');
  });
});

describe('RabisClient: import is retried only with an idempotency key', () => {
  const records = [
    { title: 'Абай жолы', author: 'Әуезов М.', inv: [{ invNumber: '000123', department: { code: 'F4' }, state: { code: 'available' } }] },
    { title: 'Война и мир', author: 'Толстой Л.', inv: [{ invNumber: '000124', department: { code: 'D15' }, state: { code: 'available' } }] },
  ];

  it('sends a POST without a key exactly once, even on a 500', async () => {
    const { pool, client } = setup({ token: TOKEN_1, username: undefined, password: undefined });
    pool.intercept({ path: IMPORT, method: 'POST' }).reply(500, { error: { status: 500, message: 'oops' } }).persist();
    const error = await failure(client.importBatch(records));
    expect(error.rabisCode).toBe('E_RABIS_HTTP');
    expect(error.message).toMatch(/not retried/);
    expect(client.stats().requests).toBe(1);
  });

  it('sends a POST without a key exactly once, even on a reset connection or a timeout', async () => {
    const { pool, client } = setup({ token: TOKEN_1, username: undefined, password: undefined, timeoutMs: 50 });
    pool.intercept({ path: IMPORT, method: 'POST' }).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    expect((await failure(client.importBatch(records))).rabisCode).toBe('E_RABIS_NETWORK');
    pool.intercept({ path: IMPORT, method: 'POST' }).reply(200, { results: [] }).delay(1000);
    expect((await failure(client.importBatch(records))).rabisCode).toBe('E_RABIS_TIMEOUT');
    expect(client.stats().requests).toBe(2);
  });

  it('retries a POST with a key, sending the same key every time', async () => {
    const { pool, client, agent } = setup({ token: TOKEN_1, username: undefined, password: undefined });
    const key = 'kitap-3f9a1c';
    pool.intercept({ path: IMPORT, method: 'POST', headers: { 'idempotency-key': key } }).replyWithError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    pool.intercept({ path: IMPORT, method: 'POST', headers: { 'idempotency-key': key } }).reply(502, 'Bad Gateway');
    pool
      .intercept({ path: IMPORT, method: 'POST', headers: { 'idempotency-key': key }, body: (body) => JSON.parse(body).records.length === 2 })
      .reply(200, {
        results: [
          { key: 'a', id: 9001, status: 'created' },
          { key: 'b', id: 9002, status: 'exists' },
        ],
      });
    const results = await client.importBatch(records, key);
    expect(results.map((r) => r.status)).toEqual(['created', 'exists']);
    expect(client.stats().requests).toBe(3);
    agent.assertNoPendingInterceptors();
  });
});

describe('RabisClient: cancellation', () => {
  it('stops during the wait between retries', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agents.push(agent);
    const config = rabisConfigSchema.parse({ url: ORIGIN, token: TOKEN_1, retryBaseMs: 60_000 });
    const client = new RabisClient(config, { dispatcher: agent });
    agent.get(ORIGIN).intercept({ path: DEPARTMENTS, method: 'GET' }).reply(500, '').persist();
    const controller = new AbortController();
    const pending = client.departments(controller.signal);
    setTimeout(() => controller.abort(), 30);
    const error = await failure(pending);
    expect(error.rabisCode).toBe('E_RABIS_CANCELLED');
  });

  it('stops a request in flight and never sends one already cancelled', async () => {
    const { pool, client } = setup({ token: TOKEN_1, username: undefined, password: undefined, timeoutMs: 60_000 });
    pool.intercept({ path: DEPARTMENTS, method: 'GET' }).reply(200, DEPARTMENT_LIST).delay(5_000);
    const controller = new AbortController();
    const pending = client.departments(controller.signal);
    setTimeout(() => controller.abort(), 20);
    expect((await failure(pending)).rabisCode).toBe('E_RABIS_CANCELLED');
    expect((await failure(client.departments(AbortSignal.abort()))).rabisCode).toBe('E_RABIS_CANCELLED');
    expect(client.stats().requests).toBe(1);
  });
});

describe('RabisClient: operations', () => {
  it('pages through all search results with limit and offset', async () => {
    const { pool, client } = setup({ token: TOKEN_1, username: undefined, password: undefined });
    const titles = Array.from({ length: 250 }, (_, i) => `Көшпенділер, ${i + 1}-кітап`);
    for (const offset of [0, 100, 200]) {
      pool
        .intercept({ path: `/api/v1/search/ebook/simple?limit=100&offset=${offset}`, method: 'POST', body: (body) => JSON.parse(body).query === 'Есенберлин' })
        .reply(200, { result: titles.slice(offset, offset + 100).map((title, i) => ({ id: offset + i + 1, author: 'Есенберлин І.', title })), count: 250 });
    }
    const found = [];
    for await (const record of client.search('Есенберлин')) found.push(record);
    expect(found).toHaveLength(250);
    expect(found.at(-1)?.title).toBe('Көшпенділер, 250-кітап');
    expect(new Set(found.map((r) => r.id)).size).toBe(250);
  });

  it('stops a search at the asked limit, from the asked offset', async () => {
    const { pool, client } = setup({ token: TOKEN_1, username: undefined, password: undefined });
    pool
      .intercept({ path: '/api/v1/search/ebook/simple?limit=30&offset=10', method: 'POST' })
      .reply(200, { result: Array.from({ length: 30 }, (_, i) => ({ id: i + 11, title: 'Война и мир' })), count: 400 });
    const found = [];
    for await (const record of client.search('Толстой', { limit: 30, offset: 10, pageSize: 50 })) found.push(record);
    expect(found.map((r) => r.id)).toEqual(Array.from({ length: 30 }, (_, i) => i + 11));
  });

  it('finds a copy by inventory number, and says when there is none', async () => {
    const { pool, client } = setup({ token: TOKEN_1, username: undefined, password: undefined });
    pool.intercept({ path: '/api/v1/inv?invNumber=%E2%84%9615%2F0042', method: 'GET' }).reply(200, {
      result: [{ id: 77, ebookId: 501, invNumber: '№15/0042', department: { id: 15, code: 'D15', name: '№15 д.' }, state: { id: 1, code: 'available', name: 'В фонде' } }],
      count: 1,
    });
    pool.intercept({ path: '/api/v1/inv?invNumber=999999', method: 'GET' }).reply(404, { error: { status: 404, message: 'not found' } });
    pool.intercept({ path: '/api/v1/inv?invNumber=888888', method: 'GET' }).reply(200, { result: [], count: 0 });
    const copy = await client.findCopy('№15/0042');
    expect(copy).toMatchObject({ ebookId: 501, department: { code: 'D15' } });
    expect(await client.findCopy('999999')).toBeUndefined();
    expect(await client.findCopy('888888')).toBeUndefined();
  });

  it('reads copies from the copy route, or from the card when the installation has no copy route', async () => {
    const withRoute = setup({ token: TOKEN_1, username: undefined, password: undefined });
    withRoute.pool.intercept({ path: '/api/v1/ebook/501/inv', method: 'GET' }).reply(200, [{ id: 1, ebookId: 501, invNumber: '000123' }]);
    expect((await withRoute.client.copies(501)).map((c) => c.invNumber)).toEqual(['000123']);

    const fromCard = setup({ token: TOKEN_1, username: undefined, password: undefined, routes: { copies: null } });
    fromCard.pool.intercept({ path: '/api/v1/ebook/501/card', method: 'GET' }).reply(200, { title: 'Абай жолы', inv: [{ invNumber: '000123' }, { invNumber: '000124' }] });
    expect((await fromCard.client.copies(501)).map((c) => c.invNumber)).toEqual(['000123', '000124']);
  });

  it('puts the path of the base URL in front of every route and uses configured routes', async () => {
    const { pool, client, agent } = setup({ url: `${ORIGIN}/rabis/`, routes: { signIn: '/api/v2/login', import: '/api/v1/import/ebooks' } });
    pool.intercept({ path: '/rabis/api/v2/login', method: 'POST' }).reply(200, { token: TOKEN_1 });
    pool.intercept({ path: '/rabis/api/v1/import/ebooks', method: 'POST' }).reply(200, { results: [{ key: 'x', id: 1, status: 'created' }] });
    pool.intercept({ path: '/rabis/version', method: 'GET' }).reply(200, 'web-rabis 2.3.1');
    expect(await client.importBatch([{ title: 'Абай жолы' }], 'k')).toHaveLength(1);
    expect(await client.version()).toBe('web-rabis 2.3.1');
    agent.assertNoPendingInterceptors();
  });
});

describe('RabisClient: the connection pool', () => {
  it('keeps at most `concurrency` requests in flight, over at most as many connections', async () => {
    let inFlight = 0;
    let most = 0;
    const sockets = new Set<number>();
    const server = createServer((req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      sockets.add(req.socket.remotePort ?? 0);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ result: [{ invNumber: decodeURIComponent(req.url!.split('=')[1]!) }], count: 1 }));
      }, 5);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = new RabisClient(rabisConfigSchema.parse({ url: `http://127.0.0.1:${port}`, token: TOKEN_1, concurrency: 2 }));
      const found = await Promise.all(Array.from({ length: 20 }, (_, i) => client.findCopy(`0001${i}`)));
      await client.close();
      expect(found.map((copy) => copy?.invNumber)).toEqual(Array.from({ length: 20 }, (_, i) => `0001${i}`));
      expect(most).toBeLessThanOrEqual(2);
      expect(sockets.size).toBeLessThanOrEqual(2);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
