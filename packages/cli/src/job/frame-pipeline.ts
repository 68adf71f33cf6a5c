import type { ReadItem } from '@kitap/marc';
import { FrameBatchBuilder, hasFrame } from './frame-batch.js';
import type { FramePool } from './frame-pool.js';

/** What a pipeline that does not keep records holds of a record handed to a worker. */
export const FRAMED = Object.freeze({ kind: 'framed' as const });

/** An item read, with its position among the items; `slot` when its record's frame went to a worker. */
export interface PipelineEntry {
  /**
   * The item read. A record handed to a worker is kept only when the pipeline keeps records
   * (`keepRecords`); else it is FRAMED, so that it and the input chunk its bytes lie in can be freed.
   */
  item: ReadItem | typeof FRAMED;
  ordinal: number;
  slot?: number;
}

export interface FramePipelineOptions<A> {
  /** Starts the workers; undefined when there are none. */
  start: () => FramePool<A> | undefined;
  /** Items handled in this thread before workers are started (starting them costs more than small inputs take); 2,000 by default. */
  after?: number;
  /**
   * Whether the records handed to workers are kept until they are delivered (fix writes the
   * original of a record no fix changed); true by default. Lint needs none of them back.
   */
  keepRecords?: boolean;
  /** Items per batch; 256 by default. */
  batchSize?: number;
  /**
   * Handles items in input order: one at a time (answer undefined) until there are workers, then a
   * batch at a time with the worker's answer for the records that have a slot.
   */
  deliver: (entries: readonly PipelineEntry[], answer: A | undefined) => Promise<void>;
}

/**
 * Hands the records of a read to worker threads in batches of frames while
 * keeping the input order: items are delivered in the order they were read,
 * each batch once its worker has answered. Batches in flight are bounded
 * (see FramePool.depth), so memory does not grow with the input.
 */
export class FramePipeline<A> {
  readonly #options: Required<FramePipelineOptions<A>>;
  #pool: FramePool<A> | undefined;
  #started = false;
  #entries: PipelineEntry[] = [];
  readonly #frames = new FrameBatchBuilder();
  readonly #inFlight: { entries: PipelineEntry[]; answer: Promise<A> | undefined }[] = [];

  constructor(options: FramePipelineOptions<A>) {
    this.#options = { after: 2000, batchSize: 256, keepRecords: true, ...options };
  }

  /** The worker threads started (none until the input was long enough, or when there are none). */
  get workers(): number {
    return this.#pool?.size ?? 0;
  }

  async add(item: ReadItem, ordinal: number): Promise<void> {
    // Only records read from ISO2709 can be handed over (as frames): MARCXML, .mrk or JSON input starts no workers.
    if (!this.#started && ordinal >= this.#options.after && item.kind === 'record' && hasFrame(item.record)) {
      this.#started = true;
      this.#pool = this.#options.start();
    }
    const pool = this.#pool;
    if (!pool) return this.#options.deliver([{ item, ordinal }], undefined);
    const entry: PipelineEntry = { item, ordinal };
    if (item.kind === 'record' && hasFrame(item.record)) {
      entry.slot = this.#frames.add(item.record, ordinal);
      if (!this.#options.keepRecords) entry.item = FRAMED;
    }
    this.#entries.push(entry);
    if (this.#entries.length >= this.#options.batchSize) {
      this.#send(pool);
      if (this.#inFlight.length > pool.depth) await this.#deliverOldest();
    }
  }

  /** Delivers everything still in flight. */
  async finish(): Promise<void> {
    if (this.#pool && this.#entries.length) this.#send(this.#pool);
    while (this.#inFlight.length) await this.#deliverOldest();
  }

  /** Stops the workers (after finish, or on failure). */
  async close(): Promise<void> {
    await this.#pool?.close();
  }

  #send(pool: FramePool<A>): void {
    const answer = this.#frames.size ? pool.run(this.#frames.take()) : undefined;
    // A batch's failure is reported when it is delivered, not as an unhandled rejection before.
    answer?.catch(() => undefined);
    this.#inFlight.push({ entries: this.#entries, answer });
    this.#entries = [];
  }

  async #deliverOldest(): Promise<void> {
    const batch = this.#inFlight.shift()!;
    await this.#options.deliver(batch.entries, batch.answer === undefined ? undefined : await batch.answer);
  }
}
