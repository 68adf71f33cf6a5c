import type { SortedKeyRows } from './key-rows.js';

/** What the blocks are built from: the records (numbered 0 … records − 1 in the order pairs are wanted) and their keys. */
export interface BlockSource {
  records: number;
  /** Whether the record comes from the `--against` catalog (two of those are never paired). */
  against(record: number): boolean;
  /** The record's blocking keys. */
  keys(record: number): string[];
  /** The largest block a key may form; larger ones are skipped (and counted). */
  cap(key: string): number;
}

/** A growable list of 32-bit integers. */
class IntList {
  data = new Int32Array(1 << 12);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/** Runs of rows with one hash: from `start` to `end` (exclusive), run by run. */
interface Runs {
  start: IntList;
  end: IntList;
}

/**
 * The candidate pairs of a run: every two records that share a blocking key
 * of a block no larger than its cap, never two records of the `--against`
 * catalog, each pair once. Blocks are runs of equal hash in the sorted key
 * rows, split by the actual keys when two keys share a hash; a key shared by
 * records of the `--against` catalog only is no block. The pairs are not
 * stored: `forEach` walks them in order (by first record, then second), from
 * each record's place in its blocks.
 */
export class CandidatePairs {
  /** Keys shared by two or more records (at least one not from `--against`). */
  blocks = 0;
  /** Blocks skipped for being larger than their cap. */
  oversizedBlocks = 0;
  /** Members of the blocks kept, block after block, each block in record order. */
  readonly #members = new IntList();
  readonly #source: BlockSource;
  /** 1 for a record of the `--against` catalog. */
  readonly #against: Uint8Array;
  /** For each record, from `#first[record]` to `#first[record + 1]`: where it stands in a block, and where that block ends. */
  #first = new Int32Array(0);
  #at = new Int32Array(0);
  #end = new Int32Array(0);

  constructor(rows: SortedKeyRows, source: BlockSource) {
    this.#source = source;
    this.#against = new Uint8Array(source.records);
    for (let r = 0; r < source.records; r++) if (source.against(r)) this.#against[r] = 1;
    const ends = new IntList();
    // Runs of one hash with two rows or more: the would-be blocks.
    const runs: Runs = { start: new IntList(), end: new IntList() };
    for (let i = 0; i < rows.rows; ) {
      let j = i + 1;
      while (j < rows.rows && rows.sameHash(i, j)) j++;
      if (j - i >= 2) {
        runs.start.push(i);
        runs.end.push(j);
      }
      i = j;
    }
    const keys = this.#runKeys(rows, runs);
    for (let run = 0; run < runs.start.length; run++) {
      const from = runs.start.data[run]!;
      const to = runs.end.data[run]!;
      const key = keys[run];
      if (key !== undefined) {
        const members: number[] = [];
        for (let r = from; r < to; r++) members.push(rows.record(r));
        this.#keep(key, members, ends);
      } else for (const [k, members] of this.#split(rows, from, to)) this.#keep(k, members, ends);
    }
    this.#index(ends);
  }

  /**
   * The one key every row of a run stands for, run by run; undefined where
   * the rows stand for different keys that share a hash (or a record is in
   * the run twice). Worked out record by record, each record's keys once.
   */
  #runKeys(rows: SortedKeyRows, runs: Runs): (string | undefined)[] {
    const n = this.#source.records;
    const count = runs.start.length;
    // For each record, the runs it is in (as many times as it has rows there).
    const first = new Int32Array(n + 1);
    for (let run = 0; run < count; run++) {
      for (let r = runs.start.data[run]!; r < runs.end.data[run]!; r++) first[rows.record(r) + 1]!++;
    }
    for (let x = 0; x < n; x++) first[x + 1]! += first[x]!;
    const runOf = new Int32Array(first[n]!);
    const next = first.slice(0, n);
    for (let run = 0; run < count; run++) {
      for (let r = runs.start.data[run]!; r < runs.end.data[run]!; r++) runOf[next[rows.record(r)]!++] = run;
    }
    const key: (string | undefined)[] = new Array<string | undefined>(count);
    const mixed = new Uint8Array(count);
    for (let x = 0; x < n; x++) {
      if (first[x] === first[x + 1]) continue;
      const own = this.#source.keys(x);
      const hashes = own.map((k) => rows.hashOf(k));
      for (let m = first[x]!; m < first[x + 1]!; m++) {
        const run = runOf[m]!;
        const hash = rows.hash(runs.start.data[run]!);
        let found: string | undefined;
        let matches = 0;
        for (let k = 0; k < own.length; k++) {
          if (hashes[k] === hash) {
            found = own[k];
            matches++;
          }
        }
        if (matches !== 1) mixed[run] = 1;
        else if (key[run] === undefined) key[run] = found;
        else if (key[run] !== found) mixed[run] = 1;
      }
    }
    for (let run = 0; run < count; run++) if (mixed[run]) key[run] = undefined;
    return key;
  }

