import { CommanderError } from 'commander';
import { isKitapError } from '@kitap/core';
import { buildProgram } from './program.js';
import type { Io } from './io.js';

/**
 * Runs the CLI and returns the exit code: 0 ok, 1 problems found, 2 usage or
 * internal error. Never lets a stack trace reach the user unless KITAP_DEBUG is set.
 */
export async function main(argv: string[], io: Io): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return io.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2;
    }
    if (isKitapError(error)) {
      io.err(`kitap: ${error.describe()}`);
      return 2;
    }
    const err = error as NodeJS.ErrnoException;
    if (err?.code === 'EPIPE') return io.exitCode;
    const full = err?.code === 'ENOSPC' || err?.code === 'EDQUOT' || err?.code === 'EFBIG';
    if (full || err?.code === 'ENOENT' || err?.code === 'EACCES' || err?.code === 'EISDIR' || err?.code === 'ENOTDIR' || err?.code === 'EEXIST') {
      // A file system error no command turned into a KitapError: an output when the call writes (a full disk always is).
      const writing = full || ['rename', 'mkdir', 'write', 'unlink', 'rmdir', 'copyfile'].includes(err.syscall ?? '');
      io.err(`kitap: ${writing ? 'E_OUTPUT' : 'E_INPUT'}: ${err.message}`);
      return 2;
    }
    io.err(`kitap: E_INTERNAL: ${err?.message ?? String(error)} (set KITAP_DEBUG=1 for details; please report this)`);
    if (process.env.KITAP_DEBUG) io.err(String(err?.stack));
    return 2;
  }
}
