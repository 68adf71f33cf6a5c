import { basename } from 'node:path';
import { BufferedSink, KitapError, Ledger, openSink, type Reject } from '@kitap/core';
import { Linter, PROFILE_NAMES, ruleById } from '@kitap/clean';
import { INPUT_FORMATS, type InputFormat, type ReadMode, readRecords } from '@kitap/marc';
import {
  CsvReporter,
  type FindingReporter,
  FindingTally,
  type FindingSummary,
  HtmlReporter,
  JsonReporter,
  REPORT_FORMATS,
  type ReportFormat,
  TextReporter,
  XlsxReporter,
} from '@kitap/report';
import { KeyIndex } from '@kitap/store';
import { Option, type Command } from 'commander';
import { BitSet } from '../job/bit-set.js';
import { HashingInput } from '../job/hashing-input.js';
import { LazyRejectFile } from '../job/lazy-reject-file.js';
import { Progress } from '../job/progress.js';
import { selectRules } from '../job/rule-selection.js';
import { ENCODING_CHOICES, MODE_CHOICES, type Io, ioSink } from '../io.js';

export interface LintOptions {
  input: string;
  output?: string;
  format: ReportFormat;
  from: InputFormat | 'auto';
  encoding: string;
  mode: ReadMode;
  profile?: string;
  config?: string;
  rule?: string[];
  maxWarnings?: number;
  rejects?: string;
}

function reporterFor(format: ReportFormat, output: string | undefined, io: Io): FindingReporter {
  const sink = new BufferedSink(output === undefined || output === '-' ? ioSink(io) : openSink(output), 1 << 16);
  switch (format) {
    case 'text':
      return new TextReporter(sink);
    case 'json':
      return new JsonReporter(sink);
    case 'csv':
      return new CsvReporter(sink);
    case 'html':
      return new HtmlReporter(sink);
    case 'xlsx':
      if (output === undefined || output === '-') throw new KitapError('E_USAGE', '--format xlsx needs -o <file.xlsx>');
      return new XlsxReporter(output);
  }
}

function formatFromOutput(output: string | undefined): ReportFormat | undefined {
  const ext = output?.match(/\.(json|csv|xlsx|html?|txt)$/i)?.[1]?.toLowerCase();
  if (ext === undefined) return undefined;
  return ext === 'htm' ? 'html' : ext === 'txt' ? 'text' : (ext as ReportFormat);
}

/** Checks every record against the profile's rules; findings go to the chosen reporter. */
export async function runLint(options: LintOptions, io: Io): Promise<FindingSummary> {
  const { profile, rules, configPath } = selectRules(options);
  const linter = new Linter(rules, profile.flavour);
  // Lint only reads: unless told otherwise its rejects go to the current folder, never beside the input.
  const rejectsPath = options.rejects ?? (options.output && options.output !== '-' ? `${options.output}.rejects.ndjson` : `${options.input === '-' ? 'kitap-lint' : basename(options.input)}.rejects.ndjson`);
  const input = new HashingInput(options.input);
  const reporter = reporterFor(options.format, options.output, io);
  const rejects = new LazyRejectFile(rejectsPath);
  const index = linter.hasCrossRecordRules ? new KeyIndex() : undefined;
  const tally = new FindingTally(5, (id) => {
    const meta = ruleById(id)?.meta;
    return meta ? { description: meta.description, family: meta.family } : {};
  });
  const withFindings = new BitSet();
  const ledger = new Ledger();
  const read = ledger.stage('read');
  const lint = ledger.stage('lint');
  const progress = new Progress('lint');
  try {
    for await (const item of readRecords(input, { format: options.from, file: options.input, encoding: options.encoding, mode: options.mode })) {
      read.in++;
      progress.tick(read.in);
      if (item.kind === 'reject') {
        read.rejected++;
        ledger.countReject(item.reject.code);
        await rejects.add(item.reject satisfies Reject);
        continue;
      }
      read.out++;
      lint.in++;
      const record = item.record;
      const flavour = linter.flavourOf(record);
      for (const finding of linter.lint(record, flavour)) {
        tally.add(finding);
        withFindings.add(record.place.index ?? 0);
        await reporter.add(finding);
      }
      if (index) linter.collect(record, index, flavour);
      lint.out++;
    }
    if (index) {
      for (const finding of linter.crossFindings(index)) {
        tally.add(finding);
        withFindings.add(finding.place.index ?? 0);
        await reporter.add(finding);
      }
    }
    progress.done();
    const summary: FindingSummary = {
      title: `kitap lint ${options.input} (profile ${profile.name}${configPath ? `, config ${configPath}` : ''})`,
      input: { path: options.input, sha256: input.sha256() },
      records: read.in,
      rejected: read.rejected,
      findings: tally.total,
      bySeverity: tally.bySeverity,
      fixable: tally.fixable,
      recordsWithFindings: withFindings.size,
      rules: tally.rules(),
      ledger: ledger.toJSON(),
    };
    await reporter.close(summary);
    await rejects.close();
    const unbalanced = ledger.unbalanced();
    io.err(`kitap lint: ${read.in} records, ${read.rejected} rejected${read.rejected ? ` → ${rejectsPath}` : ''}; ${tally.total} findings (${tally.bySeverity.error} errors, ${tally.bySeverity.warning} warnings, ${tally.bySeverity.info} info), ${tally.fixable} fixable`);
    for (const line of ledger.format()) io.err(`  ledger ${line}`);
    if (options.output && options.output !== '-') io.err(`  report: ${options.output}`);
    if (unbalanced.length) throw new KitapError('E_LEDGER', `stages ${unbalanced.join(', ')} do not balance`);
    return summary;
  } catch (error) {
    progress.done();
    await reporter.abort();
    await rejects.abort();
    throw error;
  } finally {
    index?.close();
  }
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
    .addOption(new Option('--profile <name>', 'rule profile (default: from the config, else kazakh-public-library)').choices([...PROFILE_NAMES]))
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
      const summary = await runLint({ input, ...opts, format }, io);
      const tooManyWarnings = opts.maxWarnings !== undefined && summary.bySeverity.warning > opts.maxWarnings;
      io.exitCode = summary.bySeverity.error > 0 || tooManyWarnings || summary.rejected > 0 ? 1 : 0;
    });
}
