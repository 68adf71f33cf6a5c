import type { CopyRow, EditionData } from './classify-row.js';

/*
 * How a row of copies is kept in the job store (`row_text`): its edition as
 * JSON in one column and the row's own values in another, so that the stages
 * that write rows out read `row_text` alone. The rows that describe an
 * edition alike share one edition object (`classify-row.ts`): its JSON is
 * made once, and a reader parses it once for a run of such rows.
 */

/**
 * The row's own values as one flat JSON array (no objects, so it is quick to
 * write and to read): the values named here, in this order (the first five
 * always there, the others null when absent), then each copy's inventory
 * number, key and price.
 */
const OWN_VALUES = ['branch', 'branchText', 'money', 'expanded', 'lostLetters', 'department', 'dateReceived', 'batch', 'barcode', 'source', 'receiptAct', 'note'] as const;
const FIRST_OPTIONAL = 5;

const editionTexts = new WeakMap<Readonly<EditionData>, string>();

/** The edition as JSON, made once per edition object. */
export function editionJson(edition: Readonly<EditionData>): string {
  let text = editionTexts.get(edition);
  if (text === undefined) {
    text = JSON.stringify(edition);
    editionTexts.set(edition, text);
  }
  return text;
}

/** The row's own values as JSON: everything but its place (line, raw text) and its edition. */
export function copyRowData(row: CopyRow): string {
  const values: unknown[] = OWN_VALUES.map((key) => row[key] ?? null);
  for (const c of row.copies) values.push(c.inventoryNumber, c.key, c.price);
  return JSON.stringify(values);
}

/** A row of copies as read back from `row_text`. */
export interface StoredCopyRow {
  line: number;
  data: string;
  edition: string;
}

/**
 * Turns stored rows of copies back into `CopyRow`s (without their raw text,
 * which stays in the store). Consecutive rows with the same edition text get
 * one parsed edition.
 */
export class CopyRowReader {
  private lastText: string | undefined;
  private lastEdition: EditionData | undefined;

  read(stored: StoredCopyRow): CopyRow {
    if (stored.edition !== this.lastText) {
      this.lastEdition = Object.freeze(JSON.parse(stored.edition) as EditionData);
      this.lastText = stored.edition;
    }
    const v = JSON.parse(stored.data) as (string | number | boolean | null)[];
    const copies: CopyRow['copies'] = [];
    for (let i = OWN_VALUES.length; i < v.length; i += 3) copies.push({ inventoryNumber: v[i] as string, key: v[i + 1] as string, price: v[i + 2] as number });
    const row: CopyRow = {
      line: stored.line,
      raw: '',
      kind: 'copies',
      branch: v[0] as string,
      branchText: v[1] as string,
      copies,
      money: v[2] as number,
      expanded: v[3] as boolean,
      edition: this.lastEdition!,
      lostLetters: v[4] as number,
    };
    const optional = row as unknown as Record<string, unknown>;
    for (let i = FIRST_OPTIONAL; i < OWN_VALUES.length; i++) if (v[i] !== null) optional[OWN_VALUES[i]!] = v[i];
    return row;
  }
}
