import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, lstatSync, realpathSync, statSync, type WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { removeOnInterrupt } from './interrupt-cleanup.js';
import { KitapError } from './kitap-error.js';

/** A byte sink. `close` makes the output visible; `abort` leaves no trace. */
export interface ByteSink {
  write(chunk: Uint8Array | string): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
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
    this.stream = createWriteStream(this.temp);
    this.forget = this.special ? () => undefined : removeOnInterrupt(this.temp);
    this.stream.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'ENOENT' ? 'its folder does not exist' : error.code === 'EACCES' ? 'permission denied' : error.message;
      this.failure = new KitapError('E_OUTPUT', `cannot write the file: ${reason}`, { file: path });
    });
  }

  async write(chunk: Uint8Array | string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(chunk)) await this.drained();
    if (this.failure) throw this.failure;
  }

  /** Waits for 'drain' or 'error', leaving no listener behind (a write loop would otherwise pile them up). */
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
    });
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

/** Standard output as a sink (for `-`), respecting back-pressure. */
export class StdoutSink implements ByteSink {
  async write(chunk: Uint8Array | string): Promise<void> {
    if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
  }
  async close(): Promise<void> {}
  async abort(): Promise<void> {}
}

/** A sink that buffers small writes into larger ones (the writers emit one record at a time). */
export class BufferedSink implements ByteSink {
  private parts: Uint8Array[] = [];
  private size = 0;

  constructor(
    private readonly inner: ByteSink,
    private readonly threshold = 1 << 20,
  ) {}

  async write(chunk: Uint8Array | string): Promise<void> {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.parts.push(bytes);
    this.size += bytes.byteLength;
    if (this.size >= this.threshold) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const joined = Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    await this.inner.write(joined);
  }

  async close(): Promise<void> {
    await this.flush();
    await this.inner.close();
  }

  async abort(): Promise<void> {
    this.parts = [];
    this.size = 0;
    await this.inner.abort();
  }
}

/** Whether `path` names a device, a FIFO or a socket (through a symbolic link too): written to directly, never replaced. */
export function isSpecialFile(path: string): boolean {
  return path !== '-' && writeTarget(path).special;
}

export function openSink(path: string): ByteSink {
  return path === '-' ? new StdoutSink() : new AtomicFile(path);
}
