import type Database from 'better-sqlite3';

/** Where a word was first seen: the record's number in the index, the field, the subfield. */
export interface WordPlace {
  rec: number;
  field: number;
  subfield: string | undefined;
}

interface Count extends WordPlace {
  n: number;
}

/**
 * How often each word occurs in its scope, and where it was seen first.
 * Counts of up to `limit` distinct words are summed in memory (a map per
 * scope) and then added to SQLite with one upsert each, which keeps the place
 * already there: the first one.
 */
export class WordCounts {
  readonly #db: Database.Database;
  readonly #limit: number;
  readonly #upsert: Database.Statement;
  readonly #scopes = new Map<string, Map<string, Count>>();
  #size = 0;

  constructor(db: Database.Database, limit: number) {
    this.#db = db;
    this.#limit = Math.max(1, limit);
    db.exec('CREATE TABLE words (scope TEXT NOT NULL, word TEXT NOT NULL, n INTEGER NOT NULL, rec INTEGER NOT NULL, field INTEGER NOT NULL, sub TEXT, PRIMARY KEY (scope, word)) WITHOUT ROWID');
    this.#upsert = db.prepare(
      'INSERT INTO words (scope, word, n, rec, field, sub) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scope, word) DO UPDATE SET n = n + excluded.n',
    );
  }

  /** Adds `n` occurrences of a word first seen at the place given (when it is new). */
  count(scope: string, word: string, n: number, rec: number, field: number, subfield: string | undefined): void {
    let words = this.#scopes.get(scope);
    if (words === undefined) {
      words = new Map();
      this.#scopes.set(scope, words);
    }
    const known = words.get(word);
    if (known !== undefined) known.n += n;
    else {
      words.set(word, { n, rec, field, subfield });
      if (++this.#size >= this.#limit) this.flush();
    }
  }

  /** Adds the counts in memory to SQLite. */
  flush(): void {
    if (this.#size === 0) return;
    this.#db.transaction(() => {
      for (const [scope, words] of this.#scopes) for (const [word, c] of words) this.#upsert.run(scope, word, c.n, c.rec, c.field, c.subfield ?? null);
    })();
    this.#scopes.clear();
    this.#size = 0;
  }
}
