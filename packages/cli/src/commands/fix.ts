import { KitapError } from '@kitap/core';
import { INPUT_FORMATS, OUTPUT_FORMATS } from '@kitap/marc';
import { Option, type Command } from 'commander';
import { ENCODING_CHOICES, MODE_CHOICES, type Io } from '../io.js';
import type { FixOptions } from './fix-job.js';
import { PROFILE_CHOICES } from './lint.js';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').filter(Boolean)];
}

export function registerFix(program: Command, io: Io): void {
  program
    .command('fix')
    .description('Apply the automatic fixes of the rules to every record; every change is kept in a journal that can undo it.')
    .argument('<in>', 'input file (any format kitap reads), or the fixed file with --undo')
    .option('-o, --output <out>', 'the fixed (or, with --undo, restored) records; never the input')
    .addOption(new Option('--to <format>', 'output format (default: from the output file name, else iso2709)').choices([...OUTPUT_FORMATS]))
    .option('--journal <file>', 'the change journal, JSON lines (default: <out>.journal.jsonl)')
    .option('--dry-run', 'print the changes as a diff in mnemonic text; write nothing')
    .option('--undo <journal>', 'restore the original records from a journal and the fixed file')
    .addOption(new Option('--profile <name>', 'rule profile (default: from the config, else kazakh-public-library)').choices(PROFILE_CHOICES))
    .option('--config <file>', 'project config (default: kitap.config.json or .yaml in the current folder)')
    .option('--rule <id...>', 'apply only these rules (repeat or separate with commas)', collect)
    .addOption(new Option('--from <format>', 'input format').choices(['auto', ...INPUT_FORMATS]).default('auto'))
    .addOption(new Option('--encoding <charset>', 'character set of the input').choices(ENCODING_CHOICES).default('auto'))
    .addOption(new Option('--mode <mode>', 'how unreadable records are treated (see kitap convert)').choices(MODE_CHOICES).default('lenient'))
    .option('--rejects <file>', 'NDJSON file for records that cannot be read or written (default: <out>.rejects.ndjson)')
    .option('--report <file>', 'JSON report with counts, hashes and the ledger (default: <out>.report.json)')
    .addHelpText(
      'after',
      `
Examples:
  kitap fix catalog.iso --encoding cp1251 -o fixed.mrc
  kitap fix catalog.mrc --dry-run --rule mixed-script-word | less
  kitap fix --undo fixed.mrc.journal.jsonl fixed.mrc -o restored.mrc

Exit codes: 0 every record written, 1 some records rejected, 2 usage or internal error.`,
    )
    .action(async (input: string, opts: Omit<FixOptions, 'input'>) => {
      if (opts.undo !== undefined) {
        if (opts.output === undefined) throw new KitapError('E_USAGE', 'kitap fix --undo needs -o <restored>');
        const { runUndo } = await import('./undo.js');
        io.exitCode = (await runUndo({ journal: opts.undo, fixed: input, output: opts.output }, io)).exitCode;
        return;
      }
      const { runFix } = await import('./fix-job.js');
      const report = await runFix({ input, ...opts }, io);
      io.exitCode = report.counts.rejected > 0 ? 1 : 0;
    });
}
