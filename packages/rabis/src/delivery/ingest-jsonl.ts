import type { DeliveryLog, LogEntry } from './delivery-log.js';
import { readDeliveryRecord } from './delivery-record.js';
import { INGEST_CHUNK, type IngestCounts, addDuplicates, cancelledWhileReading } from './ingest-counts.js';
import { jsonlLines } from './jsonl-lines.js';

/** Reads a web-rabis.jsonl file into the log: each record by the hash of its canonical JSON, each line that is not a record as failed. */
export async function ingestJsonl(path: string, log: DeliveryLog, signal: AbortSignal | undefined): Promise<IngestCounts> {
  const counts: IngestCounts = { lines: 0, duplicates: 0, duplicateCopies: 0, unreadable: 0 };
  let chunk: LogEntry[] = [];
  for await (const { line, text } of jsonlLines(path)) {
    counts.lines++;
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
      counts.unreadable++;
      chunk.push({ hash: record.hash, line, copies: 0, body: null, unreadable: record.reason });
    }
    if (chunk.length >= INGEST_CHUNK) {
      addDuplicates(counts, log.ingest(chunk));
      chunk = [];
      if (signal?.aborted) throw cancelledWhileReading();
    }
  }
  addDuplicates(counts, log.ingest(chunk));
  return counts;
}
