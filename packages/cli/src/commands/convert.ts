import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { AtomicFile, BufferedSink, KitapError, Ledger, isFolder, isKitapError, isSpecialFile, openSink, type Reject, removeStaleTempsOf, type Warning } from '@kitap/core';
import {
  INPUT_FORMATS,
  OUTPUT_FORMATS,
  type InputFormat,
  type MarcRecord,
  type Normalization,
  type OutputFormat,
  type ReadMode,
  detectFlavour,
  encoderFor,
  mrkEncoder,
  outputFormatFromName,
  readRecords,
} from '@kitap/marc';
import { Option, type Command } from 'commander';
import { Counter } from '../job/counter.js';
import { HashingInput } from '../job/hashing-input.js';
import { HashedOutput } from '../job/hashed-output.js';
import { markWrittenInUtf8, readInCharset } from '../job/utf8-marking.js';
import { Sha256Thread } from '../job/sha256-thread.js';
import { samePath } from '../job/paths.js';
import { Progress } from '../job/progress.js';
import { RejectFile } from '../job/reject-file.js';
import { ENCODING_CHOICES, MODE_CHOICES, type Io } from '../io.js';

export interface ConvertOptions {
  input: string;
  output: string;
  from: InputFormat | 'auto';
  to?: OutputFormat;
  encoding: string;
  mode: ReadMode;
  /** Unicode normalisation of decoded text; default NFC for text converted from a legacy set, none for UTF-8 input. */
  normalize?: Normalization;
  rejects?: string;
  /** NDJSON file of every warning (repairs and notices) with its place. */
  warnings?: string;
  report?: string;
  /**
   * Keep an ESC in a value when writing ISO2709 (not a command-line option): for `kitap migrate`,
   * whose next stage reads the converted catalog as UTF-8 explicitly and removes the ESC, journaled.
   */
  keepEsc?: boolean;
}

export interface ConvertReport {
  command: 'convert';
  input: { path: string; format: string; bytes: number; sha256: string };
  output: { path: string; format: OutputFormat; bytes: number; sha256: string };
  rejectsFile: string;
  warningsFile: string;
  options: { encoding: string; mode: ReadMode; normalize: Normalization | 'default' };
  counts: { read: number; written: number; rejected: number; repaired: number; withWarnings: number };
  rejectsByCode: Record<string, number>;
  warningsByCode: Record<string, number>;
  encodings: Record<string, number>;
  flavours: Record<string, number>;
  leader09Disagreements: number;
  ledger: ReturnType<Ledger['toJSON']>;
}

const REPAIR_CODES = /^(W_(?!INTER_RECORD_BYTES|CHARSET_MISMATCH|CHARSET_GIVEN_MISMATCH|CONTROL_CHARACTER|UNIMARC_CHARSET_NOT_SET)|E_)/;

/**
 * A record that came from text (MARCXML, MiJ, mnemonic) and cannot be written
 * is kept in the reject file as mnemonic text, or — when even that cannot hold
 * it (a lone surrogate) — as JSON, which escapes everything.
 */
function recordText(record: MarcRecord): string {
  try {
    return String(mrkEncoder().encode(record, 0));
  } catch {
    return JSON.stringify({ leader: record.leader.value, fields: record.fields });
  }
}

/**
 * Side files go beside the output; when the output is standard output or a
 * device (`-o /dev/null` to validate only), beside the input instead.
 */
function defaultSidePath(output: string, input: string, suffix: string): string {
  if (output !== '-' && !isSpecialFile(output)) return `${output}${suffix}`;
  return input === '-' ? `kitap-convert${suffix}` : `${input}${suffix}`;
}

/** Whether any two of the paths name the same file (spelled alike or not: `./a`, an absolute path, a link). */
function anySame(paths: readonly string[]): boolean {
  for (let i = 0; i < paths.length; i++) for (let j = i + 1; j < paths.length; j++) if (samePath(paths[i]!, paths[j]!)) return true;
  return false;
}

