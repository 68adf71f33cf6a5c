import type { CopyStatus } from '@kitap/holdings';
import type { LanguageGroup } from '../statistics/language-group.js';
import type { SubjectGroup } from '../statistics/subject-group.js';

/** One copy of the holdings as the audit needs it: where it is, in what state, and how the statistics group it. */
export interface HoldingCopy {
  /** Normalised inventory number (the key act lines are matched on). */
  key: string;
  /** As the holdings write it. */
  inventoryNumber: string;
  /** Branch code (directory), or the text as written when the directory does not know it. */
  branch?: string;
  status?: CopyStatus;
  /** Tiyn. */
  price?: number;
  /** YYYY-MM-DD. */
  dateReceived?: string;
  /** The record's control number (001) or id. */
  record?: string;
  /** 0-based position of the record (or line) in the holdings file. */
  index: number;
  group: SubjectGroup;
  language: LanguageGroup;
  title?: string;
}
