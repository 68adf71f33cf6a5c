import { Option, type Command } from 'commander';
import type { Io } from '../io.js';
import type { RabisCliOptions, RabisPushOptions } from './rabis-job.js';
import type { ServeOptions } from './rabis-serve.js';

export function registerRabis(program: Command, io: Io): void {
  const rabis = program.command('rabis').description('Talk to Web-RABIS (and run a local test stand-in of it).');
  const connection = (cmd: Command): Command =>
    cmd
      .option('--url <url>', 'the Web-RABIS base URL (or "url" in the config file)')
      .option('--config <file>', 'client config (JSON): url, routes, concurrency, rate, retries, credentials; a file holding credentials must not be readable by others (chmod 600)');
  const help = `
Credentials come from KITAP_RABIS_USERNAME and KITAP_RABIS_PASSWORD (or KITAP_RABIS_TOKEN), or from the
config file; they are never printed. Routes other than Web-RABIS's known read routes (the import route, a
record's copies, a copy by inventory number) are kitap's assumptions: set them in the config file (see docs/rabis.md).`;
  connection(
    rabis
      .command('push')
      .description(
        'Deliver web-rabis.jsonl records, or ISO2709 records, through the configured import route, each record exactly once (a delivery log in SQLite makes a killed run resume without sending anything twice).',
      )
      .argument('<records>', 'web-rabis.jsonl, or ISO2709 (records.mrc), as kitap inventory writes them')
      .addOption(new Option('--format <format>', 'what the file holds (default: from its first bytes, else its name)').choices(['jsonl', 'iso2709']))
      .option('--batch-size <N>', 'records per import request (default: "batchSize" of the config, else 100)')
      .addOption(new Option('--layout <layout>', 'ISO2709: the copy fields, for counting copies in the ledger (default: each record\'s own)').choices(['852/876', '910', '952', '995', '899', '949', '090']))
      .option('--rejects <file>', 'ISO2709: where records the reader refuses go, with their place and bytes (default: <input>.rejects.ndjson)')
      .option('--log <file.sqlite>', 'the delivery log (default: <input>.delivery.sqlite)')
      .option('--retry-failed', 'send records that failed in an earlier run again'),
  )
    .addHelpText('after', `${help}
ISO2709 records go, as they are in the file, to the ISO2709 import route ("routes.importIso2709", default
/api/v1/kitap/import/iso2709) with the Content-Type "iso2709ContentType" (default application/marc): both
kitap's assumptions, to be set from the installation's documentation.

Examples:
  kitap rabis push out/inventory/web-rabis.jsonl --url https://rabis.example.kz
  kitap rabis push out/inventory/records.mrc --batch-size 50 --config rabis.json

Exit codes: 0 every record confirmed, 1 some failed (or the reader refused them) or the run stopped (run again to resume), 2 usage or configuration error.`)
    .action(async (input: string, opts: Omit<RabisPushOptions, 'input'>) => {
      const { runPush } = await import('./rabis-job.js');
      io.exitCode = await runPush({ ...opts, input }, io);
    });
  connection(
    rabis
      .command('verify')
      .description('Check that every copy of web-rabis.jsonl is in Web-RABIS under the right department and record.')
      .argument('<web-rabis.jsonl>', 'the records that were delivered')
      .option('--log <file.sqlite>', 'the delivery log (default: <input>.delivery.sqlite when it exists): gives each record its Web-RABIS id'),
  )
    .addHelpText('after', `${help}

Examples:
  kitap rabis verify out/inventory/web-rabis.jsonl --url https://rabis.example.kz

Exit codes: 0 every copy found where it belongs, 1 copies missing or misplaced, 2 usage or configuration error.`)
    .action(async (input: string, opts: Omit<RabisCliOptions, 'input'>) => {
      const { runVerify } = await import('./rabis-job.js');
      io.exitCode = await runVerify({ ...opts, input }, io);
    });
  connection(
    rabis
      .command('pull')
      .description('Read from Web-RABIS: the department dictionary, or the records a simple search finds, as JSON lines.')
      .option('--departments', 'the department dictionary')
      .option('--query <text>', 'a simple search (title or author)')
      .requiredOption('-o, --out <file.jsonl>', 'where the JSON lines go (- for standard output)'),
  )
    .addHelpText('after', `${help}

Examples:
  kitap rabis pull --departments -o departments.jsonl --url https://rabis.example.kz
  kitap rabis pull --query "Абай жолы" -o abai.jsonl

Exit codes: 0 done, 2 usage, configuration or connection error.`)
    .action(async (opts: Omit<RabisCliOptions, 'input'> & { departments?: boolean; query?: string; out: string }) => {
      const { runPull } = await import('./rabis-job.js');
      io.exitCode = await runPull(opts, io);
    });
  rabis
    .command('serve')
    .description('Run a TEST STAND-IN for Web-RABIS on 127.0.0.1 — NOT Web-RABIS: the known read routes, kitap\'s assumed import routes (JSON and ISO2709), SRU/OAI-PMH over a MARC file, with injected faults.')
    .option('--data <web-rabis.jsonl>', 'records to preload')
    .option('--port <N>', 'port on 127.0.0.1 (default: any free port)', '0')
    .option('--db <file.sqlite>', 'keep the data in this SQLite file (default: a temporary one)')
    .option('--marc <records.mrc>', 'serve these MARC records over SRU (/sru) and OAI-PMH (/oai)')
    .option('--faults <spec>', 'faults to inject, e.g. latency=20-80ms,error500=5%,error429=2%,drop=2%,expireToken=after:300,slowBody=1%,seed=7')
    .option('--import-route <path>', 'the import route (default /api/v1/kitap/import — kitap\'s assumption, not a known Web-RABIS route)')
    .option('--import-iso2709-route <path>', 'the ISO2709 import route (default /api/v1/kitap/import/iso2709 — kitap\'s assumption; may be the import route, then the Content-Type decides)')
    .option('--user <name:password>', 'a user who may sign in (default kitap:kitap); repeatable', (v: string, all: string[] = []) => [...all, v])
    .addHelpText(
      'after',
      `
This is a TEST STAND-IN, NOT Web-RABIS: nothing sent to it reaches a library system.

Examples:
  kitap rabis serve --data out/inventory/web-rabis.jsonl --port 8089
  kitap rabis serve --marc fixtures/sample/catalog-utf8.mrc --faults error500=5%,drop=2%,latency=20-80ms

Stops on Ctrl-C. Exit codes: 0 stopped, 2 usage or start-up error.`,
    )
    .action(async (opts: ServeOptions) => {
      const { runServe } = await import('./rabis-serve.js');
      io.exitCode = await runServe(opts, io);
    });
}
