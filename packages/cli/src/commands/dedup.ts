import { INPUT_FORMATS } from '@kitap/marc';
import { Option, type Command } from 'commander';
import { ENCODING_CHOICES, MODE_CHOICES, type Io } from '../io.js';
import type { DedupOptions } from './dedup-job.js';

export function registerDedup(program: Command, io: Io): void {
  program
    .command('dedup')
    .description('Find duplicate records (the same edition entered twice), cluster them and explain every decision; nothing is changed.')
    .argument('<in>', 'the records to check (any format kitap reads)')
    .requiredOption('--report <dedup.json>', 'the clusters with their decisions and explanations (read by kitap merge)')
    .option('--against <catalog>', 'also look for duplicates of the input in this catalog (its records are never paired with each other)')
    .option('--review <file>', 'a review list for cataloguers, .csv or .xlsx: each cluster side by side, with a decision column (merge | keep)')
    .option('--config <file>', 'project config; its "dedup" section sets thresholds, weights, blocking and the survivor policy')
    .addOption(new Option('--from <format>', 'input format').choices(['auto', ...INPUT_FORMATS]).default('auto'))
    .addOption(new Option('--encoding <charset>', 'character set of the input').choices(ENCODING_CHOICES).default('auto'))
    .addOption(new Option('--mode <mode>', 'how unreadable records are treated (see kitap convert)').choices(MODE_CHOICES).default('lenient'))
    .option('--rejects <file>', 'NDJSON file for unreadable records (default: <report>.rejects.ndjson; only written when there are some)')
    .addHelpText(
      'after',
      `
Examples:
  kitap dedup catalog.mrc --report dedup.json --review review.xlsx
  kitap dedup new-records.iso --encoding cp1251 --against catalog.mrc --report dedup.json
  kitap merge catalog.mrc --decisions review.xlsx -o merged.mrc

Exit codes: 0 no duplicates, 1 duplicates found (or unreadable records), 2 usage or internal error.`,
    )
    .action(async (input: string, opts: Omit<DedupOptions, 'input'>) => {
      const { runDedup } = await import('./dedup-job.js');
      const report = await runDedup({ input, ...opts }, io);
      io.exitCode = report.clusters.length > 0 || report.ledger.stages['read']?.rejected ? 1 : 0;
    });
}
