export { defineCrossRule, defineRule, type CountedWord, type CrossKey, type CrossRecordRule, type FieldEdit, type Fix, type RecordRule, type Rule, type RuleContext, type RuleFamily, type RuleFlavour, type RuleMeta, type RuleReport } from './rule.js';
export { Linter, MAX_PASSES, placeOf, type ActiveRule, type Change, type FixResult } from './engine.js';
export { applyFixes, nonOverlapping, revertPass, type AppliedEdit } from './apply-fixes.js';
export { formatMessage } from './message.js';
export { recordId, recordTitle } from './record-label.js';
export { RULES } from './rules/index.js';
export { PROFILES, PROFILE_NAMES, type Profile, type RuleSetting } from './profiles.js';
export { cleanConfigSchema, resolveRules, ruleById, type CleanConfig } from './config.js';
export type { JournalChange, JournalHeader, JournalLine, JournalOriginal, JournalRejected, JournalRemoved } from './journal.js';
