import type { IncomingMessage, ServerResponse } from 'node:http';
import { type OaiFaultState, type OaiFaults, answerOai } from './oai-responder.js';
import { requestParams } from './request-params.js';
import { type ServedCatalog, loadServedCatalog } from './served-catalog.js';
import { type Answer, answerSru } from './sru-responder.js';

/** How the stand-in serves a MARC file over SRU and OAI-PMH. */
export interface SruOaiHandlerOptions {
  /** Records per OAI-PMH list page, and the most an SRU page holds (default 100). */
  pageSize?: number;
  faults?: OaiFaults;
}

/**
 * A request handler for a Node HTTP server: it answers `/sru` and `/oai` and
 * returns true, or returns false for any other path (for the caller to
 * answer). `ready` settles when the MARC file is loaded: it rejects if the file
 * cannot be read, so a server can refuse to start.
 */
export interface SruOaiHandler {
  (req: IncomingMessage, res: ServerResponse): boolean;
  readonly ready: Promise<ServedCatalog>;
}

function send(res: ServerResponse, answer: Answer): void {
  res.statusCode = answer.status;
  res.setHeader('content-type', answer.type);
  res.setHeader('content-length', Buffer.byteLength(answer.body));
  res.end(answer.body);
}

function plain(status: number, text: string): Answer {
  return { status, type: 'text/plain; charset=utf-8', body: `${text}\n` };
}

/**
 * Serves the records of a MARC file (any format kitap reads) over SRU
 * (searchRetrieve 1.2 and 2.0, a small CQL subset: title=, author=, isbn=,
 * cql.allRecords=1, and) and OAI-PMH 2.0 (Identify, ListMetadataFormats,
 * ListSets, ListRecords, ListIdentifiers, GetRecord), records as MARCXML.
 * It is a test stand-in, not a catalog: the file is loaded once into memory.
 * `faults.badResumptionTokenOnce` refuses one resumption token in the middle
 * of a ListRecords harvest, once.
 */
export function createSruOaiHandler(marcFile: string, options: SruOaiHandlerOptions = {}): SruOaiHandler {
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? 100));
  const faults: OaiFaultState = { faults: { ...options.faults }, badTokenPlayed: false };
  const ready = loadServedCatalog(marcFile);
  // A failed load is answered per request (500) and through `ready`; it must not crash the process unobserved.
  ready.catch(() => undefined);

  async function serve(req: IncomingMessage, res: ServerResponse, url: URL, path: '/sru' | '/oai'): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      return send(res, plain(405, 'Use GET (or POST for OAI-PMH).'));
    }
    const params = await requestParams(req, url);
    if (params === undefined) return send(res, plain(413, 'The request body is too large.'));
    let catalog: ServedCatalog;
    try {
      catalog = await ready;
    } catch (error) {
      return send(res, plain(500, `The stand-in cannot read ${marcFile}: ${(error as Error).message}`));
    }
    if (path === '/sru') return send(res, answerSru(params, catalog, pageSize));
    const baseUrl = `http://${req.headers.host ?? '127.0.0.1'}/oai`;
    return send(res, answerOai(params, catalog, baseUrl, pageSize, faults));
  }

  const handler = (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://stand-in.invalid');
    const path = url.pathname.replace(/\/+$/, '');
    if (path !== '/sru' && path !== '/oai') return false;
    serve(req, res, url, path).catch((error: unknown) => {
      if (!res.headersSent) send(res, plain(500, `The stand-in failed: ${(error as Error).message}`));
      else res.destroy();
    });
    return true;
  };
  return Object.assign(handler, { ready });
}
