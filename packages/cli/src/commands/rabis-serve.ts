import { once } from 'node:events';
import { KitapError, interruptsHandledByCommand } from '@kitap/core';
import { type StandInOptions, startStandIn } from '@kitap/rabis';
import type { Io } from '../io.js';

export interface ServeOptions {
  data?: string;
  port: string;
  db?: string;
  marc?: string;
  faults?: string;
  importRoute?: string;
  importIso2709Route?: string;
  user?: string[];
}

/** `kitap rabis serve`: starts the stand-in, prints its banner, runs until SIGINT/SIGTERM. */
export async function runServe(options: ServeOptions, io: Io): Promise<number> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new KitapError('E_USAGE', `--port "${options.port}" is not a port number`);
  const start: StandInOptions = { port };
  if (options.data) start.data = options.data;
  if (options.db) start.dbPath = options.db;
  if (options.marc) start.marc = options.marc;
  if (options.faults) start.faults = options.faults;
  if (options.importRoute || options.importIso2709Route) {
    start.routes = { ...(options.importRoute ? { import: options.importRoute } : {}), ...(options.importIso2709Route ? { importIso2709: options.importIso2709Route } : {}) };
  }
  if (options.user?.length) {
    start.users = options.user.map((u) => {
      const i = u.indexOf(':');
      if (i <= 0) throw new KitapError('E_USAGE', `--user must be name:password`);
      return { username: u.slice(0, i), password: u.slice(i + 1) };
    });
  }
  const server = await startStandIn(start);
  // Listen for the signals before the banner: a signal sent as soon as the banner shows must stop the stand-in cleanly.
  interruptsHandledByCommand();
  const stopped = Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  io.err(server.banner().trimEnd());
  await stopped;
  await server.close();
  io.err('stand-in stopped');
  return 0;
}
