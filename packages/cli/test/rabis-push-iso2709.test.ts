import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readIso2709All } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, tempDir } from './helpers.js';
import { recordWithCopies, useStandIns } from './rabis-stand-ins.js';

const LIBRARIES = ['F04', 'ЦГБ', '№11 д.', 'D15', 'Y01'];

/** ISO2709 records with one or two copies each in 852/876 ($b library, $a inventory number). */
function records(count: number, from = 0): Uint8Array[] {
  return Array.from({ length: count }, (_, k) => {
    const n = from + k;
    const copies = Array.from({ length: n % 5 === 0 ? 2 : 1 }, (_, c) => ({ library: LIBRARIES[(n + c) % LIBRARIES.length]!, inv: `${700_000 + n * 2 + c}` }));
    return recordWithCopies(`KIL-${String(n).padStart(6, '0')}`, `${['Абай жолы', 'Ақбілек', 'Война и мир'][n % 3]!} ${n}`, copies);
  });
}

const standIn = useStandIns();

describe('kitap rabis push of ISO2709', () => {
  it('delivers kitap inventory\'s records.mrc exactly once through faults, and verify finds every copy of web-rabis.jsonl', async () => {
    const out = tempDir();
    await runCli(['inventory', 'fixtures/inventory/export-cp1251.csv', '--catalog', 'fixtures/sample/catalog-utf8.mrc', '--out', out]);
    const mrc = join(out, 'records.mrc');
    const count = (await readIso2709All(mrc)).length;
    const server = await standIn('error500=5%,drop=2%,latency=0-3ms,expireToken=after:40,seed=29');
    // Short waits between retries keep the test quick (the defaults wait half a second and more).
    const config = join(out, 'rabis.json');
    writeFileSync(config, JSON.stringify({ url: server.url, retryBaseMs: 5, retryMaxMs: 50, concurrency: 8 }));
    const push = await runCli(['rabis', 'push', mrc, '--config', config, '--batch-size', '20']);
    expect(push.code, push.stderr).toBe(0);
    expect(push.stderr).toMatch(new RegExp(`records: in ${count} = confirmed ${count} \\+ failed 0 \\+ pending 0 \\(balanced\\)`));
    expect(push.stderr).not.toContain('kitap:kitap');
    const stats = server.stats();
    expect(stats).toMatchObject({ ebooks: count, imports: { created: count, exists: 0, rejected: 0 } });
    expect(stats.faults.error500 + stats.faults.drop + stats.faults.expiredToken).toBeGreaterThan(0);

    // The copies web-rabis.jsonl maps are in the stand-in, under the right department and on the right record.
    const verified = await runCli(['rabis', 'verify', join(out, 'web-rabis.jsonl'), '--config', config]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stderr).toContain('"missing":0,"wrong":0');

    const again = await runCli(['rabis', 'push', mrc, '--config', config]);
    expect(again.code).toBe(0);
    expect(server.stats().imports.batches).toBe(stats.imports.batches);
  }, 180_000);

  it('puts a record the reader refuses in the reject file with its place, and exits 1', async () => {
    const dir = tempDir();
    const good = records(3);
    const bad = Buffer.from(records(1, 3)[0]!);
    bad.write('9999', 27, 'latin1');
    const input = join(dir, 'records.mrc');
    writeFileSync(input, Buffer.concat([good[0]!, bad, good[1]!, good[2]!]));
    const server = await standIn('seed=1');
    const push = await runCli(['rabis', 'push', input, '--url', server.url]);
    expect(push.code).toBe(1);
    expect(push.stderr).toContain('records: in 4 = confirmed 3 + failed 1 + pending 0 (balanced)');
    expect(push.stderr).toMatch(new RegExp(`failed: record 2, byte ${good[0]!.length} \\(KIL-000003\\): the ISO2709 reader rejects the record: E_FIELD_BOUNDS`));
    const rejects = readFileSync(`${input}.rejects.ndjson`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({ code: 'E_FIELD_BOUNDS', file: input, index: 1, offset: good[0]!.length, recordId: 'KIL-000003', rawLength: bad.length });
    expect(server.stats().ebooks).toBe(3);
  }, 60_000);

  it('killed (SIGKILL) at random points and resumed, delivers every record exactly once', async () => {
    const dir = tempDir();
    const input = join(dir, 'records.mrc');
    const total = 1_500;
    writeFileSync(input, Buffer.concat(records(total)));
    const server = await standIn('error500=5%,drop=2%,latency=5-20ms,seed=31');
    // Kill once the stand-in has committed this many more import batches (of 150): somewhere in the middle, different each run.
    const points = [1 + Math.floor(Math.random() * 40), 1 + Math.floor(Math.random() * 40)];
    for (const point of points) {
      const before = server.stats().imports.batches;
      const child = spawn(process.execPath, [BIN, 'rabis', 'push', input, '--url', server.url, '--batch-size', '10'], { cwd: ROOT, env: { ...process.env, KITAP_NO_PROGRESS: '1' } });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      let done = false;
      void exited.then(() => (done = true));
      while (!done && server.stats().imports.batches < before + point) await new Promise((r) => setTimeout(r, 5));
      child.kill('SIGKILL');
      await exited;
    }
    expect(server.stats().ebooks, `killed after ${points.join(' and ')} batches`).toBeLessThan(total);
    const resumed = await runCli(['rabis', 'push', input, '--url', server.url, '--batch-size', '10']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`records: in ${total} = confirmed ${total} + failed 0 + pending 0 (balanced)`);
    const stats = server.stats();
    expect(stats, `killed after ${points.join(' and ')} batches`).toMatchObject({ ebooks: total, imports: { created: total, exists: 0, rejected: 0 } });
  }, 120_000);
});
