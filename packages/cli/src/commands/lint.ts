import { KitapError } from '@kitap/core';
import { INPUT_FORMATS, type InputFormat, type ReadMode } from '@kitap/marc';
import { REPORT_FORMATS, type ReportFormat } from '@kitap/report';
import { Option, type Command } from 'commander';
import { ENCODING_CHOICES, MODE_CHOICES, type Io } from '../io.js';
import type { LintOptions } from './lint-job.js';

/** The profiles kitap ships (checked again, with the config, when the rules are resolved). */
export const PROFILE_CHOICES = ['kazakh-public-library', 'marc21', 'rusmarc'];

function formatFromOutput(output: string | undefined): ReportFormat | undefined {
  const ext = output?.match(/\.(json|csv|xlsx|html?|txt)$/i)?.[1]?.toLowerCase();
  if (ext === undefined) return undefined;
  return ext === 'htm' ? 'html' : ext === 'txt' ? 'text' : (ext as ReportFormat);
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').filter(Boolean)];
}

export function registerLint(program: Command, io: Io): void {
  program
    .command('lint')
    .description('Check every record against the rules of a profile and report what is wrong, in words a cataloguer understands.')
    .argument('<in>', 'input file (ISO2709, MARCXML, MARC-in-JSON or mnemonic text), or - for standard input')
    .option('-o, --output <file>', 'write the report to a file (default: standard output)')
    .addOption(new Option('--format <format>', 'report format (default: from the -o file name, else text)').choices([...REPORT_FORMATS]))
    .addOption(new Option('--profile <name>', 'rule profile (default: from the config, else kazakh-public-library)').choices(PROFILE_CHOICES))
    .option('--config <file>', 'project config (default: kitap.config.json or .yaml in the current folder)')
    .option('--rule <id...>', 'run only these rules (repeat or separate with commas)', collect)
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new KitapError('E_USAGE', `--max-warnings must be a whole number, got "${v}"`);
      return n;
    })
    .addOption(new Option('--from <format>', 'input format').choices(['auto', ...INPUT_FORMATS]).default('auto'))
    .addOption(new Option('--encoding <charset>', 'character set of the input').choices(ENCODING_CHOICES).default('auto'))
    .addOption(new Option('--mode <mode>', 'how unreadable records are treated (see kitap convert)').choices(MODE_CHOICES).default('lenient'))
    .option('--rejects <file>', 'NDJSON file for records that cannot be read (default: <report>.rejects.ndjson, or <in file name>.rejects.ndjson in the current folder; only written when there are some)')
    .addHelpText(
      'after',
      `
Examples:
  kitap lint catalog.mrc
  kitap lint catalog.iso --encoding cp1251 --format xlsx -o findings.xlsx
  kitap lint catalog.mrc --rule isbn-checksum --rule mixed-script-word --format json -o findings.json
  kitap lint catalog.mrc --profile rusmarc --max-warnings 100

Rules and profiles: docs/rules/README.md. Exit codes: 0 no errors (and warnings within --max-warnings),
1 errors found, too many warnings, or unreadable records, 2 usage or internal error.`,
    )
    .action(async (input: string, opts: Omit<LintOptions, 'input' | 'format'> & { format?: ReportFormat }) => {
      const format = opts.format ?? formatFromOutput(opts.output) ?? 'text';
      // The job (rules, SQLite, reporters) is loaded only when the command runs.
      const { runLint } = await import('./lint-job.js');
      const summary = await runLint({ input, ...opts, format }, io);
      const tooManyWarnings = opts.maxWarnings !== undefined && summary.bySeverity.warning > opts.maxWarnings;
      io.exitCode = summary.bySeverity.error > 0 || tooManyWarnings || summary.rejected > 0 ? 1 : 0;
    });
}
