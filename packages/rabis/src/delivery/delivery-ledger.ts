import type { LogCounts } from './delivery-log.js';

/** Counts of one kind (records or copies): everything that came in is confirmed, failed or still pending. */
export interface DeliveryCounts {
  in: number;
  confirmed: number;
  failed: number;
  /** Not yet confirmed or failed: never sent, or sent with no answer yet (`awaitingAnswer`). */
  pending: number;
  /** Part of `pending`: sent in a batch whose answer never arrived; the next run sends it again with the same key. */
  awaitingAnswer: number;
}

/** The ledger of a delivery: records and copies of the file, balanced when in = confirmed + failed + pending. */
export interface DeliveryLedger {
  records: DeliveryCounts;
  copies: DeliveryCounts;
  balanced: boolean;
}

/** The ledger from the log's counts over the file. */
export function deliveryLedger(counts: LogCounts): DeliveryLedger {
  const of = (c: LogCounts['records']): DeliveryCounts => ({
    in: c.in,
    confirmed: c.confirmed,
    failed: c.failed,
    pending: c.pending + c.sent,
    awaitingAnswer: c.sent,
  });
  const records = of(counts.records);
  const copies = of(counts.copies);
  const balances = (c: DeliveryCounts) => c.in === c.confirmed + c.failed + c.pending;
  return { records, copies, balanced: balances(records) && balances(copies) };
}

/** Lines for people: "records: in 10000 = confirmed 9990 + failed 10 + pending 0 (balanced)". */
export function formatDeliveryLedger(ledger: DeliveryLedger): string[] {
  const line = (name: string, c: DeliveryCounts) => {
    const waiting = c.awaitingAnswer > 0 ? `, of them ${c.awaitingAnswer} awaiting an answer` : '';
    const ok = c.in === c.confirmed + c.failed + c.pending ? 'balanced' : 'NOT BALANCED';
    return `${name}: in ${c.in} = confirmed ${c.confirmed} + failed ${c.failed} + pending ${c.pending}${waiting} (${ok})`;
  };
  return [line('records', ledger.records), line('copies', ledger.copies)];
}
