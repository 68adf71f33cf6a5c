import type { Command } from 'commander';
import type { Io } from '../io.js';
import type { ActsCheckOptions, ReconcileOptions } from './reconcile-job.js';

export function registerReconcile(program: Command, io: Io): void {
  program
    .command('reconcile')
    .description('Check holdings against write-off and transfer acts (every act line a real copy, withdrawn once, no longer active, moved where the act says, totals and prices right) and produce the withdrawal table of the annual report.')
    .requiredOption('--holdings <file>', 'the holdings: MARC with copy fields (any layout) or web-rabis.jsonl')
    .requiredOption('--acts <file|dir...>', 'act files (flat CSV/XLSX, or one XLSX per act laid out like the paper form), or folders of them')
    .requiredOption('--out <dir>', 'output folder: findings.json, summary.json, report.xlsx, report.html')
    .option('--as-of <date>', 'the date of the holdings (YYYY-MM-DD or DD.MM.YYYY): acts after it are not expected in them yet (default: today)')
    .option('--year <yyyy>', 'the report year: the withdrawal table and the balance count the acts of this year (default: all acts)')
    .option('--fund-start <file>', 'the fund at the start of the year (branch;group;language;copies;sum), for the balance check')
    .option('--fund-end <file>', 'the fund at the end of the year, for the balance check')
    .option('--profile <name>', 'marc21 (copies in 852/876, 949, 952, 090), rusmarc (910, 995, 899) or kazakh-public-library (every layout; the default)')
    .option('--branches <file>', 'branch directory (JSON; default: the Karaganda city library system)')
    .option('--subjects <file>', 'subject-group mapping from BBK/UDC (JSON; default: the table of docs/withdrawal-table.md)')
    .option('--holdings-encoding <charset>', 'character set of a MARC holdings file (default: detected)')
    .addHelpText(
      'after',
      `
Examples:
  kitap reconcile --holdings catalog.mrc --acts acts/ --out audit/ --as-of 2024-01-10 --year 2023
  kitap reconcile --holdings web-rabis.jsonl --acts acts-2023.csv akt-17.xlsx --out audit/ --year 2023 --fund-start fund-2023-01-01.csv --fund-end fund-2024-01-01.csv

Exit codes: 0 no error findings, 1 error findings (see findings.json and report.xlsx), 2 usage, input or internal error.`,
    )
    .action(async (opts: ReconcileOptions) => {
      const { runReconcileCommand } = await import('./reconcile-job.js');
      io.exitCode = await runReconcileCommand(opts, io);
    });

  const acts = program.command('acts').description('Work with write-off and transfer acts on their own.');
  acts
    .command('check')
    .description('Check act files before the holdings exist: stated totals against the lines, inventory numbers repeated or unreadable within an act, dates.')
    .argument('<paths...>', 'act files or folders of them')
    .option('--as-of <date>', 'acts dated after this are in the future (default: today)')
    .option('--branches <file>', 'branch directory (JSON; default: the Karaganda city library system)')
    .option('--format <format>', 'text or json', 'text')
    .addHelpText(
      'after',
      `
Examples:
  kitap acts check acts/
  kitap acts check akt-17.xlsx acts-2023.csv --format json > acts-check.json

Exit codes: 0 no error findings, 1 error findings, 2 usage or internal error.`,
    )
    .action(async (paths: string[], opts: Omit<ActsCheckOptions, 'paths'>) => {
      const { runActsCheckCommand } = await import('./reconcile-job.js');
      io.exitCode = await runActsCheckCommand({ paths, ...opts }, io);
    });
}
