import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type SruOaiHandlerOptions, createSruOaiHandler } from '../src/serve/sru-oai-handler.js';

/** A local server of the SRU/OAI handler on 127.0.0.1 (port chosen by the system), with the URLs it was asked for. */
export interface LocalStandIn {
  base: string;
  requests: string[];
  close(): Promise<void>;
}

/** Starts the handler over a MARC file on 127.0.0.1:0; every request's URL is logged. */
export async function startStandIn(marcFile: string, options: SruOaiHandlerOptions = {}): Promise<LocalStandIn> {
  const handler = createSruOaiHandler(marcFile, options);
  await handler.ready;
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (!handler(req, res)) {
      res.statusCode = 404;
      res.end('not here\n');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
