import type { RabisConfig } from '../client/rabis-config.js';
import { isRabisError, RabisError } from '../client/rabis-error.js';
import type { RabisImportResult } from '../client/rabis-responses.js';
import { DeliveryLog, type LogBatch, type LogEntry, type LogFailure } from './delivery-log.js';
import { type DeliveryLedger, deliveryLedger } from './delivery-ledger.js';
import { readDeliveryRecord } from './delivery-record.js';
import { importOutcomes } from './import-outcomes.js';
import { jsonlLines } from './jsonl-lines.js';

/** What `deliver` needs of a client: the import call (a `RabisClient` is one). */
export interface RabisImporter {
  importBatch(records: readonly unknown[], idempotencyKey?: string, signal?: AbortSignal): Promise<RabisImportResult[]>;
  /** Where batch size, concurrency and the destination come from when not given. */
  readonly config?: (Pick<RabisConfig, 'url' | 'batchSize' | 'concurrency'> & { routes: Pick<RabisConfig['routes'], 'import'> }) | undefined;
}

/** How to deliver a file. */
export interface DeliverOptions {
  client: RabisImporter;
  /** The delivery log (SQLite); created on the first run, resumed on the next ones. */
  logPath: string;
  /** Records per import request (default the client's `batchSize`, else 100). */
  batchSize?: number;
  /** Batches in flight at once (default the client's `concurrency`, else 4). */
  concurrency?: number;
  /** The destination the log belongs to (default the client's base URL and import route). */
  target?: string;
  /** Send records that failed in an earlier run again (after their data or the server was fixed). */
  retryFailed?: boolean;
  /** Stops the run: batches in flight are left for the next run, which sends them again with the same key. */
  signal?: AbortSignal;
  /** Called after each answered batch. */
  onProgress?: (progress: DeliveryProgress) => void;
}

/** Progress of a run, for a progress bar. */
export interface DeliveryProgress {
  /** Records of the file. */
  total: number;
  confirmed: number;
  failed: number;
  /** Batches answered in this run. */
  batches: number;
}

/** What a delivery run did, and the ledger of the file. */
export interface DeliveryReport {
  file: string;
  log: string;
  /** Non-blank lines read. */
  lines: number;
  /** Lines that repeat a record already in the file (same canonical JSON): delivered once. */
  duplicates: number;
  /** Lines that are not JSON records (counted as failed). */
  unreadable: number;
  batches: {
    /** Import requests made in this run (a retried request counts once). */
    sent: number;
    /** Of them, batches of an earlier run whose answer never came, sent again with their key. */
    resent: number;
    /** Batches Web-RABIS refused as a whole (a 4xx): their records failed. */
    refused: number;
  };
  ledger: DeliveryLedger;
  /** Every failed record of the file with the reason, in file order. */
  failures: LogFailure[];
  /** Set when the run stopped before everything was answered (Web-RABIS unreachable, refusing the token …): run again to resume. */
  stopped?: { code: string; message: string };
}

const INGEST_CHUNK = 1000;

/**
 * Delivers the records of a `web-rabis.jsonl` file through the client's
 * import route, exactly once, keeping the state in a delivery log:
 *
 * - each record is keyed by the sha256 of its canonical JSON; a record the
 *   log knows (confirmed, failed, or in a batch awaiting its answer) is never
 *   put in a new batch;
 * - each batch carries an idempotency key derived from its records' hashes; a
 *   batch whose answer was lost (timeout, dropped connection, a killed run) is
 *   sent again with the SAME key and body, so the server answers what it
 *   answered before instead of importing again;
 * - the ledger balances: records in = confirmed + failed + pending (copies
 *   too).
 *
 * The run stops early, with `stopped` set, when Web-RABIS keeps failing
 * after the client's retries; it throws when cancelled through `signal` or on
 * an unexpected error. In every case the log is consistent and the next run
 * resumes.
 */
