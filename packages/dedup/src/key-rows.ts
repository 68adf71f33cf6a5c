import { endianness } from 'node:os';
import { KitapError } from '@kitap/core';

/** Records a run can number in a key row (24 bits). */
export const MAX_RECORDS = 1 << 24;
const RECORD_MASK = MAX_RECORDS - 1;

/**
 * The blocking keys of a run as rows of one 64-bit number each: a 40-bit
 * hash of the key above the record's 24-bit number. Sorted, the rows of one
 * key lie together, ordered by record — a block — at 8 bytes a row instead of
 * a string and an index entry. Two keys may share a hash: the rows of one
 * hash are told apart by their actual keys afterwards (see `blocks.ts`), so
 * a hash never joins two records by itself.
 */
export class KeyRows {
  /** Two words a row, low then high (the layout of a little-endian 64-bit number). */
  #words = new Uint32Array(1 << 16);
  #rows = 0;

  /** `hash` (an integer below 2^40) is `keyHash` but in tests, which give a poorer one to make keys share hashes. */
  constructor(readonly hash: (key: string) => number = keyHash) {
    if (endianness() !== 'LE') throw new Error('kitap dedup needs a little-endian machine');
  }

  get rows(): number {
    return this.#rows;
  }

  add(record: number, key: string): void {
    if (record >= MAX_RECORDS) throw new KitapError('E_DEDUP_LIMIT', `kitap dedup handles at most ${MAX_RECORDS.toLocaleString('en-US')} records in one run; split the input`);
    if (this.#rows * 2 === this.#words.length) {
      const grown = new Uint32Array(this.#words.length * 2);
      grown.set(this.#words);
      this.#words = grown;
    }
    const hash = this.hash(key);
    const at = this.#rows * 2;
    this.#words[at] = ((hash & 0xff) << 24) | record;
    this.#words[at + 1] = Math.floor(hash / 256);
    this.#rows++;
  }

  /**
   * The rows with every record number replaced by `renumber[record]` (when
   * given), sorted by hash and then by record. Empties this set of rows.
   */
  sorted(renumber?: Int32Array): SortedKeyRows {
    const words = this.#words;
    const rows = this.#rows;
    if (renumber) for (let i = 0; i < rows * 2; i += 2) words[i] = (words[i]! & ~RECORD_MASK) | renumber[words[i]! & RECORD_MASK]!;
    new BigUint64Array(words.buffer, 0, rows).sort();
    this.#words = new Uint32Array(0);
    this.#rows = 0;
    return new SortedKeyRows(words, rows, this.hash);
  }
}

/** Key rows in order: by hash, then by record. */
export class SortedKeyRows {
  constructor(
    readonly words: Uint32Array,
    readonly rows: number,
    /** The hash the rows were made with. */
    readonly hashOf: (key: string) => number,
  ) {}

  record(row: number): number {
    return this.words[row * 2]! & RECORD_MASK;
  }

  /** Whether two rows carry the same hash. */
  sameHash(x: number, y: number): boolean {
    const w = this.words;
    return w[x * 2 + 1] === w[y * 2 + 1] && w[x * 2]! >>> 24 === w[y * 2]! >>> 24;
  }

  /** The hash of a row (as `hashOf` gives it). */
  hash(row: number): number {
    return this.words[row * 2 + 1]! * 256 + (this.words[row * 2]! >>> 24);
  }
}

/** A 40-bit hash of a key (an integer below 2^40): FNV-1a and a second multiplicative hash over the UTF-16 code units, in one pass. */
export function keyHash(key: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0) * 256 + (h2 & 0xff);
}
