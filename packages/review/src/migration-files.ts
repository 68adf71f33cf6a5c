import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KitapError } from '@kitap/core';

/** The files of a migration folder that the review page reads (`kitap migrate --out <dir>` writes them). */
export const MIGRATION_FILES = {
  store: 'migrate.sqlite',
  ledger: 'ledger.json',
  journal: 'journal.jsonl',
  findings: 'findings.json',
} as const;

export type MigrationFile = keyof typeof MIGRATION_FILES;

/** Absolute paths of a migration folder's files. */
export interface MigrationPaths {
  dir: string;
  store: string;
  ledger: string;
  journal: string;
  findings: string;
}

export function migrationPaths(dir: string): MigrationPaths {
  const abs = resolve(dir);
  return {
    dir: abs,
    store: join(abs, MIGRATION_FILES.store),
    ledger: join(abs, MIGRATION_FILES.ledger),
    journal: join(abs, MIGRATION_FILES.journal),
    findings: join(abs, MIGRATION_FILES.findings),
  };
}

/**
 * The paths of a migration folder, or an `E_INPUT` error when the folder has
 * no `migrate.sqlite`: opening the store would create an empty one, and the
 * review page must never make a migration out of a wrong folder.
 */
export function requireMigrationDir(dir: string): MigrationPaths {
  const paths = migrationPaths(dir);
  if (!existsSync(paths.dir) || !statSync(paths.dir).isDirectory()) {
    throw new KitapError('E_INPUT', `${paths.dir} is not a folder: give the --out folder of kitap migrate`, { file: paths.dir });
  }
  if (!existsSync(paths.store)) {
    throw new KitapError('E_INPUT', `${paths.dir} is not a migration folder: it has no ${MIGRATION_FILES.store} (run kitap migrate ... --out ${dir} first)`, { file: paths.dir });
  }
  return paths;
}
