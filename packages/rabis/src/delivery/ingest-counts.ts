import { RabisError } from '../client/rabis-error.js';
import type { IngestDuplicates } from './delivery-log.js';

/** What reading a file into the delivery log found. */
export interface IngestCounts {
  /** Non-blank lines (JSONL) or framed records (ISO2709) read. */
  lines: number;
  /** Items that repeat a record already in the file: delivered once. */
  duplicates: number;
  /** The copies of those repeated items (not counted again in the ledger's confirmed, failed or pending). */
  duplicateCopies: number;
  /** Lines that are not JSON records, or records the ISO2709 reader rejects: failed in the log. */
  unreadable: number;
}

/** How many entries go to the log in one transaction. */
export const INGEST_CHUNK = 1000;

/** The error of a delivery cancelled while its file was read. */
export function cancelledWhileReading(): RabisError {
  return new RabisError('E_RABIS_CANCELLED', 'the delivery was cancelled while reading the file');
}

/** Adds what the log found repeated in a chunk to the counts. */
export function addDuplicates(counts: IngestCounts, found: IngestDuplicates): void {
  counts.duplicates += found.records;
  counts.duplicateCopies += found.copies;
}
