import type { LogCounts } from './delivery-log.js';

/** Counts of one kind (records or copies): everything that came in is confirmed, failed or still pending. */
export interface DeliveryCounts {
  in: number;
  confirmed: number;
  failed: number;
  /** Items of the file that repeat a record already in it (same canonical JSON or same ISO2709 bytes): sent once, counted here. */
  duplicates: number;
  /** Not yet confirmed or failed: never sent, or sent with no answer yet (`awaitingAnswer`). */
  pending: number;
  /** Part of `pending`: sent in a batch whose answer never arrived; the next run sends it again with the same key. */
  awaitingAnswer: number;
}

/** The ledger of a delivery: records and copies of the file, balanced when in = confirmed + failed + pending + duplicates. */
export interface DeliveryLedger {
  records: DeliveryCounts;
  copies: DeliveryCounts;
  balanced: boolean;
}

/**
 * The ledger from the log's counts over the distinct records of the file and
 * the items that repeat one of them (`in` counts every item of the file).
 */
export function deliveryLedger(counts: LogCounts, duplicates: { records: number; copies: number } = { records: 0, copies: 0 }): DeliveryLedger {
  const of = (c: LogCounts['records'], repeated: number): DeliveryCounts => ({
    in: c.in + repeated,
    confirmed: c.confirmed,
    failed: c.failed,
    pending: c.pending + c.sent,
    duplicates: repeated,
    awaitingAnswer: c.sent,
  });
  const records = of(counts.records, duplicates.records);
  const copies = of(counts.copies, duplicates.copies);
  const balances = (c: DeliveryCounts) => c.in === c.confirmed + c.failed + c.pending + c.duplicates;
  return { records, copies, balanced: balances(records) && balances(copies) };
}

/**
 * Lines for people: "records: in 10000 = confirmed 9990 + failed 10 + pending 0 (balanced)";
 * "+ duplicates N" is added when the file repeats records.
 */
export function formatDeliveryLedger(ledger: DeliveryLedger): string[] {
  const line = (name: string, c: DeliveryCounts) => {
    const waiting = c.awaitingAnswer > 0 ? `, of them ${c.awaitingAnswer} awaiting an answer` : '';
    const ok = c.in === c.confirmed + c.failed + c.pending + c.duplicates ? 'balanced' : 'NOT BALANCED';
    const repeated = c.duplicates > 0 ? ` + duplicates ${c.duplicates}` : '';
    return `${name}: in ${c.in} = confirmed ${c.confirmed} + failed ${c.failed} + pending ${c.pending}${waiting}${repeated} (${ok})`;
  };
  return [line('records', ledger.records), line('copies', ledger.copies)];
}
