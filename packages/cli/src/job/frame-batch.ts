import type { Place } from '@kitap/core';
import type { MarcRecord } from '@kitap/marc';

/**
 * ISO2709 records as a worker thread gets them: their frames (the bytes the
 * reader read, leader to terminator) one after another in a buffer the
 * worker takes over, with what it needs to read them as this thread did: the
 * character set each was read in, and each one's place and ordinal.
 */
export interface FrameBatch {
  bytes: Uint8Array;
  lengths: number[];
  charsets: string[];
  places: Place[];
  /** The record's position among the records the command handles (0-based). */
  ordinals: number[];
}

/** Whether a record can be read again from its frame in a worker: it came from ISO2709. */
export function hasFrame(record: MarcRecord): boolean {
  return record.sourceBytes !== undefined && record.sourceCharset !== undefined;
}

/** Collects the frames of records into one batch. */
export class FrameBatchBuilder {
  #frames: Uint8Array[] = [];
  #bytes = 0;
  #charsets: string[] = [];
  #places: Place[] = [];
  #ordinals: number[] = [];

  get size(): number {
    return this.#frames.length;
  }

  /** Adds a record (see hasFrame); returns its slot in the batch. */
  add(record: MarcRecord, ordinal: number): number {
    const frame = record.sourceBytes!;
    this.#frames.push(frame);
    this.#bytes += frame.length;
    this.#charsets.push(record.sourceCharset!);
    this.#places.push(record.place);
    this.#ordinals.push(ordinal);
    return this.#frames.length - 1;
  }

  /** The batch, in a buffer of its own (so it can be transferred); the builder starts again. */
  take(): FrameBatch {
    // Every byte is written below, so the buffer is not zeroed first (it is ~0.5 MB a batch, larger than
    // Buffer's pool, so it has an ArrayBuffer of its own to transfer).
    const bytes = Buffer.allocUnsafeSlow(this.#bytes);
    const lengths: number[] = [];
    let at = 0;
    for (const frame of this.#frames) {
      bytes.set(frame, at);
      at += frame.length;
      lengths.push(frame.length);
    }
    const batch: FrameBatch = { bytes, lengths, charsets: this.#charsets, places: this.#places, ordinals: this.#ordinals };
    this.#frames = [];
    this.#bytes = 0;
    this.#charsets = [];
    this.#places = [];
    this.#ordinals = [];
    return batch;
  }
}
