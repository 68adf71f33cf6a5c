import { createHash } from 'node:crypto';

/** A SHA-256 being computed over chunks: in this thread (LocalSha256) or on a Sha256Thread (ThreadedSha256). */
export interface Sha256 {
  /** Adds bytes (the caller keeps them); a promise when the feeder should wait (a thread fallen behind). */
  update(bytes: Uint8Array): Promise<void> | undefined;
  /** The hex digest of everything added. */
  digest(): Promise<string>;
  /** The digest at once, where it is computed in this thread; undefined otherwise. */
  digestNow?(): string;
}

/** SHA-256 in this thread (node:crypto). */
export class LocalSha256 implements Sha256 {
  readonly #hash = createHash('sha256');
  #hex: string | undefined;

  update(bytes: Uint8Array): undefined {
    this.#hash.update(bytes);
    return undefined;
  }

  digestNow(): string {
    return (this.#hex ??= this.#hash.digest('hex'));
  }

  async digest(): Promise<string> {
    return this.digestNow();
  }
}
