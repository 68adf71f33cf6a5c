import { type Finding, KitapError } from '@kitap/core';
import type { BranchDirectory } from '@kitap/holdings';
import type { Act } from '../acts/act.js';
import type { ActApplied, AppliedLine, ApplyResult, CopiesAndSum } from './apply-result.js';
import type { AppliedChange } from './apply-to-record.js';
import { branchCode } from './copy-change.js';
import { type NotAppliedLine, compareByPlace } from './not-applied.js';

/** An applied change as the result lists it. */
function appliedLine(a: AppliedChange, branches: BranchDirectory): AppliedLine {
  const { change, copy } = a;
  const line = change.line;
  const out: AppliedLine = {
    kind: change.kind,
    file: line.file,
    line: line.line,
    act: { number: line.actNumber, date: line.actDate, type: line.actType },
    inventoryNumber: line.inventoryNumber,
    copy: { inventoryNumber: change.copy.inventoryNumber, index: change.copy.index, ...(change.copy.record === undefined ? {} : { record: change.copy.record }) },
    price: change.price,
  };
  const from = change.kind === 'move' ? copy.transfer?.from : branchCode(copy.branch, branches);
  if (from !== undefined) out.from = from;
  if (change.kind === 'move' && copy.branch !== undefined) out.to = copy.branch;
  return out;
}

/** What `tallyApplied` counts from. */
export interface TallyInput {
  acts: readonly Act[];
  /** The record, copy and document counts of the writing pass (`applied` and `notApplied` are counted here). */
  counts: ApplyResult['counts'];
  applied: readonly AppliedChange[];
  notApplied: NotAppliedLine[];
  notInMarc: ReadonlyMap<string, number>;
  problems: Finding[];
  branches: BranchDirectory;
}

const zero = (): CopiesAndSum => ({ copies: 0, sum: 0 });

/**
 * The result of `applyActs`: the applied and not-applied lines in the order of
 * file and line, the money withdrawn, and each act's share. Throws `E_LEDGER`
 * when act lines read ≠ applied + not applied.
 */
export function tallyApplied(input: TallyInput): ApplyResult {
  const place = (l: { file: string; line: number }): string => `${l.file}\u0000${l.line}`;
  const applied = input.applied.map((a) => appliedLine(a, input.branches)).sort(compareByPlace);
  const notApplied = [...input.notApplied].sort(compareByPlace);
  const counts = { ...input.counts, applied: applied.length, notApplied: notApplied.length };
  if (counts.lines !== counts.applied + counts.notApplied) {
    throw new KitapError('E_LEDGER', `act lines read ${counts.lines}, applied ${counts.applied} + not applied ${counts.notApplied}`);
  }
  const withdrawn = { ...zero(), writtenOff: zero(), transferredOut: zero() };
  let moved = 0;
  for (const a of applied) {
    if (a.kind === 'move') {
      moved++;
      continue;
    }
    const cell = a.kind === 'write-off' ? withdrawn.writtenOff : withdrawn.transferredOut;
    cell.copies++;
    cell.sum += a.price;
    withdrawn.copies++;
    withdrawn.sum += a.price;
  }
  const appliedAt = new Map(applied.map((a) => [place(a), a]));
  const byAct: ActApplied[] = input.acts.map((act) => {
    const row: ActApplied = { file: act.file, number: act.number, date: act.date, type: act.type, lines: act.lines.length, applied: 0, notApplied: 0, withdrawn: zero(), moved: 0 };
    for (const line of act.lines) {
      const a = appliedAt.get(place(line));
      if (a === undefined) row.notApplied++;
      else {
        row.applied++;
        if (a.kind === 'move') row.moved++;
        else {
          row.withdrawn.copies++;
          row.withdrawn.sum += a.price;
        }
      }
    }
    return row;
  });
  const notInMarc = Object.fromEntries([...input.notInMarc].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { counts, withdrawn, moved, byAct, applied, notApplied, notInMarc, problems: input.problems };
}
