import { Option, type Command } from 'commander';
import type { Io } from '../io.js';
import type { HarvestCliOptions } from './harvest-job.js';

export function registerHarvest(program: Command, io: Io): void {
  const harvest = program.command('harvest').description('Harvest MARC records from other catalogs over SRU or OAI-PMH, resumably.');
  const common = (cmd: Command): Command =>
    cmd
      .requiredOption('-o, --out <file.mrc>', 'output file; its name picks the format (.mrc/.iso ISO2709 UTF-8, .xml MARCXML, .json, .ndjson, .mrk); rejects and deleted records go beside it (.rejects.ndjson, .deleted.ndjson)')
      .option('--timeout <ms>', 'per-request timeout', '30000')
      .option('--retries <n>', 'retries of a failed request (timeouts, resets, 429, 5xx)', '5');
  common(
    harvest
      .command('sru')
      .description('searchRetrieve with a CQL query, page by page')
      .argument('<url>', 'the SRU base URL')
      .requiredOption('--query <cql>', 'the CQL query, e.g. dc.title="Абай жолы"')
      .addOption(new Option('--sru-version <v>', 'SRU version').choices(['1.2', '2.0']).default('1.2'))
      .option('--page <n>', 'maximumRecords per page', '50'),
  )
    .addHelpText('after', `\nExamples:\n  kitap harvest sru http://127.0.0.1:8089/sru --query 'title="Абай жолы"' -o abai.mrc\n\nA killed run started again with the same command continues after the last page it saved.\nExit codes: 0 every record read, 1 some records rejected, 2 usage, protocol or network error.`)
    .action(async (url: string, opts: Omit<HarvestCliOptions, 'url' | 'protocol'>) => {
      const { runHarvest } = await import('./harvest-job.js');
      io.exitCode = await runHarvest({ ...opts, url, protocol: 'sru' }, io);
    });
  common(
    harvest
      .command('oai')
      .description('OAI-PMH ListRecords with resumption tokens')
      .argument('<url>', 'the OAI-PMH base URL')
      .addOption(new Option('--prefix <metadataPrefix>', 'metadata format').choices(['marc21', 'marcxml']).default('marc21'))
      .option('--set <spec>', 'only this set')
      .option('--from <date>', 'records changed on or after (YYYY-MM-DD)')
      .option('--until <date>', 'records changed on or before (YYYY-MM-DD)'),
  )
    .addHelpText('after', `\nExamples:\n  kitap harvest oai http://127.0.0.1:8089/oai --from 2024-01-01 -o new.mrc\n\nA killed run started again with the same command continues from the last resumption token it saved.\nExit codes: 0 every record read, 1 some records rejected, 2 usage, protocol or network error.`)
    .action(async (url: string, opts: Omit<HarvestCliOptions, 'url' | 'protocol'>) => {
      const { runHarvest } = await import('./harvest-job.js');
      io.exitCode = await runHarvest({ ...opts, url, protocol: 'oai' }, io);
    });
}
