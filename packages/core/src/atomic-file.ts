import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, lstatSync, realpathSync, statSync, type WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { removeOnInterrupt } from './interrupt-cleanup.js';
import { KitapError } from './kitap-error.js';

/**
 * A byte sink. `close` makes the output visible; `abort` leaves no trace.
 * `write` resolves once the sink has taken the chunk, which may still be
 * waiting to be written: a caller that wants to fill the same bytes again
 * first waits for `written`, when the sink has it.
 */
export interface ByteSink {
  write(chunk: Uint8Array | string): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
  /** Resolves when the bytes of every chunk written so far are no longer needed (written out, or failed). */
  written?(): Promise<void>;
}

/**
 * Where writing `path` must go: the file a symbolic link points to (so the
 * link stays a link), and whether that is a device, a FIFO or a socket
 * (`/dev/null`, a named pipe), which is written to directly: renaming a
 * temporary file over it would replace the device with a plain file.
 */
function writeTarget(path: string): { target: string; special: boolean } {
  let target = path;
  try {
    if (lstatSync(path).isSymbolicLink()) target = realpathSync(path);
  } catch {
    return { target, special: false }; // no such file yet, or a dangling link: written as named
  }
  try {
    const stat = statSync(target);
    return { target, special: !stat.isFile() && !stat.isDirectory() };
  } catch {
    return { target, special: false };
  }
}

/** Whether `path` is an existing folder. */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Bytes a file may have queued for writing before `write` waits: the writes
 * happen on libuv's threads, so with a few megabytes queued the next records
 * are made while the last ones are written (with the stream's default 16 KiB,
 * every 1 MiB write of BufferedSink waited for the disk: ~8% of `kitap
 * convert`). BufferedSink's buffers bound what is queued (see there).
 */
const WRITE_AHEAD = 4 << 20;

/**
 * Writes to a temporary file beside the target, then fsyncs and renames it into
 * place, so a reader never sees half a file and a killed job leaves the old one.
 * A symbolic link is written through (its target is replaced); a device or a
 * FIFO is written to directly.
 */
export class AtomicFile implements ByteSink {
  private readonly temp: string;
  private readonly target: string;
  private readonly special: boolean;
  private readonly stream: WriteStream;
  private failure: Error | undefined;
  /** Forgets the temporary file for an interrupt (it is renamed or removed). */
  private readonly forget: () => void;

