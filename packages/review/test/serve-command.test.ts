/**
 * `kitap serve` as a user runs it: the built CLI (dist), so this also checks
 * that the page ships with the build. The test command builds before testing.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from './http-client.js';
import { BIN, type MigrationFixture, ROOT, buildMigrationDir, runKitap } from './migration-fixture.js';

let fixture: MigrationFixture;
const running: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  fixture = await buildMigrationDir({ findings: false });
}, 120_000);

afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts `kitap serve`, waiting for the address it prints on stderr. */
async function serve(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; url: string; stderr: () => string }> {
  if (!existsSync(BIN)) throw new Error(`the built CLI is missing (${BIN}): run \`npx -y pnpm@12.4.2 build\` first`);
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: ROOT, env: { ...process.env, KITAP_NO_PROGRESS: '1' } });
  running.push(child);
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const found = /open (http:\/\/127\.0\.0\.1:\d+\/) in a browser/.exec(stderr);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`kitap serve exited ${String(code)} before listening:\n${stderr}`)));
  });
  return { child, url, stderr: () => stderr };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('kitap serve', () => {
  it('prints the address on stderr, serves the page from the built CLI, and stops cleanly on SIGINT', async () => {
    const { child, url, stderr } = await serve([fixture.dir]);
    const page = await request(url);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Migration review');
    expect((await request(`${url}review.js`)).text).toContain("'x-kitap-token': TOKEN");
    const overview = (await request(`${url}api/overview`)).json as { dir: string };
    expect(overview.dir).toBe(fixture.dir);
    expect(((await request(`${url}api/findings`)).json as { state: string }).state).toBe('missing');
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(stderr()).toContain(`kitap serve: the review page of ${fixture.dir}`);
    expect(stderr()).toMatch(/kitap serve: stopped\n$/);
  });

  it('listens on the port given', async () => {
    const port = await freePort();
    const { child, url } = await serve([fixture.dir, '--port', String(port)]);
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    child.kill('SIGTERM');
    expect(((await once(child, 'exit')) as [number | null])[0]).toBe(0);
  });

  it('exits 2 with a clear message for a folder that is not a migration, or a bad port', () => {
    const empty = mkdtempSync(join(tmpdir(), 'kitap-serve-empty-'));
    const notMigration = runKitap(['serve', empty], { allow: [2] });
    expect(notMigration.stderr).toBe(`kitap: E_INPUT at ${empty}: ${empty} is not a migration folder: it has no migrate.sqlite (run kitap migrate ... --out ${empty} first)\n`);
    expect(existsSync(join(empty, 'migrate.sqlite'))).toBe(false);
    expect(runKitap(['serve', fixture.dir, '--port', 'eighty'], { allow: [2] }).stderr).toMatch(/E_USAGE: --port "eighty" is not a port number/);
    expect(runKitap(['serve', fixture.dir, '--port', '70000'], { allow: [2] }).stderr).toMatch(/E_USAGE/);
    expect(runKitap(['serve'], { allow: [2] }).stderr).toMatch(/missing required argument 'dir'/);
  });
});
