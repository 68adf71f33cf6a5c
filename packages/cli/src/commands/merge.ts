import { INPUT_FORMATS } from '@kitap/marc';
import { Option, type Command } from 'commander';
import { KitapError } from '@kitap/core';
import { ENCODING_CHOICES, MODE_CHOICES, type Io } from '../io.js';
import type { MergeOptions } from './merge-job.js';

export function registerMerge(program: Command, io: Io): void {
  program
    .command('merge')
    .description('Merge duplicate records as decided (dedup report or reviewed list): every copy moves to the surviving record; journaled and undoable.')
    .argument('<in>', 'the records the decisions were made for (a file), or the merged file with --undo')
    .option('--decisions <file>', 'dedup.json (its match clusters) or the review list (.csv/.xlsx) with merge/keep marked')
    .option('-o, --output <out>', 'the merged (or, with --undo, restored) records, ISO2709; never the input')
    .option('--undo <journal>', 'restore the records as they were before the merge, byte for byte')
    .option('--journal <file>', 'the merge journal, JSON lines (default: <out>.journal.jsonl)')
    .option('--config <file>', 'project config; its "dedup" section sets the survivor policy and copy layouts')
    .addOption(new Option('--from <format>', 'input format').choices(['auto', ...INPUT_FORMATS]).default('auto'))
    .addOption(new Option('--encoding <charset>', 'character set of the input').choices(ENCODING_CHOICES).default('auto'))
    .addOption(new Option('--mode <mode>', 'how unreadable records are treated (see kitap convert)').choices(MODE_CHOICES).default('lenient'))
    .option('--rejects <file>', 'NDJSON file for records that cannot be read or written (default: <out>.rejects.ndjson)')
    .option('--report <file>', 'JSON report: clusters merged and not merged, counts, copies in and out, ledger (default: <out>.report.json)')
    .addHelpText(
      'after',
      `
Examples:
  kitap dedup catalog.mrc --report dedup.json --review review.xlsx
  kitap merge catalog.mrc --decisions dedup.json -o merged.mrc         # the automatic matches only
  kitap merge catalog.mrc --decisions review.xlsx -o merged.mrc        # as the cataloguers marked them
  kitap merge --undo merged.mrc.journal.jsonl merged.mrc -o restored.mrc

Exit codes: 0 merged, every record written; 1 some records rejected, or a cluster not merged
(its merged record cannot be written as ISO2709: W_MERGE_NOT_APPLIED_UNWRITABLE); 2 usage, decisions or internal error.`,
    )
    .action(async (input: string, opts: Omit<MergeOptions, 'input' | 'decisions' | 'output'> & { decisions?: string; output?: string; undo?: string }) => {
      if (opts.output === undefined) throw new KitapError('E_USAGE', 'kitap merge needs -o <out>');
      if (opts.undo !== undefined) {
        const { runUndo } = await import('./undo.js');
        io.exitCode = (await runUndo({ journal: opts.undo, fixed: input, output: opts.output }, io)).exitCode;
        return;
      }
      if (opts.decisions === undefined) throw new KitapError('E_USAGE', 'kitap merge needs --decisions <dedup.json | review.csv | review.xlsx>');
      const { runMerge } = await import('./merge-job.js');
      const report = await runMerge({ ...opts, input, decisions: opts.decisions, output: opts.output }, io);
      // A cluster left unmerged is a decision not applied: a partial result, like a rejected record.
      io.exitCode = report.counts.rejected > 0 || report.counts.notMerged > 0 ? 1 : 0;
    });
}
