/**
 * A stream of byte chunks that can be sampled before it is read: the text
 * readers look at the first bytes (encoding, delimiter, XML shape) and then
 * read the whole input from the start, while only the sample is held in memory.
 */
import { createReadStream } from 'node:fs';

/** Default size of one chunk read from a file. */
export const FILE_CHUNK = 64 * 1024;

/** A file's bytes as chunks; nothing is opened until the first chunk is asked for. */
export async function* fileChunks(path: string, chunkSize = FILE_CHUNK): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(path, { highWaterMark: chunkSize });
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } finally {
    stream.destroy();
  }
}

/** The beginning of the input, and whether it is the whole input. */
export interface Sample {
  bytes: Uint8Array;
  /** True when the input has no more bytes after `bytes`. */
  complete: boolean;
}

/**
 * Byte chunks with a look-ahead: `sample()` may be called (with growing sizes)
 * before `chunks()`, which then replays the sampled bytes and goes on with the
 * rest of the input. Single pass; the sample is the only thing buffered.
 */
export class ByteSource {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private readonly buffered: Uint8Array[] = [];
  private bufferedLength = 0;
  private ended = false;
  private started = false;

  constructor(chunks: AsyncIterable<Uint8Array>) {
    this.iterator = chunks[Symbol.asyncIterator]();
  }

  /**
   * Reads until at least `size` bytes are buffered or the input ends, and
   * returns the first `size` bytes (fewer at the end of the input). Nothing is
   * consumed: `chunks()` starts again at byte 0.
   */
  async sample(size: number): Promise<Sample> {
    if (this.started) throw new Error('ByteSource.sample() after chunks()');
    while (this.bufferedLength < size && !this.ended) {
      const next = await this.iterator.next();
      if (next.done) {
        this.ended = true;
        break;
      }
      if (next.value.length === 0) continue;
      this.buffered.push(next.value);
      this.bufferedLength += next.value.length;
    }
    const all = this.buffered.length === 1 ? (this.buffered[0] as Uint8Array) : Buffer.concat(this.buffered);
    if (this.buffered.length > 1) this.buffered.splice(0, this.buffered.length, all);
    const bytes = all.length > size ? all.subarray(0, size) : all;
    return { bytes, complete: this.ended && bytes.length === this.bufferedLength };
  }

  /** Every chunk of the input from byte 0: the sampled ones first, then the rest as it arrives. */
  async *chunks(): AsyncGenerator<Uint8Array> {
    if (this.started) throw new Error('ByteSource.chunks() called twice');
    this.started = true;
    try {
      while (this.buffered.length > 0) {
        const chunk = this.buffered.shift() as Uint8Array;
        this.bufferedLength -= chunk.length;
        yield chunk;
      }
      while (!this.ended) {
        const next = await this.iterator.next();
        if (next.done) {
          this.ended = true;
          break;
        }
        if (next.value.length > 0) yield next.value;
      }
    } finally {
      if (!this.ended) await this.close();
    }
  }

  /** Releases the input (closes the file) without reading the rest. */
  async close(): Promise<void> {
    this.ended = true;
    this.buffered.length = 0;
    this.bufferedLength = 0;
    await this.iterator.return?.();
  }
}
