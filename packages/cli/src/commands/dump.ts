import { BufferedSink, formatPlace } from '@kitap/core';
import { INPUT_FORMATS, type InputFormat, type ReadMode, mrkEncoder, readRecords } from '@kitap/marc';
import { Option, type Command } from 'commander';
import { HashingInput } from '../job/hashing-input.js';
import { ENCODING_CHOICES, MODE_CHOICES, ioSink, type Io } from '../io.js';

export interface DumpOptions {
  from: InputFormat | 'auto';
  encoding: string;
  mode: ReadMode;
  warnings?: boolean;
}

/** Prints records as mnemonic text; rejects and warnings are reported on stderr. Returns the number of rejects. */
export async function runDump(input: string, options: DumpOptions, io: Io): Promise<number> {
  const encoder = mrkEncoder();
  const sink = new BufferedSink(ioSink(io), 1 << 16);
  let rejected = 0;
  let index = 0;
  for await (const item of readRecords(new HashingInput(input), { format: options.from, file: input, encoding: options.encoding, mode: options.mode })) {
    if (item.kind === 'reject') {
      rejected++;
      io.err(`rejected: ${item.reject.code} at ${formatPlace(item.reject.place)}: ${item.reject.message}`);
      continue;
    }
    if (options.warnings !== false) {
      for (const w of item.record.warnings) io.err(`warning: ${w.code} at ${formatPlace(w.place)}: ${w.message}`);
    }
    await sink.write(encoder.encode(item.record, index++));
  }
  await sink.close();
  return rejected;
}

export function registerDump(program: Command, io: Io): void {
  program
    .command('dump')
    .description('Print records as MarcEdit-style mnemonic text (=245  10$a…), for reading and diffing.')
    .argument('<in>', 'input file, or - for standard input')
    .addOption(new Option('--from <format>', 'input format').choices(['auto', ...INPUT_FORMATS]).default('auto'))
    .addOption(new Option('--encoding <charset>', 'character set of the input').choices(ENCODING_CHOICES).default('auto'))
    .addOption(new Option('--mode <mode>', 'how to treat problems').choices(MODE_CHOICES).default('lenient'))
    .option('--no-warnings', 'do not print warnings on stderr')
    .addHelpText(
      'after',
      `
Examples:
  kitap dump catalog.mrc | less
  kitap dump old-irbis.iso --encoding cp1251 > old-irbis.mrk

Exit codes: 0 all records printed, 1 some records rejected, 2 usage or internal error.`,
    )
    .action(async (input: string, opts: DumpOptions) => {
      io.exitCode = (await runDump(input, opts, io)) > 0 ? 1 : 0;
    });
}
