import type Database from 'better-sqlite3';

/** Rows per INSERT statement, and rows kept before they are written. */
const ROWS_PER_INSERT = 64;
const BATCH = 4096;
/** Parsed rows kept for reading back: the findings of one group name a handful of records (kept few, they die young). */
const CACHED = 32;

/**
 * One JSON row per record that gave the index anything: what its places
 * share and its keys. Written to SQLite in batches, never held; read back
 * (with a small cache) only for the records a finding names.
 */
export class RecordRows {
  readonly #db: Database.Database;
  readonly #insertMany: Database.Statement;
  readonly #insertOne: Database.Statement;
  readonly #select: Database.Statement;
  #pending: (number | string)[] = [];
  readonly #cache = new Map<number, unknown>();

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec('CREATE TABLE records (rec INTEGER PRIMARY KEY, data TEXT NOT NULL)');
    this.#insertMany = db.prepare(`INSERT INTO records (rec, data) VALUES ${new Array(ROWS_PER_INSERT).fill('(?, ?)').join(', ')}`);
    this.#insertOne = db.prepare('INSERT INTO records (rec, data) VALUES (?, ?)');
    this.#select = db.prepare('SELECT data FROM records WHERE rec = ?').pluck();
  }

  /** Adds the row of record `rec`, as JSON. */
  add(rec: number, json: string): void {
    this.#pending.push(rec, json);
    if (this.#pending.length >= BATCH * 2) this.flush();
  }

  flush(): void {
    const rows = this.#pending;
    if (rows.length === 0) return;
    this.#pending = [];
    const per = ROWS_PER_INSERT * 2;
    this.#db.transaction(() => {
      let i = 0;
      for (; i + per <= rows.length; i += per) this.#insertMany.run(rows.slice(i, i + per));
      for (; i < rows.length; i += 2) this.#insertOne.run(rows[i], rows[i + 1]);
    })();
  }

  /** The row of record `rec`, parsed. */
  get(rec: number): unknown {
    const cached = this.#cache.get(rec);
    if (cached !== undefined) return cached;
    this.flush();
    const text = this.#select.get(rec) as string | undefined;
    if (text === undefined) throw new Error(`the key index has no record ${rec}`);
    const data = JSON.parse(text) as unknown;
    if (this.#cache.size >= CACHED) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(rec, data);
    return data;
  }
}