export async function deliver(jsonlPath: string, options: DeliverOptions): Promise<DeliveryReport> {
  const { client, signal } = options;
  const target = options.target ?? (client.config === undefined ? undefined : `${client.config.url} ${client.config.routes.import}`);
  if (target === undefined) throw new RabisError('E_RABIS_DELIVERY_LOG', 'the destination of the delivery log is unknown: give `target` or a client with a config');
  const batchSize = options.batchSize ?? client.config?.batchSize ?? 100;
  const concurrency = Math.max(1, options.concurrency ?? client.config?.concurrency ?? 4);

  const log = DeliveryLog.open(options.logPath, target);
  try {
    const read = await ingestFile(jsonlPath, log, signal);
    if (options.retryFailed) log.retryFailed();

    const reopened = log.openBatches();
    const start = log.counts();
    const progress: DeliveryProgress = { total: start.records.in, confirmed: start.records.confirmed, failed: start.records.failed, batches: 0 };
    const batches = { sent: 0, resent: 0, refused: 0 };
    let cursor = 0;
    let stop: { error: unknown } | undefined;

    const next = (): { batch: LogBatch; resent: boolean } | undefined => {
      if (stop !== undefined || signal?.aborted) return undefined;
      const open = reopened.shift();
      if (open !== undefined) return { batch: open, resent: true };
      const claimed = log.claimBatch(batchSize, cursor);
      if (claimed === undefined) return undefined;
      cursor = claimed.lastLine;
      return { batch: claimed, resent: false };
    };

    const send = async ({ batch, resent }: { batch: LogBatch; resent: boolean }): Promise<void> => {
      const records = batch.records.map((record) => JSON.parse(record.body) as Record<string, unknown>);
      const sent = batch.records.map((record, i) => ({ hash: record.hash, ...controlNumberOf(records[i]) }));
      log.noteSend(batch.key);
      batches.sent++;
      if (resent) batches.resent++;
      try {
        const results = await client.importBatch(records, batch.key, signal);
        const outcomes = importOutcomes(sent, results);
        log.recordAnswer(batch.key, outcomes);
        for (const outcome of outcomes) progress[outcome.state]++;
      } catch (error) {
        if (!refusedBatch(error)) {
          stop ??= { error };
          return;
        }
        // Web-RABIS looked at the batch and said no: that is an answer, for every record of it.
        batches.refused++;
        log.recordAnswer(
          batch.key,
          sent.map((record) => ({ hash: record.hash, state: 'failed', reason: `Web-RABIS refused the whole batch: ${error.message}` })),
        );
        progress.failed += sent.length;
      }
      progress.batches++;
      options.onProgress?.({ ...progress });
    };

    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let item = next(); item !== undefined; item = next()) await send(item);
      }),
    );

    if (signal?.aborted) throw new RabisError('E_RABIS_CANCELLED', 'the delivery was cancelled; run it again to resume from the log');
    let stopped: DeliveryReport['stopped'];
    if (stop !== undefined) {
      const { error } = stop;
      if (!isRabisError(error) || error.rabisCode === 'E_RABIS_CANCELLED') throw error;
      stopped = { code: error.rabisCode, message: `${error.message}; the delivery stopped, run it again to resume from the log` };
    }
    return {
      file: jsonlPath,
      log: options.logPath,
      ...read,
      batches,
      ledger: deliveryLedger(log.counts()),
      failures: log.failures(),
      ...(stopped === undefined ? {} : { stopped }),
    };
  } finally {
    log.close();
  }
}

async function ingestFile(path: string, log: DeliveryLog, signal: AbortSignal | undefined): Promise<{ lines: number; duplicates: number; unreadable: number }> {
  let lines = 0;
  let duplicates = 0;
  let unreadable = 0;
  let chunk: LogEntry[] = [];
  for await (const { line, text } of jsonlLines(path)) {
    lines++;
    const record = readDeliveryRecord(text);
    if (record.ok) {
      chunk.push({
        hash: record.hash,
        line,
        copies: record.copies,
        body: record.canonical,
        ...(record.title === undefined ? {} : { title: record.title }),
        ...(record.controlNumber === undefined ? {} : { controlNumber: record.controlNumber }),
      });
    } else {
      unreadable++;
      chunk.push({ hash: record.hash, line, copies: 0, body: null, unreadable: record.reason });
    }
    if (chunk.length >= INGEST_CHUNK) {
      duplicates += log.ingest(chunk);
      chunk = [];
      if (signal?.aborted) throw new RabisError('E_RABIS_CANCELLED', 'the delivery was cancelled while reading the file');
    }
  }
  duplicates += log.ingest(chunk);
  return { lines, duplicates, unreadable };
}

/** A 4xx other than 401, 408, 409 and 429: Web-RABIS read the batch and refused it (too large, malformed …). */
function refusedBatch(error: unknown): error is RabisError {
  if (!isRabisError(error) || error.rabisCode !== 'E_RABIS_HTTP') return false;
  const status = error.detail.status;
  return status !== undefined && status >= 400 && status < 500 && ![401, 408, 409, 429].includes(status);
}

function controlNumberOf(record: Record<string, unknown> | undefined): { controlNumber?: string } {
  const kitap = record?.['kitap'];
  const controlNumber = typeof kitap === 'object' && kitap !== null ? (kitap as Record<string, unknown>)['controlNumber'] : undefined;
  return typeof controlNumber === 'string' && controlNumber !== '' ? { controlNumber } : {};
}
