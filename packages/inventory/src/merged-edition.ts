import type { CopyRow, EditionData } from './classify-row.js';

const FILLABLE = ['author', 'volume', 'year', 'publisher', 'place', 'isbn', 'bbk', 'udc', 'language'] as const;

/**
 * What the rows of one edition say about it together: the first row without
 * lost letters (else the first row) gives the text, and a field it leaves
 * empty is taken from the next row that has it (one operator typed the ISBN,
 * another the publisher). Rows are in the export's order, so the result is
 * the same on every run.
 */
export function mergedEdition(rows: readonly Pick<CopyRow, 'edition' | 'lostLetters'>[]): EditionData {
  const first = rows.find((r) => r.lostLetters === 0) ?? rows[0]!;
  const out: EditionData = { ...first.edition };
  for (const key of FILLABLE) {
    if (out[key] !== undefined) continue;
    const from = rows.find((r) => r.edition[key] !== undefined);
    if (from) (out as unknown as Record<string, unknown>)[key] = from.edition[key];
  }
  return out;
}
