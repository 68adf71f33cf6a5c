export * from './statistics/index.js';
export * from './acts/index.js';
export type { HoldingCopy } from './holdings/holding-copy.js';
export { PROFILE_LAYOUTS, readHoldings, type HoldingItem, type ReadHoldingsOptions } from './holdings/read-holdings.js';
export { cellKey, readFundSnapshot, type FundCell } from './audit/fund-snapshot.js';
export { runAudit, type AuditFinding, type AuditOptions, type AuditResult, type BalanceRow } from './audit/run-audit.js';
export { findingsJson, summaryJson, type FindingJson } from './audit/audit-json.js';
export * from './report/index.js';
export * from './apply/index.js';
