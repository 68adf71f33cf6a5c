/**
 * Which act lines change which copies: every line, in the order of its act's
 * date, against the copies of the holdings its inventory number names (the
 * audit's own matching, `act-line-match.ts`) and against what the earlier
 * lines already did. The plan is small (it grows with the acts, not with the
 * fund); the records are changed afterwards in one pass.
 */
import { type CopyStatus, dottedDate, isIsoDate } from '@kitap/holdings';
import type { ActLine } from '../acts/act.js';
import { actLabel } from '../acts/act-finding.js';
import { actBeforeReceipt, compareActLines, matchActLine, withdrawsCopy } from '../audit/act-line-match.js';
import type { HoldingCopy } from '../holdings/holding-copy.js';
import { type NotAppliedLine, copyRef, notApplied } from './not-applied.js';

/** What an applied line does to its copy: writes it off, hands it to another institution, or moves it to another library of the system. */
export type ChangeKind = 'write-off' | 'transfer-out' | 'move';

/** One act line to apply to one copy. */
export interface PlannedChange {
  kind: ChangeKind;
  line: ActLine;
  /** The copy as the holdings have it, before any act is applied. */
  copy: HoldingCopy;
  /** Tiyn withdrawn: the act's price, the register's when the act has none (as the audit counts it); 0 for a move. */
  price: number;
}

/** The changes in the order of the acts' dates, and the lines left as they are. */
export interface ActPlan {
  changes: PlannedChange[];
  notApplied: NotAppliedLine[];
}

/** Where a copy stands after the lines taken so far. */
interface CopyState {
  status?: CopyStatus | undefined;
  branch?: string | undefined;
  /** The applied line that withdrew it. */
  withdrawnBy?: ActLine;
}

const WITHDRAWN: ReadonlySet<CopyStatus | undefined> = new Set<CopyStatus | undefined>(['written-off', 'transferred']);

/**
 * The plan of `applyActs`. A line is applied when it matches exactly one copy
 * that is still in the fund — not written off or transferred out in the
 * holdings nor by an earlier applied line — received on or before the act's
 * date, with an act dated on or before `asOf`; a transfer inside the system
 * also needs the copy at the sending library (when the act names one) and
 * not already at the receiving one. Every other line is in `notApplied` with
 * its reason.
 */
export function planActLines(lines: readonly ActLine[], wanted: ReadonlyMap<string, readonly HoldingCopy[]>, asOf: string): ActPlan {
  const changes: PlannedChange[] = [];
  const refused: NotAppliedLine[] = [];
  const states = new Map<string, CopyState>();
  for (const line of [...lines].sort(compareActLines)) {
    const match = matchActLine(line, wanted);
    if (match.kind === 'invalid') {
      refused.push(notApplied('INVENTORY_NUMBER_INVALID', line, `the inventory number «${line.inventoryNumber}» cannot be read`));
      continue;
    }
    if (!isIsoDate(line.actDate)) {
      refused.push(notApplied('ACT_DATE_INVALID', line, line.actDate === '' ? 'the act has no date' : `«${line.actDate}» is not a real date`));
      continue;
    }
    if (line.actDate > asOf) {
      refused.push(notApplied('W_ACT_NOT_APPLIED_FUTURE', line, `the act is dated after the holdings (${dottedDate(asOf)})`));
      continue;
    }
    if (match.kind === 'unmatched') {
      refused.push(notApplied('ACT_LINE_UNMATCHED', line, `no copy of the holdings has inventory number «${line.inventoryNumber}»`));
      continue;
    }
    if (match.kind === 'ambiguous') {
      refused.push(notApplied('ACT_LINE_AMBIGUOUS', line, `inventory number «${line.inventoryNumber}» fits ${match.copies.length} copies of the holdings`, { copies: match.copies.map(copyRef) }));
      continue;
    }
    const copy = match.copy;
    const about = { copies: [copyRef(copy)] };
    const state = states.get(copy.key) ?? { status: copy.status, branch: copy.branch };
    if (state.status === 'group') {
      refused.push(notApplied('W_ACT_NOT_APPLIED_GROUP', line, `«${copy.inventoryNumber}» is a summary record of several copies, not one copy`, about));
      continue;
    }
    if (WITHDRAWN.has(state.status)) {
      const by = state.withdrawnBy;
      if (by !== undefined && withdrawsCopy(line)) {
        refused.push(notApplied('COPY_WRITTEN_OFF_TWICE', line, `copy «${copy.inventoryNumber}» was already withdrawn by ${actLabel({ number: by.actNumber, date: by.actDate })}, line ${by.line}`, { ...about, related: by }));
      } else {
        const how = by === undefined ? `the holdings show it ${state.status}` : `${actLabel({ number: by.actNumber, date: by.actDate })}, line ${by.line} withdrew it`;
        refused.push(notApplied('W_ACT_NOT_APPLIED_WITHDRAWN', line, `copy «${copy.inventoryNumber}» is no longer in the fund: ${how}`, by === undefined ? about : { ...about, related: by }));
      }
      continue;
    }
    if (actBeforeReceipt(line, copy)) {
      refused.push(notApplied('ACT_BEFORE_RECEIPT', line, `copy «${copy.inventoryNumber}» was received on ${dottedDate(copy.dateReceived)}, after the act`, about));
      continue;
    }
    if (withdrawsCopy(line)) {
      const kind: ChangeKind = line.actType === 'write-off' ? 'write-off' : 'transfer-out';
      states.set(copy.key, { status: kind === 'write-off' ? 'written-off' : 'transferred', branch: state.branch, withdrawnBy: line });
      changes.push({ kind, line, copy, price: line.price ?? copy.price ?? 0 });
      continue;
    }
    const to = line.toBranch!;
    if (state.branch === to) {
      refused.push(notApplied('W_ACT_NOT_APPLIED_ALREADY_MOVED', line, `copy «${copy.inventoryNumber}» is already at ${to}`, about));
      continue;
    }
    if (line.fromBranch !== undefined && state.branch !== line.fromBranch) {
      refused.push(notApplied('W_ACT_NOT_APPLIED_NOT_AT_SENDER', line, `the act sends copy «${copy.inventoryNumber}» from ${line.fromBranch}, but it is at ${state.branch ?? 'no library'}`, about));
      continue;
    }
    states.set(copy.key, { ...state, branch: to });
    changes.push({ kind: 'move', line, copy, price: 0 });
  }
  return { changes, notApplied: refused };
}
