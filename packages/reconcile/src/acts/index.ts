/**
 * Act files on their own: the act model, the readers of both act shapes, the
 * checks that need no holdings, and the instruction an act follows by date.
 * The package index re-exports this.
 */
export type { Act, ActLine, ActType } from './act.js';
export { ACT_CHECK_CODES, ACT_READ_CODES, type ActCode } from './act-codes.js';
export { ACT_COLUMN_HEADINGS, ACT_COLUMN_IDS, actColumnOf, type ActColumnId } from './act-columns.js';
export { parseActDate } from './act-date.js';
export { actDateLabel, actLabel } from './act-finding.js';
export { listActFiles } from './act-files.js';
export { actHeaderLine, type ActHeaderLines } from './act-header-lines.js';
export { normalizeActNumber } from './act-number.js';
export { resolveActLibrary } from './act-party.js';
export { parseActReason } from './act-reason.js';
export { parseActType } from './act-type.js';
export { splitAuthorTitle } from './author-title.js';
export { checkActs, type CheckActsOptions } from './check-acts.js';
export { instructionFor, ORDER_374_LAST_DAY, type Instruction, type InstructionId } from './instruction.js';
export { HEADER_SEARCH_ROWS, readActs, type ReadActsOptions, type ReadActsResult } from './read-acts.js';
