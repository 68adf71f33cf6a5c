import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeIso2709 } from '@kitap/marc';
import { afterAll, describe, expect, it } from 'vitest';
import { HashedOutput } from '../src/job/hashed-output.js';
import { HashingInput } from '../src/job/hashing-input.js';
import { Sha256Thread, THREAD_WORTHY_BYTES } from '../src/job/sha256-thread.js';
import { runCli, sampleRecord, tempDir } from './helpers.js';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Deterministic bytes of any length (a simple LCG), so chunk borders fall anywhere. */
function bytesOf(length: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('SHA-256 on a thread of its own', () => {
  const thread = new Sha256Thread();
  afterAll(() => thread.close());

  it('gives the digest crypto gives, for chunks of any size, a larger one than its buffers included, with hashes interleaved', async () => {
    const data = [bytesOf(5_000_000, 1), bytesOf(3_333_333, 2)];
    const hashes = data.map(() => thread.hash());
    const sizes = [1, 65_536, 1 << 20, 3_000_000, 7, 500_000];
    const at = [0, 0];
    for (let turn = 0; at.some((a, i) => a < data[i]!.length); turn++) {
      for (let i = 0; i < data.length; i++) {
        if (at[i]! >= data[i]!.length) continue;
        const size = sizes[(turn + i) % sizes.length]!;
        const chunk = data[i]!.subarray(at[i]!, at[i]! + size);
        // The caller's bytes are its own: overwriting them after the call must not change the digest.
        const kept = Buffer.from(chunk);
        const wait = hashes[i]!.update(chunk);
        chunk.fill(0);
        kept.copy(chunk);
        if (wait) await wait;
        at[i]! += chunk.length;
      }
    }
    expect(await Promise.all(hashes.map((h) => h.digest()))).toEqual(data.map(sha256));
  });

  it('makes its feeder wait once chunks pile up, and every chunk still counts', async () => {
    const hash = thread.hash();
    const chunk = bytesOf(1 << 20, 3);
    let waits = 0;
    const whole = createHash('sha256');
    for (let i = 0; i < 40; i++) {
      const wait = hash.update(chunk);
      whole.update(chunk);
      if (wait) {
        waits++;
        await wait;
      }
    }
    expect(waits).toBeGreaterThan(0);
    expect(await hash.digest()).toBe(whole.digest('hex'));
  });

  it('gives the digest of nothing for a hash fed nothing', async () => {
    expect(await thread.hash().digest()).toBe(sha256(new Uint8Array(0)));
  });

  it('fails a hash still fed or asked for once its thread is closed, never leaving it waiting', async () => {
    const other = new Sha256Thread();
    const hash = other.hash();
    hash.update(bytesOf(1000, 5));
    await other.close();
    await expect(hash.digest()).rejects.toThrow(/the hashing thread failed: it was closed/);
    expect(() => hash.update(bytesOf(10, 6))).toThrow(/it was closed/);
  });

  it('is used only for a large input on a machine with a second core', () => {
    expect(Sha256Thread.worthwhile(THREAD_WORTHY_BYTES, 2)).toBe(true);
    expect(Sha256Thread.worthwhile(THREAD_WORTHY_BYTES - 1, 2)).toBe(false);
    expect(Sha256Thread.worthwhile(THREAD_WORTHY_BYTES, 1)).toBe(false);
  });

  it('hashes a file read through HashingInput and bytes written through HashedOutput', async () => {
    const dir = tempDir();
    const path = join(dir, 'in.bin');
    const data = bytesOf(2_500_000, 4);
    writeFileSync(path, data);
    const input = new HashingInput(path, 1 << 16, thread.hash());
    const collected: Buffer[] = [];
    const sink = new HashedOutput({ write: async (c) => void collected.push(Buffer.from(c)), close: async () => {}, abort: async () => {} }, thread.hash());
    for await (const chunk of input) await sink.write(chunk);
    await input.finish();
    await sink.close();
    expect(input.sha256()).toBe(sha256(data));
    expect(sink.sha256()).toBe(sha256(data));
    expect(sink.bytes).toBe(data.length);
    expect(Buffer.concat(collected).equals(data)).toBe(true);
  });
});

describe('kitap convert of a file large enough for the hashing thread', () => {
  it('reports the SHA-256 of its input and of its output as sha256sum would', async () => {
    const dir = tempDir();
    const input = join(dir, 'large.mrc');
    const records = Array.from({ length: 64 }, (_, n) => Buffer.from(writeIso2709(sampleRecord(n))));
    const one = Buffer.concat(records);
    const copies = Math.ceil((THREAD_WORTHY_BYTES + 1) / one.length);
    writeFileSync(input, Buffer.concat(new Array<Buffer>(copies).fill(one)));
    const output = join(dir, 'out.mrc');
    const run = await runCli(['convert', input, '-o', output]);
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(`${output}.report.json`, 'utf8'));
    expect(report.counts).toMatchObject({ read: copies * 64, written: copies * 64, rejected: 0 });
    const inBytes = readFileSync(input);
    const outBytes = readFileSync(output);
    expect(outBytes.equals(inBytes)).toBe(true);
    expect(report.input).toMatchObject({ bytes: inBytes.length, sha256: sha256(inBytes) });
    expect(report.output).toMatchObject({ bytes: outBytes.length, sha256: sha256(outBytes) });
  });
});
