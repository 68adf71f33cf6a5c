import type { Change, FixResult, Linter } from '@kitap/clean';
import { type Field, MarcRecord } from '@kitap/marc';

/** A record's fix as a worker sends it back: null when nothing changed, else the changes and the fixed record's data. */
export type FixedRecord = { changes: Change[]; passes: number; unsettled: boolean; leader: string; fields: readonly Field[] } | null;

/** Fixes one record (in a worker thread) into what goes back to the main thread. */
export function fixToSend(linter: Linter, record: MarcRecord): FixedRecord {
  const result = linter.fix(record);
  if (result.changes.length === 0) return null;
  return { changes: result.changes, passes: result.passes, unsettled: result.unsettled, leader: result.record.leader.value, fields: result.record.fields };
}

/**
 * The result `Linter.fix` gives, from what a worker sent for `original` (the
 * record as this thread read it): the fixed record is made as the engine
 * makes it, with the original's place and warnings.
 */
export function fixReceived(original: MarcRecord, sent: FixedRecord): FixResult {
  if (sent === null) return { record: original, changes: [], passes: 0, unsettled: false };
  const record = new MarcRecord(sent.leader, sent.fields);
  record.place = original.place;
  record.warnings.push(...original.warnings);
  return { record, changes: sent.changes, passes: sent.passes, unsettled: sent.unsettled };
}
