import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level and no insignificant space, so
 * two lines that hold the same record give the same text whatever the key
 * order or spacing of the file.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The stable key of a record in the delivery log: sha256 (hex) of its canonical JSON. */
export function recordHash(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The idempotency key of a batch: derived from the hashes of its records in
 * order, so the same batch sent again (after a lost answer, or by a resumed
 * run) carries the same key, and a different batch never does.
 */
export function batchKey(hashes: readonly string[]): string {
  return `kitap-${createHash('sha256').update(hashes.join('\n')).digest('hex')}`;
}
