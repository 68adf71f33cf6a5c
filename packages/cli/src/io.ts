import { type ByteSink, type KitapError, stdoutFailure, writeToStream } from '@kitap/core';
/** Where a command writes: machine output to stdout, people's messages to stderr; and its exit code. */
export interface Io {
  /** Machine output; returns a promise when the caller should wait (back-pressure). */
  out(text: string): void | Promise<void>;
  err(line: string): void;
  exitCode: number;
  /** A write to standard output that failed (a full disk), when one did. */
  outputFailure?(): KitapError | undefined;
}

/**
 * The process's standard streams. A failed write to standard output (`> /dev/full`) is noted (the
 * stream says so after the write returned) and every later `out` throws it as E_OUTPUT; the
 * command-line tool checks it once the command is done. A closed pipe (EPIPE) ends the process
 * quietly (bin.ts).
 */
export function processIo(): Io {
  let failure: KitapError | undefined;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') failure ??= stdoutFailure(error);
  });
  return {
    out: (text) => {
      if (failure) throw failure;
      const { drained } = writeToStream(process.stdout, text);
      if (!drained) return undefined;
      const then = drained.then(() => {
        if (failure) throw failure;
      });
      // A caller that does not wait is told by outputFailure at the end, not by an unhandled rejection.
      then.catch(() => undefined);
      return then;
    },
    err: (line) => process.stderr.write(line + '\n'),
    exitCode: 0,
    outputFailure: () => failure,
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
