/**
 * The auditors' reports of `kitap reconcile`: the workbook (`report.xlsx`)
 * and the self-contained page (`report.html`), and the rows both are made
 * of. The package index re-exports this folder.
 */
export { actRows, type ActRow } from './act-rows.js';
export type { AuditReportMeta, ReportPreface } from './audit-report-meta.js';
export { AUDIT_REPORT_TITLE, auditSummary, type AuditSummary, type SummaryAbout, type SummaryCheck, type SummaryCount, type SummaryMoney } from './audit-summary.js';
export { HTML_CHART_IDS, HTML_FINDINGS_LIMIT, auditHtml } from './audit-html.js';
export { ACT_HEADINGS, AUDIT_SHEETS, BALANCE_HEADINGS, FINDING_HEADINGS, writeAuditXlsx } from './audit-xlsx.js';
export { balanceInReportOrder, balanceIsOff } from './balance-order.js';
export { branchRows, type BranchRow } from './branch-rows.js';
export { AUDIT_CHECKS, SEVERITY_NAMES, checkName, type AuditCheck } from './check-names.js';
export { formatCount } from './count-text.js';
export { escapeHtml } from './escape-html.js';
export { findingRows, type FindingRow } from './finding-rows.js';
export { ACT_SOURCE_NAMES, ACT_TYPE_NAMES, COPY_STATUS_NAMES, INSTRUCTION_SHORT_NAMES, LANGUAGE_NAMES, copyStatusName, languageName, libraryName } from './report-labels.js';
export { SHEET_TEXT_LIMIT, sheetText } from './sheet-text.js';
export { svgBarChart, type BarChart, type ChartBar } from './svg-bar-chart.js';
export { withdrawalBlocks, type WithdrawalBlock } from './withdrawal-blocks.js';
export { COPIES_FORMAT, DATE_FORMAT, MONEY_FORMAT, putCell, type CellKind, type CellValue } from './xlsx-cells.js';
