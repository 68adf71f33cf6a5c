/**
 * Act lines that `applyActs` leaves as they are, each with a stable reason
 * code, so the audit that follows reports them and nothing is dropped
 * silently. Where the audit has a finding for the same thing its code is
 * reused; the `W_ACT_NOT_APPLIED_…` codes are in `CODES` of @kitap/core.
 */
import type { ActLine, ActType } from '../acts/act.js';
import { actLabel } from '../acts/act-finding.js';
import type { HoldingCopy } from '../holdings/holding-copy.js';

/** Why an act line was not applied, in the order the checks are made. */
export const NOT_APPLIED_CODES = [
  /** The line's inventory number cannot be read («б/н», «??»). */
  'INVENTORY_NUMBER_INVALID',
  /** The act has no date, or one that is not on the calendar. */
  'ACT_DATE_INVALID',
  /** The act is dated after the date of the holdings (`asOf`). */
  'W_ACT_NOT_APPLIED_FUTURE',
  /** No copy of the holdings has the line's inventory number. */
  'ACT_LINE_UNMATCHED',
  /** Several copies of the holdings have it. */
  'ACT_LINE_AMBIGUOUS',
  /** The number is a summary record standing for several copies (status `group`). */
  'W_ACT_NOT_APPLIED_GROUP',
  /** The copy was already withdrawn by an earlier line that was applied (`related`). */
  'COPY_WRITTEN_OFF_TWICE',
  /** The copy is written off or transferred out in the holdings themselves (or, for a transfer inside the system, by an earlier line). */
  'W_ACT_NOT_APPLIED_WITHDRAWN',
  /** The act is dated before the copy was received. */
  'ACT_BEFORE_RECEIPT',
  /** A transfer inside the system: the copy is already at the receiving library. */
  'W_ACT_NOT_APPLIED_ALREADY_MOVED',
  /** A transfer inside the system: the copy is at another library than the sending one. */
  'W_ACT_NOT_APPLIED_NOT_AT_SENDER',
  /** The copy's fields cannot take the change: the layout has no place for the status (949 has none), or rewriting them would alter other copies of the record. */
  'W_ACT_NOT_APPLIED_LAYOUT',
] as const;

/** One of NOT_APPLIED_CODES. */
export type NotAppliedCode = (typeof NOT_APPLIED_CODES)[number];

/** A copy as a not-applied line shows it. */
export interface CopyRef {
  inventoryNumber: string;
  branch?: string;
  /** The record's control number (001). */
  record?: string;
  status?: string;
}

/** An act line that was not applied, where it is, and why. */
export interface NotAppliedLine {
  code: NotAppliedCode;
  message: string;
  file: string;
  line: number;
  act: { number: string; date: string; type: ActType };
  /** As the act writes it. */
  inventoryNumber: string;
  /** The copies the line was matched with, when there were any. */
  copies?: CopyRef[];
  /** The earlier act line the reason refers to (COPY_WRITTEN_OFF_TWICE, W_ACT_NOT_APPLIED_WITHDRAWN by an earlier line). */
  related?: { file: string; line: number };
}

/** The copy as a not-applied line shows it. */
export function copyRef(copy: HoldingCopy): CopyRef {
  const out: CopyRef = { inventoryNumber: copy.inventoryNumber };
  if (copy.branch !== undefined) out.branch = copy.branch;
  if (copy.record !== undefined) out.record = copy.record;
  if (copy.status !== undefined) out.status = copy.status;
  return out;
}

/** A not-applied line, its message opening with the act and the line as the audit's findings do. */
export function notApplied(code: NotAppliedCode, line: ActLine, message: string, extra: { copies?: CopyRef[]; related?: ActLine } = {}): NotAppliedLine {
  const out: NotAppliedLine = {
    code,
    message: `${actLabel({ number: line.actNumber, date: line.actDate })}, line ${line.line}: ${message}`,
    file: line.file,
    line: line.line,
    act: { number: line.actNumber, date: line.actDate, type: line.actType },
    inventoryNumber: line.inventoryNumber,
  };
  if (extra.copies !== undefined) out.copies = extra.copies;
  if (extra.related !== undefined) out.related = { file: extra.related.file, line: extra.related.line };
  return out;
}

/** Act lines (applied or not) in a stable order: file, then line. */
export function compareByPlace(a: { file: string; line: number }, b: { file: string; line: number }): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line;
}
