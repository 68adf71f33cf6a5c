import { KitapError, type Reject } from '@kitap/core';
import type { MapperLayout } from '@kitap/holdings';
import type { RabisConfig } from '../client/rabis-config.js';
import { isRabisError, RabisError } from '../client/rabis-error.js';
import type { RabisImportResult } from '../client/rabis-responses.js';
import { type DeliveryFormat, detectDeliveryFormat } from './delivery-format.js';
import { DeliveryLog, type LogBatch, type LogFailure } from './delivery-log.js';
import { type DeliveryLedger, deliveryLedger } from './delivery-ledger.js';
import { importOutcomes, type SentRecord } from './import-outcomes.js';
import { ingestIso2709 } from './ingest-iso2709.js';
import { ingestJsonl } from './ingest-jsonl.js';

/** What `deliver` needs of a client: the import calls (a `RabisClient` is one). */
export interface RabisImporter {
  importBatch(records: readonly unknown[], idempotencyKey?: string, signal?: AbortSignal): Promise<RabisImportResult[]>;
  /** Sends ISO2709 records (each one record's bytes); needed only to deliver ISO2709. */
  importIso2709Batch?(records: readonly Uint8Array[], idempotencyKey?: string, signal?: AbortSignal): Promise<RabisImportResult[]>;
  /** Where batch size, concurrency and the destination come from when not given. */
  readonly config?: (Pick<RabisConfig, 'url' | 'batchSize' | 'concurrency'> & { routes: Pick<RabisConfig['routes'], 'import' | 'importIso2709'> }) | undefined;
}

/** How to deliver a file. */
export interface DeliverOptions {
  client: RabisImporter;
  /** `jsonl` (web-rabis.jsonl) or `iso2709`; default: from the file's first bytes, else its name (see `detectDeliveryFormat`). */
  format?: DeliveryFormat;
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
  /** ISO2709: the copy layout, for counting copies in the ledger (default: each record's own, the first of 910, 952, 995, 852/876, 899, 949, 090 it has). */
  copyLayout?: MapperLayout;
  /** ISO2709: hears each record the reader rejects, with its place and bytes (write them to a reject file); they are failed in the log too. */
  onReject?: (reject: Reject) => void | Promise<void>;
  /** Stops the run: batches in flight are left for the next run, which sends them again with the same key. */
  signal?: AbortSignal;
  /** Called once the file is read (with nothing answered yet), then after each answered batch. */
  onProgress?: (progress: DeliveryProgress) => void;
}

/** Progress of a run, for a progress bar. */
export interface DeliveryProgress {
  /** Records of the file. */
  total: number;
  /** Records of the file confirmed or failed so far (earlier runs included). */
  confirmed: number;
  failed: number;
  /** Records this run has to deliver: pending when it started, those awaiting an answer included. */
  toDeliver: number;
  /** Of them, records answered (confirmed or failed) in this run. */
  answered: number;
  /** Batches answered in this run. */
  batches: number;
}

