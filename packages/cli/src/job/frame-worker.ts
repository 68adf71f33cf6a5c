import { parentPort } from 'node:worker_threads';
import { type Code, KitapError, type Place, isKitapError } from '@kitap/core';
import { type MarcRecord, type ReadItem, type ReadMode, readFrames } from '@kitap/marc';
import type { FrameBatch } from './frame-batch.js';

/** How the main thread read the records: a worker reads their frames again the same way. */
export interface FrameReadOptions {
  mode: ReadMode;
  file?: string;
}

/**
 * Reads the records of a batch again from their frames, with the character
 * set the main thread found for each (so nothing depends on the records
 * before), gives them the main thread's places and hands each to `each` as
 * it is read. Frames of one character set are read in one go while that
 * frames them as the main thread did; any left are read one by one (a frame
 * read alone is framed as the main thread framed it). A frame the main thread
 * read as a record is a record here too; anything else is an error, never a
 * record dropped. Reading is synchronous (`readFrames`): the frames are
 * in memory, and a promise turn per record cost the workers ~5% of their time.
 */
export function eachFrame(batch: FrameBatch, options: FrameReadOptions, each: (record: MarcRecord, slot: number) => void): void {
  const { lengths, charsets } = batch;
  const read = (from: number, to: number, encoding: string): Iterable<ReadItem> =>
    readFrames(Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset + from, to - from), {
      encoding,
      mode: options.mode,
      ...(options.file !== undefined ? { file: options.file } : {}),
    });
  const take = (record: MarcRecord, slot: number): void => {
    record.place = batch.places[slot]!;
    each(record, slot);
  };
  let slot = 0;
  let at = 0;
  while (slot < lengths.length) {
    const charset = charsets[slot]!;
    let end = slot;
    let runEnd = at;
    while (end < lengths.length && charsets[end] === charset) runEnd += lengths[end++]!;
    for (const item of read(at, runEnd, charset)) {
      if (slot === end || item.kind !== 'record' || item.record.sourceBytes?.length !== lengths[slot]) break;
      take(item.record, slot);
      at += lengths[slot++]!;
    }
    for (; slot < end; at += lengths[slot++]!) {
      const alone = [...read(at, at + lengths[slot]!, charset)];
      const item = alone[0];
      if (alone.length !== 1 || item?.kind !== 'record') throw new Error(`a worker could not read again the frame of record ${(batch.places[slot]?.index ?? 0) + 1}`);
      take(item.record, slot);
    }
  }
}

/**
 * A failure as it crosses to the main thread: a KitapError keeps its code and place (the user
 * sees the same message as without workers); anything else keeps its stack apart from its
 * message, for KITAP_DEBUG only.
 */
export interface WorkerFailure {
  message: string;
  code?: Code;
  place?: Place;
  stack?: string;
}

export function workerFailure(error: unknown): WorkerFailure {
  if (isKitapError(error)) return { message: error.message, code: error.code, place: error.place };
  if (error instanceof Error) return error.stack === undefined ? { message: error.message } : { message: error.message, stack: error.stack };
  return { message: String(error) };
}

/** The error a worker's failure is in the main thread. */
export function failureError(failure: WorkerFailure): Error {
  if (failure.code !== undefined) return new KitapError(failure.code, failure.message, failure.place ?? {});
  const error = new Error(`a worker thread failed: ${failure.message}`);
  if (failure.stack !== undefined) error.stack = `${error.message}\n(in the worker) ${failure.stack}`;
  return error;
}

/** What a worker does with one batch: each record as it is read, then the answer (and the buffers it hands over). */
export interface BatchTask<A> {
  record(record: MarcRecord, slot: number): void;
  end(): { answer: A; transfer?: ArrayBuffer[] };
}

/**
 * Serves a worker's batches one after another: `begin` makes the task of a
 * batch, whose answer goes back with the batch's id.
 */
export function serveFrames<A>(options: FrameReadOptions, begin: (batch: FrameBatch) => BatchTask<A>): void {
  let queue = Promise.resolve();
  parentPort!.on('message', (message: { id: number; batch: FrameBatch }) => {
    queue = queue.then(async () => {
      try {
        const task = begin(message.batch);
        eachFrame(message.batch, options, (record, slot) => task.record(record, slot));
        const { answer, transfer } = task.end();
        parentPort!.postMessage({ id: message.id, answer }, transfer ?? []);
      } catch (error) {
        parentPort!.postMessage({ id: message.id, error: workerFailure(error) });
      }
    });
  });
}
