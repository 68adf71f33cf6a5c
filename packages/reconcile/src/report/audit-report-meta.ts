import type { BranchDirectory } from '@kitap/holdings';

/**
 * What the auditors' reports (`report.xlsx`, `report.html`) say about the run
 * besides its result: the files compared, the holdings' date, the report year
 * and a fixed «generated» line. Nothing here is read from a clock, so the same
 * run gives the same files.
 */
export interface AuditReportMeta {
  /** The holdings file, as given. */
  holdings: string;
  /** The act files and folders, as given. */
  acts: readonly string[];
  /** The holdings' date (ISO YYYY-MM-DD). */
  asOf: string;
  /** The report year the withdrawal table counts; all acts when absent. */
  year?: number | undefined;
  /** Fixed text naming when and by what the report was made, e.g. «kitap 0.1.0, 30.06.2025». */
  generated: string;
  /** The library names for the branch codes; without it the reports show the codes. */
  branches?: BranchDirectory | undefined;
  /** Sections a caller puts before the audit (kitap migrate: the migration ledger): HTML already escaped, and the same as sheet rows. */
  preface?: readonly ReportPreface[] | undefined;
}

/** A section put before the audit in both reports. */
export interface ReportPreface {
  id: string;
  /** The heading, and the name of the sheet (at most 31 characters). */
  label: string;
  /** The section's body, escaped HTML. */
  html: string;
  /** The same as rows of a sheet; the first row is the header. */
  rows: readonly (readonly (string | number)[])[];
}