/** What a delivery run did, and the ledger of the file. */
export interface DeliveryReport {
  file: string;
  format: DeliveryFormat;
  log: string;
  /** Non-blank lines (JSONL) or framed records (ISO2709) read. */
  lines: number;
  /** Items that repeat a record already in the file (same canonical JSON, or same ISO2709 bytes): delivered once, counted in the ledger's `duplicates`. */
  duplicates: number;
  /** The copies of those items. */
  duplicateCopies: number;
  /** Lines that are not JSON records, or records the ISO2709 reader rejects (counted as failed). */
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

/**
 * Delivers the records of a `web-rabis.jsonl` file through the client's
 * import route, or of an ISO2709 file through its ISO2709 import route,
 * exactly once, keeping the state in a delivery log:
 *
 * - each record is keyed by the sha256 of its canonical JSON (JSONL) or of
 *   its bytes (ISO2709); a record the log knows (confirmed, failed, or in a
 *   batch awaiting its answer) is never put in a new batch;
 * - each batch carries an idempotency key derived from its records' hashes; a
 *   batch whose answer was lost (timeout, dropped connection, a killed run) is
 *   sent again with the SAME key and body, so the server answers what it
 *   answered before instead of importing again;
 * - a record whose control number (`kitap.controlNumber`, 001) another,
 *   different record of the push already holds is not sent: it fails with
 *   `E_RABIS_DUPLICATE_KEY` (Web-RABIS keys records by control number and
 *   would answer `exists` without storing it);
 * - the ledger balances: records in = confirmed + failed + pending +
 *   duplicates (copies too), where duplicates are items repeating a record
 *   already in the file (sent once).
 *
 * The run stops early, with `stopped` set, when Web-RABIS keeps failing
 * after the client's retries; it throws when cancelled through `signal` or on
 * an unexpected error. In every case the log is consistent and the next run
 * resumes.
 */
export async function deliver(path: string, options: DeliverOptions): Promise<DeliveryReport> {
  const { client, signal } = options;
  const format = options.format ?? (await detectDeliveryFormat(path));
  const iso2709 = format === 'iso2709';
  const sendIso2709 = client.importIso2709Batch?.bind(client);
  if (iso2709 && sendIso2709 === undefined) throw new KitapError('E_USAGE', 'this client cannot send ISO2709 records (it has no importIso2709Batch)', { file: path });
  const route = client.config === undefined ? undefined : iso2709 ? client.config.routes.importIso2709 : client.config.routes.import;
  const target = options.target ?? (client.config === undefined ? undefined : `${client.config.url} ${route}`);
  if (target === undefined) throw new RabisError('E_RABIS_DELIVERY_LOG', 'the destination of the delivery log is unknown: give `target` or a client with a config');
  const batchSize = options.batchSize ?? client.config?.batchSize ?? 100;
  const concurrency = Math.max(1, options.concurrency ?? client.config?.concurrency ?? 4);

  const log = DeliveryLog.open(options.logPath, target, format);
  try {
    const read = iso2709 ? await ingestIso2709(path, log, { signal, layout: options.copyLayout, onReject: options.onReject }) : await ingestJsonl(path, log, signal);
    if (options.retryFailed) log.retryFailed();

    const reopened = log.openBatches();
    const start = log.counts();
    const progress: DeliveryProgress = {
      total: start.records.in,
      confirmed: start.records.confirmed,
      failed: start.records.failed,
      toDeliver: start.records.pending + start.records.sent,
      answered: 0,
      batches: 0,
    };
    options.onProgress?.({ ...progress });
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
      const sent: SentRecord[] = batch.records.map((record) => ({ hash: record.hash, ...(record.controlNumber === undefined ? {} : { controlNumber: record.controlNumber }) }));
      log.noteSend(batch.key);
      batches.sent++;
      if (resent) batches.resent++;
      try {
        const results = iso2709
          ? await sendIso2709!(batch.records.map((record) => bytesOf(record.body)), batch.key, signal)
          : await client.importBatch(
              batch.records.map((record) => JSON.parse(String(record.body)) as Record<string, unknown>),
              batch.key,
              signal,
            );
        const outcomes = importOutcomes(sent, results);
        log.recordAnswer(batch.key, outcomes);
        for (const outcome of outcomes) progress[outcome.state]++;
        progress.answered += outcomes.length;
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
        progress.answered += sent.length;
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
      file: path,
      format,
      log: options.logPath,
      ...read,
      batches,
      ledger: deliveryLedger(log.counts(), { records: read.duplicates, copies: read.duplicateCopies }),
      failures: log.failures(),
      ...(stopped === undefined ? {} : { stopped }),
    };
  } finally {
    log.close();
  }
}

/** A 4xx other than 401, 408, 409 and 429: Web-RABIS read the batch and refused it (too large, malformed …). */
function refusedBatch(error: unknown): error is RabisError {
  if (!isRabisError(error) || error.rabisCode !== 'E_RABIS_HTTP') return false;
  const status = error.detail.status;
  return status !== undefined && status >= 400 && status < 500 && ![401, 408, 409, 429].includes(status);
}

/** The bytes of an ISO2709 record from the log, where they are a BLOB. */
function bytesOf(body: string | Uint8Array): Uint8Array {
  if (typeof body === 'string') throw new RabisError('E_RABIS_DELIVERY_LOG', 'the delivery log is damaged: an ISO2709 record is stored as text, not bytes');
  return body;
}
