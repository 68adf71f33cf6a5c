import { hasLostLetters, lostLetterEquals } from '@kitap/text';
import type { JobStore } from './job-store.js';

const PAGE = 5000;

interface EditionRow {
  id: number;
  precise: string;
  isbn: string | null;
  lost: number;
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
 * The stage runs in one transaction: a killed run repeats it whole.
 */
export function groupStage(store: JobStore): void {
  const db = store.db;
  const page = db.prepare<[number, number], { line: number; lossy: string; precise: string; isbn: string | null }>(
    "SELECT line, lossy, precise, isbn FROM rows WHERE kind = 'copies' AND line > ? ORDER BY line LIMIT ?",
  );
  const candidates = db.prepare<[string], EditionRow>('SELECT id, precise, isbn, lost FROM editions WHERE lossy = ? ORDER BY id');
  const insert = db.prepare('INSERT INTO editions(lossy, precise, isbn, lost, first_line) VALUES (?, ?, ?, ?, ?)');
  const setRowEdition = db.prepare('INSERT INTO row_editions(edition, line) VALUES (?, ?)');
  const cleanUp = db.prepare('UPDATE editions SET precise = ?, lost = 0 WHERE id = ?');
  const setIsbn = db.prepare('UPDATE editions SET isbn = ? WHERE id = ?');

  // The editions of recently seen lossy keys, kept in step with the table (a bounded cache, emptied
  // when full): the rows of one edition seldom need the index more than once.
  const recent = new Map<string, EditionRow[]>();
  const remember = (lossy: string, rows: EditionRow[]): void => {
    if (recent.size >= 50_000) recent.clear();
    recent.set(lossy, rows);
  };

  const run = db.transaction(() => {
    db.prepare('DELETE FROM editions').run();
    db.prepare('DELETE FROM row_editions').run();
    let after = 0;
    for (;;) {
      const rows = page.all(after, PAGE);
      if (rows.length === 0) break;
      for (const { line, lossy, precise, isbn } of rows) {
        after = line;
        const keys = { lossy, precise, isbn: isbn ?? undefined, lost: hasLostLetters(precise) };
        const isbnFits = (e: EditionRow): boolean => keys.isbn === undefined || e.isbn === null || e.isbn === keys.isbn;
        let all = recent.get(keys.lossy);
        if (!all) {
          all = candidates.all(keys.lossy);
          remember(keys.lossy, all);
        }
        let found: EditionRow | undefined = all.find((e) => e.precise === keys.precise && isbnFits(e));
        if (!found) found = all.find((e) => isbnFits(e) && (keys.lost || e.lost === 1) && lostLetterEquals(e.precise, keys.precise));
        let id: number;
        if (found) {
          id = found.id;
          if (found.lost === 1 && !keys.lost) {
            cleanUp.run(keys.precise, id);
            found.precise = keys.precise;
            found.lost = 0;
          }
          if (found.isbn === null && keys.isbn !== undefined) {
            setIsbn.run(keys.isbn, id);
            found.isbn = keys.isbn;
          }
        } else {
          id = Number(insert.run(keys.lossy, keys.precise, keys.isbn ?? null, keys.lost ? 1 : 0, line).lastInsertRowid);
          all.push({ id, precise: keys.precise, isbn: keys.isbn ?? null, lost: keys.lost ? 1 : 0 });
        }
        setRowEdition.run(id, line);
      }
    }
    store.markDone('group');
  });
  run();
}