  /** The rows i … j − 1 (one hash, more than one key) as blocks: each key with the records that have it. */
  #split(rows: SortedKeyRows, i: number, j: number): [string, number[]][] {
    const hash = rows.hash(i);
    const byKey = new Map<string, number[]>();
    for (let r = i; r < j; r++) {
      const record = rows.record(r);
      if (r > i && record === rows.record(r - 1)) continue;
      for (const k of this.#source.keys(record)) {
        if (rows.hashOf(k) !== hash) continue;
        const list = byKey.get(k);
        if (list) list.push(record);
        else byKey.set(k, [record]);
      }
    }
    return [...byKey];
  }

  #keep(key: string, members: readonly number[], ends: IntList): void {
    if (members.length < 2 || members.every((m) => this.#source.against(m))) return;
    this.blocks++;
    if (members.length > this.#source.cap(key)) {
      this.oversizedBlocks++;
      return;
    }
    for (const m of members) this.#members.push(m);
    ends.push(this.#members.length);
  }

  /** For each record, its places in the blocks kept (all but the last member of a block: it pairs with no later one). */
  #index(ends: IntList): void {
    const members = this.#members.data;
    const first = new Int32Array(this.#source.records + 1);
    let start = 0;
    for (let b = 0; b < ends.length; b++) {
      const end = ends.data[b]!;
      for (let p = start; p < end - 1; p++) first[members[p]! + 1]!++;
      start = end;
    }
    for (let r = 0; r < this.#source.records; r++) first[r + 1]! += first[r]!;
    const at = new Int32Array(first[this.#source.records]!);
    const endOf = new Int32Array(at.length);
    const next = first.slice(0, this.#source.records);
    start = 0;
    for (let b = 0; b < ends.length; b++) {
      const end = ends.data[b]!;
      for (let p = start; p < end - 1; p++) {
        const slot = next[members[p]!]!++;
        at[slot] = p;
        endOf[slot] = end;
      }
      start = end;
    }
    this.#first = first;
    this.#at = at;
    this.#end = endOf;
  }

  /** Whether a and b (a < b) are a candidate pair. */
  has(a: number, b: number): boolean {
    if (this.#against[a] && this.#against[b]) return false;
    const members = this.#members.data;
    for (let k = this.#first[a]!; k < this.#first[a + 1]!; k++) {
      for (let q = this.#at[k]! + 1; q < this.#end[k]! && members[q]! <= b; q++) if (members[q] === b) return true;
    }
    return false;
  }

  /** Calls `fn` for every candidate pair (a < b), ordered by a, then b. */
  forEach(fn: (a: number, b: number) => void): void {
    const members = this.#members.data;
    const against = this.#against;
    // seen[b] === a + 1: b is already a candidate of a.
    const n = this.#source.records;
    const seen = new Int32Array(n);
    let found = new Int32Array(1 << 10);
    for (let a = 0; a < n; a++) {
      let count = 0;
      for (let k = this.#first[a]!; k < this.#first[a + 1]!; k++) {
        for (let q = this.#at[k]! + 1; q < this.#end[k]!; q++) {
          const b = members[q]!;
          if (seen[b] === a + 1 || (against[a] && against[b])) continue;
          seen[b] = a + 1;
          if (count === found.length) {
            const grown = new Int32Array(found.length * 2);
            grown.set(found);
            found = grown;
          }
          found[count++] = b;
        }
      }
      const pairs = found.subarray(0, count).sort();
      for (let t = 0; t < count; t++) fn(a, pairs[t]!);
    }
  }
}
