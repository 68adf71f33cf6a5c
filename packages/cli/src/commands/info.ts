import { formatPlace, type Place } from '@kitap/core';
import { INPUT_FORMATS, type InputFormat, type ReadMode, detectFlavour, readRecords } from '@kitap/marc';
import { Option, type Command } from 'commander';
import { Counter } from '../job/counter.js';
import { HashingInput } from '../job/hashing-input.js';
import { readInCharset } from '../job/utf8-marking.js';
import { ENCODING_CHOICES, MODE_CHOICES, type Io } from '../io.js';

export interface InfoOptions {
  from: InputFormat | 'auto';
  encoding: string;
  mode: ReadMode;
  format: 'text' | 'json';
}

export interface InfoReport {
  file: string;
  format: string;
  bytes: number;
  sha256: string;
  /** Records found: read whole, or rejected (what `kitap convert` calls read). */
  read: number;
  /** Records read whole. */
  records: number;
  rejected: number;
  repaired: number;
  flavours: Record<string, number>;
  encodings: Record<string, number>;
  leader09: Record<string, number>;
  leader09Disagreements: number;
  /** Tags in tag order with how many times each occurs. */
  tags: { tag: string; count: number }[];
  problems: { code: string; count: number; first: Place[] }[];
}

const EXAMPLES_PER_CODE = 3;

export async function runInfo(input: string, options: InfoOptions): Promise<InfoReport> {
  const source = new HashingInput(input);
  const flavours = new Counter();
  const encodings = new Counter();
  const leader09 = new Counter();
  const tags = new Counter();
  const problemCounts = new Counter();
  const firstPlaces = new Map<string, Place[]>();
  let records = 0;
  let rejected = 0;
  let repaired = 0;
  let disagreements = 0;
  let format = options.from as string;
  const note = (code: string, place: Place): void => {
    problemCounts.add(code);
    const list = firstPlaces.get(code) ?? [];
    if (list.length < EXAMPLES_PER_CODE) list.push(place);
    firstPlaces.set(code, list);
  };
  for await (const item of readRecords(source, {
    format: options.from,
    file: input,
    encoding: options.encoding,
    mode: options.mode,
    onFormat: (f) => {
      format = f;
    },
    onWarning: (w) => note(w.code, w.place),
  })) {
    if (item.kind === 'reject') {
      rejected++;
      note(item.reject.code, item.reject.place);
      continue;
    }
    records++;
    const record = item.record;
    flavours.add(detectFlavour(record));
    encodings.add(readInCharset(record, options.encoding));
    leader09.add(JSON.stringify(record.leader.characterCoding));
    for (const tag of record.tags) tags.add(tag);
    let wasRepaired = false;
    for (const w of record.warnings) {
      note(w.code, w.place);
      if (w.code === 'W_CHARSET_MISMATCH') disagreements++;
      else if (w.code !== 'W_CHARSET_GIVEN_MISMATCH' && w.code !== 'W_INTER_RECORD_BYTES' && w.code !== 'W_CONTROL_CHARACTER') wasRepaired = true;
    }
    if (wasRepaired) repaired++;
  }
  const problems = Object.entries(problemCounts.toJSON()).map(([code, count]) => ({ code, count, first: firstPlaces.get(code) ?? [] }));
  return {
    file: input,
    format,
    bytes: source.bytes,
    sha256: source.sha256(),
    read: records + rejected,
    records,
    rejected,
    repaired,
    flavours: flavours.toJSON(),
    encodings: encodings.toJSON(),
    leader09: leader09.toJSON(),
    leader09Disagreements: disagreements,
    tags: tags.entries().map(([tag, count]) => ({ tag, count })),
    problems,
  };
}

export function formatInfo(report: InfoReport): string {
  const lines = [
    `file: ${report.file} (${report.format}, ${report.bytes} bytes, sha256 ${report.sha256})`,
    // The words of kitap convert's summary: "read" counts the rejected records too.
    `records: ${report.read} read, ${report.rejected} rejected, ${report.repaired} repaired`,
    `flavours: ${fmt(report.flavours)}`,
    `encodings: ${fmt(report.encodings)}`,
    `leader/09: ${fmt(report.leader09)}; disagreements with the bytes: ${report.leader09Disagreements}`,
    `tags (${report.tags.length}): ${report.tags.map((t) => `${t.tag} ${t.count}`).join(', ')}`,
    report.problems.length ? 'problems:' : 'problems: none',
  ];
  for (const p of report.problems) {
    lines.push(`  ${p.code} × ${p.count}, first at: ${p.first.map((pl) => formatPlace(pl)).join('; ')}`);
  }
  return lines.join('\n') + '\n';
}

function fmt(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length ? entries.map(([k, n]) => `${k} ${n}`).join(', ') : 'none';
}

export function registerInfo(program: Command, io: Io): void {
  program
    .command('info')
    .description('Summarise a MARC file: records, flavours, character sets, leader/09 disagreements, tag histogram, problems.')
    .argument('<in>', 'input file, or - for standard input')
    .addOption(new Option('--from <format>', 'input format').choices(['auto', ...INPUT_FORMATS]).default('auto'))
    .addOption(new Option('--encoding <charset>', 'character set of the input').choices(ENCODING_CHOICES).default('auto'))
    .addOption(new Option('--mode <mode>', 'how to treat problems').choices(MODE_CHOICES).default('lenient'))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      `
Examples:
  kitap info catalog.mrc
  kitap info old-irbis.iso --format json > info.json

Exit codes: 0 no problems, 1 problems found (rejects or warnings), 2 usage or internal error.`,
    )
    .action(async (input: string, opts: InfoOptions) => {
      const report = await runInfo(input, opts);
      await io.out(opts.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatInfo(report));
      io.exitCode = report.problems.length > 0 ? 1 : 0;
    });
}
