/**
 * Subject groups, language groups and the withdrawal table of the annual
 * report (`summary.json`); the package index re-exports this folder.
 */
export { bbkClass, udcClass, type BbkClass, type UdcClass } from './classification-index.js';
export { copyFacts, type CopyFacts } from './copy-facts.js';
export { LANGUAGE_GROUPS, languageGroupOf, type LanguageFacts, type LanguageGroup } from './language-group.js';
export { SUBJECT_GROUPS, isSubjectGroup, type SubjectGroup } from './subject-group.js';
export { subjectGroupOf, type ClassificationFacts, type SubjectDecision, type SubjectHow } from './subject-group-of.js';
export { loadSubjectGroups, parseSubjectGroups } from './subject-groups-file.js';
export { DEFAULT_SUBJECT_RULES, isBbkPrefix, isUdcPrefix, subjectGroupsSchema, subjectRuleSchema, type SubjectGroupsFile, type SubjectRule, type SubjectRules } from './subject-rules.js';
export { WITHDRAWAL_LABELS } from './withdrawal-labels.js';
export { WITHDRAWAL_COLUMNS, withdrawalLayout, type WithdrawalColumn, type WithdrawalLayout, type WithdrawalLine } from './withdrawal-layout.js';
export { withdrawalTable, type WithdrawalBreakdown, type WithdrawalCell, type WithdrawalEntry, type WithdrawalRow, type WithdrawalTable } from './withdrawal-table.js';
