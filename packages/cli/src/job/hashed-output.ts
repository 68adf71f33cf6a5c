import { BufferedSink, type ByteSink } from '@kitap/core';
import { HashingSink } from './hashing-sink.js';
import type { Sha256 } from './sha256.js';

/**
 * A command's main output: records gathered into 1 MiB writes (BufferedSink),
 * hashed a write at a time (not a record at a time) on their way to `inner`.
 */
export class HashedOutput implements ByteSink {
  readonly #hashing: HashingSink;
  readonly #buffered: BufferedSink;

  constructor(inner: ByteSink, hash?: Sha256) {
    this.#hashing = new HashingSink(inner, hash);
    this.#buffered = new BufferedSink(this.#hashing);
  }

  /** Bytes written so far (those still buffered not counted until close). */
  get bytes(): number {
    return this.#hashing.bytes;
  }

  write(chunk: Uint8Array | string): Promise<void> {
    return this.#buffered.write(chunk);
  }

  written(): Promise<void> {
    return this.#buffered.written();
  }

  close(): Promise<void> {
    return this.#buffered.close();
  }

  abort(): Promise<void> {
    return this.#buffered.abort();
  }

  /** The SHA-256 of everything written (after close). */
  sha256(): string {
    return this.#hashing.sha256();
  }
}
