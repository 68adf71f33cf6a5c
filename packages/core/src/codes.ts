/**
 * The one list of stable codes used in rejects, warnings, findings and CLI
 * errors. A code never changes meaning once released; the sentence is what the
 * CLI and the docs show to people.
 */
export const CODES = {
  // framing (ISO2709)
  E_RECORD_LENGTH: 'The record length in leader/00-04 is not five digits or is too small for a record.',
  E_RECORD_TERMINATOR: 'The record does not end with the record terminator (0x1D) where its length says it should.',
  E_TRUNCATED: 'The input ends in the middle of a record.',
  E_RECORD_TOO_LONG: 'The record is longer than ISO2709 allows (99,999 bytes).',
  W_INTER_RECORD_BYTES: 'Bytes between records (CR, LF, NUL) were skipped.',
  // leader
  E_LEADER: 'The leader is not valid (indicator count, subfield code length or entry map is not a digit).',
  // directory and base address
  E_BASE_ADDRESS: 'The base address of data (leader/12-16) is not a number or does not point just after the directory.',
  E_DIRECTORY: 'The directory is malformed (not a multiple of 12 bytes, non-numeric lengths or offsets, or non-ASCII tags).',
  E_FIELD_BOUNDS: 'A directory entry points outside the record or at a field that does not end with a field terminator (0x1E).',
  E_ORPHAN_DATA: 'Bytes of the data area are covered by no directory entry (a field whose entry was lost, or stray bytes), so they belong to no field.',
  W_ORPHAN_DATA: 'Bytes of the data area covered by no directory entry were left out of the record; the warning gives their offset, length and text.',
  W_LEADER_REPAIRED: 'A structural leader position was not valid and was repaired.',
  W_INDICATORS_MISSING: 'A data field had no indicators; blanks were assumed.',
  W_DATA_BEFORE_SUBFIELD: 'A data field had text before its first subfield delimiter; it was kept as a subfield with code "_" so nothing is lost.',
  W_ENCODING_REPLACED: 'Invalid bytes were replaced by U+FFFD.',
  E_NO_FIELDS: 'The record has no fields.',
  E_TAG: 'A tag is not three ASCII letters or digits.',
  // fields
  E_INDICATOR: 'An indicator is missing or is not a single ASCII letter, digit or space.',
  E_SUBFIELD_CODE: 'A subfield code is missing or not a single ASCII graphic character.',
  E_DELIMITER_IN_DATA: 'A value contains a MARC delimiter (0x1D, 0x1E or 0x1F).',
  E_ESC_IN_DATA: 'A value to be written as ISO2709 holds an ESC (0x1B), which readers take for the start of a MARC-8 escape sequence; remove it first (kitap fix, rule control-characters).',
  E_FIELD_TOO_LONG: 'A field is longer than ISO2709 allows (9,999 bytes).',
  // character sets
  E_ENCODING: 'Bytes are not valid in the record\'s character set.',
  W_CHARSET_MISMATCH: 'Leader/09 disagrees with the character set detected from the bytes.',
  W_CHARSET_GIVEN_MISMATCH: 'The bytes are plainly in another character set than the one given (--encoding), which was used all the same, as asked.',
  W_UNIMARC_CHARSET_NOT_SET: 'A UNIMARC/RUSMARC record was converted to UTF-8, but its 100 $a is missing or shorter than 30 characters, so its character sets (100 $a/26-29) could not be set to "50  " (Unicode); nothing was added.',
  E_UNMAPPABLE: 'A character cannot be represented in the target character set.',
  W_CONTROL_CHARACTER: 'A value contains a control character.',
  // XML / JSON / mnemonic
  E_XML: 'The XML is not well formed or is not MARCXML.',
  E_JSON: 'The JSON is not valid MARC-in-JSON.',
  E_MNEMONIC: 'The mnemonic (MarcEdit) line is not valid.',
  // jobs
  E_INPUT: 'The input cannot be opened or read.',
  E_OUTPUT: 'The output cannot be written.',
  E_USAGE: 'The command line is not valid.',
  E_LEDGER: 'The ledger does not balance: records were lost.',
  E_CONFIG: 'The project configuration (kitap.config.json or YAML) is not valid.',
  E_JOURNAL: 'The change journal does not match the records it is applied to, or is damaged.',
  E_MERGE_COPY_LOST: 'A merge would have lost a copy: a bug in kitap; the run stops and nothing is written.',
  E_DEDUP_LIMIT: 'The input is beyond what one dedup run holds (at most 16,777,216 records, and at most 65,535 identifiers or authors in a record); split the input or remove the repeated fields.',
  E_DECISIONS: 'The decisions file (dedup report or review list) is not valid or does not belong to this input.',
  W_MERGE_NOT_APPLIED_UNWRITABLE: 'The cluster was not merged: its merged record cannot be written as ISO2709 (longer than 99,999 bytes, a field longer than 9,999 bytes, or another refusal of the writer, given in the message); its records were written as they were read.',
  // inventory exports (1C): rows that cannot become copies
  E_ROW_PARSE: 'The row cannot be read as a table row (a broken quote or a cell the format cannot hold).',
  E_ROW_TITLE_MISSING: 'The row has no title, so it cannot be placed on a catalog record.',
  E_ROW_INVENTORY_NUMBER: 'The inventory number is not valid (no digits, too long, or not of the configured pattern).',
  E_INV_DUPLICATE: 'The inventory number is already used by another copy in the export or in the catalog; inventory numbers are unique across the library system.',
  E_ROW_PRICE: 'The price or sum is not an amount of money (tenge with at most two decimals, not negative).',
  E_ROW_SUM: 'The sum differs from the price times the quantity.',
  E_ROW_QUANTITY: 'The quantity is not a whole number of copies, or differs from the number of inventory numbers in the range.',
  E_ROW_BRANCH_UNKNOWN: 'The branch (library or department) is not in the branch directory.',
  E_ROW_DATE: 'The date is not a real calendar date (DD.MM.YYYY or YYYY-MM-DD).',
  E_ROW_YEAR: 'The year of publication is not a year.',
  E_MAPPING: 'The column mapping does not fit the export: a required column is missing or the mapping file is not valid.',
  W_ROW_LOST_LETTERS: 'Kazakh letters were lost as "?" when the export was written in a code page that lacks them (cp1251, cp866).',
  // audit (reconcile)
  E_SUBJECT_MAPPING: 'The subject-group mapping file (--subjects) is not valid JSON or does not follow the mapping schema.',
  E_WITHDRAWAL_ENTRY: 'A withdrawal entry has an unknown reason or subject group, or a price that is not a whole non-negative number of tiyn.',
  // applying the acts to the holdings (kitap migrate): act lines left for the audit
  W_ACT_NOT_APPLIED_WITHDRAWN: 'The act line was not applied: its copy is already written off or transferred out in the holdings.',
  W_ACT_NOT_APPLIED_FUTURE: 'The act line was not applied: the act is dated after the date of the holdings (as of).',
  W_ACT_NOT_APPLIED_NOT_AT_SENDER: 'The transfer line was not applied: the copy is not at the library the act sends it from.',
  W_ACT_NOT_APPLIED_ALREADY_MOVED: 'The transfer line was not applied: the copy is already at the receiving library.',
  W_ACT_NOT_APPLIED_GROUP: 'The act line was not applied: its inventory number is a summary record standing for several copies, not one copy.',
  W_ACT_NOT_APPLIED_LAYOUT: 'The act line was not applied: the copy fields of its record cannot take the change (the layout has no place for the status, or the change would alter other copies).',
  // harvesting (SRU, OAI-PMH)
  E_HARVEST_HTTP: 'An HTTP request of a harvest failed for good (retries spent, or an answer that is neither SRU nor OAI-PMH with a status other than 200).',
  E_SRU_DIAGNOSTIC: 'The SRU server answered with a diagnostic instead of records, or instead of one record.',
  E_OAI_ERROR: 'The OAI-PMH repository answered with an error that kitap does not handle itself.',
  E_OAI_BAD_RESUMPTION_TOKEN: 'The repository refused a resumption token twice, so the list cannot be continued from it.',
  E_HARVEST_RESPONSE: 'The answer is not an SRU or OAI-PMH response kitap can read, or it would make the harvest loop.',
  E_HARVEST_STATE: 'The harvest state file is damaged or belongs to another harvest.',
  // Web-RABIS client
  E_RABIS_AUTH: 'Web-RABIS refused the credentials (sign-in failed, or the token was refused again after renewing it).',
  E_RABIS_HTTP: 'Web-RABIS answered with an error status (after retries, when the status is worth retrying).',
  E_RABIS_NETWORK: 'Web-RABIS could not be reached (the connection failed or was reset) after retries.',
  E_RABIS_TIMEOUT: 'Web-RABIS did not answer within the configured time, after retries.',
  E_RABIS_RESPONSE: 'The answer of Web-RABIS is not the expected JSON shape.',
  E_RABIS_CANCELLED: 'The request to Web-RABIS was cancelled.',
  E_RABIS_DELIVERY_LOG: 'The delivery log is damaged or belongs to another destination.',
  E_RABIS_DUPLICATE_KEY: 'A record was not pushed: a different record of the push already uses its control number, which Web-RABIS keys records by.',
  E_INTERNAL: 'An internal error; please report it with the input that caused it.',
  // text formats (MARCXML, MARC-in-JSON, mnemonic)
  W_LEADER_MISSING: 'The record had no leader; a default leader was assumed.',
  W_CONTENT_IGNORED: 'Content with no place in a MARC record (an unknown element, attribute value or key) was ignored.',
  W_EMPTY_FIELD: 'A data field had no subfields; it was kept empty.',
  W_MNEMONIC_REPAIRED: 'A mnemonic line was not in the standard layout and was read leniently.',
  E_XML_ILLEGAL_CHAR: 'A value contains a character XML 1.0 cannot carry (a C0 control other than tab, LF or CR, U+FFFE, U+FFFF or a lone surrogate).',
} as const;

export type Code = keyof typeof CODES;

export function describeCode(code: Code): string {
  return CODES[code];
}

export function isCode(value: string): value is Code {
  return Object.hasOwn(CODES, value);
}
