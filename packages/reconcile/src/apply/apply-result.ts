import type { Finding } from '@kitap/core';
import type { ActType } from '../acts/act.js';
import type { ChangeKind } from './apply-plan.js';
import type { NotAppliedLine } from './not-applied.js';

/** Copies and their money in tiyn. */
export interface CopiesAndSum {
  copies: number;
  sum: number;
}

/** An act line that changed its copy. */
export interface AppliedLine {
  kind: ChangeKind;
  file: string;
  line: number;
  act: { number: string; date: string; type: ActType };
  /** As the act writes it. */
  inventoryNumber: string;
  /** The copy as the holdings write its number, its record's control number and the record's 0-based place in records.mrc. */
  copy: { inventoryNumber: string; record?: string; index: number };
  /** The library the copy left, and (for a move) the one it went to: branch codes. */
  from?: string;
  to?: string;
  /** Tiyn withdrawn (0 for a move). */
  price: number;
}

/** One act and what became of its lines. */
export interface ActApplied {
  file: string;
  number: string;
  date: string;
  type: ActType;
  lines: number;
  applied: number;
  notApplied: number;
  /** Copies taken out of the fund by its applied lines, and their money. */
  withdrawn: CopiesAndSum;
  /** Copies moved to another library of the system. */
  moved: number;
}

/** What `applyActs` did, with the counts that must balance. */
export interface ApplyResult {
  counts: {
    acts: number;
    /** Act lines read = applied + not applied. */
    lines: number;
    applied: number;
    notApplied: number;
    /** Records in = records out; `changed`: records written anew; `unreadable`: records the reader rejected, passed through as their bytes. */
    records: { in: number; out: number; changed: number; unreadable: number };
    /** Copies in = copies out (in the layouts read); `changed`: copies written anew. */
    copies: { in: number; out: number; changed: number };
    /** With web-rabis.jsonl: documents in = out; copies (`inv` entries) in = out; copies whose `inv` changed; changed copies the document does not list (copies a catalog record had before the inventory). */
    webRabis?: { documents: { in: number; out: number }; copies: { in: number; out: number }; changed: number; notListed: number };
  };
  /** Copies taken out of the fund (written off, or transferred to another institution), in tiyn: the act's price, the register's when the act has none. */
  withdrawn: CopiesAndSum & { writtenOff: CopiesAndSum; transferredOut: CopiesAndSum };
  /** Copies moved between libraries of the system. */
  moved: number;
  byAct: ActApplied[];
  applied: AppliedLine[];
  /** Every line not applied, with its reason, in the order of file and line. */
  notApplied: NotAppliedLine[];
  /** Values of the changed copies that the copy layout has no subfield for, by property (the copy's note keeps them where the layout has notes). */
  notInMarc: Record<string, number>;
  /** What could not be read: act files and rows (readActs), holdings records and copies. */
  problems: Finding[];
}
