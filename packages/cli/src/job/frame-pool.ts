import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { type CpuTimes, type WorkerCountOptions, cpuTimes, otherCoresBusy, processStartCpu, workerCount as sharedWorkerCount } from '@kitap/core';
import { fileSize } from './file-size.js';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FrameBatch } from './frame-batch.js';
import { type WorkerFailure, failureError } from './frame-worker.js';

/** Whether this module is the compiled one: the workers are compiled modules, absent beside the sources. */
const COMPILED = !import.meta.url.endsWith('.ts');

/** Workers started by default, whatever the number of cores: each holds its own heap (~60 MB). */
export const DEFAULT_MAX_WORKERS = 4;

/**
 * How many worker threads lint and fix start: core's `workerCount` (the rule every job with
 * workers follows), one per core up to DEFAULT_MAX_WORKERS. The records' trip to a worker and back
 * costs CPU (~50% more in all on the 2-core benchmark machine).
 */
export function workerCount(options: Omit<WorkerCountOptions, 'defaultMax'> = {}): number {
  return sharedWorkerCount({ ...options, defaultMax: DEFAULT_MAX_WORKERS });
}

/**
 * workerCount for a job that has run since `since` (its first records, handled in this thread
 * while it measured): how busy other processes kept the cores meanwhile decides (otherCoresBusy).
 */
export function workerCountSince(since: CpuTimes | undefined): number {
  return workerCount({ others: otherCoresBusy(since, cpuTimes(), availableParallelism()) });
}

/** An input file at least this large starts its workers with its first record. */
export const WORKERS_AT_ONCE_BYTES = 8 << 20;

/** When a job starts its workers (after how many records: FramePipelineOptions.after), and since when it measures how busy the machine is. */
export interface WorkerStart {
  after: number;
  since: CpuTimes | undefined;
}

/**
 * When lint or fix starts its workers. A file of WORKERS_AT_ONCE_BYTES or
 * more starts them with its first record, judging the machine by the time
 * since the process started (its modules loading): the rules' code is then
 * made fast (compiled by V8) in the workers only, not in this thread as well
 * (~0.4 s of CPU and ~5% of the time on 100,000 records). Standard input and
 * smaller files go through their first 2,000 records here first, measured
 * over them: for a small input, starting workers costs more than it takes.
 */
export function workerStart(input: string): WorkerStart {
  return fileSize(input) >= WORKERS_AT_ONCE_BYTES ? { after: 0, since: processStartCpu } : { after: 2000, since: cpuTimes() };
}

/**
 * Worker threads that each take batches of frames (see frame-batch.ts) and
 * answer each with one message. Batches go to the workers in turn; answers
 * are matched to their batch. A worker's failure fails every batch waiting.
 */
export class FramePool<A> {
  readonly #workers: Worker[];
  #next = 0;
  readonly #waiting = new Map<number, { resolve: (answer: A) => void; reject: (error: Error) => void }>();
  #failure: Error | undefined;

  private constructor(workers: Worker[]) {
    this.#workers = workers;
    for (const worker of workers) {
      worker.on('message', (message: { id: number; answer?: A; error?: WorkerFailure }) => {
        const waiter = this.#waiting.get(message.id);
        this.#waiting.delete(message.id);
        if (message.error !== undefined) waiter?.reject(failureError(message.error));
        else waiter?.resolve(message.answer!);
      });
      worker.on('error', (error) => this.#fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.#fail(new Error(`a worker thread stopped with exit code ${code}`));
      });
    }
  }

  /**
   * Starts `count` workers running `script` (a compiled module beside the caller) with `setup` as
   * their workerData; undefined when there are none to start: no count, or no compiled script
   * (tests run the TypeScript sources, and then everything runs in this thread).
   */
  static start<A>(script: URL, setup: unknown, count: number): FramePool<A> | undefined {
    if (count < 1 || !COMPILED || !existsSync(script)) return undefined;
    const workers = Array.from({ length: count }, () => new Worker(fileURLToPath(script), { workerData: setup }));
    return new FramePool<A>(workers);
  }

  /** The number of worker threads. */
  get size(): number {
    return this.#workers.length;
  }

  /** Batches that may be in flight before the caller waits for the oldest: two per worker. */
  get depth(): number {
    return this.#workers.length * 2;
  }

  /** Sends a batch (its buffer is handed over) and resolves to the worker's answer. */
  run(batch: FrameBatch): Promise<A> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#next++;
    const worker = this.#workers[id % this.#workers.length]!;
    return new Promise<A>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      worker.postMessage({ id, batch }, [batch.bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    this.#failure ??= new Error('the worker pool was closed');
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }

  #fail(error: Error): void {
    if (this.#failure) return;
    this.#failure = error;
    for (const w of this.#waiting.values()) w.reject(error);
    this.#waiting.clear();
  }
}
