import { randomBytes } from 'node:crypto';
import { copyFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AtomicFile, BufferedSink, KitapError } from '@kitap/core';
import { createReadStream } from 'node:fs';

/** Copies a file into place atomically: a killed run leaves the old file or the new one, never half of one. */
export async function atomicCopy(from: string, to: string): Promise<void> {
  const temp = join(dirname(to), `.${basename(to)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await copyFile(from, temp);
    await rename(temp, to);
  } catch (error) {
    await rm(temp, { force: true });
    throw new KitapError('E_OUTPUT', `cannot copy ${from}: ${(error as Error).message}`, { file: to });
  }
}

/** Writes the files one after the other into one file, atomically. */
export async function atomicConcat(from: readonly string[], to: string): Promise<void> {
  const sink = new BufferedSink(new AtomicFile(to), 1 << 18);
  try {
    for (const f of from) for await (const chunk of createReadStream(f)) await sink.write(chunk as Buffer);
    await sink.close();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}
