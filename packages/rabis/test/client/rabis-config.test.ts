import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { isKitapError } from '@kitap/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRabisConfig } from '../../src/client/load-rabis-config.js';
import { DEFAULT_ROUTES, ROUTE_PROVENANCE, rabisConfigSchema } from '../../src/client/rabis-config.js';
import { redactFields, redactText } from '../../src/client/redacting-logger.js';
import { backoffMs, retryAfterMs } from '../../src/client/retry-policy.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function configFile(content: unknown, mode: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'kitap-rabis-config-'));
  dirs.push(dir);
  const file = join(dir, 'rabis.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  chmodSync(file, mode);
  return file;
}

function configError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isKitapError(error) && error.code === 'E_CONFIG') return error.message;
    throw error;
  }
  throw new Error('expected E_CONFIG');
}

const PASSWORD = 'Abai-Zholy-1942';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6NywiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmF0dXJl';

describe('rabisConfigSchema', () => {
  it('fills the defaults: known and assumed routes, 4 at a time, 5 retries', () => {
    const config = rabisConfigSchema.parse({ url: 'https://rabis.krg.example.kz' });
    expect(config.routes).toEqual(DEFAULT_ROUTES);
    expect(config).toMatchObject({ concurrency: 4, retries: 5, timeoutMs: 30_000, batchSize: 100, iso2709ContentType: 'application/marc' });
    expect(config.rate).toBeUndefined();
    // The routes not seen in Web-RABIS's public code are marked as kitap's assumptions.
    expect(Object.entries(ROUTE_PROVENANCE).filter(([, p]) => p === 'assumed').map(([name]) => name)).toEqual(['copies', 'inventoryLookup', 'import', 'importIso2709']);
  });

  it('refuses a URL that is not http(s), a route without a leading slash, and a username without a password', () => {
    expect(rabisConfigSchema.safeParse({ url: 'ftp://rabis.krg.example.kz' }).success).toBe(false);
    expect(rabisConfigSchema.safeParse({ url: 'https://rabis.krg.example.kz', routes: { import: 'api/import' } }).success).toBe(false);
    expect(rabisConfigSchema.safeParse({ url: 'https://rabis.krg.example.kz', username: 'kitap' }).success).toBe(false);
  });

  it('never prints credentials', () => {
    const config = rabisConfigSchema.parse({ url: 'https://rabis.krg.example.kz', username: 'kitap', password: PASSWORD, token: TOKEN });
    const printed = `${JSON.stringify(config)}\n${inspect(config, { depth: 9 })}\n${String(config.password)}`;
    expect(printed).not.toContain(PASSWORD);
    expect(printed).not.toContain(TOKEN);
    expect(config.password?.reveal()).toBe(PASSWORD);
  });
});

describe('loadRabisConfig', () => {
  it('reads credentials from the environment, over the file', () => {
    const file = configFile({ url: 'https://rabis.krg.example.kz', routes: { import: '/api/v2/import' }, concurrency: 2 }, 0o644);
    const config = loadRabisConfig({
      file,
      env: { KITAP_RABIS_USERNAME: 'kitap-import', KITAP_RABIS_PASSWORD: PASSWORD, KITAP_RABIS_TOKEN: '' },
      overrides: { url: 'http://127.0.0.1:8080' },
    });
    expect(config.url).toBe('http://127.0.0.1:8080');
    expect(config.routes.import).toBe('/api/v2/import');
    expect(config.routes.card).toBe(DEFAULT_ROUTES.card);
    expect(config.concurrency).toBe(2);
    expect(config.username).toBe('kitap-import');
    expect(config.password?.reveal()).toBe(PASSWORD);
    expect(config.token).toBeUndefined();
  });

  it('refuses a config file holding a password that group or others can read', () => {
    const file = configFile({ url: 'https://rabis.krg.example.kz', username: 'kitap', password: PASSWORD }, 0o640);
    const message = configError(() => loadRabisConfig({ file, env: {} }));
    expect(message).toMatch(/group or others can read it \(mode 640\).*chmod 600/);
    expect(message).not.toContain(PASSWORD);
  });

  it('refuses a world-readable file holding a token, accepts it once it is 600', () => {
    const file = configFile({ url: 'https://rabis.krg.example.kz', token: TOKEN }, 0o604);
    expect(configError(() => loadRabisConfig({ file, env: {} }))).toMatch(/mode 604/);
    chmodSync(file, 0o600);
    expect(loadRabisConfig({ file, env: {} }).token?.reveal()).toBe(TOKEN);
  });

  it('says what is wrong without quoting the file', () => {
    const broken = configFile(`{"url": "https://rabis.krg.example.kz", "password": "${PASSWORD}",`, 0o600);
    const message = configError(() => loadRabisConfig({ file: broken, env: {} }));
    expect(message).toMatch(/is not valid JSON/);
    expect(message).not.toContain(PASSWORD);
    const invalid = configFile({ url: 'https://rabis.krg.example.kz', username: 'kitap', password: PASSWORD, retries: -1, concurency: 3 }, 0o600);
    const why = configError(() => loadRabisConfig({ file: invalid, env: {} }));
    expect(why).toMatch(/retries/);
    expect(why).toMatch(/concurency/);
    expect(why).not.toContain(PASSWORD);
    expect(configError(() => loadRabisConfig({ file: join(tmpdir(), 'no-such-kitap-rabis.json'), env: {} }))).toMatch(/cannot be read: ENOENT/);
  });
});

describe('redaction and backoff', () => {
  it('masks secrets wherever they occur, and bearer tokens it does not know', () => {
    expect(redactText(`sign-in as kitap with ${PASSWORD} failed`, [PASSWORD])).toBe('sign-in as kitap with [redacted] failed');
    expect(redactText('Authorization: Bearer abc.def.ghi', [])).toBe('Authorization: Bearer [redacted]');
    expect(redactFields({ path: '/api/v1/inv', headers: { Authorization: 'x', 'Idempotency-Key': 'kitap-1' }, body: { password: 'p' } }, [])).toEqual({
      path: '/api/v1/inv',
      headers: { Authorization: '[redacted]', 'Idempotency-Key': 'kitap-1' },
      body: { password: '[redacted]' },
    });
  });

  it('reads Retry-After in seconds and as an HTTP date', () => {
    const now = Date.parse('2025-03-21T09:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Fri, 21 Mar 2025 09:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });

  it('waits between half and all of the doubled step, never above the maximum, and at least what Retry-After asks up to it', () => {
    fc.assert(
      fc.property(fc.nat({ max: 20 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.option(fc.nat({ max: 200_000 }), { nil: undefined }), (retry, r, retryAfter) => {
        const backoff = { baseMs: 250, maxMs: 60_000, random: () => r };
        const step = Math.min(60_000, 250 * 2 ** retry);
        const wait = backoffMs(retry, backoff, retryAfter);
        expect(wait).toBeLessThanOrEqual(60_000);
        expect(wait).toBeGreaterThanOrEqual(Math.floor(step / 2));
        if (retryAfter !== undefined) expect(wait).toBeGreaterThanOrEqual(Math.min(60_000, retryAfter));
        expect(Number.isInteger(wait)).toBe(true);
      }),
    );
  });
});
