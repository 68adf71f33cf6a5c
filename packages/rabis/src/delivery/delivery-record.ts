import { canonicalJson, recordHash } from './canonical-json.js';

/** A line of `web-rabis.jsonl` as the delivery sees it: the record, its stable hash and what people recognise it by. */
export type DeliveryRecord =
  | {
      ok: true;
      hash: string;
      /** Canonical JSON: what is stored in the log and sent. */
      canonical: string;
      record: Record<string, unknown>;
      /** Copies (`inv[]`) in the record. */
      copies: number;
      title?: string;
      /** `kitap.controlNumber`, the record's 001 in records.mrc. */
      controlNumber?: string;
    }
  | { ok: false; hash: string; reason: string };

/**
 * Reads one line as a record. A line that is not a JSON object cannot be
 * sent; it still gets a hash (of its text) so the ledger counts it as failed.
 */
export function readDeliveryRecord(text: string): DeliveryRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, hash: recordHash(text), reason: 'the line is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, hash: recordHash(text), reason: 'the line is not a JSON object (a record)' };
  const record = value as Record<string, unknown>;
  const canonical = canonicalJson(record);
  const inv = record['inv'];
  const title = record['title'];
  const kitap = record['kitap'];
  const controlNumber = typeof kitap === 'object' && kitap !== null ? (kitap as Record<string, unknown>)['controlNumber'] : undefined;
  return {
    ok: true,
    hash: recordHash(canonical),
    canonical,
    record,
    copies: Array.isArray(inv) ? inv.length : 0,
    ...(typeof title === 'string' ? { title } : {}),
    ...(typeof controlNumber === 'string' && controlNumber !== '' ? { controlNumber } : {}),
  };
}
