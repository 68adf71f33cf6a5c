import { once } from 'node:events';
import type { ByteSink } from '@kitap/core';
/** Where a command writes: machine output to stdout, people's messages to stderr; and its exit code. */
export interface Io {
  /** Machine output; returns a promise when the caller should wait (back-pressure). */
  out(text: string): void | Promise<void>;
  err(line: string): void;
  exitCode: number;
}

export function processIo(): Io {
  return {
    out: (text) => (process.stdout.write(text) ? undefined : once(process.stdout, 'drain').then(() => undefined)),
    err: (line) => process.stderr.write(line + '\n'),
    exitCode: 0,
  };
}

export const ENCODING_CHOICES = ['auto', 'utf-8', 'cp1251', 'rk1048', 'pt154', 'cp866', 'koi8-r', 'latin1', 'marc8'];
export const MODE_CHOICES = ['strict', 'lenient', 'skip'];

/** Standard output of a command as a sink (so in-process runs can capture it). */
export function ioSink(io: Io): ByteSink {
  return {
    write: async (chunk) => {
      await io.out(typeof chunk === 'string' ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8'));
    },
    close: async () => {},
    abort: async () => {},
  };
}
