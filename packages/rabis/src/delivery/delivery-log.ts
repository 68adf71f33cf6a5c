import { type Database, openDatabase } from '@kitap/store';
import { RabisError } from '../client/rabis-error.js';
import { batchKey } from './canonical-json.js';
import type { DeliveryFormat } from './delivery-format.js';

/*
 * The delivery log: one SQLite file that remembers, for every record ever
 * given to `deliver`, whether it was sent, in which batch (idempotency key),
 * and what Web-RABIS answered. Every change of state is one transaction, so a
 * run killed at any moment leaves a log the next run can trust:
 *
 *   pending ──claimBatch──▶ sent ──answer──▶ confirmed | failed(reason)
 *
 * A batch whose answer never came stays `open` with its records `sent`; the
 * next run sends it again with the same key and the same body, and the server
 * answers what it answered the first time instead of importing twice.
 *
 * A log holds one format: canonical JSON of web-rabis.jsonl records, or the
 * bytes of ISO2709 records (the `body` column then holds a BLOB).
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
  hash TEXT PRIMARY KEY,
  copies INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'confirmed', 'failed')),
  batch TEXT,
  batch_pos INTEGER,
  remote_id TEXT,
  status TEXT,
  reason TEXT,
  title TEXT,
  control_number TEXT,
  body TEXT
);
CREATE INDEX IF NOT EXISTS records_state ON records(state);
CREATE INDEX IF NOT EXISTS records_batch ON records(batch, batch_pos);
CREATE TABLE IF NOT EXISTS batches (
  key TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('open', 'answered')),
  records INTEGER NOT NULL,
  sends INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  answered_at TEXT
);
CREATE INDEX IF NOT EXISTS batches_state ON batches(state);
`;

/** A record's state in the log. */
export type DeliveryState = 'pending' | 'sent' | 'confirmed' | 'failed';

/** A line (JSONL) or record (ISO2709) of the file being delivered, as the log takes it in. */
export interface LogEntry {
  hash: string;
  /** Where it is in the file: the line (JSONL), or the 1-based record number (ISO2709). */
  line: number;
  /** ISO2709: the byte offset of the record in the file. */
  offset?: number;
  copies: number;
  /** Canonical JSON (JSONL) or the record's bytes (ISO2709); null for something that is not a record. */
  body: string | Uint8Array | null;
  title?: string;
  controlNumber?: string;
  /** Why the line cannot be sent (it enters the log as failed). */
  unreadable?: string;
}

/** Lines of a file that repeat a record already read from it (delivered once), and their copies. */
export interface IngestDuplicates {
  records: number;
  copies: number;
}

/** The code of a record refused because another record of the push holds its control number. */
export const DUPLICATE_KEY_CODE = 'E_RABIS_DUPLICATE_KEY';

function duplicateKeyReason(
  controlNumber: string,
  other: { hash: string; state: DeliveryState; title: string | null; line: number | null; byte_offset: number | null },
  iso2709: boolean,
): string {
  const title = other.title === null ? '' : ` "${other.title}"`;
  const where =
    other.line === null
      ? `a different record${title} of an earlier run of this delivery log (${other.state})`
      : `a different record${title} at ${iso2709 ? `record ${other.line}${other.byte_offset === null ? '' : `, byte ${other.byte_offset}`}` : `line ${other.line}`} of this file`;
  return `${DUPLICATE_KEY_CODE}: control number ${controlNumber} is already used by ${where}; Web-RABIS keys records by control number and would not store this one or its copies (give it its own control number)`;
}

/** A record of a batch: its hash, its body (canonical JSON or ISO2709 bytes) and its control number when known. */
export interface LogBatchRecord {
  hash: string;
  body: string | Uint8Array;
  controlNumber?: string;
}

/** A batch to send: its idempotency key and its records, in order. */
export interface LogBatch {
  key: string;
  records: LogBatchRecord[];
}

/** What became of one record of an answered batch. */
export interface RecordOutcome {
  hash: string;
  state: 'confirmed' | 'failed';
  remoteId?: string;
  status?: string;
  reason?: string;
}

/** Counts of records and their copies in each state, over the file being delivered. */
export interface LogCounts {
  records: Record<DeliveryState, number> & { in: number };
  copies: Record<DeliveryState, number> & { in: number };
}

