import { createHash } from 'node:crypto';
import { z } from 'zod';

/*
 * What the stand-in accepts as a record to import: kitap's `web-rabis.jsonl`
 * shape (see `webRabisEbookSchema` of @kitap/inventory), read leniently — a
 * title and a list of copies with inventory numbers are required, everything
 * else is kept as it comes. The real Web-RABIS import format is not publicly
 * known; this is kitap's assumption, like the import route itself.
 */

const ref = z.looseObject({ code: z.string().trim().min(1), name: z.string().optional() });

/** A copy ("inv") in an imported record: an inventory number; department and state by code when given. */
export const importInvSchema = z.looseObject({
  invNumber: z.string().trim().min(1),
  barcode: z.string().optional(),
  department: ref.optional(),
  state: ref.optional(),
});

/** A record ("ebook") to import: a title and its copies; `kitap.controlNumber` identifies it across batches. */
export const importRecordSchema = z.looseObject({
  title: z.string().trim().min(1),
  author: z.string().optional(),
  volumeNumber: z.string().optional(),
  bbk: z.string().optional(),
  udc: z.string().optional(),
  language: z.looseObject({ language: z.string() }).optional(),
  inv: z.array(importInvSchema),
  kitap: z.looseObject({ controlNumber: z.string().trim().min(1) }).optional(),
});

/** A record as the stand-in read it. */
export type ImportRecord = z.infer<typeof importRecordSchema>;
/** A copy as the stand-in read it. */
export type ImportInv = z.infer<typeof importInvSchema>;

/**
 * The identity of a record across batches: its `kitap.controlNumber`, or
 * `sha256:` and the hash of its canonical JSON (keys sorted) when it has none
 * (also for a record that does not fit the schema, so a rejected record has a
 * key too). A record whose key was imported before answers `exists`.
 */
export function importRecordKey(raw: unknown): string {
  if (typeof raw === 'object' && raw !== null) {
    const kitap = (raw as { kitap?: unknown }).kitap;
    if (typeof kitap === 'object' && kitap !== null) {
      const cn = (kitap as { controlNumber?: unknown }).controlNumber;
      if (typeof cn === 'string' && cn.trim() !== '') return cn.trim();
    }
  }
  return `sha256:${createHash('sha256').update(canonicalJson(raw ?? null)).digest('hex')}`;
}

/** JSON with object keys sorted at every level, so equal documents hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A short account of why a record does not fit the schema, for the `rejected` result. */
export function describeImportIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((i) => `${i.path.length > 0 ? i.path.join('.') : 'record'}: ${i.message}`);
  if (error.issues.length > shown.length) shown.push(`and ${error.issues.length - shown.length} more`);
  return shown.join('; ');
}
