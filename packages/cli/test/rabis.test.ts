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
