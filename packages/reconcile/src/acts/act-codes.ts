/**
 * The finding codes of reading and checking act files on their own (before
 * any holdings are looked at). They are meant for `CODES` in @kitap/core; until
 * the lead adds them there they live here.
 */

/** Codes `readActs` reports: files and rows it cannot read. */
export const ACT_READ_CODES = [
  /** The path does not exist, or the file cannot be opened or read as a table. */
  'ACT_FILE_UNREADABLE',
  /** The file is a table, but neither a flat act table nor a paper-form act. */
  'ACT_SHAPE_UNKNOWN',
  /** A row or one of its cells cannot be read (no act number, unknown act type, reason or library, a price that is not money…). */
  'ACT_LINE_INVALID',
  /** A paper-form act's header block lacks or garbles something (kind of act, library, reason, totals). */
  'ACT_HEADER_INVALID',
] as const;

/** Codes `checkActs` reports: what is wrong inside an act, found without holdings. */
export const ACT_CHECK_CODES = ['ACT_TOTAL_MISMATCH', 'INVENTORY_NUMBER_DUPLICATE', 'INVENTORY_NUMBER_INVALID', 'ACT_DATE_INVALID', 'ACT_AFTER_HOLDINGS'] as const;

/** One of the codes of act files read and checked on their own. */
export type ActCode = (typeof ACT_READ_CODES)[number] | (typeof ACT_CHECK_CODES)[number];
