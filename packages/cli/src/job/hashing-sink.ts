import type { ByteSink } from '@kitap/core';
import { LocalSha256, type Sha256 } from './sha256.js';

/**
 * Passes bytes to a sink while computing their SHA-256 and size: in this
 * thread, or on a hashing thread when such a hash is given (then `close`
 * waits for the digest).
 */
export class HashingSink implements ByteSink {
  bytes = 0;
  private digest: string | undefined;

  constructor(
    private readonly inner: ByteSink,
    private readonly hash: Sha256 = new LocalSha256(),
  ) {}

  async write(chunk: Uint8Array | string): Promise<void> {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const wait = this.hash.update(bytes);
    if (wait) await wait;
    this.bytes += bytes.length;
    await this.inner.write(bytes);
  }

  written(): Promise<void> {
    return this.inner.written?.() ?? Promise.resolve();
  }

  async close(): Promise<void> {
    await this.inner.close();
    this.digest ??= await this.hash.digest();
  }

  abort(): Promise<void> {
    return this.inner.abort();
  }

  sha256(): string {
    this.digest ??= this.hash.digestNow?.();
    if (this.digest === undefined) throw new Error('HashingSink.close must be awaited before sha256 when hashing on a thread');
    return this.digest;
  }
}