/** A failed record of the file: where it is and why. */
export interface LogFailure {
  hash: string;
  /** The line (JSONL), or the 1-based record number (ISO2709). */
  line: number;
  /** ISO2709: the byte offset of the record in the file. */
  offset?: number;
  reason: string;
  /** The stable code of the reason, when it has one (`E_RABIS_DUPLICATE_KEY`). */
  code?: string;
  title?: string;
  controlNumber?: string;
}

/** The delivery log of one destination (base URL and import route). */
export class DeliveryLog {
  readonly path: string;
  readonly #db: Database;
  readonly #close: () => void;

  private constructor(path: string) {
    const opened = openDatabase(path, 16);
    this.path = path;
    this.#db = opened.db;
    this.#close = opened.close;
    this.#db.exec(SCHEMA);
    // The records of the file this run delivers (a log may outlive one file).
    this.#db.exec('CREATE TEMP TABLE IF NOT EXISTS file_records (hash TEXT PRIMARY KEY, line INTEGER NOT NULL, byte_offset INTEGER)');
    this.#db.exec('CREATE INDEX IF NOT EXISTS temp.file_records_line ON file_records(line)');
  }

  /**
   * Opens (or creates) the log at `path` for `target` (the destination: base
   * URL and import route) and `format`. A log of another destination is
   * refused: records it calls confirmed are not in this one. So is a log of
   * the other format (a log written before formats were kept holds JSONL).
   */
  static open(path: string, target: string, format: DeliveryFormat = 'jsonl'): DeliveryLog {
    const log = new DeliveryLog(path);
    const stored = log.meta('target');
    const storedFormat = log.meta('format') ?? (stored === undefined ? undefined : 'jsonl');
    let problem: string | undefined;
    if (stored !== undefined && stored !== target) problem = `the delivery log ${path} belongs to ${stored}, not ${target}; use another log for another destination`;
    else if (storedFormat !== undefined && storedFormat !== format) problem = `the delivery log ${path} holds ${storedFormat} records, not ${format}; use another log for another format`;
    if (problem !== undefined) {
      log.close();
      throw new RabisError('E_RABIS_DELIVERY_LOG', problem, {}, { file: path });
    }
    if (stored === undefined) log.setMeta('target', target);
    if (log.meta('format') === undefined) log.setMeta('format', format);
    return log;
  }

  /**
   * Opens an existing log only to read it (verification). Its destination is
   * not checked.
   */
  static openForReading(path: string): DeliveryLog {
    return new DeliveryLog(path);
  }

