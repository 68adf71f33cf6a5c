import { Option, type Command } from 'commander';
import { MIGRATION_STAGES } from '@kitap/store';
import { ENCODING_CHOICES, type Io } from '../io.js';
import type { MigrateOptions } from '../migrate/migrate-options.js';

export function registerMigrate(program: Command, io: Io): void {
  program
    .command('migrate')
    .description('The whole migration as one resumable job: convert and validate the legacy catalog, clean it, merge duplicates, attach the 1C inventory, apply and check the year\'s acts, and package it for Web-RABIS with a report and a ledger that follows every record and copy.')
    .requiredOption('--catalog <legacy.mrc>', 'the legacy catalog: ISO2709 in any encoding (also MARCXML, MARC-in-JSON, mnemonic text)')
    .requiredOption('--inventory <export>', 'the 1C fund inventory export: CSV, XLSX, DBF or XML')
    .option('--acts <files...>', 'write-off and transfer acts of the year: files or folders (CSV, XLSX)')
    .requiredOption('--out <dir>', 'the migration folder: records.mrc, web-rabis.jsonl, rejects/, journal.jsonl, review.xlsx, report.xlsx, report.html, ledger.json (and migrate.sqlite, the job)')
    .option('--profile <name>', 'marc21, rusmarc or kazakh-public-library (default: the project config, else kazakh-public-library)')
    .option('--config <file>', 'project config (rules, dedup and inventory thresholds)')
    .addOption(new Option('--encoding <charset>', 'character set of the legacy catalog (default: detected per record)').choices(ENCODING_CHOICES))
    .option('--mapping <file>', 'column mapping of the 1C export (kitap inventory --detect writes one)')
    .option('--branches <file>', 'branch directory (default: the Karaganda city system)')
    .option('--as-of <date>', 'the date the holdings describe (default: today)')
    .option('--year <yyyy>', 'the report year of the withdrawal table (default: every act)')
    .option('--fund-start <file>', 'fund at the start of the year by library × subject group × language, for the balance check')
    .option('--fund-end <file>', 'fund at the end of the year, for the balance check')
    .addOption(new Option('--from <stage>', 're-run this stage and the ones after it (e.g. dedup after review decisions)').choices([...MIGRATION_STAGES]))
    .addHelpText(
      'after',
      `
Stages: ${MIGRATION_STAGES.join(' → ')}

Examples:
  kitap migrate --catalog old.iso --inventory 1c.csv --acts acts/ --out migration/ --as-of 2024-01-15 --year 2023
  kitap serve migration/                      # decide the doubtful duplicates in the browser
  kitap migrate --catalog old.iso --inventory 1c.csv --acts acts/ --out migration/ --as-of 2024-01-15 --year 2023 --from dedup

Re-running the same command continues where a killed run stopped and gives the same bytes.
Exit codes: 0 everything balanced and no audit errors, 1 the audit found errors, some input was rejected (see rejects/ and report.html) or a duplicate cluster could not be merged, 2 usage, input or internal error (or a ledger that does not balance).`,
    )
    .action(async (opts: MigrateOptions) => {
      const { runMigrateCommand } = await import('../migrate/migrate-command.js');
      io.exitCode = await runMigrateCommand(opts, io);
    });
}
