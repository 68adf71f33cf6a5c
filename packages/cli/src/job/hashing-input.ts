import { createReadStream } from 'node:fs';
import { KitapError } from '@kitap/core';
import { LocalSha256, type Sha256 } from './sha256.js';

/**
 * An input file (or stdin) read as chunks while its SHA-256 and size are
 * computed: in this thread, or on a hashing thread when such a hash is given
 * (then `finish` gives the digest once the reading is done).
 */
export class HashingInput implements AsyncIterable<Uint8Array> {
  bytes = 0;
  private digest: string | undefined;

  /** `chunkBytes`: how much is read at a time (smaller chunks are freed sooner; lint uses 64 KiB to keep its memory low). */
  constructor(
    readonly path: string,
    readonly chunkBytes = 1 << 20,
    private readonly hash: Sha256 = new LocalSha256(),
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    const stream = this.path === '-' ? process.stdin : createReadStream(this.path, { highWaterMark: this.chunkBytes });
    try {
      for await (const chunk of stream) {
        const bytes = chunk as Buffer;
        const wait = this.hash.update(bytes);
        if (wait) await wait;
        this.bytes += bytes.length;
        yield bytes;
      }
    } catch (error) {
      if (error instanceof KitapError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new KitapError('E_INPUT', `cannot read ${this.path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { file: this.path });
    }
  }

  /** Waits for the digest of what was read (needed before sha256 when hashing on a thread). */
  async finish(): Promise<void> {
    this.digest ??= await this.hash.digest();
  }

  sha256(): string {
    this.digest ??= this.hash.digestNow?.();
    if (this.digest === undefined) throw new Error('HashingInput.finish must be awaited before sha256 when hashing on a thread');
    return this.digest;
  }
}