/** Converts records between formats; every record ends in the output or the reject file. */
export async function runConvert(options: ConvertOptions, io: Io): Promise<ConvertReport> {
  const to: OutputFormat = options.to ?? (options.output === '-' ? 'iso2709' : (outputFormatFromName(options.output) ?? 'iso2709'));
  const rejectsPath = options.rejects ?? defaultSidePath(options.output, options.input, '.rejects.ndjson');
  const reportPath = options.report ?? defaultSidePath(options.output, options.input, '.report.json');
  const warningsPath = options.warnings ?? defaultSidePath(options.output, options.input, '.warnings.ndjson');
  const sidePaths = [rejectsPath, reportPath, warningsPath];
  // The input and a device output (`-o /dev/null`) may be named by several of them only if they are not files written here.
  const written = isSpecialFile(options.output) ? sidePaths : [options.output, ...sidePaths];
  if (anySame([options.input, ...written])) {
    throw new KitapError('E_USAGE', 'the output, rejects, warnings and report must be different files from each other and from the input');
  }

  // A folder that is not there is said now, before any output is made (the report is written last).
  if (options.output !== '-' && !isFolder(dirname(resolve(options.output)))) throw new KitapError('E_OUTPUT', 'cannot write the file: its folder does not exist', { file: options.output });
  if (!isFolder(dirname(resolve(reportPath)))) throw new KitapError('E_OUTPUT', 'cannot write the report: its folder does not exist', { file: reportPath });

  // A run stopped by SIGKILL left its temporary files beside these; they go first.
  for (const path of written) if (path !== '-') removeStaleTempsOf(path);
  // A large file's input and output are hashed on a thread of their own while this one converts.
  const hashThread = Sha256Thread.forInput(options.input);
  const input = new HashingInput(options.input, undefined, hashThread?.hash());
  const sink = new HashedOutput(openSink(options.output), hashThread?.hash());
  const rejects = new RejectFile(rejectsPath);
  const warningsFile = new BufferedSink(new AtomicFile(warningsPath), 1 << 16);
  const saveWarning = async (w: Warning): Promise<void> => {
    await warningsFile.write(JSON.stringify({ code: w.code, message: w.message, ...w.place }) + '\n');
  };
  const fileWarnings: Warning[] = [];
  // Output is UTF-8 in every format: leader/09 = 'a' in every one; a value holding a MARC
  // delimiter is refused in every one, as ISO2709 cannot carry it (docs/convert.md).
  const encoderOptions = { characterCoding: 'a', refuseDelimiters: true, ...(options.keepEsc ? { keepEsc: true } : {}) };
  const encoder = encoderFor(to, encoderOptions);
  const ledger = new Ledger();
  const read = ledger.stage('read');
  const write = ledger.stage('write');
  const rejectCodes = new Counter();
  const warningCodes = new Counter();
  const encodings = new Counter();
  const flavours = new Counter();
  let repaired = 0;
  let withWarnings = 0;
  let disagreements = 0;
  let sourceFormat = options.from;
  const progress = new Progress('convert');

  const reject = async (r: Reject): Promise<void> => {
    rejectCodes.add(r.code);
    ledger.countReject(r.code);
    await rejects.add(r);
  };

  // Warnings the reader gives outside records (bytes skipped before a rejected frame) are saved
  // in input order, before the item they came with; those after the last record at the end.
  let fileWarningsSaved = 0;
  const saveFileWarnings = async (): Promise<void> => {
    while (fileWarningsSaved < fileWarnings.length) await saveWarning(fileWarnings[fileWarningsSaved++]!);
  };

  try {
    await sink.write(encoder.header);
    for await (const item of readRecords(input, {
      format: options.from,
      file: options.input,
      encoding: options.encoding,
      mode: options.mode,
      ...(options.normalize ? { normalize: options.normalize } : {}),
      onWarning: (w) => {
        warningCodes.add(w.code);
        fileWarnings.push(w);
      },
      onFormat: (format) => {
        sourceFormat = format;
      },
    })) {
      if (fileWarningsSaved < fileWarnings.length) await saveFileWarnings();
      read.in++;
      progress.tick(read.in);
      if (item.kind === 'reject') {
        read.rejected++;
        await reject(item.reject);
        continue;
      }
      read.out++;
      const record = item.record;
      markUtf8(record);
      noteRecord(record);
      for (const w of record.warnings) await saveWarning(w);
      write.in++;
      let bytes: Uint8Array | string;
      try {
        // The index is the record's in the input (what the reject file says), not the count written so far.
        bytes = encoder.encode(record, record.place.index ?? read.in - 1);
      } catch (error) {
        if (!isKitapError(error)) throw error;
        write.rejected++;
        await reject({ code: error.code, message: error.message, place: { ...record.place, ...error.place }, raw: record.sourceBytes ?? recordText(record) });
        continue;
      }
      await sink.write(bytes);
      write.out++;
    }
    await sink.write(encoder.footer);
    await saveFileWarnings();
    progress.done();
    await sink.close();
    await input.finish();
    await rejects.close();
    await warningsFile.close();
  } catch (error) {
    progress.done();
    await sink.abort();
    await rejects.abort();
    await warningsFile.abort();
    throw error;
  } finally {
    await hashThread?.close();
  }

  /** A UNIMARC record converted from a legacy set says it is UTF-8 now (see markWrittenInUtf8). */
  function markUtf8(record: MarcRecord): void {
    const { warning } = markWrittenInUtf8(record, readInCharset(record, options.encoding));
    if (warning) record.warnings.push(warning);
  }

  function noteRecord(record: MarcRecord): void {
    const codes = new Set<string>();
    for (const w of record.warnings) {
      warningCodes.add(w.code);
      codes.add(w.code);
      if (w.code === 'W_CHARSET_MISMATCH') disagreements++;
    }
    if (codes.size) withWarnings++;
    if ([...codes].some((c) => REPAIR_CODES.test(c))) repaired++;
    encodings.add(readInCharset(record, options.encoding));
    flavours.add(detectFlavour(record));
  }

  const unbalanced = ledger.unbalanced();
  const report: ConvertReport = {
    command: 'convert',
    input: { path: options.input, format: sourceFormat, bytes: input.bytes, sha256: input.sha256() },
    output: { path: options.output, format: to, bytes: sink.bytes, sha256: sink.sha256() },
    rejectsFile: rejectsPath,
    warningsFile: warningsPath,
    options: { encoding: options.encoding, mode: options.mode, normalize: options.normalize ?? 'default' },
    counts: { read: read.in, written: write.out, rejected: read.rejected + write.rejected, repaired, withWarnings },
    rejectsByCode: rejectCodes.toJSON(),
    warningsByCode: warningCodes.toJSON(),
    encodings: encodings.toJSON(),
    flavours: flavours.toJSON(),
    leader09Disagreements: disagreements,
    ledger: ledger.toJSON(),
  };
  await writeFile(reportPath, JSON.stringify(report, null, 2) + '\n');

  const c = report.counts;
  io.err(`kitap convert: ${options.input} → ${options.output} (${to})`);
  io.err(`  read ${c.read}, written ${c.written}, rejected ${c.rejected}${c.rejected ? ` → ${rejectsPath}` : ''}, repaired ${c.repaired}`);
  io.err(`  rejects: ${rejectCodes.format()}`);
  io.err(`  warnings: ${warningCodes.format()}${warningCodes.total ? ` → ${warningsPath}` : ''}`);
  io.err(`  encodings: ${encodings.format()}; flavours: ${flavours.format()}; leader/09 disagreements: ${disagreements}`);
  for (const line of ledger.format()) io.err(`  ledger ${line}`);
  io.err(`  report: ${reportPath}`);
  if (unbalanced.length) throw new KitapError('E_LEDGER', `stages ${unbalanced.join(', ')} do not balance`);
  return report;
}

