import { writeFile } from 'node:fs/promises';
import { BufferedSink, KitapError, Ledger, type Place, type Warning, formatPlace, isKitapError, openSink, type Reject, removeStaleTempsOf } from '@kitap/core';
import { type Change, type FixResult, Linter, recordTitle } from '@kitap/clean';
import { type InputFormat, type MarcRecord, type OutputFormat, type ReadMode, encoderFor, outputFormatFromName, readRecords } from '@kitap/marc';
import { cleanWorkerSetup } from '../job/clean-worker-setup.js';
import { Counter } from '../job/counter.js';
import { type FixedRecord, fixReceived } from '../job/fix-batch.js';
import { FramePipeline, type PipelineEntry } from '../job/frame-pipeline.js';
import { FramePool, workerCountSince, workerStart } from '../job/frame-pool.js';
import { markLeaderUtf8, markWrittenInUtf8, readInCharset } from '../job/utf8-marking.js';
import { fieldMnemonic } from '../job/field-mnemonic.js';
import { HashingInput } from '../job/hashing-input.js';
import { HashingSink } from '../job/hashing-sink.js';
import { JournalFile } from '../job/journal-file.js';
import { requireDistinct, samePath } from '../job/paths.js';
import { Progress } from '../job/progress.js';
import { RejectFile } from '../job/reject-file.js';
import { selectRules } from '../job/rule-selection.js';
import type { Io } from '../io.js';

export interface FixOptions {
  input: string;
  output?: string;
  to?: OutputFormat;
  journal?: string;
  dryRun?: boolean;
  undo?: string;
  from: InputFormat | 'auto';
  encoding: string;
  mode: ReadMode;
  profile?: string;
  config?: string;
  rule?: string[];
  rejects?: string;
  report?: string;
}

export interface FixReport {
  command: 'fix';
  input: { path: string; bytes: number; sha256: string };
  output: { path: string; format: OutputFormat; bytes: number; sha256: string } | null;
  journal: string | null;
  rejectsFile: string | null;
  profile: string;
  counts: { read: number; written: number; rejected: number; changedRecords: number; changes: number; unsettled: number };
  changesByRule: Record<string, number>;
  /** Warnings about what was written (W_UNIMARC_CHARSET_NOT_SET), by code. */
  warningsByCode: Record<string, number>;
  /** The first WARNINGS_KEPT of those warnings, each with its place (file, record index, id). */
  warnings: { code: string; message: string; place: Place }[];
  /** Records changed to say they are UTF-8 (journalled under the rule `utf-8-output`): leader/09 in a text output, 100 $a of UNIMARC read in a legacy set. */
  utf8Marked: { leader09: number; unimarc100a: number };
  ledger: ReturnType<Ledger['toJSON']>;
}

/** Warnings the report lists one by one (all are counted in warningsByCode). */
const WARNINGS_KEPT = 1000;

/** The journal's name for the change every fix output makes to a UNIMARC record read in a legacy set (see markWrittenInUtf8). */
const UTF8_OUTPUT = 'utf-8-output';

/** The compiled worker that fixes batches of ISO2709 frames (see job/frame-pipeline.ts). */
const FIX_WORKER = new URL('../job/fix-worker.js', import.meta.url);

