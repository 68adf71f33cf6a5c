import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicFile, BufferedSink, type ByteSink } from '../src/index.js';

/** A sink that keeps the chunks it is given (not copies) and writes them out later, as a file stream does. */
class SlowSink implements ByteSink {
  readonly kept: Uint8Array[] = [];
  readonly distinctBuffers = new Set<ArrayBufferLike>();
  #last: Promise<void> = Promise.resolve();
  out: Buffer[] = [];
  constructor(private readonly tellsWhenWritten: boolean) {}
  async write(chunk: Uint8Array | string): Promise<void> {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.kept.push(bytes);
    this.distinctBuffers.add(bytes.buffer);
    // Copied only some turns later, like a write done on another thread.
    this.#last = new Promise((resolve) => setTimeout(() => {
      this.out.push(Buffer.from(bytes));
      resolve();
    }, 2));
  }
  get written(): (() => Promise<void>) | undefined {
    return this.tellsWhenWritten ? () => this.#last : undefined;
  }
  async close(): Promise<void> {
    await this.#last;
  }
  async abort(): Promise<void> {}
}

function pieces(): Buffer[] {
  return Array.from({ length: 3000 }, (_, i) => Buffer.from(`record ${i} ${'ә'.repeat(i % 97)}\n`));
}

/** Writes pieces() through a BufferedSink of 4 KiB over a SlowSink; checks the bytes came out whole and in order. */
async function writeThrough(tellsWhenWritten: boolean): Promise<SlowSink> {
  const inner = new SlowSink(tellsWhenWritten);
  const sink = new BufferedSink(inner, 4096);
  const all = pieces();
  for (const p of all) await sink.write(p);
  await sink.close();
  expect(Buffer.concat(inner.out).equals(Buffer.concat(all))).toBe(true);
  return inner;
}

describe('BufferedSink', () => {
  it('fills a few buffers in turn when the sink below says when they are written, and the bytes come out whole and in order', async () => {
    const inner = await writeThrough(true);
    expect(inner.kept.length).toBeGreaterThan(20);
    expect(inner.distinctBuffers.size).toBeLessThanOrEqual(3);
  });

  it('gives each write a buffer of its own when the sink below keeps chunks without saying when it is done', async () => {
    const inner = await writeThrough(false);
    expect(inner.distinctBuffers.size).toBe(inner.kept.length);
  });

  it('passes a chunk as large as its buffer straight through, in order with what it holds', async () => {
    const inner = new SlowSink(true);
    const sink = new BufferedSink(inner, 1024);
    const big = Buffer.alloc(5000, 0x41);
    await sink.write('head ');
    await sink.write(big);
    await sink.write(' tail');
    await sink.close();
    expect(Buffer.concat(inner.out).toString()).toBe(`head ${big.toString()} tail`);
  });

  it('writes a file through AtomicFile with writes in flight, byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kitap-core-'));
    const path = join(dir, 'out.txt');
    const sink = new BufferedSink(new AtomicFile(path), 1 << 12);
    const all = pieces();
    for (const p of all) await sink.write(p);
    await sink.close();
    expect(readFileSync(path).equals(Buffer.concat(all))).toBe(true);
  });
});
