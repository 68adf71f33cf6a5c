import type { Finding, Place } from '@kitap/core';
import type { RabisCard, RabisCopy, RabisRef } from '../client/rabis-responses.js';
import { DeliveryLog } from './delivery-log.js';
import { readDeliveryRecord } from './delivery-record.js';
import { jsonlLines } from './jsonl-lines.js';

/** The finding ids of `verify` (rule ids in the Finding shape). */
export const VERIFY_FINDINGS = {
  RABIS_COPY_MISSING: 'The inventory number of a copy is not in Web-RABIS.',
  RABIS_COPY_WRONG_DEPARTMENT: 'The copy is in Web-RABIS under another department than the migration mapped it to.',
  RABIS_COPY_WRONG_RECORD: 'The copy is in Web-RABIS on another catalog record than the one it was delivered with.',
  RABIS_RECORD_UNREADABLE: 'A line of web-rabis.jsonl is not a record, so its copies cannot be checked.',
} as const;

/** A finding id of `verify`. */
export type VerifyFindingId = keyof typeof VERIFY_FINDINGS;

/** What `verify` needs of a client (a `RabisClient` is one). */
export interface RabisVerifier {
  findCopy(invNumber: string, signal?: AbortSignal): Promise<RabisCopy | undefined>;
  card(id: string | number, signal?: AbortSignal): Promise<RabisCard>;
}

/** How to verify a file. */
export interface VerifyOptions {
  client: RabisVerifier;
  /**
   * The delivery log of the file: gives the Web-RABIS id each record got, so a
   * copy on another record is caught by id. Without it (or for a record the
   * log has no id for) the record is checked by the title on its card.
   */
  logPath?: string;
  /** Copies looked up at once (default 16; the client's own limit still applies). */
  concurrency?: number;
  signal?: AbortSignal;
  /**
   * Called before the first lookup with the records and copies there are to
   * check (for a progress bar): with it, the file is read once more first,
   * to count them.
   */
  onStart?: (totals: { records: number; copies: number }) => void;
  /** Called after each copy checked, with the number checked so far. */
  onProgress?: (checked: number) => void;
}

/** The counts of a verification: copies = ok + missing + wrong. */
export interface VerifyCounts {
  /** Records (lines) read, unreadable ones included. */
  records: number;
  unreadable: number;
  /** Copies checked. */
  copies: number;
  /** Present under the right department and record. */
  ok: number;
  missing: number;
  /** Present but wrong in department, record or both. */
  wrong: number;
  wrongDepartment: number;
  wrongRecord: number;
}

/** Findings (in file order) and counts. */
export interface VerifyReport {
  findings: Finding[];
  counts: VerifyCounts;
}

interface Expected {
  place: Place;
  label?: string;
  invNumber: string;
  department?: { code?: string; name?: string };
  /** The Web-RABIS id of the record, from the delivery log. */
  remoteId?: string;
  title?: string;
  order: number;
}

/**
 * Checks a migration: for each copy (`inv`) of each record of a
 * `web-rabis.jsonl` file, is its inventory number in Web-RABIS, under the
 * department the migration mapped it to, and on the record it was delivered
 * with? Each problem is a finding (`RABIS_COPY_MISSING`,
 * `RABIS_COPY_WRONG_DEPARTMENT`, `RABIS_COPY_WRONG_RECORD`) placed at the
 * record's line. Departments are compared by code (by name when Web-RABIS
 * gives no code).
 */
