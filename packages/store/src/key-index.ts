import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** One occurrence of a key: where it was seen and what the value looked like there. */
export interface KeyEntry {
  key: string;
  /** Position of the record in the input (0-based). */
  index: number;
  /** Anything the caller needs to report the place (JSON-serialisable). */
  place: unknown;
  value: string;
}

/** A key seen more than once, with every place it was seen, in input order. */
export interface KeyGroup {
  key: string;
  entries: { index: number; place: unknown; value: string }[];
}

/** A rare word and a frequent word one edit apart in the same scope. */
export interface NearWord {
  scope: string;
  rare: string;
  rareCount: number;
  rarePlace: unknown;
  frequent: string;
  frequentCount: number;
}

/**
 * A disk-backed index for checks that need the whole input (duplicate
 * inventory or control numbers, word frequencies): rows go to a temporary
 * SQLite file in batches, so memory stays flat however large the catalog is.
 * Close it to delete the file.
 */
export class KeyIndex {
  readonly #db: Database.Database;
  readonly #dir: string | undefined;
  readonly #insertKey: Database.Statement;
  readonly #countWord: Database.Statement;
  #pending: (() => void)[] = [];
  readonly #words = new Map<string, { scope: string; word: string; n: number; place: string }>();
  readonly #flush: () => void;