  constructor(readonly path: string) {
    ({ target: this.target, special: this.special } = writeTarget(path));
    if (isFolder(this.target)) throw new KitapError('E_OUTPUT', 'cannot write the file: it is a folder', { file: path });
    this.temp = this.special ? this.target : join(dirname(this.target), `.${basename(this.target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    this.stream = createWriteStream(this.temp, { highWaterMark: WRITE_AHEAD });
    this.forget = this.special ? () => undefined : removeOnInterrupt(this.temp);
    this.stream.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'ENOENT' ? 'its folder does not exist' : error.code === 'EACCES' ? 'permission denied' : error.message;
      this.failure = new KitapError('E_OUTPUT', `cannot write the file: ${reason}`, { file: path });
    });
  }

  /** The last write's completion (see ByteSink.written). */
  private lastWrite: Promise<void> = Promise.resolve();

  async write(chunk: Uint8Array | string): Promise<void> {
    if (this.failure) throw this.failure;
    const { written, drained } = writeToStream(this.stream, chunk);
    this.lastWrite = written;
    if (drained) await drained;
    if (this.failure) throw this.failure;
  }

  written(): Promise<void> {
    return this.lastWrite;
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    this.stream.end();
    // 'error' settles it too: the handler above has made the failure an E_OUTPUT naming the file
    // (events.once would reject with the bare system error, ENOSPC on a full disk or /dev/full).
    await new Promise<void>((resolve) => {
      this.stream.once('finish', resolve);
      this.stream.once('error', () => resolve());
    });
    if (this.failure) throw this.failure;
    if (this.special) return;
    const handle = await open(this.temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(this.temp, this.target);
    this.forget();
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    if (!this.special) await rm(this.temp, { force: true });
    this.forget();
  }
}

/**
 * Writes `chunk` to `stream`. `written` settles when the stream has written it (`onError` is told
 * first when that failed); `drained`, when the stream is past its high-water mark, settles at its
 * 'drain' or 'error' — leaving no listener behind (a write loop would otherwise pile them up).
 */
export function writeToStream(stream: NodeJS.WritableStream, chunk: Uint8Array | string, onError?: (error: NodeJS.ErrnoException) => void): { written: Promise<void>; drained: Promise<void> | undefined } {
  let taken = true;
  const written = new Promise<void>((resolve) => {
    taken = stream.write(chunk, (error?: Error | null) => {
      if (error) onError?.(error as NodeJS.ErrnoException);
      resolve();
    });
  });
  if (taken) return { written, drained: undefined };
  const drained = new Promise<void>((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
  });
  return { written, drained };
}

/** What a failed write to standard output is for the user: E_OUTPUT with the reason (a full disk, a closed device). */
export function stdoutFailure(error: NodeJS.ErrnoException): KitapError {
  const reason = error.code === 'ENOSPC' ? 'no space left on the device' : error.code === 'EACCES' ? 'permission denied' : error.message;
  return new KitapError('E_OUTPUT', `cannot write to standard output: ${reason}`, { file: '-' });
}

/** Standard output as a sink (for `-`), respecting back-pressure. A write that fails (ENOSPC on `> /dev/full`) is E_OUTPUT. */
export class StdoutSink implements ByteSink {
  private lastWrite: Promise<void> = Promise.resolve();
  private failure: KitapError | undefined;

  async write(chunk: Uint8Array | string): Promise<void> {
    if (this.failure) throw this.failure;
    const { written, drained } = writeToStream(process.stdout, chunk, (error) => (this.failure ??= stdoutFailure(error)));
    this.lastWrite = written;
    if (drained) await drained;
    if (this.failure) throw this.failure;
  }

  written(): Promise<void> {
    return this.lastWrite;
  }

  async close(): Promise<void> {
    await this.lastWrite;
    if (this.failure) throw this.failure;
  }
  async abort(): Promise<void> {}
}

/** Buffers a BufferedSink fills in turn: one being filled while up to two are written. */
const BUFFERS = 3;

/**
 * A sink that gathers small writes into larger ones (the writers emit one
 * record at a time). When the sink below says when its bytes are written
 * (`written`), the sink fills a few buffers of its own in turn, each again
 * once its write is done: the next records are made while the last ones are
 * written, with no garbage and no memory that grows with the output. Otherwise
 * each write gets a buffer of its own.
 */
export class BufferedSink implements ByteSink {
  private current: Buffer | undefined;
  private used = 0;
  /** Buffers handed to the sink below, oldest first, with their write's completion. */
  private readonly inFlight: { buffer: Buffer; done: Promise<void> }[] = [];

  constructor(
    private readonly inner: ByteSink,
    private readonly threshold = 1 << 20,
  ) {}

  async write(chunk: Uint8Array | string): Promise<void> {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (bytes.byteLength === 0) return;
    if (this.used + bytes.byteLength > this.threshold) await this.flush();
    if (bytes.byteLength >= this.threshold) {
      await this.inner.write(bytes);
      return;
    }
    this.current ??= await this.freeBuffer();
    this.current.set(bytes, this.used);
    this.used += bytes.byteLength;
    if (this.used === this.threshold) await this.flush();
  }

  async flush(): Promise<void> {
    const buffer = this.current;
    if (buffer === undefined || this.used === 0) return;
    const used = this.used;
    this.current = undefined;
    this.used = 0;
    await this.inner.write(buffer.subarray(0, used));
    // Without `written` the sink below may keep the bytes as long as it likes: the buffer is its own.
    if (this.inner.written) this.inFlight.push({ buffer, done: this.inner.written() });
  }

  async close(): Promise<void> {
    await this.flush();
    this.inFlight.length = 0;
    await this.inner.close();
  }

  async abort(): Promise<void> {
    this.current = undefined;
    this.used = 0;
    this.inFlight.length = 0;
    await this.inner.abort();
  }

  written(): Promise<void> {
    return this.inner.written?.() ?? Promise.resolve();
  }

  /** A buffer to fill: a new one until there are BUFFERS, then the oldest once its write is done. */
  private async freeBuffer(): Promise<Buffer> {
    if (this.inFlight.length < BUFFERS - 1) return Buffer.allocUnsafeSlow(this.threshold);
    const oldest = this.inFlight.shift()!;
    await oldest.done;
    return oldest.buffer;
  }
}

/** Whether `path` names a device, a FIFO or a socket (through a symbolic link too): written to directly, never replaced. */
export function isSpecialFile(path: string): boolean {
  return path !== '-' && writeTarget(path).special;
}

export function openSink(path: string): ByteSink {
  return path === '-' ? new StdoutSink() : new AtomicFile(path);
}
