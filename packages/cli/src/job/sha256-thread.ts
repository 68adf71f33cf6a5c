import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerCount } from '@kitap/core';
import { fileSize } from './file-size.js';
import type { Sha256 } from './sha256.js';

/**
 * The thread's code: one SHA-256 per id, fed chunks (ArrayBuffers handed over),
 * each acknowledged, and its digest on request. Plain CommonJS evaluated as is:
 * it needs nothing of kitap, so the thread starts in a few milliseconds.
 */
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', (m) => {
  let hash = hashes.get(m.id);
  if (hash === undefined) hashes.set(m.id, (hash = createHash('sha256')));
  if (m.chunk !== undefined) {
    hash.update(new Uint8Array(m.chunk, 0, m.length));
    parentPort.postMessage({ id: m.id, chunk: m.chunk }, [m.chunk]);
  } else {
    hashes.delete(m.id);
    parentPort.postMessage({ id: m.id, digest: hash.digest('hex') });
  }
});
`;

/** Chunks a hash may have on their way to the thread before its feeder waits. */
const MAX_PENDING = 8;

/** The size of the buffers chunks are copied into (and handed back to be filled again); a larger chunk gets one of its own. */
const BUFFER_BYTES = 1 << 20;

/** Input of at least this many bytes is worth a thread (starting one costs a few milliseconds). */
export const THREAD_WORTHY_BYTES = 16 << 20;

/**
 * SHA-256 of a stream of chunks, computed on a thread of its own: `kitap
 * convert` spends a fifth of its time hashing its input and its output
 * (~1.1 GB/s here), which a second core can do while the first reads and
 * writes records. Each chunk is copied (the caller keeps its bytes) into a
 * buffer that is handed over and back, and filled again: copies left to each
 * thread's garbage collector made `kitap convert` twice as large. At most
 * MAX_PENDING chunks a hash wait, so memory stays bounded when the thread falls
 * behind.
 */
export class Sha256Thread {
  readonly #worker: Worker;
  #nextId = 0;
  readonly #pending = new Map<number, { waiting: number; wake: (() => void) | undefined; digest: { resolve: (hex: string) => void; reject: (error: Error) => void } | undefined }>();
  #failure: Error | undefined;
  /** Buffers back from the thread, to copy the next chunks into. */
  readonly #free: ArrayBuffer[] = [];

  constructor() {
    this.#worker = new Worker(SOURCE, { eval: true });
    this.#worker.unref();
    this.#worker.on('message', (m: { id: number; chunk?: ArrayBuffer; digest?: string }) => {
      const state = this.#pending.get(m.id);
      if (state === undefined) return;
      if (m.digest !== undefined) {
        this.#pending.delete(m.id);
        state.digest?.resolve(m.digest);
        return;
      }
      if (m.chunk!.byteLength === BUFFER_BYTES) this.#free.push(m.chunk!);
      state.waiting--;
      const wake = state.wake;
      state.wake = undefined;
      wake?.();
    });
    // A thread that fails or stops wakes every feeder and fails every digest asked for: a hash never hangs.
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', (code) => this.#fail(new Error(`it stopped (exit code ${code})`)));
  }

  /** Whether hashing on a thread pays on this machine for an input of `bytes`: a second core and a large input. */
  static worthwhile(bytes: number, cores = availableParallelism()): boolean {
    return cores >= 2 && bytes >= THREAD_WORTHY_BYTES;
  }

  /**
   * A thread for a job reading `input`, or undefined when hashing here is as good: a small input
   * or standard input, one core, or KITAP_WORKERS=0 (the rule of every kitap thread). Hashing costs
   * the same CPU wherever it runs, so a busy machine does not keep it here.
   */
  static forInput(input: string): Sha256Thread | undefined {
    return workerCount({ load: 0, defaultMax: 1 }) > 0 && Sha256Thread.worthwhile(fileSize(input)) ? new Sha256Thread() : undefined;
  }

  /** A new hash computed on this thread. */
  hash(): ThreadedSha256 {
    const id = this.#nextId++;
    this.#pending.set(id, { waiting: 0, wake: undefined, digest: undefined });
    return new ThreadedSha256(this, id);
  }

  /** Hands a copy of `bytes` to the thread; resolves at once unless too many chunks are waiting. */
  feed(id: number, bytes: Uint8Array): Promise<void> | undefined {
    this.#check();
    const state = this.#pending.get(id)!;
    const copy = bytes.byteLength <= BUFFER_BYTES ? (this.#free.pop() ?? new ArrayBuffer(BUFFER_BYTES)) : new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    this.#worker.postMessage({ id, chunk: copy, length: bytes.byteLength }, [copy]);
    state.waiting++;
    if (state.waiting <= MAX_PENDING) return undefined;
    return new Promise<void>((resolve) => {
      state.wake = resolve;
    }).then(() => this.#check());
  }

  digest(id: number): Promise<string> {
    this.#check();
    const state = this.#pending.get(id)!;
    return new Promise<string>((resolve, reject) => {
      state.digest = { resolve, reject };
      this.#worker.postMessage({ id });
    });
  }

  /** Stops the thread; a hash still fed or asked for afterwards fails. */
  async close(): Promise<void> {
    this.#fail(new Error('it was closed'));
    await this.#worker.terminate();
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const state of this.#pending.values()) {
      state.wake?.();
      state.digest?.reject(new Error(`the hashing thread failed: ${this.#failure.message}`));
    }
  }

  #check(): void {
    if (this.#failure) throw new Error(`the hashing thread failed: ${this.#failure.message}`);
  }
}

/** One hash computed on a Sha256Thread. */
export class ThreadedSha256 implements Sha256 {
  constructor(
    private readonly thread: Sha256Thread,
    private readonly id: number,
  ) {}

  update(bytes: Uint8Array): Promise<void> | undefined {
    return this.thread.feed(this.id, bytes);
  }

  async digest(): Promise<string> {
    return this.thread.digest(this.id);
  }
}
