import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KitapError } from '@kitap/core';
import { MigrationStore } from '@kitap/store';
import { type MigrationPaths, requireMigrationDir } from './migration-files.js';
import { RequestGuard } from './request-guard.js';
import { reviewRoutes } from './review-routes.js';

export interface ReviewServerOptions {
  /** The migration folder (`kitap migrate --out <dir>`); it must hold `migrate.sqlite`. */
  dir: string;
  /** The port; 0 or undefined: any free port (read it from `url`). */
  port?: number;
  /** Only the loopback address: the page has no sign-in, so it must not be reachable from the network. */
  host?: '127.0.0.1';
}

export interface ReviewServer {
  /** `http://127.0.0.1:<port>/`: the review page. */
  url: string;
  port: number;
  paths: MigrationPaths;
  /** Stops listening, cuts open connections and closes the store. */
  close(): Promise<void>;
}

/**
 * Starts the review page of a migration folder: a node:http server on
 * 127.0.0.1 serving one HTML page and a small JSON API over the folder's
 * ledger, journal, review queue (decisions are saved to `migrate.sqlite`) and
 * audit findings. Throws `E_INPUT` when the folder has no `migrate.sqlite`,
 * `E_USAGE` for a bad port or host, or when the port is taken.
 */
export async function startReviewServer(options: ReviewServerOptions): Promise<ReviewServer> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new KitapError('E_USAGE', `the port must be a whole number 0…65535, not ${port}`);
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new KitapError('E_USAGE', `the review page listens on 127.0.0.1 only (it has no sign-in), not on ${String(host)}`);
  const paths = requireMigrationDir(options.dir);
  const store = MigrationStore.open(paths.store);
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) => reject(new KitapError('E_USAGE', `the review page cannot listen on ${host}:${port}: ${error.message}`)));
      server.listen(port, host, () => resolve());
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const actual = (server.address() as AddressInfo).port;
  const handle = reviewRoutes({ paths, store, guard: new RequestGuard(actual) });
  // Attached once listening, before any connection can be read: the guard needs the port.
  server.on('request', (req, res) => void handle(req, res));
  let closed: Promise<void> | undefined;
  return {
    url: `http://${host}:${actual}/`,
    port: actual,
    paths,
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
}
