import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../../src/stand-in/start-stand-in.js';
import { call, ebook, signIn } from './stand-in-http.js';

const dir = mkdtempSync(join(tmpdir(), 'kitap-stand-in-'));
const data = join(dir, 'web-rabis.jsonl');
const RECORDS = [
  ebook('1C0000101', 'Абай жолы', 'Әуезов, Мұхтар', [
    ['44001', 'CGB/ABON'],
    ['44002', 'F04'],
  ]),
  ebook('1C0000102', 'Көшпенділер', 'Есенберлин, Ілияс', [['44003', 'D15']]),
  ebook('1C0000103', 'Война и мир', 'Толстой, Лев', [
    ['44004', 'F15'],
    ['44005', 'F15'],
    ['44006', 'CGB/READ'],
  ]),
  { ...ebook('1C0000104', 'Ёлка в Сокольниках', 'Гладков, Ф.', [['44007', 'Y01']]), bbk: '84(2Рос=Рус)6', volumeNumber: '3-т.', language: { language: 'rus' } },
];
writeFileSync(data, `\uFEFF${RECORDS.map((r) => JSON.stringify(r)).join('\n')}\n`);

let server: StandIn;
let token: string;
beforeAll(async () => {
  server = await startStandIn({ data });
  token = await signIn(server.url);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function idOf(controlNumber: string): Promise<number> {
  const found = await call(server.url, 'POST', '/api/v1/search/ebook/simple?limit=1000', { token, body: { query: '' } });
  const record = (found.json.result as { id: number; kitap: { controlNumber: string } }[]).find((r) => r.kitap.controlNumber === controlNumber);
  if (record === undefined) throw new Error(`no record ${controlNumber}`);
  return record.id;
}

describe('the stand-in: binding and identity', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
      .map((a) => a!.address);
    // 127.0.0.2 is loopback too: a server bound to 0.0.0.0 would answer there.
    for (const address of ['127.0.0.2', '::1', ...others]) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port: server.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => resolve(true));
      });
      expect(refused, `reachable on ${address}`).toBe(true);
    }
  });

  it('says on /version, in its banner and in --help that it is a test stand-in, not Web-RABIS', async () => {
    const version = await call(server.url, 'GET', '/version');
    expect(version.status).toBe(200);
    expect(version.json).toMatchObject({ standIn: true, notice: 'TEST STAND-IN, not Web-RABIS' });
    const banner = server.banner();
    expect(banner.split('\n')[0]).toContain('TEST STAND-IN — NOT Web-RABIS');
    expect(banner).toContain('holds 4 records, 7 copies');
    expect(banner).toContain("kitap's assumptions");
    expect(banner).toContain('import POST /api/v1/kitap/import');
    expect(banner).toContain('GET /api/v1/inv?invNumber={invNumber}\n');
    expect(banner).not.toContain('password');
    const { STAND_IN_HELP } = await import('../../src/stand-in/stand-in-banner.js');
    expect(STAND_IN_HELP.split('\n')[0]).toContain('TEST STAND-IN for Web-RABIS, NOT Web-RABIS');
  });

  it('answers an unknown route 404 and a wrong method 405, in the error shape', async () => {
    const missing = await call(server.url, 'GET', '/api/v1/nothing', { token });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: { status: 404, code: 'not_found', message: 'no route /api/v1/nothing' } });
    const wrong = await call(server.url, 'GET', '/api/v1/search/ebook/simple', { token });
    expect(wrong.status).toBe(405);
    expect(wrong.json.error.status).toBe(405);
  });
});

