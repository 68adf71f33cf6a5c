import { createHash } from 'node:crypto';
import type { Reject } from '@kitap/core';
import type { MapperLayout } from '@kitap/holdings';
import { readIso2709 } from '@kitap/marc';
import { marcCopies } from '../marc/marc-copies.js';
import { marcSummary } from '../marc/marc-summary.js';
import type { DeliveryLog, LogEntry } from './delivery-log.js';
import { INGEST_CHUNK, type IngestCounts, addDuplicates, cancelledWhileReading } from './ingest-counts.js';

/** How to read an ISO2709 file into the log. */
export interface IngestIso2709Options {
  signal?: AbortSignal | undefined;
  /** The copy layout, for counting copies (default: each record's own, see `copyLayoutOf`). */
  layout?: MapperLayout | undefined;
  /** Hears each record the reader rejects, with its place and bytes (for a reject file). */
  onReject?: ((reject: Reject) => void | Promise<void>) | undefined;
}

/** The stable key of an ISO2709 record in the delivery log: sha256 (hex) of its bytes as they are in the file. */
export function iso2709Hash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads an ISO2709 file into the log, each record by the hash of its bytes
 * (leader to record terminator, exactly as in the file, which is what is
 * sent). The reader runs in `skip` mode: a record with any structural
 * problem is not sent but enters the log as failed, with the reader's code
 * and message and its place (record number and byte offset), and is handed
 * to `onReject`. Copies are counted from the record's copy fields.
 */
export async function ingestIso2709(path: string, log: DeliveryLog, options: IngestIso2709Options = {}): Promise<IngestCounts> {
  const counts: IngestCounts = { lines: 0, duplicates: 0, duplicateCopies: 0, unreadable: 0 };
  let chunk: LogEntry[] = [];
  for await (const item of readIso2709(path, { mode: 'skip', file: path })) {
    counts.lines++;
    if (item.kind === 'reject') {
      const { reject } = item;
      counts.unreadable++;
      const raw = typeof reject.raw === 'string' ? Buffer.from(reject.raw, 'utf8') : reject.raw;
      chunk.push({
        hash: iso2709Hash(raw),
        line: (reject.place.index ?? counts.lines - 1) + 1,
        ...(reject.place.offset === undefined ? {} : { offset: reject.place.offset }),
        copies: 0,
        body: null,
        unreadable: `the ISO2709 reader rejects the record: ${reject.code}: ${reject.message}`,
        ...(reject.place.recordId === undefined ? {} : { controlNumber: reject.place.recordId }),
      });
      await options.onReject?.(reject);
    } else {
      const { record } = item;
      const bytes = record.sourceBytes;
      if (bytes === undefined) throw new Error('an ISO2709 record without its bytes');
      const summary = marcSummary(record);
      chunk.push({
        hash: iso2709Hash(bytes),
        line: (record.place.index ?? counts.lines - 1) + 1,
        ...(record.place.offset === undefined ? {} : { offset: record.place.offset }),
        copies: marcCopies(record, options.layout).length,
        // A copy: the reader's buffers are reused for the records after this one.
        body: Buffer.from(bytes),
        ...(summary.title === undefined ? {} : { title: summary.title }),
        ...(summary.controlNumber === undefined ? {} : { controlNumber: summary.controlNumber }),
      });
    }
    if (chunk.length >= INGEST_CHUNK) {
      addDuplicates(counts, log.ingest(chunk));
      chunk = [];
      if (options.signal?.aborted) throw cancelledWhileReading();
    }
  }
  addDuplicates(counts, log.ingest(chunk));
  return counts;
}
