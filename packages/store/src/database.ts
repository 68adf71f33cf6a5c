import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempFolder } from './temp-folder.js';

export type { Database } from 'better-sqlite3';

/** A SQLite database and how to close it (and remove it, when it was a temporary one). */
export interface OpenDatabase {
  db: Database.Database;
  path: string;
  close(): void;
}

/**
 * Opens (or creates) a SQLite file with settings for batch jobs: WAL for a
 * file that must survive a kill, nothing durable for a temporary one, and a
 * bounded page cache so memory does not grow with the data.
 */
export function openDatabase(path?: string, cacheMb = 64): OpenDatabase {
  const temp = path === undefined ? tempFolder('kitap-store') : undefined;
  const file = path ?? join(temp!.dir, 'store.sqlite');
  const db = new Database(file);
  if (temp) {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
  } else {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma(`cache_size = -${cacheMb * 1024}`);
  db.pragma('temp_store = FILE');
  return {
    db,
    path: file,
    close: () => {
      db.close();
      temp?.remove();
    },
  };
}