function toBytes(chunk: Uint8Array | string): Uint8Array {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

/**
 * Applies the fixable rules to every record; writes the fixed records, the journal and a report. Never
 * writes over the input. ISO2709 records are fixed in worker threads (see workerCount)
 * once the input is large enough to pay for starting them; the output is the same either way.
 */
export async function runFix(options: FixOptions, io: Io): Promise<FixReport> {
  const dryRun = options.dryRun === true;
  if (!dryRun && options.output === undefined) throw new KitapError('E_USAGE', 'kitap fix needs -o <out> (or --dry-run to only show the changes)');
  const output = options.output ?? '-';
  if (!dryRun && output === '-') throw new KitapError('E_USAGE', 'kitap fix writes to a file: give -o <out> (the journal needs a file to describe)');
  if (!dryRun && samePath(options.input, output)) throw new KitapError('E_USAGE', 'kitap fix never writes over its input: give -o a different file');
  const to: OutputFormat = options.to ?? outputFormatFromName(output) ?? 'iso2709';
  const journalPath = dryRun ? null : (options.journal ?? `${output}.journal.jsonl`);
  const rejectsPath = dryRun ? null : (options.rejects ?? `${output}.rejects.ndjson`);
  const reportPath = dryRun ? null : (options.report ?? `${output}.report.json`);
  if (!dryRun) requireDistinct('fix', [['input', options.input]], [['-o', output], ['--journal', journalPath!], ['--rejects', rejectsPath!], ['--report', reportPath!]]);

  const { profile, rules, settings } = selectRules(options);
  // A run stopped by SIGKILL left its temporary files beside these; they go first.
  if (!dryRun) for (const path of [output, journalPath, rejectsPath, reportPath]) if (path) removeStaleTempsOf(path);
  const linter = new Linter(rules, profile.flavour);
  const input = new HashingInput(options.input);
  const encoder = encoderFor(to);
  const sink = dryRun ? undefined : new HashingSink(new BufferedSink(openSink(output)));
  const journal = journalPath ? new JournalFile(journalPath) : undefined;
  const rejects = rejectsPath ? new RejectFile(rejectsPath) : undefined;
  const ledger = new Ledger();
  const read = ledger.stage('read');
  const fix = ledger.stage('fix');
  const write = ledger.stage('write');
  const byRule = new Counter();
  const warningCodes = new Counter();
  /** The warnings themselves with their places, the first WARNINGS_KEPT of them (for the report). */
  const warnings: Warning[] = [];
  /** Records whose leader/09 (text outputs) or 100 $a (UNIMARC read in a legacy set) was set to say UTF-8. */
  const utf8Marked = { leader09: 0, unimarc100a: 0 };
  let changedRecords = 0;
  let changes = 0;
  let unsettled = 0;
  const progress = new Progress('fix');
  const reject = async (r: Reject): Promise<void> => {
    ledger.countReject(r.code);
    if (rejects) await rejects.add(r);
    else io.err(`  rejected: ${r.code} at ${formatPlace(r.place)}: ${r.message}`);
    await journal?.rejected(r, write.out);
  };

  let pipeline: FramePipeline<FixedRecord[]> | undefined;
  /** Worker threads the run used (told in the summary). */
  let workers = 0;
  try {
    await journal?.header({
      type: 'journal',
      version: 1,
      tool: 'kitap fix',
      input: { path: options.input },
      output: { path: output, format: to },
      profile: profile.name,
      rules: rules.map((r) => r.rule.meta.id),
    });
    await sink?.write(encoder.header);
    const handle = async (original: MarcRecord, result: FixResult): Promise<void> => {
      fix.out++;
      if (result.unsettled) unsettled++;
      if (result.changes.length) {
        changedRecords++;
        changes += result.changes.length;
        for (const c of result.changes) byRule.add(c.rule);
        if (dryRun) await printDiff(io, original, result.record, result.changes, linter);
      }
      // The output is UTF-8: a UNIMARC record read in a legacy set says so in its 100 $a, and every
      // record in its leader/09 (the ISO2709 writer sets it itself; its journal keeps the original
      // bytes). The journal keeps these changes too (as the last pass), so that undo gives the input back.
      const marking = markWrittenInUtf8(result.record, readInCharset(original, options.encoding));
      if (marking.warning) {
        warningCodes.add(marking.warning.code);
        if (warnings.length < WARNINGS_KEPT) warnings.push(marking.warning);
      }
      if (marking.edits.length) utf8Marked.unimarc100a++;
      const pass = result.passes + 1;
      const edits: Change[] = marking.edits.map((e) => ({ ...e, pass, rule: UTF8_OUTPUT, messageId: 'charset', message: '100 $a/26-29 set to "50  " (Unicode): the record is written in UTF-8' }));
      // For ISO2709 read and written the journal keeps the record's original bytes (its writer sets
      // leader/09 itself); for anything else the change is journalled.
      const leader = to === 'iso2709' && original.sourceBytes !== undefined ? undefined : markLeaderUtf8(result.record);
      const leaderEdit: Change | undefined = leader && { ...leader, pass, rule: UTF8_OUTPUT, messageId: 'leader', message: 'leader/09 set to "a": the record is written in UTF-8' };
      if (leaderEdit) {
        edits.push(leaderEdit);
        utf8Marked.leader09++;
      }
      const journalled = edits.length ? [...result.changes, ...edits] : result.changes;
      // A dry run encodes every record too (and writes nothing), so that it rejects what a real run would.
      write.in++;
      let bytes: Uint8Array;
      try {
        bytes = toBytes(encoder.encode(result.record, write.out));
      } catch (error) {
        if (!isKitapError(error)) throw error;
        write.rejected++;
        await reject({ code: error.code, message: error.message, place: { ...original.place, ...error.place }, raw: original.sourceBytes ?? JSON.stringify({ leader: original.leader.value, fields: original.fields }) });
        return;
      }
      // ISO2709 has the record's length and base address in its leader: the journal says the leader as written.
      if (leaderEdit && to === 'iso2709') leaderEdit.after = Buffer.from(bytes.buffer, bytes.byteOffset, 24).toString('latin1');
      if (sink) {
        await journal?.record(original, original.place.index ?? read.in - 1, write.out, to === 'iso2709' ? bytes : undefined, journalled);
        await sink.write(bytes);
      }
      write.out++;
    };
    const deliver = async (entries: readonly PipelineEntry[], answer: FixedRecord[] | undefined): Promise<void> => {
      for (const { item, slot } of entries) {
        if (item.kind === 'reject') {
          read.rejected++;
          await reject(item.reject);
          continue;
        }
        read.out++;
        fix.in++;
        if (item.kind !== 'record') throw new Error('fix keeps every record until it is delivered');
        const original = item.record;
        await handle(original, slot === undefined ? linter.fix(original) : fixReceived(original, answer![slot]!));
      }
    };
    // When the workers start, and how busy the machine was meanwhile (which decides whether they do).
    const workersStart = workerStart(options.input);
    pipeline = new FramePipeline<FixedRecord[]>({
      after: workersStart.after,
      start: () => FramePool.start<FixedRecord[]>(FIX_WORKER, cleanWorkerSetup(settings, options), workerCountSince(workersStart.since)),
      deliver,
    });
    for await (const item of readRecords(input, { format: options.from, file: options.input, encoding: options.encoding, mode: options.mode })) {
      read.in++;
      progress.tick(read.in);
      await pipeline.add(item, read.in - 1);
    }
    await pipeline.finish();
    if (sink) {
      await sink.write(encoder.footer);
      await sink.close();
    }
    progress.done();
    await journal?.end(write.out, { bytes: input.bytes, sha256: input.sha256() }, { bytes: sink?.bytes ?? 0, sha256: sink?.sha256() ?? '' });
    await rejects?.close();
    workers = pipeline.workers;
    await pipeline?.close();
  } catch (error) {
    progress.done();
    await pipeline?.close();
    await sink?.abort();
    await journal?.abort();
    await rejects?.abort();
    throw error;
  }

  const report: FixReport = {
    command: 'fix',
    input: { path: options.input, bytes: input.bytes, sha256: input.sha256() },
    output: sink ? { path: output, format: to, bytes: sink.bytes, sha256: sink.sha256() } : null,
    journal: journalPath,
    rejectsFile: rejectsPath,
    profile: profile.name,
    counts: { read: read.in, written: dryRun ? 0 : write.out, rejected: read.rejected + write.rejected, changedRecords, changes, unsettled },
    changesByRule: byRule.toJSON(),
    warningsByCode: warningCodes.toJSON(),
    warnings: warnings.map((w) => ({ code: w.code, message: w.message, place: w.place })),
    utf8Marked,
    ledger: ledger.toJSON(),
  };
  if (reportPath) await writeFile(reportPath, JSON.stringify(report, null, 2) + '\n');
  const c = report.counts;
  io.err(`kitap fix: ${options.input}${dryRun ? ' (dry run: nothing written)' : ` → ${output} (${to})`}`);
  io.err(`  read ${c.read}, ${dryRun ? 'would change' : 'changed'} ${c.changedRecords} records (${c.changes} changes), rejected ${c.rejected}${c.rejected && rejectsPath ? ` → ${rejectsPath}` : ''}`);
  io.err(`  changes by rule: ${byRule.format()}`);
  const marked = [
    ...(utf8Marked.leader09 ? [`leader/09 set to "a" in ${utf8Marked.leader09} records`] : []),
    ...(utf8Marked.unimarc100a ? [`UNIMARC 100 $a/26-29 set to "50" in ${utf8Marked.unimarc100a}`] : []),
  ];
  if (marked.length) io.err(`  ${dryRun ? 'would be written in UTF-8' : 'written in UTF-8'}: ${marked.join(', ')}${dryRun ? '' : ' (journalled as utf-8-output)'}`);
  if (warningCodes.total) {
    io.err(`  warnings: ${warningCodes.format()} (UNIMARC records written in UTF-8 whose 100 $a is missing or too short to say so)`);
    for (const w of warnings.slice(0, 3)) io.err(`    ${formatPlace(w.place)}: ${w.message}`);
    if (warningCodes.total > 3) io.err(`    … ${reportPath ? `the report lists the first ${Math.min(warningCodes.total, WARNINGS_KEPT)}` : 'and more'}`);
  }
  if (unsettled) io.err(`  ${unsettled} records still had fixes pending after 10 passes; run kitap fix again or check the rules involved`);
  for (const line of ledger.format()) io.err(`  ledger ${line}`);
  if (journalPath) io.err(`  journal: ${journalPath} (undo: kitap fix --undo ${journalPath} ${output} -o <restored>)`);
  if (reportPath) io.err(`  report: ${reportPath}`);
  if (workers) io.err(`  worker threads: ${workers} (KITAP_WORKERS=0 for none)`);
  const unbalanced = ledger.unbalanced();
  if (unbalanced.length) throw new KitapError('E_LEDGER', `stages ${unbalanced.join(', ')} do not balance`);
  return report;
}

/** The changes to one record as a diff in mnemonic text. */
async function printDiff(io: Io, before: MarcRecord, after: MarcRecord, changes: readonly Change[], linter: Linter): Promise<void> {
  const id = before.controlValue('001')?.trim();
  const title = recordTitle(after, linter.flavourOf(after));
  const lines = [`record ${(before.place.index ?? 0) + 1}${id ? ` (id ${id})` : ''}${title ? ` «${title}»` : ''}`];
  for (const c of changes) {
    lines.push(`  # ${c.rule}: ${c.message}`);
    const b = fieldMnemonic(c.before);
    const a = fieldMnemonic(c.after);
    if (b !== null) lines.push(`  - ${b}`);
    if (a !== null) lines.push(`  + ${a}`);
  }
  await io.out(lines.join('\n') + '\n\n');
}
