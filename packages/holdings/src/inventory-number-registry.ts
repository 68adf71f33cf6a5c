import type { Place } from '@kitap/core';
import { openDatabase, type OpenDatabase } from '@kitap/store';

/** Where an inventory number was seen, with a short text for people ("Ф-л №4, «Абай жолы»"). */
export type InventoryPlace = Place & { label?: string };

/** An inventory number key seen at more than one place, with every place in the order they were added. */
export interface InventoryCollision {
  key: string;
  places: InventoryPlace[];
}

// Rows wait in memory until this many, then go to disk in one transaction.
const BATCH = 4096;

/**
 * The system-wide uniqueness check of inventory numbers: every key (from
 * `parseInventoryNumber`) and where it was seen goes to a SQLite file, in
 * batches, so memory stays flat whether the catalog holds a thousand copies
 * or a million. `collisions()` then lists each key seen more than once with
 * all its places. Close it to remove a temporary file.
 */
export class InventoryNumberRegistry {
  readonly #store: OpenDatabase;
  readonly #lookup: (key: string) => { place: string }[];
  readonly #write: (rows: [string, string][]) => void;
  #pending: [string, string][] = [];
  #indexed = false;
  #count: number;

  private constructor(store: OpenDatabase) {
    this.#store = store;
    const db = store.db;
    db.exec(`
      CREATE TABLE IF NOT EXISTS inventory_numbers (seq INTEGER PRIMARY KEY, key TEXT NOT NULL, place TEXT NOT NULL);
    `);
    const insert = db.prepare<[string, string]>('INSERT INTO inventory_numbers (key, place) VALUES (?, ?)');
    let lookup: ReturnType<typeof db.prepare<[string], { place: string }>> | undefined;
    this.#lookup = (key) => {
      this.#index();
      lookup ??= db.prepare<[string], { place: string }>('SELECT place FROM inventory_numbers WHERE key = ? ORDER BY seq');
      return lookup.all(key);
    };
    this.#write = db.transaction((rows: [string, string][]) => {
      for (const [key, place] of rows) insert.run(key, place);
    });
    this.#count = (db.prepare('SELECT COUNT(*) AS n FROM inventory_numbers').get() as { n: number }).n;
  }

  /** Opens a registry in `path` (kept, and added to when it exists), or in a temporary file removed on `close()`. */
  static open(path?: string): InventoryNumberRegistry {
    return new InventoryNumberRegistry(openDatabase(path, 16));
  }

  /** Places added so far (not distinct keys). */
  get count(): number {
    return this.#count;
  }

  /** Records that `key` was seen at `place`. Not allowed while `collisions()` is being iterated. */
  add(key: string, place: InventoryPlace): void {
    this.#pending.push([key, JSON.stringify(place)]);
    this.#count++;
    if (this.#pending.length >= BATCH) this.flush();
  }

  /** Builds the key index the first time a query needs it: one sort after bulk inserts is cheaper than keeping it up to date row by row. */
  #index(): void {
    if (this.#indexed) return;
    this.#store.db.exec('CREATE INDEX IF NOT EXISTS inventory_numbers_key ON inventory_numbers (key, seq)');
    this.#indexed = true;
  }

  /** Writes the rows waiting in memory. */
  flush(): void {
    if (this.#pending.length === 0) return;
    this.#write(this.#pending);
    this.#pending = [];
  }

  /** Every place `key` was seen, in the order added (empty when never): to check one number against the catalog before adding it. */
  places(key: string): InventoryPlace[] {
    this.flush();
    return this.#lookup(key).map((r) => JSON.parse(r.place) as InventoryPlace);
  }

  /**
   * Keys seen more than once, ordered by key (code-point order), each with all
   * its places in the order they were added — both sides of a pair, all n of
   * a larger group. Streams from disk; do not `add` until it is done.
   */
  *collisions(): Generator<InventoryCollision> {
    this.flush();
    this.#index();
    const rows = this.#store.db
      .prepare(
        `SELECT key, place FROM inventory_numbers
          WHERE key IN (SELECT key FROM inventory_numbers GROUP BY key HAVING COUNT(*) > 1)
          ORDER BY key, seq`,
      )
      .iterate() as IterableIterator<{ key: string; place: string }>;
    let group: InventoryCollision | undefined;
    for (const row of rows) {
      if (group && group.key !== row.key) {
        yield group;
        group = undefined;
      }
      group ??= { key: row.key, places: [] };
      group.places.push(JSON.parse(row.place) as InventoryPlace);
    }
    if (group) yield group;
  }

  /** Writes what is pending and closes the file (removing it when it was temporary). */
  close(): void {
    this.flush();
    this.#store.close();
  }
}
