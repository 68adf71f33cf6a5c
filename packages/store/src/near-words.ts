import type Database from 'better-sqlite3';
import type { WordPlace } from './word-counts.js';

/** Words read from the words table at once, and deletion keys kept before they are written. */
const WORDS_PER_PAGE = 4096;
const KEYS_PER_WRITE = 8192;

/** A rare word next to a frequent word of its scope, as the words table has them. */
export interface NearWordRow {
  scope: string;
  rare: string;
  rareCount: number;
  rarePlace: WordPlace;
  frequent: string;
  frequentCount: number;
}

/**
 * Words seen at most `rareMax` times that are one edit (by `distance`) away
 * from a word of the same scope seen at least `frequentMin` times, from the
 * `words` table (see word-counts.ts). Candidates come from shared deletion
 * keys, so the work grows with the vocabulary, not with its square. One
 * suggestion per rare word: its most frequent neighbour (ties: alphabetical).
 * The pairs are read with one statement, open while the rows are yielded: it
 * only reads, and so may its consumer, but nothing may write to the
 * connection until the generator is done (or returned).
 */
export function* nearWordRows(
  db: Database.Database,
  rareMax: number,
  frequentMin: number,
  deletionKeys: (word: string) => string[],
  distance: (a: string, b: string) => number,
): Generator<NearWordRow> {
  db.exec(`
    DROP TABLE IF EXISTS dkeys;
    CREATE TEMP TABLE dkeys (scope TEXT NOT NULL, dkey TEXT NOT NULL, word TEXT NOT NULL, frequent INTEGER NOT NULL);
  `);
  const insert = db.prepare('INSERT INTO dkeys (scope, dkey, word, frequent) VALUES (?, ?, ?, ?)');
  const write = db.transaction((rows: [string, string, string, number][]) => {
    for (const r of rows) insert.run(...r);
  });
  // The words are read a page at a time (in key order, from where the last page ended), and each
  // page is read whole before its deletion keys are written: a write (and a transaction) needs no
  // statement of the connection to be reading (better-sqlite3 refuses it while an iterator is
  // open), and memory holds at most a page of words and a batch of keys, whatever the vocabulary.
  const first = db.prepare('SELECT scope, word, n FROM words WHERE n <= ? OR n >= ? ORDER BY scope, word LIMIT ?');
  const next = db.prepare('SELECT scope, word, n FROM words WHERE (scope, word) > (?, ?) AND (n <= ? OR n >= ?) ORDER BY scope, word LIMIT ?');
  const batch: [string, string, string, number][] = [];
  let page = first.all(rareMax, frequentMin, WORDS_PER_PAGE) as { scope: string; word: string; n: number }[];
  while (page.length > 0) {
    for (const row of page) {
      const frequent = row.n >= frequentMin ? 1 : 0;
      for (const key of deletionKeys(row.word)) batch.push([row.scope, key, row.word, frequent]);
      if (batch.length >= KEYS_PER_WRITE) write(batch.splice(0));
    }
    if (page.length < WORDS_PER_PAGE) break;
    const last = page[page.length - 1]!;
    page = next.all(last.scope, last.word, rareMax, frequentMin, WORDS_PER_PAGE) as typeof page;
  }
  write(batch.splice(0));
  db.exec('CREATE INDEX dkeys_key ON dkeys (scope, dkey, frequent)');
  const pairs = db
    .prepare(
      `SELECT DISTINCT r.scope AS scope, r.word AS rare, f.word AS frequent, wf.n AS fn
         FROM dkeys r
         JOIN dkeys f ON f.scope = r.scope AND f.dkey = r.dkey AND f.frequent = 1
         JOIN words wf ON wf.scope = f.scope AND wf.word = f.word
        WHERE r.frequent = 0 AND r.word <> f.word
        ORDER BY r.scope, r.word, wf.n DESC, f.word`,
    )
    .iterate() as IterableIterator<{ scope: string; rare: string; frequent: string; fn: number }>;
  const lookup = db.prepare('SELECT n, rec, field, sub FROM words WHERE scope = ? AND word = ?');
  let done = '';
  for (const p of pairs) {
    const id = `${p.scope}\u0000${p.rare}`;
    if (id === done || distance(p.rare, p.frequent) !== 1) continue;
    done = id;
    const rare = lookup.get(p.scope, p.rare) as { n: number; rec: number; field: number; sub: string | null };
    yield {
      scope: p.scope,
      rare: p.rare,
      rareCount: rare.n,
      rarePlace: { rec: rare.rec, field: rare.field, subfield: rare.sub ?? undefined },
      frequent: p.frequent,
      frequentCount: p.fn,
    };
  }
}
