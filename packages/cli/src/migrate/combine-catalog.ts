import { BufferedSink, AtomicFile, KitapError } from '@kitap/core';
import { readIso2709 } from '@kitap/marc';
import { openDatabase } from '@kitap/store';
import { jsonlLines } from './jsonl-lines.js';

export interface CombineCounts {
  /** Records of the merged catalog read. */
  catalog: number;
  /** Of them, replaced by their version with the 1C copies attached. */
  attached: number;
  /** New records the inventory made for editions the catalog lacks. */
  created: number;
  /** Records written: catalog + created. */
  written: number;
}

interface EbookLine {
  kitap?: { action?: string; catalogRecord?: number };
}

/** What the inventory did with the record of line n: made it, or attached copies to the catalog's record at a position (1-based). */
function actionOf(line: string, file: string, n: number): { action: 'create' } | { action: 'attach'; position: number } {
  const parsed = JSON.parse(line) as EbookLine;
  const action = parsed.kitap?.action;
  if (action === 'create') return { action };
  const position = parsed.kitap?.catalogRecord;
  if (action === 'attach' && typeof position === 'number') return { action, position };
  throw new KitapError('E_INPUT', `line ${n} has no kitap.action (and kitap.catalogRecord for attach): not an output of kitap inventory`, { file, line: n });
}

/**
 * The whole catalog after the inventory: every record of the merged catalog in
 * its order — the ones that received 1C copies in their new version, the
 * others byte for byte — then the new records. `records.mrc` and
 * `web-rabis.jsonl` of the inventory are read side by side (they are in the
 * same order); the attached versions wait in a temporary SQLite store, so
 * memory does not grow with the catalog.
 */
export async function combineCatalog(merged: string, inventoryRecords: string, inventoryJsonl: string, output: string): Promise<CombineCounts> {
  const store = openDatabase();
  const counts: CombineCounts = { catalog: 0, attached: 0, created: 0, written: 0 };
  const sink = new BufferedSink(new AtomicFile(output), 1 << 18);
  try {
    store.db.exec('CREATE TABLE attached (position INTEGER PRIMARY KEY, bytes BLOB NOT NULL, used INTEGER NOT NULL DEFAULT 0)');
    const put = store.db.prepare('INSERT INTO attached (position, bytes) VALUES (?, ?)');
    const pairs = async function* (): AsyncGenerator<({ action: 'create' } | { action: 'attach'; position: number }) & { bytes: Uint8Array }> {
      const lines = jsonlLines(inventoryJsonl);
      let n = 0;
      for await (const item of readIso2709(inventoryRecords, { file: inventoryRecords, mode: 'strict' })) {
        n++;
        const next = await lines.next();
        if (next.done) throw new KitapError('E_INPUT', `records.mrc has more records than web-rabis.jsonl has lines (${n})`, { file: inventoryJsonl });
        if (item.kind !== 'record' || !item.record.sourceBytes) throw new KitapError('E_INPUT', `record ${n} cannot be read`, { file: inventoryRecords, index: n - 1 });
        yield { ...actionOf(next.value, inventoryJsonl, n), bytes: item.record.sourceBytes };
      }
      if (!(await lines.next()).done) throw new KitapError('E_INPUT', `web-rabis.jsonl has more lines than records.mrc has records (${n})`, { file: inventoryJsonl });
    };
    for await (const p of pairs()) if (p.action === 'attach') put.run(p.position, Buffer.from(p.bytes));

    const take = store.db.prepare<[number], { bytes: Buffer }>('SELECT bytes FROM attached WHERE position = ?');
    const mark = store.db.prepare('UPDATE attached SET used = 1 WHERE position = ?');
    for await (const item of readIso2709(merged, { file: merged, mode: 'strict' })) {
      if (item.kind !== 'record' || !item.record.sourceBytes) throw new KitapError('E_INPUT', `record ${counts.catalog + 1} cannot be read`, { file: merged, index: counts.catalog });
      counts.catalog++;
      const row = take.get(counts.catalog);
      if (row) {
        mark.run(counts.catalog);
        counts.attached++;
        await sink.write(row.bytes);
      } else await sink.write(item.record.sourceBytes);
      counts.written++;
    }
    const unused = store.db.prepare<[], { position: number }>('SELECT position FROM attached WHERE used = 0 ORDER BY position LIMIT 1').get();
    if (unused) throw new KitapError('E_LEDGER', `the inventory attached copies to catalog record ${unused.position}, which the merged catalog does not have`, { file: inventoryJsonl });
    for await (const p of pairs()) {
      if (p.action !== 'create') continue;
      counts.created++;
      await sink.write(p.bytes);
      counts.written++;
    }
    await sink.close();
    return counts;
  } catch (error) {
    await sink.abort();
    throw error;
  } finally {
    store.close();
  }
}
