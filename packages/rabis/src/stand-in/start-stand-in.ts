import { randomBytes, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KitapError } from '@kitap/core';
import { BranchDirectory, KARAGANDA_CBS } from '@kitap/holdings';
import { FaultPlan } from './fault-plan.js';
import { formatFaults, resolveFaults, type FaultSpec } from './fault-spec.js';
import { preloadRecords } from './preload-records.js';
import { standInBanner } from './stand-in-banner.js';
import { branchDepartments, type StandInDepartment } from './stand-in-departments.js';
import { createStandInHandler, type SideHandler, type StandInUser } from './stand-in-handler.js';
import { DEFAULT_STAND_IN_ROUTES, type StandInRoutes } from './stand-in-routes.js';
import { emptyStats, type StandInStats } from './stand-in-stats.js';
import { StandInStore } from './stand-in-store.js';
import { sruOaiSideHandler, type SruOaiOptions } from './sru-oai-mount.js';

/** How to start the stand-in. */
export interface StandInOptions {
  /** A `web-rabis.jsonl` file to preload. */
  data?: string;
  /** Keep the data in this SQLite file (it survives a restart); default a temporary database removed on close. */
  dbPath?: string;
  /** The port on 127.0.0.1; 0 or undefined: any free port. */
  port?: number;
  /** Faults to inject: an object or the text form (`latency=20-80ms,error500=5%,…`). */
  faults?: FaultSpec | string;
  /** Who may sign in; default one user `kitap` with password `kitap`. */
  users?: StandInUser[];
  /** Routes that are kitap's assumptions (see `StandInRoutes`). */
  routes?: Partial<StandInRoutes>;
  /** How long a token lives (its `exp`), in seconds; default 3600, as Web-RABIS's tokens live about an hour. */
  tokenTtlSeconds?: number;
  /** A MARC file (any format kitap reads) served over SRU (`/sru`) and OAI-PMH (`/oai`). */
  marc?: string;
  /** How the SRU/OAI-PMH endpoints page, and their own fault (a bad resumption token once). */
  sruOai?: SruOaiOptions;
  /** The department dictionary to start from; default the libraries of `KARAGANDA_CBS` (see `branchDepartments`). */
  departments?: StandInDepartment[];
  /** The clock in ms since 1970, for token times; default `Date.now` (tests pass their own to expire tokens). */
  now?: () => number;
}

/** A running stand-in. */
export interface StandIn {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  port: number;
  /** The routes it serves (defaults filled in). */
  routes: StandInRoutes;
  /** The faults in their text form (with the seed), or undefined when none were asked for. */
  faults: string | undefined;
  /** What it has seen and done, and what it holds. */
  stats(): StandInStats;
  /** The start-up banner: says it is a TEST STAND-IN, not Web-RABIS. */
  banner(): string;
  /** Stops listening, cuts open connections and closes the database. */
  close(): Promise<void>;
}

/** The version `GET /version` reports. */
export const STAND_IN_VERSION = 'kitap-stand-in/0.1.0';

/**
 * Starts the fault-injecting Web-RABIS stand-in: a node:http server bound to
 * 127.0.0.1 only, backed by SQLite, serving sign-in (HS256 JWT), the
 * department dictionary, records, cards, copies, simple search, a copy by
 * inventory number, `/version` and kitap's assumed import routes, for
 * web-rabis.jsonl records and for ISO2709 (idempotent by `Idempotency-Key`
 * and by record key), with faults drawn from a seeded
 * PRNG. It is a TEST STAND-IN, not Web-RABIS.
 */
export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new KitapError('E_USAGE', `the port must be a whole number 0…65535, not ${port}`);
  const ttl = options.tokenTtlSeconds ?? 3600;
  if (!Number.isInteger(ttl) || ttl < 0) throw new KitapError('E_USAGE', `tokenTtlSeconds must be a whole number of seconds, not ${ttl}`);
  const users = options.users ?? [{ username: 'kitap', password: 'kitap' }];
  if (users.length === 0) throw new KitapError('E_USAGE', 'the stand-in needs at least one user');
  const routes: StandInRoutes = { ...DEFAULT_STAND_IN_ROUTES, ...options.routes };
  const resolved = resolveFaults(options.faults, () => randomInt(0, 2 ** 31));
  const plan = new FaultPlan(resolved);
  const stats = emptyStats(resolved.seed);
  const now = options.now ?? Date.now;
  const store = new StandInStore(options.dbPath, options.departments ?? branchDepartments(), () => new Date(now()));
  let side: SideHandler | undefined;
  try {
    if (options.data !== undefined) await preloadRecords(store, options.data);
    if (options.marc !== undefined) side = await sruOaiSideHandler(options.marc, options.sruOai);
  } catch (error) {
    store.close();
    throw error;
  }

  const handler = createStandInHandler({
    store,
    plan,
    stats,
    users,
    routes,
    tokenTtlSeconds: ttl,
    secret: randomBytes(32),
    nowMs: now,
    version: STAND_IN_VERSION,
    directory: BranchDirectory.fromJson(KARAGANDA_CBS),
    ...(side === undefined ? {} : { side }),
  });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    handler(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      store.close();
      reject(new KitapError('E_USAGE', `the stand-in cannot listen on 127.0.0.1:${port}: ${error.message}`));
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${actual}`;
  const faultText = options.faults === undefined ? undefined : formatFaults(resolved);
  let closed: Promise<void> | undefined;

  const standIn: StandIn = {
    url,
    port: actual,
    routes,
    faults: faultText,
    stats: () => ({ ...structuredClone(stats), ...store.counts() }),
    banner: () => {
      const counts = store.counts();
      return standInBanner({ url, routes, ebooks: counts.ebooks, copies: counts.copies, faults: faultText, usernames: users.map((u) => u.username), marc: options.marc });
    },
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return closed;
    },
  };
  return standIn;
}
