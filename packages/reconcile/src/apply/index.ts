/**
 * Applying a year's acts to the holdings of a migration (`kitap migrate`):
 * written-off and transferred copies get their status and the act's facts in
 * records.mrc and web-rabis.jsonl before the audit runs on them. The package
 * index re-exports this.
 */
export { applyActs, type ApplyActsOptions } from './apply-acts.js';
export type { ActApplied, AppliedLine, ApplyResult, CopiesAndSum } from './apply-result.js';
export { planActLines, type ActPlan, type ChangeKind, type PlannedChange } from './apply-plan.js';
export { changedCopy } from './copy-change.js';
export { NOT_APPLIED_CODES, type CopyRef, type NotAppliedCode, type NotAppliedLine } from './not-applied.js';
