import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dottedDate, formatMoney } from '@kitap/holdings';
import { readIso2709All } from '@kitap/marc';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** One row of a flat act table as the tests write it. */
export interface ActRow {
  number: string;
  /** YYYY-MM-DD */
  date: string;
  type: 'write-off' | 'transfer';
  reason?: string;
  from: string;
  to?: string;
  inventoryNumber: string;
  /** Tiyn. */
  price?: number;
}

export const ACT_HEADER = 'act_number;act_date;act_type;reason;from_branch;to_branch;inventory_number;price';

/** A flat act table (UTF-8, `;`), the header on line 1: row n is on line n + 2. */
export function writeActs(path: string, rows: readonly ActRow[]): void {
  const lines = rows.map((r) => [r.number, dottedDate(r.date), r.type, r.reason ?? '', r.from, r.to ?? '', r.inventoryNumber, r.price === undefined ? '' : formatMoney(r.price)].join(';'));
  writeFileSync(path, `${[ACT_HEADER, ...lines].join('\n')}\n`);
}

/** The bytes of each record of an ISO2709 file, as framed by the reader. */
export async function recordFrames(path: string): Promise<Buffer[]> {
  const items = await readIso2709All(path);
  return items.map((item) => {
    if (item.kind !== 'record') throw new Error(`record ${item.reject.place.index}: ${item.reject.message}`);
    return Buffer.from(item.record.sourceBytes!);
  });
}

/** The lines of a text file, each with its line end. */
export function fileLines(path: string): string[] {
  return readFileSync(path, 'utf8').split(/(?<=\n)/);
}
