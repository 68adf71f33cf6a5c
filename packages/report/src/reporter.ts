import type { Finding } from '@kitap/core';
import type { FindingSummary } from './summary.js';

/**
 * Writes findings somewhere as they come (so memory does not grow with their
 * number) and the summary at the end. `abort` leaves no partial file.
 */
export interface FindingReporter {
  add(finding: Finding): Promise<void>;
  close(summary: FindingSummary): Promise<void>;
  abort(): Promise<void>;
}

export const REPORT_FORMATS = ['text', 'json', 'csv', 'xlsx', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
