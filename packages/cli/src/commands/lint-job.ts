import { basename } from 'node:path';
import { BufferedSink, type Finding, KitapError, Ledger, openSink, type Reject, removeStaleTempsOf } from '@kitap/core';
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
import { FramePipeline, type PipelineEntry } from '../job/frame-pipeline.js';
import { FramePool, workerCountSince, workerStart } from '../job/frame-pool.js';
import { type LintAnswer, LintBatch } from '../job/lint-batch.js';
import { cleanWorkerSetup } from '../job/clean-worker-setup.js';
import { HashingInput } from '../job/hashing-input.js';
import { Sha256Thread } from '../job/sha256-thread.js';
import { samePath } from '../job/paths.js';
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
  if (format === 'xlsx') {
    // The workbook reporter writes its own file; no sink is opened (it would leave an empty temporary file behind).
    if (output === undefined || output === '-') throw new KitapError('E_USAGE', '--format xlsx needs -o <file.xlsx>');
    return new XlsxReporter(output);
  }
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
  }
}


/** The compiled worker that lints batches of ISO2709 frames (see job/frame-pipeline.ts). */
const LINT_WORKER = new URL('../job/lint-worker.js', import.meta.url);

/**
 * Checks every record against the profile's rules; findings go to the chosen reporter. ISO2709
 * records are linted in worker threads (see workerCount) once the input
 * is large enough to pay for starting them; the findings come out in the same order either way.
 */
export async function runLint(options: LintOptions, io: Io): Promise<FindingSummary> {
  const { profile, rules, configPath, settings } = selectRules(options);
  const linter = new Linter(rules, profile.flavour);
  // Lint only reads: unless told otherwise its rejects go to the current folder, never beside the input.
  const rejectsPath = options.rejects ?? (options.output && options.output !== '-' ? `${options.output}.rejects.ndjson` : `${options.input === '-' ? 'kitap-lint' : basename(options.input)}.rejects.ndjson`);
  const written = options.output !== undefined && options.output !== '-' ? [options.output, rejectsPath] : [rejectsPath];
  if (written.some((p) => samePath(p, options.input)) || (written.length === 2 && samePath(written[0]!, written[1]!))) {
    throw new KitapError('E_USAGE', 'kitap lint never writes over its input: the report and the rejects must be different files from it and from each other');
  }
  // A run stopped by SIGKILL left its temporary files beside these; they go first.
  for (const path of written) removeStaleTempsOf(path);
  // A large input is hashed on a thread of its own (see Sha256Thread.forInput).
  const hashThread = Sha256Thread.forInput(options.input);
  // When the workers start, and how busy the machine was meanwhile (which decides whether they do).
  const workersStart = workerStart(options.input);
  const input = new HashingInput(options.input, undefined, hashThread?.hash());
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
  const add = async (finding: Finding): Promise<void> => {
    tally.add(finding);
    withFindings.add(finding.place.index ?? 0);
    await reporter.add(finding);
  };
  // Records linted in this thread (before there are workers, or with none), and their share of the index.
  const here = new LintBatch(linter);
  const deliver = async (entries: readonly PipelineEntry[], answer: LintAnswer | undefined): Promise<void> => {
    let next = 0;
    for (const { item, ordinal, slot } of entries) {
      if (item.kind === 'reject') {
        read.rejected++;
        ledger.countReject(item.reject.code);
        await rejects.add(item.reject satisfies Reject);
        continue;
      }
      read.out++;
      lint.in++;
      if (slot === undefined) {
        if (item.kind !== 'record') throw new Error('a record linted in this thread was not kept');
        for (const finding of here.lint(item.record, ordinal)) await add(finding);
        if (index && here.indexed >= 256) index.add(here.takeIndex()!);
      } else {
        const { findings, findingSlots } = answer!;
        while (next < findings.length && findingSlots[next] === slot) await add(findings[next++]!);
      }
      lint.out++;
    }
    if (index && answer?.index) {
      index.add(here.takeIndex()!);
      index.add(answer.index);
    }
  };
  const pipeline = new FramePipeline<LintAnswer>({
    keepRecords: false,
    after: workersStart.after,
    start: () => FramePool.start<LintAnswer>(LINT_WORKER, cleanWorkerSetup(settings, options), workerCountSince(workersStart.since)),
    deliver,
  });
  try {
    for await (const item of readRecords(input, { format: options.from, file: options.input, encoding: options.encoding, mode: options.mode })) {
      read.in++;
      progress.tick(read.in);
      await pipeline.add(item, read.in - 1);
    }
    await pipeline.finish();
    await input.finish();
    if (index) {
      index.add(here.takeIndex()!);
      for (const finding of linter.crossFindings(index)) await add(finding);
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
    if (pipeline.workers) io.err(`  worker threads: ${pipeline.workers} (KITAP_WORKERS=0 for none)`);
    if (unbalanced.length) throw new KitapError('E_LEDGER', `stages ${unbalanced.join(', ')} do not balance`);
    return summary;
  } catch (error) {
    progress.done();
    await reporter.abort();
    await rejects.abort();
    throw error;
  } finally {
    await pipeline.close();
    await hashThread?.close();
    index?.close();
  }
}
