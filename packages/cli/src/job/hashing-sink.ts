import { createHash } from 'node:crypto';
import type { ByteSink } from '@kitap/core';
import type { ThreadedSha256 } from './sha256-thread.js';

/**
 * Passes bytes to a sink while computing their SHA-256 and size: in this
 * thread, or on a hashing thread when one is given (then `close` waits for
 * the digest).
 */
export class HashingSink implements ByteSink {
  private readonly hash = createHash('sha256');
  bytes = 0;
  private digest: string | undefined;

  constructor(
    private readonly inner: ByteSink,
    private readonly threaded?: ThreadedSha256,
  ) {}

  async write(chunk: Uint8Array | string): Promise<void> {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (this.threaded) {
      const wait = this.threaded.update(bytes);
      if (wait) await wait;
    } else this.hash.update(bytes);
    this.bytes += bytes.length;
    await this.inner.write(bytes);
  }

  written(): Promise<void> {
    return this.inner.written?.() ?? Promise.resolve();
  }

  async close(): Promise<void> {
    await this.inner.close();
    if (this.threaded) this.digest ??= await this.threaded.digest();
  }

  abort(): Promise<void> {
    return this.inner.abort();
  }

  sha256(): string {
    if (this.threaded && this.digest === undefined) throw new Error('HashingSink.close must be awaited before sha256 when hashing on a thread');
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }
}
