import { KitapError } from '@kitap/core';
import { existsSync, rmSync } from 'node:fs';
import { type Database, openDatabase } from '@kitap/store';

/*
 * The state of one `kitap inventory` run, in SQLite beside its outputs
 * (`<out>/job.sqlite`). Every stage writes in transactions with its
 * checkpoint in the same transaction, so a run killed at any moment resumes
 * from the last commit and finishes with the same output as an uninterrupted
 * one. The fingerprint (input file, size and time, options) decides whether a
 * stored state belongs to this run; if not, it is thrown away.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rows (
  -- one narrow row per line: what the ledger, the report and the grouping scan (the bulky text is in row_text)
  line INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,            -- copies | batch | reject | total | already | deleted | preamble | header | blank
  branch TEXT,
  copies INTEGER NOT NULL,
  money INTEGER NOT NULL,
  lost INTEGER NOT NULL DEFAULT 0,
  offset INTEGER,
  code TEXT, col TEXT, message TEXT,
  related TEXT,                  -- where the other copy with the same inventory number is
  lossy TEXT, precise TEXT, isbn TEXT,  -- edition keys of a copies row
  warning TEXT                   -- bytes of the row's cells the encoding could not read (replaced by U+FFFD)
);
CREATE TABLE IF NOT EXISTS row_text (
  -- the bulky part of every row, read only by the stages that turn rows into output
  line INTEGER PRIMARY KEY,
  raw TEXT NOT NULL,
  data TEXT,                     -- a batch row: the classified row (JSON); a copies row: its own values (stored-row.ts)
  edition TEXT                   -- a copies row: its edition (JSON, the same text for rows that describe it alike)
);
-- the rows of copies of each edition, in edition order (one b-tree); a row the attach stage takes out of the
-- copies (already in the catalog, a duplicate of a catalog copy) leaves it, so the writers read the copies of
-- an edition from here alone
CREATE TABLE IF NOT EXISTS row_editions (edition INTEGER NOT NULL, line INTEGER NOT NULL, PRIMARY KEY (edition, line)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS copies (key TEXT PRIMARY KEY, line INTEGER NOT NULL, inventory_number TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS editions (
  id INTEGER PRIMARY KEY,
  lossy TEXT NOT NULL,
  precise TEXT NOT NULL,
  isbn TEXT,
  lost INTEGER NOT NULL,
  first_line INTEGER NOT NULL,
  catalog INTEGER,
  score REAL,
  explanation TEXT,
  review TEXT                    -- a catalog record in the grey zone, for people to check
);
CREATE INDEX IF NOT EXISTS editions_lossy ON editions(lossy);
CREATE TABLE IF NOT EXISTS catalog (idx INTEGER PRIMARY KEY, id TEXT, offset INTEGER, raw BLOB NOT NULL, title_lossy TEXT NOT NULL, features TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS catalog_title ON catalog(title_lossy);
CREATE TABLE IF NOT EXISTS catalog_isbn (isbn TEXT NOT NULL, idx INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS catalog_isbn_key ON catalog_isbn(isbn);
CREATE TABLE IF NOT EXISTS catalog_inv (key TEXT NOT NULL, idx INTEGER NOT NULL, inventory_number TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS catalog_inv_key ON catalog_inv(key);
CREATE TABLE IF NOT EXISTS catalog_rejects (idx INTEGER PRIMARY KEY, code TEXT NOT NULL, message TEXT NOT NULL, offset INTEGER);
`;

export class JobStore {
  readonly db: Database;
  private readonly closeDb: () => void;
  private readonly getMeta;
  private readonly setMetaStmt;

  private constructor(path: string) {
    const opened = openDatabase(path);
    this.db = opened.db;
    this.closeDb = opened.close;
    // The job state is rebuilt from the export when it is lost, so commits need not wait for the disk
    // (a killed process loses nothing committed; only an OS crash could). A rollback journal rather than
    // WAL: the stages mostly append rows, which a rollback journal writes once, straight into the file
    // (WAL writes every page twice, to the log and again at its checkpoints), and a transaction killed
    // midway is rolled back from the journal when the job is opened again.
    this.db.pragma('journal_mode = DELETE');
    this.db.pragma('synchronous = OFF');
    this.db.exec(SCHEMA);
    this.getMeta = this.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.setMetaStmt = this.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  /**
   * Opens the job state at `path`; a state left by a run with another
   * fingerprint (different input or options) is deleted first.
   */
  static open(path: string, fingerprint: string): { store: JobStore; resumed: boolean } {
    try {
      return JobStore.#open(path, fingerprint);
    } catch (error) {
      throw asJobStateError(error, path);
    }
  }

  static #open(path: string, fingerprint: string): { store: JobStore; resumed: boolean } {
    if (existsSync(path)) {
      const store = new JobStore(path);
      if (store.meta('fingerprint') === fingerprint) return { store, resumed: store.meta('stage') !== undefined };
      store.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    }
    const store = new JobStore(path);
    store.setMeta('fingerprint', fingerprint);
    return { store, resumed: false };
  }

  meta(key: string): string | undefined {
    return this.getMeta.get(key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.setMetaStmt.run(key, value);
  }

  /** True when the stage finished in an earlier run (or earlier in this one). */
  done(stage: string): boolean {
    return this.meta(`done.${stage}`) === '1';
  }

  markDone(stage: string): void {
    this.setMeta(`done.${stage}`, '1');
    this.setMeta('stage', stage);
  }

  /**
   * Closes the database. A statement still iterating (a reader an error left
   * behind) keeps the connection busy and SQLite cannot close it then; that
   * must never replace the error the run is failing with, so the connection
   * is left to the end of the process instead (everything was committed
   * already). Any other failure to close is thrown.
   */
  close(): void {
    try {
      this.closeDb();
    } catch (error) {
      if (!isBusyConnection(error)) throw error;
    }
  }
}

/** better-sqlite3's complaint when a connection is closed while a statement iterates. */
function isBusyConnection(error: unknown): boolean {
  return error instanceof TypeError && /busy executing a query/.test(error.message);
}

/**
 * SQLite's failure to open or write the job state (a read-only or full folder) as E_OUTPUT naming
 * the file: SQLite's own words ("unable to open database file", "disk I/O error") name none, and
 * are no bug of kitap. Any other error is returned as it is.
 */
export function asJobStateError(error: unknown, path: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^SQLITE_(CANTOPEN|READONLY|PERM|IOERR|FULL)/u.test(code)) {
    return new KitapError('E_OUTPUT', `cannot write the job's state: ${(error as Error).message} (is the folder writable, and is there room on the disk?)`, { file: path });
  }
  return error;
}
