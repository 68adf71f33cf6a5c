export { FindingTally, type FindingSummary, type RuleTally } from './summary.js';
export { REPORT_FORMATS, type FindingReporter, type ReportFormat } from './reporter.js';
export { FINDING_COLUMNS, findingRow, type FindingRow } from './finding-row.js';
export { TextReporter, textSummary } from './text-reporter.js';
export { JsonReporter } from './json-reporter.js';
export { CsvReporter } from './csv-reporter.js';
export { XlsxReporter } from './xlsx-reporter.js';
export { HtmlReporter, escapeHtml, htmlSummary } from './html-reporter.js';
