import type { Reject } from '@kitap/core';
import type { MarcRecord } from './record/record.js';

/**
 * How a reader treats a problem:
 * - `strict`: throw a KitapError (code, file, record index, byte offset) at the first one;
 * - `lenient`: repair what can be repaired safely, recording a warning on the record;
 *   what cannot be repaired becomes a reject;
 * - `skip`: any problem makes the record a reject (raw bytes and reason kept).
 */
export type ReadMode = 'strict' | 'lenient' | 'skip';

export type Normalization = 'NFC' | 'NFD' | 'none';

export interface ReadOptions {
  mode?: ReadMode;
  /** Name used in places and messages. */
  file?: string;
  /** Character set of the input; `auto` detects it from the bytes of each record. */
  encoding?: string;
  /**
   * Unicode normalisation of decoded text. Default: NFC for text converted from a
   * legacy character set, untouched for text already in UTF-8 (so it round-trips).
   */
  normalize?: Normalization;
}

export type ReadItem = { kind: 'record'; record: MarcRecord } | { kind: 'reject'; reject: Reject };

/** What readers accept: a file path, bytes, or any async iterable of byte chunks (a Node stream). */
export type ByteInput = string | Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/**
 * Serialises records of one output format. The sink writes `header`, then
 * `encode(record, index)` for each record, then `footer`. `encode` throws a
 * KitapError when a record cannot be written (the CLI turns that into a reject).
 */
export interface RecordEncoder {
  readonly header: string;
  encode(record: MarcRecord, index: number): Uint8Array | string;
  readonly footer: string;
}
