#!/usr/bin/env node
import { removeTemporaryFiles } from '@kitap/core';
import { processIo } from './io.js';
import { main } from './main.js';

// A closed pipe (`kitap dump x | head`): the reader took what it wanted. The run ends quietly,
// leaving none of the temporary files it was writing (its rejects and warnings are not made).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') return;
  removeTemporaryFiles();
  process.exit(0);
});
const io = processIo();
const code = await main(process.argv.slice(2), io);
// A write to standard output fails after the call that made it (a full disk): said here if the command did not.
await new Promise((resolve) => setImmediate(resolve));
const failure = io.outputFailure?.();
if (failure && code !== 2) {
  process.stderr.write(`kitap: ${failure.describe()}\n`);
  process.exitCode = 2;
} else process.exitCode = code;
