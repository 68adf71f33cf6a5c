import type Database from 'better-sqlite3';

/**
 * Where a key was seen, as one number: the record's number times 2^16 plus
 * the key's position among the record's keys. Refs grow in the order keys
 * are added, so ordering by ref is ordering by input.
 */
export type KeyRef = number;

const SLOTS = 2 ** 16;

export function keyRef(record: number, slot: number): KeyRef {
  if (slot >= SLOTS) throw new RangeError(`a record may give at most ${SLOTS} keys to the index`);
  return record * SLOTS + slot;
}

export function refRecord(ref: KeyRef): number {
  return Math.floor(ref / SLOTS);
}

export function refSlot(ref: KeyRef): number {
  return ref % SLOTS;
}

/** Rows per INSERT statement when refs go to SQLite. */
const ROWS_PER_INSERT = 128;

/** Keys per chunk of the arrays in memory: they grow a chunk at a time, never by copying. */
const CHUNK = 1 << 16;

/** One chunk of keys: rule numbers, hashes, and refs (the record's number and the slot). */
interface Chunk {
  rule: Uint8Array;
  hash: Uint32Array;
  rec: Uint32Array;
  slot: Uint16Array;
}

/**
 * The hashes of every key with its rule and ref. They stay in typed arrays
 * (11 bytes a key, allocated a chunk at a time) up to `limit` keys; past
 * that, they all go to SQLite, and so do the keys after them, a chunk at a
 * time, so memory is bounded whatever the input size. A catalog of the customer's
 * size (~65,000 records, ~400,000 keys) never reaches SQLite at the default
 * limit.
 */
export class KeyRefs {
  readonly #db: Database.Database;
  /** Keys kept in memory before they go to SQLite: the limit given, and one chunk once they have gone there. */
  #limit: number;
  /** Keys per chunk: CHUNK, or the limit when it is smaller. */
  readonly #chunk: number;
  readonly #chunks: Chunk[] = [];
  #size = 0;
  #spilled = false;
  #insertMany: Database.Statement | undefined;
  #insertOne: Database.Statement | undefined;

  constructor(db: Database.Database, limit: number) {
    this.#db = db;
    this.#limit = Math.max(1, limit);
    this.#chunk = Math.min(CHUNK, this.#limit);
  }

  add(rule: number, hash: number, ref: KeyRef): void {
    if (rule > 0xff) throw new RangeError('at most 256 rules can give keys to one index');
    if (this.#size === this.#limit) this.#spill();
    const c = Math.floor(this.#size / this.#chunk);
    const i = this.#size % this.#chunk;
    const chunk = this.#chunks[c] ?? this.#newChunk();
    chunk.rule[i] = rule;
    chunk.hash[i] = hash;
    chunk.rec[i] = refRecord(ref);
    chunk.slot[i] = refSlot(ref);
    this.#size++;
  }

  /**
   * The refs of `rule` whose hash was seen more than once, one array per
   * hash, ordered by the hash's first ref; refs in input order.
   */
  *groups(rule: number): Generator<KeyRef[]> {
    if (this.#spilled) {
      this.#spill();
      this.#chunks.length = 0;
      yield* this.#groupsFromSql(rule);
    } else yield* this.#groupsInMemory(rule);
  }

  /** Calls `each` with the hash and ref of every key of `rule` in memory, in order. */
  #forEach(rule: number, each: (hash: number, ref: KeyRef) => void): void {
    for (let c = 0, at = 0; at < this.#size; c++, at += this.#chunk) {
      const { rule: rules, hash, rec, slot } = this.#chunks[c]!;
      const end = Math.min(this.#chunk, this.#size - at);
      for (let i = 0; i < end; i++) if (rules[i] === rule) each(hash[i]!, rec[i]! * SLOTS + slot[i]!);
    }
  }

  #groupsInMemory(rule: number): Iterable<KeyRef[]> {
    let count = 0;
    this.#forEach(rule, () => count++);
    // A typed array sorts natively: equal neighbours are the hashes seen twice.
    const sorted = new Uint32Array(count);
    let n = 0;
    this.#forEach(rule, (hash) => (sorted[n++] = hash));
    sorted.sort();
    const repeated = new Set<number>();
    for (let i = 1; i < count; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i]!);
    if (repeated.size === 0) return [];
    // A Map keeps its keys in the order they were first set: the order of each hash's first ref.
    const groups = new Map<number, KeyRef[]>();
    this.#forEach(rule, (hash, ref) => {
      if (!repeated.has(hash)) return;
      const group = groups.get(hash);
      if (group) group.push(ref);
      else groups.set(hash, [ref]);
    });
    return groups.values();
  }

  *#groupsFromSql(rule: number): Generator<KeyRef[]> {
    this.#db.exec('CREATE INDEX IF NOT EXISTS key_refs_rule_h ON key_refs (rule, h, ref)');
    const rows = this.#db
      .prepare(
        `SELECT k.h AS h, k.ref AS ref
           FROM key_refs k JOIN (SELECT h, MIN(ref) AS first FROM key_refs WHERE rule = ? GROUP BY h HAVING COUNT(*) > 1) d ON d.h = k.h
          WHERE k.rule = ?
          ORDER BY d.first, k.ref`,
      )
      .raw()
      .iterate(rule, rule) as IterableIterator<[number, number]>;
    let hash: number | undefined;
    let group: KeyRef[] = [];
    for (const [h, ref] of rows) {
      if (h !== hash && group.length) {
        yield group;
        group = [];
      }
      hash = h;
      group.push(ref);
    }
    if (group.length) yield group;
  }

  #newChunk(): Chunk {
    const size = this.#chunk;
    const chunk = { rule: new Uint8Array(size), hash: new Uint32Array(size), rec: new Uint32Array(size), slot: new Uint16Array(size) };
    this.#chunks.push(chunk);
    return chunk;
  }

  /** Moves the keys in memory to SQLite. */
  #spill(): void {
    if (!this.#spilled) {
      this.#db.exec('CREATE TABLE key_refs (rule INTEGER NOT NULL, h INTEGER NOT NULL, ref INTEGER NOT NULL)');
      this.#insertMany = this.#db.prepare(`INSERT INTO key_refs (rule, h, ref) VALUES ${new Array(ROWS_PER_INSERT).fill('(?, ?, ?)').join(', ')}`);
      this.#insertOne = this.#db.prepare('INSERT INTO key_refs (rule, h, ref) VALUES (?, ?, ?)');
      this.#spilled = true;
    }
    const many = this.#insertMany!;
    const one = this.#insertOne!;
    const values = new Array<number>(ROWS_PER_INSERT * 3);
    this.#db.transaction(() => {
      for (let c = 0, at = 0; at < this.#size; c++, at += this.#chunk) {
        const { rule, hash, rec, slot } = this.#chunks[c]!;
        const end = Math.min(this.#chunk, this.#size - at);
        let i = 0;
        for (; i + ROWS_PER_INSERT <= end; i += ROWS_PER_INSERT) {
          for (let r = 0, v = 0; r < ROWS_PER_INSERT; r++) {
            values[v++] = rule[i + r]!;
            values[v++] = hash[i + r]!;
            values[v++] = rec[i + r]! * SLOTS + slot[i + r]!;
          }
          many.run(values);
        }
        for (; i < end; i++) one.run(rule[i]!, hash[i]!, rec[i]! * SLOTS + slot[i]!);
      }
    })();
    this.#size = 0;
    // Once keys are in SQLite, the rest follow a chunk at a time: the memory of the others is given back.
    this.#limit = this.#chunk;
    this.#chunks.length = Math.min(this.#chunks.length, 1);
  }
}
