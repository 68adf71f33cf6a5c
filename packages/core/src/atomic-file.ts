import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { KitapError } from './kitap-error.js';

/** A byte sink. `close` makes the output visible; `abort` leaves no trace. */
export interface ByteSink {
  write(chunk: Uint8Array | string): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Writes to a temporary file beside the target, then fsyncs and renames it into
 * place, so a reader never sees half a file and a killed job leaves the old one.
 */
export class AtomicFile implements ByteSink {
  private readonly temp: string;
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(readonly path: string) {
    this.temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    this.stream = createWriteStream(this.temp);
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
    await Promise.race([once(this.stream, 'finish'), once(this.stream, 'error')]);
    if (this.failure) throw this.failure;
    const handle = await open(this.temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(this.temp, this.path);
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.temp, { force: true });
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

export function openSink(path: string): ByteSink {
  return path === '-' ? new StdoutSink() : new AtomicFile(path);
}
