import type { Command } from 'commander';
import type { Io } from '../io.js';
import type { ServeOptions } from './rabis-serve.js';

export function registerRabis(program: Command, io: Io): void {
  const rabis = program.command('rabis').description('Talk to Web-RABIS (and run a local test stand-in of it).');
  rabis
    .command('serve')
    .description('Run a TEST STAND-IN for Web-RABIS on 127.0.0.1 — NOT Web-RABIS: the known read routes, kitap\'s assumed import route, SRU/OAI-PMH over a MARC file, with injected faults.')
    .option('--data <web-rabis.jsonl>', 'records to preload')
    .option('--port <N>', 'port on 127.0.0.1 (default: any free port)', '0')
    .option('--db <file.sqlite>', 'keep the data in this SQLite file (default: a temporary one)')
    .option('--marc <records.mrc>', 'serve these MARC records over SRU (/sru) and OAI-PMH (/oai)')
    .option('--faults <spec>', 'faults to inject, e.g. latency=20-80ms,error500=5%,error429=2%,drop=2%,expireToken=after:300,slowBody=1%,seed=7')
    .option('--import-route <path>', 'the import route (default /api/v1/kitap/import — kitap\'s assumption, not a known Web-RABIS route)')
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
