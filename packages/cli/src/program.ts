import { Command } from 'commander';
import { registerConvert } from './commands/convert.js';
import { registerDedup } from './commands/dedup.js';
import { registerDump } from './commands/dump.js';
import { registerFix } from './commands/fix.js';
import { registerInfo } from './commands/info.js';
import { registerInventory } from './commands/inventory.js';
import { registerMigrate } from './commands/migrate.js';
import { registerLint } from './commands/lint.js';
import { registerMerge } from './commands/merge.js';
import { registerHarvest } from './commands/harvest.js';
import { registerRabis } from './commands/rabis.js';
import { registerReconcile } from './commands/reconcile.js';
import { registerServe } from './commands/serve.js';
import type { Io } from './io.js';

export { VERSION } from './version.js';
import { VERSION } from './version.js';

export function buildProgram(io: Io): Command {
  const program = new Command('kitap')
    .description('Move library catalogs between systems and keep them clean.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (text) => io.err(text.replace(/\n$/, '')), writeOut: (text) => io.out(text) });
  registerConvert(program, io);
  registerDump(program, io);
  registerInfo(program, io);
  registerLint(program, io);
  registerFix(program, io);
  registerDedup(program, io);
  registerMerge(program, io);
  registerInventory(program, io);
  registerMigrate(program, io);
  registerReconcile(program, io);
  registerRabis(program, io);
  registerHarvest(program, io);
  registerServe(program, io);
  return program;
}