  constructor(path?: string) {
    this.#dir = path === undefined ? mkdtempSync(join(tmpdir(), 'kitap-index-')) : undefined;
    this.#db = new Database(path ?? join(this.#dir!, 'index.sqlite'));
    this.#db.pragma('journal_mode = OFF');
    this.#db.pragma('synchronous = OFF');
    this.#db.pragma('cache_size = -16000'); // 16 MB of page cache, whatever the input size
    this.#db.exec(`
      CREATE TABLE keys (rule TEXT NOT NULL, key TEXT NOT NULL, idx INTEGER NOT NULL, place TEXT NOT NULL, value TEXT NOT NULL);
      CREATE TABLE words (scope TEXT NOT NULL, word TEXT NOT NULL, n INTEGER NOT NULL, place TEXT NOT NULL, PRIMARY KEY (scope, word)) WITHOUT ROWID;
    `);
    this.#insertKey = this.#db.prepare('INSERT INTO keys (rule, key, idx, place, value) VALUES (?, ?, ?, ?, ?)');
    this.#countWord = this.#db.prepare('INSERT INTO words (scope, word, n, place) VALUES (?, ?, ?, ?) ON CONFLICT (scope, word) DO UPDATE SET n = n + excluded.n');
    this.#flush = this.#db.transaction(() => {
      for (const run of this.#pending) run();
      for (const w of this.#words.values()) this.#countWord.run(w.scope, w.word, w.n, w.place);
    });
  }

  /** Remembers a key of `rule` at a place. */
  addKey(rule: string, entry: KeyEntry): void {
    this.#pending.push(() => this.#insertKey.run(rule, entry.key, entry.index, JSON.stringify(entry.place), entry.value));
    if (this.#pending.length >= 4096) this.flush();
  }

  /**
   * Counts a word in a scope (for example `245$a`); the first place it was
   * seen is kept. Counts are summed in memory for a batch of distinct words
   * and written with one upsert each, and the place is only computed (`place()`)
   * the first time a word is met in a batch.
   */
  countWord(scope: string, word: string, place: () => unknown): void {
    const key = `${scope}\u0000${word}`;
    const known = this.#words.get(key);
    if (known) known.n++;
    else {
      this.#words.set(key, { scope, word, n: 1, place: JSON.stringify(place()) });
      if (this.#words.size >= 50_000) this.flush();
    }
  }

  flush(): void {
    if (this.#pending.length === 0 && this.#words.size === 0) return;
    this.#flush();
    this.#pending = [];
    this.#words.clear();
  }

  /** Keys of `rule` seen at least twice, ordered by the first place they were seen. */
  *duplicates(rule: string): Generator<KeyGroup> {
    this.flush();
    this.#db.exec('CREATE INDEX IF NOT EXISTS keys_rule_key ON keys (rule, key, idx)');
    const rows = this.#db
      .prepare(
        `SELECT k.key AS key, k.idx AS idx, k.place AS place, k.value AS value
           FROM keys k JOIN (SELECT key, MIN(rowid) AS first FROM keys WHERE rule = ? GROUP BY key HAVING COUNT(*) > 1) d ON d.key = k.key
          WHERE k.rule = ?
          ORDER BY d.first, k.rowid`,
      )
      .iterate(rule, rule) as IterableIterator<{ key: string; idx: number; place: string; value: string }>;
    let group: KeyGroup | undefined;
    for (const row of rows) {
      if (group && group.key !== row.key) {
        yield group;
        group = undefined;
      }
      group ??= { key: row.key, entries: [] };
      group.entries.push({ index: row.idx, place: JSON.parse(row.place) as unknown, value: row.value });
    }
    if (group) yield group;
  }

  /**
   * Words seen at most `rareMax` times that are one edit (by `distance`: an
   * insertion, deletion, substitution, or with a Damerau distance a swap of
   * neighbours) away from a word of the same scope seen at least
   * `frequentMin` times. Candidates come from shared deletion keys, so the
   * work grows with the vocabulary, not with its square.
   */
  *nearWords(rareMax: number, frequentMin: number, deletionKeys: (word: string) => string[], distance: (a: string, b: string) => number): Generator<NearWord> {
    this.flush();
    this.#db.exec(`
      DROP TABLE IF EXISTS dkeys;
      CREATE TEMP TABLE dkeys (scope TEXT NOT NULL, dkey TEXT NOT NULL, word TEXT NOT NULL, frequent INTEGER NOT NULL);
    `);
    const insert = this.#db.prepare('INSERT INTO dkeys (scope, dkey, word, frequent) VALUES (?, ?, ?, ?)');
    const select = this.#db.prepare('SELECT scope, word, n FROM words WHERE n <= ? OR n >= ?').iterate(rareMax, frequentMin) as IterableIterator<{ scope: string; word: string; n: number }>;
    const batch: [string, string, string, number][] = [];
    const write = this.#db.transaction((rows: [string, string, string, number][]) => {
      for (const r of rows) insert.run(...r);
    });
    for (const row of select) {
      const frequent = row.n >= frequentMin ? 1 : 0;
      for (const key of deletionKeys(row.word)) batch.push([row.scope, key, row.word, frequent]);
      if (batch.length >= 8192) write(batch.splice(0));
    }
    write(batch.splice(0));
    this.#db.exec('CREATE INDEX dkeys_key ON dkeys (scope, dkey, frequent)');
    const pairs = this.#db
      .prepare(
        `SELECT DISTINCT r.scope AS scope, r.word AS rare, f.word AS frequent, wf.n AS fn
           FROM dkeys r
           JOIN dkeys f ON f.scope = r.scope AND f.dkey = r.dkey AND f.frequent = 1
           JOIN words wf ON wf.scope = f.scope AND wf.word = f.word
          WHERE r.frequent = 0 AND r.word <> f.word
          ORDER BY r.scope, r.word, wf.n DESC, f.word`,
      )
      .iterate() as IterableIterator<{ scope: string; rare: string; frequent: string; fn: number }>;
    const lookup = this.#db.prepare('SELECT n, place FROM words WHERE scope = ? AND word = ?');
    let done = '';
    for (const p of pairs) {
      const id = `${p.scope}\u0000${p.rare}`;
      // One suggestion per rare word: its most frequent neighbour one edit away (ties: alphabetical).
      if (id === done || distance(p.rare, p.frequent) !== 1) continue;
      done = id;
      const rare = lookup.get(p.scope, p.rare) as { n: number; place: string };
      yield { scope: p.scope, rare: p.rare, rareCount: rare.n, rarePlace: JSON.parse(rare.place) as unknown, frequent: p.frequent, frequentCount: p.fn };
    }
  }

  close(): void {
    this.#db.close();
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
  }
}
