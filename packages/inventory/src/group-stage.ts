import { hasLostLetters, lostLetterEquals } from '@kitap/text';
import { BatchedInsert } from './batched-insert.js';
import type { JobStore } from './job-store.js';

const PAGE = 5000;
/** Lossy keys whose editions are kept in memory at most (a bounded cache, emptied when full). */
const RECENT = 50_000;

interface EditionRow {
  id: number;
  lossy: string;
  precise: string;
  isbn: string | null;
  lost: number;
  firstLine: number;
  /** False while the edition waits in memory to be inserted. */
  stored: boolean;
}

/**
 * Groups the export's copy rows into editions, in the order of the rows (so
 * edition numbers, and the records made from them, do not depend on anything
 * but the input):
 * - equal precise keys (title | author | year) and no conflicting ISBNs: one edition;
 * - a row with letters lost as "?" joins the first edition its key matches
 *   letter for letter (a lost letter standing for a Kazakh one);
 * - an edition started by such a row takes the first clean row that matches
 *   it, and with it the clean key.
 * Editions are numbered 1, 2, … in the order of their first row. The stage
 * runs in one transaction: a killed run repeats it whole.
 */
export function groupStage(store: JobStore): void {
  const db = store.db;
  const page = db
    .prepare<[number, number], [number, string, string, string | null]>("SELECT line, lossy, precise, isbn FROM rows WHERE kind = 'copies' AND line > ? ORDER BY line LIMIT ?")
    .raw(true);
  const candidates = db.prepare<[string], { id: number; precise: string; isbn: string | null; lost: number; first_line: number }>(
    'SELECT id, precise, isbn, lost, first_line FROM editions WHERE lossy = ? ORDER BY id',
  );
  const cleanUp = db.prepare('UPDATE editions SET precise = ?, lost = 0 WHERE id = ?');
  const setIsbn = db.prepare('UPDATE editions SET isbn = ? WHERE id = ?');
  // New editions and the rows' editions are written in batches (see BatchedInsert). A new edition's
  // lossy key is in `recent` until it is written, so the table is asked only about keys whose editions
  // are all written; changes to an edition still in memory are made to it there.
  const insertEditions = new BatchedInsert(db, 'editions', ['id', 'lossy', 'precise', 'isbn', 'lost', 'first_line']);
  const insertRowEditions = new BatchedInsert(db, 'row_editions', ['edition', 'line']);
  let unstored: EditionRow[] = [];
  const flush = (): void => {
    for (const e of unstored) {
      insertEditions.add(e.id, e.lossy, e.precise, e.isbn, e.lost, e.firstLine);
      e.stored = true;
    }
    unstored = [];
    insertEditions.flush();
    insertRowEditions.flush();
  };

  // The editions of recently seen lossy keys, kept in step with the table: the rows of one edition
  // seldom need the index more than once.
  const recent = new Map<string, EditionRow[]>();
  const remember = (lossy: string, rows: EditionRow[]): void => {
    if (recent.size >= RECENT) {
      flush();
      recent.clear();
    }
    recent.set(lossy, rows);
  };

  const run = db.transaction(() => {
    db.prepare('DELETE FROM editions').run();
    db.prepare('DELETE FROM row_editions').run();
    let nextId = 1;
    let after = 0;
    for (;;) {
      const rows = page.all(after, PAGE);
      if (rows.length === 0) break;
      for (const [line, lossy, precise, isbnOrNull] of rows) {
        after = line;
        const isbn = isbnOrNull ?? undefined;
        const lost = hasLostLetters(precise);
        const isbnFits = (e: EditionRow): boolean => isbn === undefined || e.isbn === null || e.isbn === isbn;
        let all = recent.get(lossy);
        if (!all) {
          all = candidates.all(lossy).map((e) => ({ id: e.id, lossy, precise: e.precise, isbn: e.isbn, lost: e.lost, firstLine: e.first_line, stored: true }));
          remember(lossy, all);
        }
        let found: EditionRow | undefined = all.find((e) => e.precise === precise && isbnFits(e));
        if (!found) found = all.find((e) => isbnFits(e) && (lost || e.lost === 1) && lostLetterEquals(e.precise, precise));
        if (found) {
          if (found.lost === 1 && !lost) {
            if (found.stored) cleanUp.run(precise, found.id);
            found.precise = precise;
            found.lost = 0;
          }
          if (found.isbn === null && isbn !== undefined) {
            if (found.stored) setIsbn.run(isbn, found.id);
            found.isbn = isbn;
          }
        } else {
          found = { id: nextId++, lossy, precise, isbn: isbn ?? null, lost: lost ? 1 : 0, firstLine: line, stored: false };
          all.push(found);
          unstored.push(found);
        }
        insertRowEditions.add(found.id, line);
      }
      flush();
    }
    store.markDone('group');
  });
  run();
}
