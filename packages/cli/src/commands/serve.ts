import { once } from 'node:events';
import type { Command } from 'commander';
import { KitapError, interruptsHandledByCommand } from '@kitap/core';
import type { Io } from '../io.js';

export interface ServeOptions {
  port?: string;
}

export function registerServe(program: Command, io: Io): void {
  program
    .command('serve')
    .description('Open the review page of a migration folder in the browser: the ledger by stage, the clean-up journal, the doubtful duplicates to merge or keep apart (saved for kitap migrate --from dedup) and the audit findings. Listens on 127.0.0.1 only.')
    .argument('<dir>', 'the migration folder (kitap migrate --out <dir>): it must hold migrate.sqlite')
    .option('--port <N>', 'port on 127.0.0.1 (default: any free port)')
    .addHelpText(
      'after',
      `
Examples:
  kitap serve out/migration
  kitap serve out/migration --port 8090

The address is printed on stderr; open it in a browser on the same computer. Stop with Ctrl+C.

Exit codes: 0 stopped with Ctrl+C (SIGINT) or SIGTERM, 2 the folder is not a migration folder (no migrate.sqlite), the port is taken or not a port.`,
    )
    .action(async (dir: string, opts: ServeOptions) => {
      io.exitCode = await runServe(dir, opts, io);
    });
}

/** `kitap serve`: starts the review page, prints its address, runs until SIGINT/SIGTERM. */
export async function runServe(dir: string, options: ServeOptions, io: Io): Promise<number> {
  const given = options.port ?? '0';
  const port = Number(given);
  if (!/^\d{1,5}$/.test(given) || port > 65_535) throw new KitapError('E_USAGE', `--port "${given}" is not a port number (0…65535)`);
  const { startReviewServer } = await import('@kitap/review');
  const server = await startReviewServer({ dir, port });
  // Listening for the signals before the address is printed: whoever reads it may stop the server at once.
  interruptsHandledByCommand();
  const stop = Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  io.err(`kitap serve: the review page of ${server.paths.dir}`);
  io.err(`  open ${server.url} in a browser on this computer (Ctrl+C stops it)`);
  await stop;
  await server.close();
  io.err('kitap serve: stopped');
  return 0;
}
