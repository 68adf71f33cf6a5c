/**
 * What an applied act line does to the canonical copy (`Copy` of
 * @kitap/holdings). The copy keeps everything it had; the act adds its
 * status, its facts (act number, date, reason or where the copy went) and a
 * note in the words staff read («Списан: акт № 16 от 25.04.2023, ветхость»),
 * which stays in the record even where the layout has no subfield for the
 * facts themselves (MARC 876 has none): a written-off copy is never deleted.
 */
import { type BranchDirectory, type Copy, type CopyTransfer, type CopyWriteOff, dottedDate } from '@kitap/holdings';
import { WITHDRAWAL_LABELS } from '../statistics/withdrawal-labels.js';
import type { PlannedChange } from './apply-plan.js';

/** A library as a note names it: its sigla (the directory's first alias: «ЦГБ», «Ф-л №4»), its code, or the text as written. */
function libraryLabel(text: string | undefined, branches: BranchDirectory): string {
  if (text === undefined) return '?';
  const branch = branches.resolve(text);
  return branch === undefined ? text : (branch.aliases[0] ?? branch.code);
}

/** The directory code of the library a copy's branch text names, or the text when the directory does not know it. */
export function branchCode(text: string | undefined, branches: BranchDirectory): string | undefined {
  return text === undefined ? undefined : (branches.resolve(text)?.code ?? text);
}

function withNote(copy: Copy, note: string): Copy {
  return { ...copy, notes: [...(copy.notes ?? []), note] };
}

/**
 * The copy after the change: a write-off gives status `written-off` and
 * `writeOff` {act, date, reason}; a transfer to another institution status
 * `transferred` and `transfer` {act, date, from, institution}; a transfer
 * inside the system moves the copy — `branch` (and `currentBranch` when the
 * layout keeps one) becomes the receiving library's code, the department of
 * the sending library is dropped (the note names it), the status stays, and
 * `transfer` {act, date, from, to} records the move.
 */
export function changedCopy(copy: Copy, change: PlannedChange, branches: BranchDirectory): Copy {
  const line = change.line;
  const act = `акт № ${line.actNumber} от ${dottedDate(line.actDate)}`;
  const from = branchCode(copy.branch, branches) ?? line.fromBranch;
  switch (change.kind) {
    case 'write-off': {
      const writeOff: CopyWriteOff = { act: line.actNumber, date: line.actDate };
      if (line.reason !== undefined) writeOff.reason = line.reason;
      const reason = line.reason === undefined ? '' : `, ${WITHDRAWAL_LABELS.reasons[line.reason]}`;
      return withNote({ ...copy, status: 'written-off', writeOff }, `Списан: ${act}${reason}`);
    }
    case 'transfer-out': {
      const transfer: CopyTransfer = { act: line.actNumber, date: line.actDate };
      if (from !== undefined) transfer.from = from;
      if (line.toInstitution !== undefined) transfer.institution = line.toInstitution;
      return withNote({ ...copy, status: 'transferred', transfer }, `Передан: ${act}, ${libraryLabel(copy.branch ?? from, branches)} → ${line.toInstitution ?? 'другая организация'}`);
    }
    case 'move': {
      const to = line.toBranch!;
      const transfer: CopyTransfer = { act: line.actNumber, date: line.actDate, to };
      if (from !== undefined) transfer.from = from;
      const moved: Copy = { ...copy, branch: to, transfer };
      if (copy.currentBranch !== undefined) moved.currentBranch = to;
      delete moved.department;
      const department = copy.department === undefined ? '' : ` (${copy.department})`;
      return withNote(moved, `Передан: ${act}, ${libraryLabel(copy.branch ?? from, branches)}${department} → ${libraryLabel(to, branches)}`);
    }
  }
}
