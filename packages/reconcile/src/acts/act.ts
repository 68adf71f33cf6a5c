/**
 * The act model shared by the act readers, the act checks and the
 * reconciliation against holdings: write-off acts (акт списания) and transfer
 * acts (акт приема-передачи), one `ActLine` per copy. See docs/acts.md.
 */
import type { WriteOffReason } from '@kitap/holdings';

/** What an act does with its copies: writes them off the fund, or hands them to another library or institution. */
export type ActType = 'write-off' | 'transfer';

/** One line of an act: one copy, with the act's data repeated so a line can be read on its own. */
export interface ActLine {
  /** The file the line was read from, as given (or found in a given directory). */
  file: string;
  /** 1-based line (CSV) or sheet row (XLSX). */
  line: number;
  actNumber: string;
  /** ISO YYYY-MM-DD; the text as written when it is not a readable date ('' when missing). */
  actDate: string;
  actType: ActType;
  /** Write-offs; transfers to another institution count as 'transferred'; internal transfers have none. */
  reason?: WriteOffReason;
  /** The sending library's code in the branch directory. */
  fromBranch?: string;
  /** The sending library as the act writes it. */
  fromBranchText?: string;
  /** The receiving library's code, for a transfer inside the system. */
  toBranch?: string;
  /** The receiving institution's name, for a transfer outside the system. */
  toInstitution?: string;
  /** As written. */
  inventoryNumber: string;
  /** Normalised key (undefined when invalid). */
  inventoryKey?: string;
  author?: string;
  title?: string;
  year?: number;
  /** Tiyn. */
  price?: number;
}

/** One act: its header (number, date, library, reason, stated totals) and its lines. */
export interface Act {
  file: string;
  /** `flat`: a table with one row per act line; `form`: an XLSX laid out like the paper form. */
  source: 'flat' | 'form';
  number: string;
  /** ISO YYYY-MM-DD; the text as written when it is not a readable date ('' when missing). */
  date: string;
  type: ActType;
  reason?: WriteOffReason;
  /** The act's library (the sending one for a transfer), as a branch code. */
  branch?: string;
  toBranch?: string;
  toInstitution?: string;
  /** The number of copies written on the act. */
  statedCopies?: number;
  /** Tiyn; the total sum written on the act. */
  statedSum?: number;
  lines: ActLine[];
}
