import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { KitapError } from '@kitap/core';
import type { StandInStore } from './stand-in-store.js';

const BATCH = 1000;

/**
 * Loads a `web-rabis.jsonl` file into the store, a thousand lines per
 * transaction; departments the dictionary lacks are added. Records already
 * there (same key) are skipped, so a persistent store can be preloaded again.
 * Throws `KitapError('E_INPUT')` naming the line of a line that is not JSON
 * or a record the store rejects (two records with one inventory number…).
 */
export async function preloadRecords(store: StandInStore, file: string): Promise<number> {
  let lineNo = 0;
  let loaded = 0;
  let batch: { line: number; record: unknown }[] = [];
  const flush = (): void => {
    const results = store.importBatch(
      batch.map((b) => b.record),
      { addDepartments: true },
    );
    results.forEach((r, i) => {
      if (r.status === 'rejected') throw new KitapError('E_INPUT', `cannot preload the record: ${r.message ?? 'rejected'}`, { file, line: batch[i]?.line ?? 0 });
      if (r.status === 'created') loaded++;
    });
    batch = [];
  };
  try {
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) {
      lineNo++;
      const text = lineNo === 1 ? line.replace(/^\uFEFF/, '') : line;
      if (text.trim() === '') continue;
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch {
        throw new KitapError('E_INPUT', 'the line is not JSON', { file, line: lineNo });
      }
      batch.push({ line: lineNo, record });
      if (batch.length >= BATCH) flush();
    }
  } catch (error) {
    if (error instanceof KitapError) throw error;
    throw new KitapError('E_INPUT', `cannot read the records to preload: ${error instanceof Error ? error.message : String(error)}`, { file });
  }
  if (batch.length > 0) flush();
  return loaded;
}
