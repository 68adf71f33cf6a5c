import type { RabisImportResult } from '../client/rabis-responses.js';
import type { RecordOutcome } from './delivery-log.js';

/** A record of a sent batch, with the keys an answer may name it by. */
export interface SentRecord {
  hash: string;
  controlNumber?: string;
}

/**
 * What became of each record of a batch, from the import answer. A result is
 * matched by its `key` (the record's hash, `sha256:<hash>`, or its
 * `kitap.controlNumber` — kitap's assumed import answers with one of these),
 * otherwise by its position. `created` and `exists` confirm a record;
 * `rejected` fails it with the server's message; a record the answer does not
 * mention fails too, so nothing stays unaccounted for.
 */
export function importOutcomes(records: readonly SentRecord[], results: readonly RabisImportResult[]): RecordOutcome[] {
  const byKey = new Map<string, number[]>();
  const add = (key: string, position: number) => {
    const list = byKey.get(key);
    if (list) list.push(position);
    else byKey.set(key, [position]);
  };
  records.forEach((record, position) => {
    add(record.hash, position);
    add(`sha256:${record.hash}`, position);
    if (record.controlNumber !== undefined) add(record.controlNumber, position);
  });

  const matched: (RabisImportResult | undefined)[] = records.map(() => undefined);
  const unkeyed: number[] = [];
  results.forEach((result, index) => {
    const positions = result.key === undefined ? undefined : byKey.get(result.key);
    const position = positions?.find((p) => matched[p] === undefined);
    if (position === undefined) unkeyed.push(index);
    else matched[position] = result;
  });
  for (const index of unkeyed) {
    if (results.length === records.length && matched[index] === undefined) matched[index] = results[index];
  }

  return records.map((record, position): RecordOutcome => {
    const result = matched[position];
    if (result === undefined) return { hash: record.hash, state: 'failed', reason: 'the import answer did not mention this record' };
    const remoteId = result.id === undefined || result.id === null ? {} : { remoteId: String(result.id) };
    if (result.status === 'rejected') {
      return { hash: record.hash, state: 'failed', status: 'rejected', reason: `rejected by Web-RABIS: ${result.message ?? 'no reason given'}`, ...remoteId };
    }
    return { hash: record.hash, state: 'confirmed', status: result.status, ...remoteId };
  });
}
