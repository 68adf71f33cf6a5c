import type { BranchDirectory } from '@kitap/holdings';
import type { MigrationStage, MigrationStore } from '@kitap/store';
import type { Io } from '../io.js';
import type { MigrateOptions } from './migrate-options.js';
import type { MigrationPaths } from './migration-paths.js';

/** What every stage gets: the options, the paths, the store, an Io whose lines go to migrate.log, and the summaries of the stages before it. */
export interface StageContext {
  options: MigrateOptions;
  paths: MigrationPaths;
  store: MigrationStore;
  /** Sub-commands write here: their lines go to `<dir>/migrate.log`, not to the terminal. */
  io: Io;
  log(line: string): void;
  /** Counts as a stage goes, for its progress bar. */
  progress(count: number): void;
  branches: BranchDirectory;
  profile: string;
  asOf: string;
  year: number | undefined;
  summaries: Partial<Record<MigrationStage, StageSummary>>;
}

/** A stage's summary: kept in the store, shown on the review page, and the source of the ledger. */
export interface StageSummary {
  /** One line for people. */
  line: string;
  /** The ledger rows of the stage. */
  ledger: LedgerRow[];
  [key: string]: unknown;
}

/** One row of the migration ledger: in = out + rejected + filtered, in one unit. */
export interface LedgerRow {
  stage: MigrationStage;
  unit: 'records' | 'rows' | 'copies' | 'act lines' | 'tiyn';
  in: number;
  out: number;
  rejected: number;
  filtered: number;
  /** What `filtered` means here (merged into a survivor, batch rows …). */
  note?: string;
}

export interface StageSpec {
  stage: MigrationStage;
  /** What the progress bar counts. */
  unit: string;
  /** Files whose bytes the stage's output depends on. */
  inputs(ctx: StageContext): string[] | Promise<string[]>;
  /** Settings the stage's output depends on. */
  settings(ctx: StageContext): unknown;
  /** Files that must exist for a finished stage to be skipped. */
  outputs(ctx: StageContext): string[];
  /** How many items the progress bar should expect, when known. */
  total?(ctx: StageContext): Promise<number | undefined> | number | undefined;
  run(ctx: StageContext): Promise<StageSummary>;
}