export async function verify(jsonlPath: string, options: VerifyOptions): Promise<VerifyReport> {
  const { client, signal } = options;
  const log = options.logPath === undefined ? undefined : DeliveryLog.openForReading(options.logPath);
  const counts: VerifyCounts = { records: 0, unreadable: 0, copies: 0, ok: 0, missing: 0, wrong: 0, wrongDepartment: 0, wrongRecord: 0 };
  const findings: { order: number; finding: Finding }[] = [];
  const cards = new Map<string, Promise<RabisCard | undefined>>();
  const limit = Math.max(1, options.concurrency ?? 16);
  const inFlight = new Set<Promise<void>>();
  let order = 0;

  const cardOf = (id: string): Promise<RabisCard | undefined> => {
    let card = cards.get(id);
    if (card === undefined) {
      card = client.card(id, signal);
      cards.set(id, card);
    }
    return card;
  };

  const check = async (expected: Expected): Promise<void> => {
    const copy = await client.findCopy(expected.invNumber, signal);
    counts.copies++;
    if (copy === undefined) {
      counts.missing++;
      findings.push({ order: expected.order, finding: finding('RABIS_COPY_MISSING', expected, `inventory number ${expected.invNumber} is not in Web-RABIS`, { expected: expected.invNumber }) });
      return;
    }
    let wrong = false;
    if (expected.department !== undefined && !sameDepartment(expected.department, copy.department)) {
      wrong = true;
      counts.wrongDepartment++;
      findings.push({
        order: expected.order,
        finding: finding('RABIS_COPY_WRONG_DEPARTMENT', expected, `copy ${expected.invNumber} is under ${describeRef(copy.department)} in Web-RABIS, not ${describeRef(expected.department)}`, {
          actual: describeRef(copy.department),
          expected: describeRef(expected.department),
        }),
      });
    }
    const onRecord = copy.ebookId === undefined || copy.ebookId === null ? undefined : String(copy.ebookId);
    if (onRecord !== undefined) {
      let mismatch: { actual: string; expected: string } | undefined;
      if (expected.remoteId !== undefined) {
        if (onRecord !== expected.remoteId) mismatch = { actual: `record ${onRecord}`, expected: `record ${expected.remoteId}` };
      } else if (expected.title !== undefined) {
        const card = await cardOf(onRecord);
        const title = card?.title ?? undefined;
        if (title !== undefined && foldTitle(title) !== foldTitle(expected.title)) mismatch = { actual: `record ${onRecord} «${title}»`, expected: `«${expected.title}»` };
      }
      if (mismatch !== undefined) {
        wrong = true;
        counts.wrongRecord++;
        findings.push({
          order: expected.order,
          finding: finding('RABIS_COPY_WRONG_RECORD', expected, `copy ${expected.invNumber} is on ${mismatch.actual} in Web-RABIS, not on ${mismatch.expected}`, mismatch),
        });
      }
    }
    if (wrong) counts.wrong++;
    else counts.ok++;
  };

  let failure: unknown;
  // Tasks never reject: the first failure is kept and stops the reading.
  const schedule = async (expected: Expected): Promise<void> => {
    while (inFlight.size >= limit) await Promise.race(inFlight);
    const task: Promise<void> = check(expected)
      .then(() => options.onProgress?.(counts.copies))
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  try {
    if (options.onStart !== undefined) options.onStart(await countToCheck(jsonlPath));
    let index = 0;
    for await (const { line, text } of jsonlLines(jsonlPath)) {
      const place: Place = { file: jsonlPath, line, index };
      index++;
      counts.records++;
      const record = readDeliveryRecord(text);
      if (!record.ok) {
        counts.unreadable++;
        findings.push({ order: order++, finding: { ruleId: 'RABIS_RECORD_UNREADABLE', severity: 'error', message: `line ${line}: ${record.reason}`, place } });
        continue;
      }
      if (record.controlNumber !== undefined) place.recordId = record.controlNumber;
      const remoteId = log?.remoteId(record.hash);
      for (const copy of copiesOf(record.record)) {
        const invNumber = stringAt(copy, 'invNumber');
        if (invNumber === undefined) continue;
        const department = isObject(copy) && isObject(copy['department']) ? copy['department'] : undefined;
        const expected: Expected = {
          place,
          invNumber,
          order: order++,
          ...(record.title === undefined ? {} : { title: record.title, label: record.title }),
          ...(remoteId === undefined ? {} : { remoteId }),
          ...(department === undefined ? {} : { department: { ...optional('code', stringAt(department, 'code')), ...optional('name', stringAt(department, 'name')) } }),
        };
        if (failure !== undefined) break;
        await schedule(expected);
      }
      if (failure !== undefined) break;
    }
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
  } finally {
    log?.close();
  }
  findings.sort((a, b) => a.order - b.order);
  return { findings: findings.map((f) => f.finding), counts };
}

/** The records (lines) of a file and the copies with an inventory number that `verify` will look up. */
async function countToCheck(jsonlPath: string): Promise<{ records: number; copies: number }> {
  const totals = { records: 0, copies: 0 };
  for await (const { text } of jsonlLines(jsonlPath)) {
    totals.records++;
    const record = readDeliveryRecord(text);
    if (record.ok) totals.copies += copiesOf(record.record).filter((copy) => stringAt(copy, 'invNumber') !== undefined).length;
  }
  return totals;
}

function copiesOf(record: Record<string, unknown>): unknown[] {
  const inv = record['inv'];
  return Array.isArray(inv) ? inv : [];
}

function finding(ruleId: VerifyFindingId, expected: Expected, message: string, values: { actual?: string; expected?: string }): Finding {
  return {
    ruleId,
    severity: 'error',
    message,
    place: expected.place,
    ...(values.actual === undefined ? {} : { actual: values.actual }),
    ...(values.expected === undefined ? {} : { expected: values.expected }),
    ...(expected.label === undefined ? {} : { label: expected.label }),
  };
}

function sameDepartment(expected: { code?: string; name?: string }, actual: RabisRef | null | undefined): boolean {
  if (actual === undefined || actual === null) return false;
  const actualCode = actual.code ?? undefined;
  if (expected.code !== undefined && actualCode !== undefined) return fold(expected.code) === fold(actualCode);
  const actualName = actual.name ?? undefined;
  const expectedName = expected.name ?? expected.code;
  if (expectedName !== undefined && actualName !== undefined) return fold(expectedName) === fold(actualName);
  return false;
}

function describeRef(ref: { code?: string | null | undefined; name?: string | null | undefined } | null | undefined): string {
  if (ref === undefined || ref === null) return 'no department';
  const code = ref.code ?? undefined;
  const name = ref.name ?? undefined;
  if (code !== undefined && name !== undefined && name !== code) return `${code} «${name}»`;
  return code ?? (name === undefined ? 'a department without code or name' : `«${name}»`);
}

/** Case, spacing and punctuation do not make two titles different. */
function foldTitle(title: string): string {
  return title.normalize('NFC').toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/[\p{P}\p{S}\s]+/gu, ' ').trim();
}

function fold(text: string): string {
  return text.normalize('NFC').trim().toLocaleLowerCase('ru');
}

function stringAt(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return undefined;
  const item = value[key];
  return typeof item === 'string' && item.trim() !== '' ? item : undefined;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
