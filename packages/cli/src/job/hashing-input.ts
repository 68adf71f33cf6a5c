import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { KitapError } from '@kitap/core';

/** An input file (or stdin) read as chunks while its SHA-256 and size are computed. */
export class HashingInput implements AsyncIterable<Uint8Array> {
  private readonly hash = createHash('sha256');
  bytes = 0;
  private digest: string | undefined;

  /** `chunkBytes`: how much is read at a time (smaller chunks are freed sooner; lint uses 64 KiB to keep its memory low). */
  constructor(
    readonly path: string,
    readonly chunkBytes = 1 << 20,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    const stream = this.path === '-' ? process.stdin : createReadStream(this.path, { highWaterMark: this.chunkBytes });
    try {
      for await (const chunk of stream) {
        const bytes = chunk as Buffer;
        this.hash.update(bytes);
        this.bytes += bytes.length;
        yield bytes;
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new KitapError('E_INPUT', `cannot read ${this.path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { file: this.path });
    }
  }

  sha256(): string {
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }
}
