import { join } from 'node:path';
import Database from 'better-sqlite3';
import { IndexBatch, type IndexKey, type IndexWord, type PreparedBatch, type RecordRow, keyOfRow } from './index-batch.js';
import { keyGroups } from './key-groups.js';
import { type KeyRef, KeyRefs, refRecord, refSlot } from './key-refs.js';
import { nearWordRows } from './near-words.js';
import { RecordRows } from './record-rows.js';
import { WordCounts } from './word-counts.js';
import { tempFolder } from './temp-folder.js';

/** Where something was seen: the place given for its record (shared: do not change it), the field and subfield. */
export interface IndexPlace {
  place: unknown;
  field: number;
  subfield: string | undefined;
}

/** A key seen more than once, with every place it was seen, in input order. */
export interface KeyGroup {
  key: string;
  entries: (IndexPlace & { value: string })[];
}

/** A rare word and a frequent word one edit apart in the same scope. */
export interface NearWord {
  scope: string;
  rare: string;
  rareCount: number;
  rarePlace: IndexPlace;
  frequent: string;
  frequentCount: number;
}

export interface KeyIndexOptions {
  /** The SQLite file; a temporary one (deleted on close) when absent. */
  path?: string;
  /** Keys whose hashes are kept in memory before they all go to SQLite (11 bytes each). */
  memoryKeys?: number;
  /** Distinct words counted in memory before the counts are added to SQLite. */
  memoryWords?: number;
}

/**
 * The index of checks that need the whole input (duplicate inventory or
 * control numbers, word frequencies), with memory bounded whatever the
 * catalog's size: each record's place and keys go to a temporary SQLite file
 * as one row; the keys' hashes stay in memory up to a bound (then go to
 * SQLite too), and word counts are summed in memory in batches. Only the rows
 * of records a finding names are read back. Records come one at a time
 * (`addRecord`) or prepared elsewhere in batches (`add`, see index-batch.ts).
 * Close it to delete the file.
 */
export class KeyIndex {
  readonly #db: Database.Database;
  readonly #dir: string | undefined;
  readonly #temp: { dir: string; remove: () => void } | undefined;
  readonly #records: RecordRows;
  readonly #refs: KeyRefs;
  readonly #words: WordCounts;
  readonly #rules = new Map<string, number>();
  /** Records given one at a time, until there are enough for a batch. */
  readonly #pending = new IndexBatch();
  /** The number the next record given alone gets. */
  #next = 0;
  /** One more than the largest record number stored. */
  #stored = 0;

  constructor(options: KeyIndexOptions | string = {}) {
    const { path, memoryKeys = 1 << 20, memoryWords = 50_000 } = typeof options === 'string' ? { path: options } : options;
    this.#temp = path === undefined ? tempFolder('kitap-index') : undefined;
    this.#dir = this.#temp?.dir;
    this.#db = new Database(path ?? join(this.#dir!, 'index.sqlite'));
    this.#db.pragma('journal_mode = OFF');
    this.#db.pragma('synchronous = OFF');
    this.#db.pragma('cache_size = -8000'); // 8 MB of page cache, whatever the input size
    this.#records = new RecordRows(this.#db);
    this.#refs = new KeyRefs(this.#db, memoryKeys);
    this.#words = new WordCounts(this.#db, memoryWords);
  }

  /**
   * Remembers one record's keys and counts its words. `place` is what every
   * place in the record shares (JSON-serialisable); the findings give it back
   * with the field and subfield of each key or word.
   */
  addRecord(place: unknown, keys: readonly IndexKey[], words: readonly IndexWord[]): void {
    if (keys.length === 0 && words.length === 0) return;
    this.#pending.record(this.#next++, place, keys, words);
    if (this.#pending.size >= 256) this.#store(this.#pending.take());
  }

  /** Adds records prepared by an IndexBatch; their numbers must be larger than any added before. */
  add(batch: PreparedBatch): void {
    this.#store(this.#pending.take());
    this.#store(batch);
  }

  /** Keys of `rule` seen at least twice, ordered by the first place they were seen. */
  *duplicates(rule: string): Generator<KeyGroup> {
    this.#settle();
    const number = this.#rules.get(rule);
    if (number === undefined) return;
    const keyAt = (ref: KeyRef): { row: RecordRow; key: ReturnType<typeof keyOfRow> } => {
      const row = this.#records.get(refRecord(ref)) as RecordRow;
      return { row, key: keyOfRow(row, refSlot(ref)) };
    };
    yield* keyGroups(
      this.#refs.groups(number),
      (ref) => keyAt(ref).key.key,
      (ref) => {
        const { row, key } = keyAt(ref);
        return { place: row[0], field: key.field, subfield: key.subfield, value: key.value };
      },
    );
  }

  /**
   * Words seen at most `rareMax` times that are one edit (by `distance`: an
   * insertion, deletion, substitution, or with a Damerau distance a swap of
   * neighbours) away from a word of the same scope seen at least
   * `frequentMin` times; one suggestion per rare word.
   */
  *nearWords(rareMax: number, frequentMin: number, deletionKeys: (word: string) => string[], distance: (a: string, b: string) => number): Generator<NearWord> {
    this.#settle();
    this.#words.flush();
    for (const row of nearWordRows(this.#db, rareMax, frequentMin, deletionKeys, distance)) {
      const { rec, field, subfield } = row.rarePlace;
      yield { ...row, rarePlace: { place: (this.#records.get(rec) as RecordRow)[0], field, subfield } };
    }
  }

  close(): void {
    this.#db.close();
    this.#temp?.remove();
  }

  #store(batch: PreparedBatch): void {
    const { recs, rows } = batch;
    if (recs.length === 0) return;
    if (recs[0]! < this.#stored) throw new RangeError(`records must be added in order: record ${recs[0]} after ${this.#stored - 1}`);
    for (let i = 0; i < recs.length; i++) this.#records.add(recs[i]!, rows[i]!);
    this.#stored = recs[recs.length - 1]! + 1;
    this.#next = Math.max(this.#next, this.#stored);
    const { rules, keyRules, keyHashes, keyRefs } = batch;
    const ruleNumbers = rules.map((rule) => this.#ruleNumber(rule));
    for (let i = 0; i < keyRules.length; i++) this.#refs.add(ruleNumbers[keyRules[i]!]!, keyHashes[i]!, keyRefs[i]!);
    const { scopes, wordScopes, words, wordCounts, wordRecs, wordFields, wordSubfields } = batch;
    for (let i = 0; i < words.length; i++) this.#words.count(scopes[wordScopes[i]!]!, words[i]!, wordCounts[i]!, wordRecs[i]!, wordFields[i]!, wordSubfields[i] ?? undefined);
  }

  /** Everything given so far, in the tables the findings are read from. */
  #settle(): void {
    this.#store(this.#pending.take());
    this.#records.flush();
  }

  #ruleNumber(rule: string): number {
    let n = this.#rules.get(rule);
    if (n === undefined) {
      n = this.#rules.size;
      this.#rules.set(rule, n);
    }
    return n;
  }
}
