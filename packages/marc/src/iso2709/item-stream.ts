/**
 * The ISO2709 reader's AsyncGenerator, written by hand: it pulls chunks of
 * input, frames them, and turns one frame into one item per `next()` call.
 *
 * An `async function*` does the same but costs two promise turns a record
 * (the `yield` awaits its value, then resolves the caller's promise) — about
 * half a microsecond, a few percent of reading a record. Here a record whose
 * frame is already in hand is returned with one resolved promise, and only
 * reading more input is asynchronous. The generator protocol is kept:
 * calls made while one is pending wait their turn, an error ends the
 * stream, and `return()`/`throw()` close the input.
 */
import type { ReadItem } from '../read-types.js';
import { type Frame, Framer } from './framer.js';

/** What turns frames into items (made on the first `next()`, so that its errors come from there). */
export interface FrameReader {
  read(frame: Frame): ReadItem;
  /** Called once the input is exhausted and every frame was read. */
  finish(framer: Framer): void;
}

function done(): IteratorResult<ReadItem, void> {
  return { value: undefined, done: true };
}

/** readIso2709's generator: frames chunks of input and turns one frame into one item per `next()`. */
export class Iso2709Items implements AsyncGenerator<ReadItem, void, unknown> {
  readonly #framer = new Framer();
  readonly #open: () => AsyncIterator<Uint8Array>;
  readonly #makeReader: () => FrameReader;
  /** Small chunks are joined up to this many bytes before framing (0: never). */
  readonly #coalesce: number;
  #reader: FrameReader | undefined;
  #chunks: AsyncIterator<Uint8Array> | undefined;
  /** Frames that can be cut from what was pushed so far. */
  #frames: Iterator<Frame> | undefined;
  /** 'input': more chunks may come; 'final': the last frames are being read; 'done'. */
  #phase: 'input' | 'final' | 'done' = 'input';
  #held: Uint8Array[] = [];
  #heldBytes = 0;
  /** Settles when the call in progress has; undefined when none is. */
  #busy: Promise<unknown> | undefined;

  constructor(open: () => AsyncIterator<Uint8Array>, makeReader: () => FrameReader, coalesce: number) {
    this.#open = open;
    this.#makeReader = makeReader;
    this.#coalesce = coalesce;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<ReadItem, void>> {
    if (this.#busy === undefined && this.#phase !== 'done' && this.#reader !== undefined) {
      // The common case: the next frame is already in hand.
      let frame: IteratorResult<Frame> | undefined;
      try {
        frame = this.#frames?.next();
        if (frame && !frame.done) return Promise.resolve({ value: this.#reader.read(frame.value), done: false });
      } catch (error) {
        return this.#enqueue(() => this.#fail(error));
      }
      this.#frames = undefined;
    }
    return this.#enqueue(() => this.#advance());
  }

  return(): Promise<IteratorResult<ReadItem, void>> {
    return this.#enqueue(async () => {
      await this.#close();
      return done();
    });
  }

  throw(error: unknown): Promise<IteratorResult<ReadItem, void>> {
    return this.#enqueue(() => this.#fail(error));
  }

  /** Runs `task` after the call in progress, if any. */
  #enqueue(task: () => Promise<IteratorResult<ReadItem, void>>): Promise<IteratorResult<ReadItem, void>> {
    const run = this.#busy === undefined ? task() : this.#busy.then(task);
    // Cleared in the first reaction to `run`, which runs before the caller's own
    // (registered later), so that the caller's next call finds no call in progress.
    const clear = (): void => {
      if (this.#busy === settled) this.#busy = undefined;
    };
    const settled: Promise<void> = run.then(clear, clear);
    this.#busy = settled;
    return run;
  }

  async #fail(error: unknown): Promise<never> {
    await this.#close();
    throw error;
  }

  async #close(): Promise<void> {
    if (this.#phase === 'done') return;
    this.#phase = 'done';
    this.#frames = undefined;
    const chunks = this.#chunks;
    this.#chunks = undefined;
    if (chunks?.return) await chunks.return();
  }

  /** The next item, reading input as needed. */
  async #advance(): Promise<IteratorResult<ReadItem, void>> {
    try {
      this.#reader ??= this.#makeReader();
      const reader = this.#reader;
      for (;;) {
        if (this.#phase === 'done') return done();
        if (this.#frames) {
          const frame = this.#frames.next();
          if (!frame.done) return { value: reader.read(frame.value), done: false };
          this.#frames = undefined;
        }
        if (this.#phase === 'final') {
          this.#phase = 'done';
          this.#chunks = undefined;
          reader.finish(this.#framer);
          return done();
        }
        this.#chunks ??= this.#open();
        const next = await this.#chunks.next();
        if (next.done) {
          this.#phase = 'final';
          this.#chunks = undefined;
          if (this.#heldBytes) this.#framer.push(this.#release());
          this.#frames = this.#framer.drain(true);
          continue;
        }
        this.#accept(next.value);
      }
    } catch (error) {
      return this.#fail(error);
    }
  }

  /** A chunk of input: joined with others while small, then framed. */
  #accept(chunk: Uint8Array): void {
    if (this.#coalesce > 0 && chunk.length < this.#coalesce) {
      this.#held.push(chunk);
      this.#heldBytes += chunk.length;
      if (this.#heldBytes < this.#coalesce) return;
      this.#framer.push(this.#release());
    } else {
      if (this.#heldBytes) this.#framer.push(this.#release());
      this.#framer.push(chunk);
    }
    this.#frames = this.#framer.drain(false);
  }

  #release(): Uint8Array {
    const joined = Buffer.concat(this.#held, this.#heldBytes);
    this.#held = [];
    this.#heldBytes = 0;
    return joined;
  }
}
