import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { KitapError } from '@kitap/core';
import type { Linter } from '@kitap/clean';
import { type MarcRecord, type ReadMode, readFrameAgain } from '@kitap/marc';
import { type RecordRow, recordRow } from '@kitap/store';
import { hasFrame } from './frame-batch.js';

/** Records per chunk of the arrays: they grow a chunk at a time, never by copying. */
const CHUNK = 1 << 16;

interface Chunk {
  offset: Float64Array;
  length: Uint32Array;
  index: Uint32Array;
  charset: Uint8Array;
}

/** What the input file was when the job started, to tell whether it is still the file that was read. */
interface FileState {
  size: number;
  mtimeMs: number;
  ino: number;
}

/**
 * Where each ISO2709 record of a file is (its frame's offset and length, its
 * index and the character set it was read in: 17 bytes a record), so that
 * the key index of kitap lint keeps no row for it: the few records a
 * cross-record finding names are read again from the file and their row is
 * made again (`row`), the same as the one kept for a record read elsewhere.
 * Making and storing a row for every record cost lint ~10% of its time
 * (docs/benchmarks.md).
 *
 * Only a regular file can be read again; for standard input or a pipe
 * `open` gives undefined and the rows are kept as before.
 */
export class FrameRows {
  readonly #path: string;
  readonly #mode: ReadMode;
  readonly #linter: Linter;
  readonly #started: FileState;
  readonly #chunks: Chunk[] = [];
  readonly #charsets: string[] = [];
  #fd: number | undefined;

  private constructor(path: string, mode: ReadMode, linter: Linter, started: FileState) {
    this.#path = path;
    this.#mode = mode;
    this.#linter = linter;
    this.#started = started;
  }

  /** Rows made again from `path`, when it is a regular file (undefined otherwise: keep the rows). */
  static open(path: string, mode: ReadMode, linter: Linter): FrameRows | undefined {
    if (path === '-') return undefined;
    let state: FileState;
    try {
      const stat = statSync(path);
      if (!stat.isFile()) return undefined;
      state = { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
    } catch {
      return undefined; // the reader reports a file it cannot open
    }
    return new FrameRows(path, mode, linter, state);
  }

  /** Whether `record` can be read again: it came from an ISO2709 frame. */
  covers(record: MarcRecord): boolean {
    return hasFrame(record);
  }

  /** Notes where record `ordinal` (see `covers`) is. */
  note(ordinal: number, record: MarcRecord): void {
    const c = ordinal >>> 16;
    while (this.#chunks.length <= c) {
      this.#chunks.push({ offset: new Float64Array(CHUNK), length: new Uint32Array(CHUNK), index: new Uint32Array(CHUNK), charset: new Uint8Array(CHUNK) });
    }
    const chunk = this.#chunks[c]!;
    const at = ordinal & (CHUNK - 1);
    chunk.offset[at] = record.place.offset ?? 0;
    chunk.length[at] = record.sourceBytes!.length;
    chunk.index[at] = record.place.index ?? 0;
    chunk.charset[at] = this.#charsetNumber(record.sourceCharset!);
  }

  /** The key index row of record `ordinal`, made again from its frame in the file. */
  row(ordinal: number): RecordRow {
    const chunk = this.#chunks[ordinal >>> 16];
    const at = ordinal & (CHUNK - 1);
    const length = chunk?.length[at] ?? 0;
    if (chunk === undefined || length === 0) throw new Error(`kitap lint noted no frame for record ${ordinal + 1}`);
    const fd = this.#open();
    const bytes = Buffer.allocUnsafe(length);
    const offset = chunk.offset[at]!;
    let got = 0;
    while (got < length) {
      const n = readSync(fd, bytes, got, length - got, offset + got);
      if (n === 0) break;
      got += n;
    }
    const index = chunk.index[at]!;
    const changed = (): KitapError =>
      new KitapError('E_INPUT', 'the file changed while kitap lint read it: this record is not what was read; run lint again', { file: this.#path, index, offset });
    if (got !== length) throw changed();
    const items = readFrameAgain(bytes, { encoding: this.#charsets[chunk.charset[at]!]!, mode: this.#mode, file: this.#path });
    const item = items[0];
    if (items.length !== 1 || item?.kind !== 'record') throw changed();
    const record = item.record;
    // The place the record had when it was read (the reader makes the same keys in the same order).
    const place = { index, offset, file: this.#path, ...(record.place.recordId !== undefined ? { recordId: record.place.recordId } : {}) };
    record.place = place;
    const data = this.#linter.crossRecordData(record);
    if (data === undefined) throw changed();
    return recordRow(data.place, data.keys);
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }

  /** The input, opened when a row is first asked for, once it is known to be the file that was read. */
  #open(): number {
    if (this.#fd !== undefined) return this.#fd;
    const fd = openSync(this.#path, 'r');
    const now = fstatSync(fd);
    const was = this.#started;
    if (now.size !== was.size || now.mtimeMs !== was.mtimeMs || now.ino !== was.ino) {
      closeSync(fd);
      throw new KitapError('E_INPUT', 'the file changed while kitap lint read it (its size or modification time is not what it was when lint started); run lint again', { file: this.#path });
    }
    this.#fd = fd;
    return fd;
  }

  #charsetNumber(name: string): number {
    let n = this.#charsets.indexOf(name);
    if (n < 0) {
      if (this.#charsets.length === 256) throw new Error('more than 256 character sets in one input');
      n = this.#charsets.push(name) - 1;
    }
    return n;
  }
}
