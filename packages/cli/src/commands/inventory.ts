import { KitapError } from '@kitap/core';
import { Option, type Command } from 'commander';
import type { Io } from '../io.js';
import type { InventoryCliOptions } from './inventory-job.js';

export const INVENTORY_FORMATS = ['csv', 'xlsx', 'dbf', 'xml'];
export const INVENTORY_ENCODINGS = ['utf-8', 'cp1251', 'rk1048', 'pt154', 'cp866', 'koi8-r'];
export const COPY_LAYOUT_CHOICES = ['852/876', '910', '952', '995', '899', '949', '090'];

export function registerInventory(program: Command, io: Io): void {
  program
    .command('inventory')
    .description('Turn a 1C fund inventory export (CSV, XLSX, DBF, XML) into Web-RABIS structures: records with their copies, attached to existing catalog records where they match; every row and tiyn accounted for.')
    .argument('<export>', 'the 1C export: one row per copy (or per batch)')
    .option('--out <dir>', 'output folder: records.mrc, web-rabis.jsonl, rejects.csv, batches.csv, report.json (and job.sqlite, the job state)')
    .option('--detect', 'only detect the format, encoding and columns, and print a mapping file to edit (stdout)')
    .addOption(new Option('--format <format>', 'format of the export (default: detected from its bytes)').choices(INVENTORY_FORMATS))
    .addOption(new Option('--encoding <charset>', 'character set of a CSV, DBF or XML export (default: detected)').choices(INVENTORY_ENCODINGS))
    .option('--delimiter <char>', 'CSV delimiter (default: detected among ; , tab |)')
    .option('--sheet <name|number>', 'XLSX sheet (default: the first visible one)')
    .option('--xml-row <element>', 'XML element that holds one row (default: the most repeated one)')
    .option('--mapping <file>', 'column mapping (JSON; kitap inventory --detect writes one)')
    .option('--catalog <existing.mrc>', 'the existing catalog: copies of editions it has are attached to its records instead of creating new ones')
    .addOption(new Option('--catalog-encoding <charset>', 'character set of the catalog (default: detected)').choices(['auto', ...INVENTORY_ENCODINGS, 'marc8']))
    .option('--profile <name>', 'marc21, rusmarc or kazakh-public-library: the record flavour and copy layout of records.mrc (default: the project config, else kazakh-public-library)')
    .addOption(new Option('--layout <layout>', 'copy fields of records.mrc (default: 852/876 for MARC21 profiles, 910 for rusmarc)').choices(COPY_LAYOUT_CHOICES))
    .option('--branches <file>', 'branch directory (JSON): library codes and the spellings exports use (default: the Karaganda city system, fixtures/branches/karaganda-cbs.json)')
    .option('--config <file>', 'project config; its "dedup" section sets the match thresholds used to attach copies')
    .addHelpText(
      'after',
      `
Examples:
  kitap inventory export.csv --detect > mapping.json
  kitap inventory export.csv --out migrated/ --catalog catalog.mrc
  kitap inventory export.xlsx --mapping mapping.json --branches branches.json --out migrated/
  kitap inventory fund.dbf --encoding cp866 --profile rusmarc --out migrated/

Re-running with the same input and options resumes a killed run and gives the same output bytes.
Exit codes: 0 every row mapped, 1 some rows rejected or counted as batches (see rejects.csv, batches.csv), 2 usage, input or internal error (or a ledger that does not balance).`,
    )
    .action(async (input: string, opts: Omit<InventoryCliOptions, 'input'>) => {
      // One character; "tab" and "\t" name a tab (inventory-job.ts).
      if (opts.delimiter !== undefined && [...opts.delimiter.replace(/^\\t$|^tab$/i, '\t')].length !== 1) {
        throw new KitapError('E_USAGE', `--delimiter takes one character, not ${JSON.stringify(opts.delimiter)} (for a tab: --delimiter tab)`);
      }
      const { runInventoryCommand } = await import('./inventory-job.js');
      io.exitCode = await runInventoryCommand({ input, ...opts }, io);
    });
}
