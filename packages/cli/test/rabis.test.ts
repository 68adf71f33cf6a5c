import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers.js';

describe('kitap rabis serve', () => {
  it('says it is a test stand-in, serves on 127.0.0.1, and stops on Ctrl-C', async () => {
    const child = spawn(process.execPath, [BIN, 'rabis', 'serve', '--faults', 'latency=1-2ms'], { cwd: ROOT, env: { ...process.env, KITAP_NO_PROGRESS: '1' } });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`exited before listening: ${stderr}`)));
    });
    expect(stderr).toContain('TEST STAND-IN — NOT Web-RABIS');
    const version = await fetch(`${url}/version`);
    expect(version.status).toBe(200);
    expect(await version.text()).toContain('stand-in');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toContain('stand-in stopped');
  }, 30_000);
});

describe('kitap rabis push and verify', () => {
  it('delivers the inventory output exactly once through faults, verifies it, and a second push sends nothing', async () => {
    const { runCli, tempDir } = await import('./helpers.js');
    const { startStandIn } = await import('@kitap/rabis');
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const out = tempDir();
    await runCli(['inventory', 'fixtures/inventory/export-cp1251.csv', '--catalog', 'fixtures/sample/catalog-utf8.mrc', '--out', out]);
    const jsonl = join(out, 'web-rabis.jsonl');
    const records = readFileSync(jsonl, 'utf8').trim().split('\n').length;
    const server = await startStandIn({ faults: 'error500=5%,drop=2%,latency=0-3ms,seed=11' });
    process.env.KITAP_RABIS_USERNAME = 'kitap';
    process.env.KITAP_RABIS_PASSWORD = 'kitap';
    try {
      const push = await runCli(['rabis', 'push', jsonl, '--url', server.url]);
      expect(push.code, push.stderr).toBe(0);
      expect(push.stderr).not.toContain('kitap:kitap');
      expect(server.stats().ebooks).toBe(records);
      const verifyRun = await runCli(['rabis', 'verify', jsonl, '--url', server.url]);
      expect(verifyRun.code, verifyRun.stdout + verifyRun.stderr).toBe(0);
      const again = await runCli(['rabis', 'push', jsonl, '--url', server.url]);
      expect(again.code).toBe(0);
      expect(server.stats().ebooks).toBe(records);
    } finally {
      delete process.env.KITAP_RABIS_USERNAME;
      delete process.env.KITAP_RABIS_PASSWORD;
      await server.close();
    }
  }, 120_000);
});
