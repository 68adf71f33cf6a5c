import { type BranchDirectory, isIsoDate, type WriteOffReason } from '@kitap/holdings';
import type { Act, ActType } from '../acts/act.js';
import { type InstructionId, instructionFor } from '../acts/instruction.js';
import { WITHDRAWAL_LABELS } from '../statistics/withdrawal-labels.js';
import { ACT_SOURCE_NAMES, ACT_TYPE_NAMES, INSTRUCTION_SHORT_NAMES, libraryName } from './report-labels.js';

/** One act as the acts sheet and the page list it. */
export interface ActRow {
  number: string;
  /** ISO, or the text as written when it is no date. */
  date: string;
  type: ActType;
  typeName: string;
  reason?: WriteOffReason;
  /** The reason in the report's words; «перемещение внутри системы» for a transfer between libraries of the system. */
  reasonName: string;
  /** The act's library (the sending one of a transfer): its code and name. */
  library: string;
  libraryName: string;
  /** Who receives a transfer: a library of the system (its name) or an outside institution. */
  receiver: string;
  statedCopies?: number;
  /** Tiyn. */
  statedSum?: number;
  lines: number;
  /** Tiyn: the sum of the lines' prices (lines without a price count as 0). */
  linesSum: number;
  /** Lines without a price. */
  linesWithoutPrice: number;
  /** The instruction the act follows by its date; none when the date cannot be read. */
  instruction?: InstructionId;
  instructionName: string;
  source: Act['source'];
  sourceName: string;
  file: string;
}

function reasonOf(act: Act): WriteOffReason | undefined {
  if (act.reason !== undefined) return act.reason;
  // A transfer to an outside institution counts as «передано в другие ведомства».
  if (act.type === 'transfer' && act.toBranch === undefined) return 'transferred';
  return undefined;
}

/**
 * The acts as rows, in the order of their dates (acts without a readable date
 * last), then file and number; each with its stated totals beside its lines'
 * count and sum, and the instruction its date puts it under (order No. 374
 * up to 17.04.2025, No. 136-НҚ after).
 */
export function actRows(acts: readonly Act[], branches?: BranchDirectory): ActRow[] {
  const rows = acts.map((act, index) => {
    const reason = reasonOf(act);
    const instruction = isIsoDate(act.date) ? instructionFor(act.date).id : undefined;
    const row: ActRow = {
      number: act.number,
      date: act.date,
      type: act.type,
      typeName: ACT_TYPE_NAMES[act.type],
      reasonName: reason !== undefined ? WITHDRAWAL_LABELS.reasons[reason] : act.type === 'transfer' ? 'перемещение внутри системы' : '',
      library: act.branch ?? '',
      libraryName: libraryName(act.branch, branches),
      receiver: act.toInstitution ?? libraryName(act.toBranch, branches),
      lines: act.lines.length,
      linesSum: act.lines.reduce((sum, l) => sum + (l.price ?? 0), 0),
      linesWithoutPrice: act.lines.filter((l) => l.price === undefined).length,
      instructionName: instruction === undefined ? '' : INSTRUCTION_SHORT_NAMES[instruction],
      source: act.source,
      sourceName: ACT_SOURCE_NAMES[act.source],
      file: act.file,
    };
    if (reason !== undefined) row.reason = reason;
    if (act.statedCopies !== undefined) row.statedCopies = act.statedCopies;
    if (act.statedSum !== undefined) row.statedSum = act.statedSum;
    if (instruction !== undefined) row.instruction = instruction;
    return { row, index, dated: isIsoDate(act.date) };
  });
  rows.sort((a, b) => {
    if (a.dated !== b.dated) return a.dated ? -1 : 1;
    if (a.row.date !== b.row.date) return a.row.date < b.row.date ? -1 : 1;
    if (a.row.file !== b.row.file) return a.row.file < b.row.file ? -1 : 1;
    return a.index - b.index;
  });
  return rows.map((r) => r.row);
}