describe('sign-in and tokens', () => {
  it('signs in with the configured user and gives an HS256 JWT with id and exp', async () => {
    const answer = await call(server.url, 'POST', '/api/v1/auth/sign-in', { body: { username: 'kitap', password: 'kitap' } });
    expect(answer.status).toBe(200);
    expect(answer.json.user).toMatchObject({ id: 1, username: 'kitap' });
    const [header, payload] = (answer.json.token as string).split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    expect(claims.id).toBe(1);
    expect(claims.exp - claims.iat).toBe(3600);
  });

  it('refuses a wrong password with 401', async () => {
    const answer = await call(server.url, 'POST', '/api/v1/auth/sign-in', { body: { username: 'kitap', password: 'Абай' } });
    expect(answer.status).toBe(401);
    expect(answer.json.error).toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(answer.text).not.toContain('Абай');
  });

  it('answers 401 in the error shape for a missing, malformed or forged token', async () => {
    const none = await call(server.url, 'GET', '/api/v1/dictionary/department');
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ error: { status: 401, code: 'unauthorized', message: 'no token found' } });
    const garbage = await call(server.url, 'GET', '/api/v1/dictionary/department', { token: 'not.a.token' });
    expect(garbage.status).toBe(401);
    const [h, p] = token.split('.');
    const forged = `${h}.${p}.${Buffer.from('forged signature of thirty-two b').toString('base64url')}`;
    const refused = await call(server.url, 'GET', '/api/v1/dictionary/department', { token: forged });
    expect(refused.status).toBe(401);
    expect(refused.json.error.message).toBe('token is incorrect or expired');
  });

  it('refuses a token after its exp (the clock is the test\'s)', async () => {
    let now = Date.UTC(2025, 10, 26, 9, 0, 0);
    const other = await startStandIn({ tokenTtlSeconds: 60, now: () => now, users: [{ username: 'kitapkhana', password: 'Қарағанды-2025' }] });
    try {
      const t = await signIn(other.url, 'kitapkhana', 'Қарағанды-2025');
      now += 59_000;
      expect((await call(other.url, 'GET', '/api/v1/dictionary/department', { token: t })).status).toBe(200);
      now += 1_000;
      const expired = await call(other.url, 'GET', '/api/v1/dictionary/department', { token: t });
      expect(expired.status).toBe(401);
      expect(expired.json.error.message).toBe('token is incorrect or expired');
      const renewed = await signIn(other.url, 'kitapkhana', 'Қарағанды-2025');
      expect((await call(other.url, 'GET', '/api/v1/dictionary/department', { token: renewed })).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('does not accept a token of another stand-in (each signs with its own secret)', async () => {
    const other = await startStandIn();
    try {
      expect((await call(other.url, 'GET', '/api/v1/dictionary/department', { token })).status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('the read routes', () => {
  it('gives the department dictionary: the 21 libraries of the Karaganda system and the central library\'s departments', async () => {
    const answer = await call(server.url, 'GET', '/api/v1/dictionary/department', { token });
    expect(answer.status).toBe(200);
    const departments = answer.json as { id: number; code: string; name: string; type: string }[];
    const libraries = departments.filter((d) => d.type !== 'department');
    expect(libraries).toHaveLength(21);
    expect(departments.find((d) => d.code === 'F04')).toMatchObject({ name: 'Библиотека-филиал №4', type: 'adult' });
    expect(departments.find((d) => d.code === 'D15')).toMatchObject({ name: 'Детская библиотека-филиал №15', type: 'children' });
    expect(departments.find((d) => d.code === 'CGB/ABON')).toMatchObject({ name: 'Центральная городская библиотека, Абонемент', type: 'department' });
    expect(new Set(departments.map((d) => d.id)).size).toBe(departments.length);
  });

  it('adds the departments of preloaded data to the dictionary', async () => {
    const file = join(dir, 'other-departments.jsonl');
    writeFileSync(file, `${JSON.stringify(ebook('X1', 'Абай жолы', undefined, [['90001', 'SHAKHTINSK']]))}\n`);
    const other = await startStandIn({ data: file });
    try {
      const t = await signIn(other.url);
      const departments = (await call(other.url, 'GET', '/api/v1/dictionary/department', { token: t })).json as { code: string }[];
      expect(departments.map((d) => d.code)).toContain('SHAKHTINSK');
      expect(departments.map((d) => d.code)).toContain('F31');
    } finally {
      await other.close();
    }
  });

  it('gives the card of a record with its copies, departments and states', async () => {
    const id = await idOf('1C0000103');
    const answer = await call(server.url, 'GET', `/api/v1/ebook/${id}/card`, { token });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ title: 'Война и мир', author: 'Толстой, Лев' });
    const inv = answer.json.inv as { id: number; ebookId: number; invNumber: string; department: { code: string; name: string }; state: { code: string } }[];
    expect(inv.map((c) => c.invNumber)).toEqual(['44004', '44005', '44006']);
    expect(inv.every((c) => c.ebookId === id)).toBe(true);
    expect(inv[2]!.department).toMatchObject({ code: 'CGB/READ', name: 'Центральная городская библиотека, Читальный зал' });
    expect(inv[0]!.state).toMatchObject({ code: 'available', name: 'В фонде' });
  });

  it('fills the card\'s volume number, cipher, indexes and language from the record', async () => {
    const id = await idOf('1C0000104');
    const card = (await call(server.url, 'GET', `/api/v1/ebook/${id}/card`, { token })).json;
    expect(card).toMatchObject({ volumeNumber: 3, rCipher: '84(2Рос=Рус)6', indexes: ['84(2Рос=Рус)6'], language: { language: 'rus' } });
  });

  it('gives the whole record by id, and its copies at /inv and at /inventory', async () => {
    const id = await idOf('1C0000101');
    const record = await call(server.url, 'GET', `/api/v1/ebook/${id}`, { token });
    expect(record.json).toMatchObject({ id, title: 'Абай жолы', author: 'Әуезов, Мұхтар', kitap: { controlNumber: '1C0000101' } });
    const inv = await call(server.url, 'GET', `/api/v1/ebook/${id}/inv`, { token });
    const inventory = await call(server.url, 'GET', `/api/v1/ebook/${id}/inventory`, { token });
    expect(inv.status).toBe(200);
    expect((inv.json as { invNumber: string }[]).map((c) => c.invNumber)).toEqual(['44001', '44002']);
    expect(inventory.json).toEqual(inv.json);
  });

  it('answers a missing record 400 (as Web-RABIS\'s public code does) and a non-numeric id 400', async () => {
    const missing = await call(server.url, 'GET', '/api/v1/ebook/999999/card', { token });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ code: 'not_found', message: 'record 999999 not found' });
    const bad = await call(server.url, 'GET', '/api/v1/ebook/абай/card', { token });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toBe('id must be a whole number');
  });

  it('searches titles and authors by substring, ignoring case and ё/е', async () => {
    const search = async (query: string): Promise<string[]> => {
      const answer = await call(server.url, 'POST', '/api/v1/search/ebook/simple', { token, body: { query } });
      expect(answer.status).toBe(200);
      return (answer.json.result as { title: string }[]).map((r) => r.title);
    };
    expect(await search('абай')).toEqual(['Абай жолы']);
    expect(await search('ЕСЕНБЕРЛИН')).toEqual(['Көшпенділер']);
    expect(await search('елка')).toEqual(['Ёлка в Сокольниках']);
    expect(await search('мир')).toEqual(['Война и мир']);
    expect(await search('Пушкин')).toEqual([]);
  });

  it('pages the search with limit and offset and counts every match', async () => {
    const page = async (limit: number, offset: number) =>
      (await call(server.url, 'POST', `/api/v1/search/ebook/simple?limit=${limit}&offset=${offset}`, { token, body: { query: '' } })).json as { result: { title: string }[]; count: number };
    const first = await page(3, 0);
    const second = await page(3, 3);
    expect(first.count).toBe(4);
    expect(second.count).toBe(4);
    expect(first.result).toHaveLength(3);
    expect(second.result.map((r) => r.title)).toEqual(['Ёлка в Сокольниках']);
    const bad = await call(server.url, 'POST', '/api/v1/search/ebook/simple?limit=много', { token, body: { query: '' } });
    expect(bad.status).toBe(400);
  });

  it('finds a copy by inventory number, with its record and department, for verification', async () => {
    const id = await idOf('1C0000102');
    const answer = await call(server.url, 'GET', '/api/v1/inv?invNumber=44003', { token });
    expect(answer.status).toBe(200);
    expect(answer.json.count).toBe(1);
    expect(answer.json.result[0]).toMatchObject({ invNumber: '44003', ebookId: id, department: { code: 'D15' } });
    const none = await call(server.url, 'GET', '/api/v1/inv?invNumber=12345', { token });
    expect(none.json).toEqual({ result: [], count: 0 });
    const empty = await call(server.url, 'GET', '/api/v1/inv', { token });
    expect(empty.status).toBe(400);
  });

  it('serves configured routes for the assumptions instead of the defaults', async () => {
    const other = await startStandIn({ data, routes: { import: '/api/v2/bulk', inventoryLookup: '/api/v1/copy/{invNumber}', copies: '/api/v1/ebook/{id}/copies' } });
    try {
      const t = await signIn(other.url);
      expect((await call(other.url, 'GET', '/api/v1/copy/44007', { token: t })).json.result[0].invNumber).toBe('44007');
      expect((await call(other.url, 'GET', '/api/v1/inv?invNumber=44007', { token: t })).status).toBe(404);
      expect((await call(other.url, 'GET', '/api/v1/ebook/1/copies', { token: t })).status).toBe(200);
      const imported = await call(other.url, 'POST', '/api/v2/bulk', { token: t, body: { records: [ebook('N1', 'Қан мен тер', 'Нұрпейісов, Әбдіжәміл', [['50001', 'F07']])] } });
      expect(imported.json.results[0].status).toBe('created');
      expect((await call(other.url, 'POST', '/api/v1/kitap/import', { token: t, body: { records: [] } })).status).toBe(404);
    } finally {
      await other.close();
    }
  });
});

describe('preloading', () => {
  it('names the line of a preloaded line that is not JSON', async () => {
    const file = join(dir, 'broken.jsonl');
    writeFileSync(file, `${JSON.stringify(RECORDS[0])}\n{"title": "Абай жолы",\n`);
    await expect(startStandIn({ data: file })).rejects.toMatchObject({ code: 'E_INPUT', place: { file, line: 2 } });
  });

  it('refuses preloaded data where two records hold one inventory number', async () => {
    const file = join(dir, 'twice.jsonl');
    writeFileSync(file, [ebook('A', 'Абай жолы', undefined, [['1', 'F04']]), ebook('B', 'Көшпенділер', undefined, [['1', 'F06']])].map((r) => JSON.stringify(r)).join('\n'));
    await expect(startStandIn({ data: file })).rejects.toMatchObject({ code: 'E_INPUT', place: { line: 2 } });
  });
});
