import { createHash } from 'node:crypto';
import type { ByteSink } from '@kitap/core';

/** Passes bytes to a sink while computing their SHA-256 and size. */
export class HashingSink implements ByteSink {
  private readonly hash = createHash('sha256');
  bytes = 0;
  private digest: string | undefined;

  constructor(private readonly inner: ByteSink) {}

  async write(chunk: Uint8Array | string): Promise<void> {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.hash.update(bytes);
    this.bytes += bytes.length;
    await this.inner.write(bytes);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  abort(): Promise<void> {
    return this.inner.abort();
  }

  sha256(): string {
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }
}