  meta(key: string): string | undefined {
    return this.#db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.#db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /**
   * Takes in lines of the file: a record new to the log enters as pending
   * (an unreadable line as failed); a known one keeps its state. A new record
   * whose control number (`kitap.controlNumber`, 001) is already held by a
   * DIFFERENT record — earlier in this file, or pending, awaiting an answer
   * or confirmed in an earlier run of this log — enters as failed with
   * `E_RABIS_DUPLICATE_KEY`: Web-RABIS keys records by control number and
   * would answer it `exists` without storing it or its copies. Returns how
   * many lines repeat a record already seen in this file, and their copies.
   */
  ingest(entries: readonly LogEntry[]): IngestDuplicates {
    const addRecord = this.#db.prepare(
      `INSERT OR IGNORE INTO records (hash, copies, state, reason, title, control_number, body) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const addFile = this.#db.prepare('INSERT OR IGNORE INTO file_records (hash, line, byte_offset) VALUES (?, ?, ?)');
    const known = this.#db.prepare<[string], { state: DeliveryState }>('SELECT state FROM records WHERE hash = ?');
    // The record that holds a control number: one of this file read so far (first in file order), else one an earlier run sent or will send.
    const holder = this.#db.prepare<[string, string], { hash: string; state: DeliveryState; title: string | null; line: number | null; byte_offset: number | null }>(
      `SELECT r.hash, r.state, r.title, f.line, f.byte_offset FROM records r LEFT JOIN file_records f ON f.hash = r.hash
       WHERE r.control_number = ? AND r.hash <> ? AND r.body IS NOT NULL
         AND ((f.line IS NOT NULL AND coalesce(r.reason, '') NOT LIKE 'E_RABIS_DUPLICATE_KEY:%') OR r.state IN ('pending', 'sent', 'confirmed'))
       ORDER BY f.line IS NULL, f.line LIMIT 1`,
    );
    const out: IngestDuplicates = { records: 0, copies: 0 };
    this.#db.transaction(() => {
      for (const entry of entries) {
        const unreadable = entry.unreadable !== undefined;
        let reason = entry.unreadable ?? null;
        if (!unreadable && entry.controlNumber !== undefined && known.get(entry.hash) === undefined) {
          const other = holder.get(entry.controlNumber, entry.hash);
          if (other !== undefined) reason = duplicateKeyReason(entry.controlNumber, other, this.#iso2709());
        }
        addRecord.run(entry.hash, entry.copies, reason !== null ? 'failed' : 'pending', reason, entry.title ?? null, entry.controlNumber ?? null, sqlBody(entry.body));
        if (addFile.run(entry.hash, entry.line, entry.offset ?? null).changes === 0) {
          out.records++;
          out.copies += entry.copies;
        }
      }
    })();
    return out;
  }

  #iso2709(): boolean {
    return this.meta('format') === 'iso2709';
  }

  /**
   * Puts the failed records of the file back to pending (not lines that are
   * not records, nor records refused for a control number that another
   * record still holds). Returns how many.
   */
  retryFailed(): number {
    return this.#db
      .prepare(
        `UPDATE records SET state = 'pending', batch = NULL, batch_pos = NULL, status = NULL, reason = NULL
         WHERE state = 'failed' AND body IS NOT NULL AND hash IN (SELECT hash FROM file_records)
           AND NOT (coalesce(reason, '') LIKE 'E_RABIS_DUPLICATE_KEY:%' AND EXISTS (
             SELECT 1 FROM records o WHERE o.control_number = records.control_number AND o.hash <> records.hash
               AND o.body IS NOT NULL AND o.state IN ('pending', 'sent', 'confirmed')))`,
      )
      .run().changes;
  }

  /** Batches sent earlier whose answer never arrived: they go again, with the same key and body. */
  openBatches(): LogBatch[] {
    const keys = this.#db.prepare<[], { key: string }>(`SELECT key FROM batches WHERE state = 'open' ORDER BY created_at, key`).all();
    const records = this.#db.prepare<[string], BatchRow>(`SELECT hash, body, control_number FROM records WHERE batch = ? AND state = 'sent' ORDER BY batch_pos`);
    const out: LogBatch[] = [];
    for (const { key } of keys) {
      const list = records.all(key).map(batchRecord);
      if (list.length > 0) out.push({ key, records: list });
      else this.#db.prepare(`UPDATE batches SET state = 'answered' WHERE key = ?`).run(key);
    }
    return out;
  }

  /**
   * Makes the next batch of up to `size` pending records of the file after
   * line `afterLine`, in file order, and marks them sent under its key, in one
   * transaction. Undefined when nothing is pending there; `lastLine` is where
   * the next claim goes on from.
   */
  claimBatch(size: number, afterLine = 0): (LogBatch & { lastLine: number }) | undefined {
    return this.#db.transaction((): (LogBatch & { lastLine: number }) | undefined => {
      const rows = this.#db
        .prepare<[number, number], BatchRow & { line: number }>(
          `SELECT r.hash, r.body, r.control_number, f.line FROM file_records f JOIN records r ON r.hash = f.hash
           WHERE f.line > ? AND r.state = 'pending' AND r.body IS NOT NULL ORDER BY f.line LIMIT ?`,
        )
        .all(afterLine, size);
      if (rows.length === 0) return undefined;
      const records = rows.map(batchRecord);
      const key = batchKey(records.map((r) => r.hash));
      this.#db
        .prepare(
          `INSERT INTO batches (key, state, records, created_at) VALUES (?, 'open', ?, ?)
           ON CONFLICT(key) DO UPDATE SET state = 'open', answered_at = NULL`,
        )
        .run(key, records.length, new Date().toISOString());
      const mark = this.#db.prepare(`UPDATE records SET state = 'sent', batch = ?, batch_pos = ? WHERE hash = ?`);
      records.forEach((record, position) => mark.run(key, position, record.hash));
      return { key, records, lastLine: rows.at(-1)!.line };
    })();
  }

  /** Notes that a batch is about to be sent (once more). */
  noteSend(key: string): void {
    this.#db.prepare('UPDATE batches SET sends = sends + 1 WHERE key = ?').run(key);
  }

  /** Records the answer to a batch: each record confirmed or failed, the batch answered, in one transaction. */
  recordAnswer(key: string, outcomes: readonly RecordOutcome[]): void {
    const update = this.#db.prepare(`UPDATE records SET state = ?, remote_id = ?, status = ?, reason = ? WHERE hash = ? AND batch = ? AND state = 'sent'`);
    this.#db.transaction(() => {
      for (const o of outcomes) update.run(o.state, o.remoteId ?? null, o.status ?? null, o.reason ?? null, o.hash, key);
      this.#db.prepare(`UPDATE batches SET state = 'answered', answered_at = ? WHERE key = ?`).run(new Date().toISOString(), key);
    })();
  }

  /** Counts over the records of the file. */
  counts(): LogCounts {
    const rows = this.#db
      .prepare<[], { state: DeliveryState; n: number; copies: number }>(
        `SELECT r.state AS state, count(*) AS n, coalesce(sum(r.copies), 0) AS copies
         FROM records r JOIN file_records f ON f.hash = r.hash GROUP BY r.state`,
      )
      .all();
    const total = this.#db
      .prepare<[], { n: number; copies: number }>(
        `SELECT count(*) AS n, coalesce(sum(r.copies), 0) AS copies FROM file_records f LEFT JOIN records r ON r.hash = f.hash`,
      )
      .get() ?? { n: 0, copies: 0 };
    const records = { in: total.n, pending: 0, sent: 0, confirmed: 0, failed: 0 };
    const copies = { in: total.copies, pending: 0, sent: 0, confirmed: 0, failed: 0 };
    for (const row of rows) {
      records[row.state] += row.n;
      copies[row.state] += row.copies;
    }
    return { records, copies };
  }

  /** The failed records of the file, in file order. */
  failures(): LogFailure[] {
    return this.#db
      .prepare<[], { hash: string; line: number; offset: number | null; reason: string | null; title: string | null; control_number: string | null }>(
        `SELECT r.hash, f.line, f.byte_offset AS offset, r.reason, r.title, r.control_number FROM records r JOIN file_records f ON f.hash = r.hash
         WHERE r.state = 'failed' ORDER BY f.line`,
      )
      .all()
      .map((row) => ({
        hash: row.hash,
        line: row.line,
        ...(row.offset === null ? {} : { offset: row.offset }),
        reason: row.reason ?? 'failed',
        ...(row.reason?.startsWith(`${DUPLICATE_KEY_CODE}:`) ? { code: DUPLICATE_KEY_CODE } : {}),
        ...(row.title === null ? {} : { title: row.title }),
        ...(row.control_number === null ? {} : { controlNumber: row.control_number }),
      }));
  }

  /** The Web-RABIS id a confirmed record got, when the answer gave one. */
  remoteId(hash: string): string | undefined {
    const row = this.#db.prepare<[string], { remote_id: string | null }>(`SELECT remote_id FROM records WHERE hash = ? AND state = 'confirmed'`).get(hash);
    return row?.remote_id ?? undefined;
  }

  /** The state of a record, or undefined when the log has never seen it. */
  state(hash: string): DeliveryState | undefined {
    return this.#db.prepare<[string], { state: DeliveryState }>('SELECT state FROM records WHERE hash = ?').get(hash)?.state;
  }

  close(): void {
    this.#close();
  }
}

/** better-sqlite3 binds Buffers as BLOBs, not other byte arrays. */
function sqlBody(body: string | Uint8Array | null): string | Buffer | null {
  if (body === null || typeof body === 'string' || Buffer.isBuffer(body)) return body;
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

interface BatchRow {
  hash: string;
  body: string | Uint8Array;
  control_number: string | null;
}

function batchRecord(row: BatchRow): LogBatchRecord {
  return { hash: row.hash, body: row.body, ...(row.control_number === null ? {} : { controlNumber: row.control_number }) };
}
