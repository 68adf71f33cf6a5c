/**
 * How act lines meet the copies of the holdings — one set of rules for the
 * audit (`runAudit`) and for applying the acts (`applyActs`), so what one
 * reports the other does not decide differently: the copies are looked up by
 * the line's normalised inventory number, lines are taken in the order of
 * their acts' dates, and a line matches no copy, one, or several.
 */
import { isIsoDate } from '@kitap/holdings';
import type { ActLine } from '../acts/act.js';

/** Act lines in the order they are taken: by act date, then file, then line, so "the earliest act" of a copy is well defined. */
export function compareActLines(a: ActLine, b: ActLine): number {
  if (a.actDate !== b.actDate) return a.actDate < b.actDate ? -1 : 1;
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line;
}

/**
 * Whether the line takes its copy out of the library system: a write-off, or
 * a transfer to an outside institution (a transfer naming no receiving library
 * of the system counts as one). The other lines are transfers inside the system.
 */
export function withdrawsCopy(line: ActLine): boolean {
  return line.actType === 'write-off' || line.toInstitution !== undefined || (line.actType === 'transfer' && line.toBranch === undefined);
}

/** An empty list of copies for every normalised inventory number an act line names: the holdings pass fills it. */
export function copiesWanted<C>(lines: readonly ActLine[]): Map<string, C[]> {
  const wanted = new Map<string, C[]>();
  for (const line of lines) if (line.inventoryKey !== undefined) wanted.set(line.inventoryKey, []);
  return wanted;
}

/** What an act line matches: nothing to match on (its number cannot be read), no copy, several, or exactly one. */
export type LineMatch<C> = { kind: 'invalid' } | { kind: 'unmatched' } | { kind: 'ambiguous'; copies: readonly C[] } | { kind: 'one'; copy: C };

/** The copies of `wanted` (filled by the holdings pass) that the line's inventory number names. */
export function matchActLine<C>(line: ActLine, wanted: ReadonlyMap<string, readonly C[]>): LineMatch<C> {
  if (line.inventoryKey === undefined) return { kind: 'invalid' };
  const copies = wanted.get(line.inventoryKey) ?? [];
  if (copies.length === 0) return { kind: 'unmatched' };
  if (copies.length > 1) return { kind: 'ambiguous', copies };
  return { kind: 'one', copy: copies[0]! };
}

/** Whether the act is dated before the copy was received (neither date missing). */
export function actBeforeReceipt<C extends { dateReceived?: string | undefined }>(line: ActLine, copy: C): copy is C & { dateReceived: string } {
  // An act date that cannot be read (ACT_DATE_INVALID) is compared with nothing.
  return copy.dateReceived !== undefined && isIsoDate(line.actDate) && line.actDate < copy.dateReceived;
}
