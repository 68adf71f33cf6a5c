import { basename } from 'node:path';
import { BufferedSink, KitapError, Ledger, openSink, type Reject } from '@kitap/core';
import { Linter, ruleById } from '@kitap/clean';
import { type InputFormat, type ReadMode, readRecords } from '@kitap/marc';
import {
  CsvReporter,
  type FindingReporter,
  FindingTally,
  type FindingSummary,
  HtmlReporter,
  JsonReporter,
  type ReportFormat,
  TextReporter,
  XlsxReporter,
} from '@kitap/report';
import { KeyIndex } from '@kitap/store';
import { BitSet } from '../job/bit-set.js';
import { HashingInput } from '../job/hashing-input.js';
import { LazyRejectFile } from '../job/lazy-reject-file.js';
import { Progress } from '../job/progress.js';
import { selectRules } from '../job/rule-selection.js';
import { type Io, ioSink } from '../io.js';

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