export function registerConvert(program: Command, io: Io): void {
  program
    .command('convert')
    .description('Convert MARC records between ISO2709, MARCXML, MARC-in-JSON and mnemonic text, validating every record.')
    .argument('<in>', 'input file, or - for standard input')
    .requiredOption('-o, --output <out>', 'output file, or - for standard output')
    .addOption(new Option('--from <format>', 'input format').choices(['auto', ...INPUT_FORMATS]).default('auto'))
    .addOption(new Option('--to <format>', 'output format (default: from the output file name, else iso2709)').choices([...OUTPUT_FORMATS]))
    .addOption(new Option('--encoding <charset>', 'character set of the input').choices(ENCODING_CHOICES).default('auto'))
    .addOption(new Option('--mode <mode>', 'strict: stop at the first problem; lenient: repair safely, reject the rest; skip: reject any record with a problem').choices(MODE_CHOICES).default('lenient'))
    .addOption(new Option('--normalize <form>', 'Unicode normalisation of text (default: NFC for text converted from a legacy set, untouched for UTF-8 input)').choices(['NFC', 'NFD', 'none']))
    .option('--rejects <file>', 'NDJSON file for rejected records (default: <out>.rejects.ndjson)')
    .option('--warnings <file>', 'NDJSON file of every warning and repair with its place (default: <out>.warnings.ndjson)')
    .option('--report <file>', 'JSON report with counts, hashes and the ledger (default: <out>.report.json)')
    .addHelpText(
      'after',
      `
Examples:
  kitap convert catalog.iso -o catalog.mrc --encoding cp1251
  kitap convert catalog.mrc -o catalog.xml --mode strict
  cat catalog.mrc | kitap convert - -o - --to mrk | less

Exit codes: 0 every record written, 1 some records rejected, 2 usage or internal error.`,
    )
    .action(async (input: string, opts: Omit<ConvertOptions, 'input'>) => {
      const report = await runConvert({ input, ...opts }, io);
      io.exitCode = report.counts.rejected > 0 ? 1 : 0;
    });
}
