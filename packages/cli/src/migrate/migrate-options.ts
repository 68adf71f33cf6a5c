import type { MigrationStage } from '@kitap/store';

export interface MigrateOptions {
  /** The legacy catalog: ISO2709 (any encoding), MARCXML, MARC-in-JSON or mnemonic text. */
  catalog: string;
  /** The 1C inventory export: CSV, XLSX, DBF or XML. */
  inventory: string;
  /** Act files and folders of the year; without them the acts and audit stages are skipped. */
  acts?: string[];
  out: string;
  profile?: string;
  config?: string;
  /** Character set of the legacy catalog (default: detected per record). */
  encoding?: string;
  /** Column mapping of the 1C export. */
  mapping?: string;
  branches?: string;
  /** The date the holdings describe (YYYY-MM-DD or DD.MM.YYYY); default today. */
  asOf?: string;
  /** The report year of the audit's withdrawal table; default: every act. */
  year?: string;
  fundStart?: string;
  fundEnd?: string;
  /** Re-run this stage and everything after it. */
  from?: MigrationStage;
}
