import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BranchDirectory } from '@kitap/holdings';
import type { FaultPlan } from './fault-plan.js';
import { signHs256, verifyHs256 } from './hs256-token.js';
import { errorBody, sendJson } from './http-reply.js';
import type { StandInStats } from './stand-in-stats.js';
import { iso2709ImportEntries } from './iso2709-import.js';
import type { ImportEntry, StandInImportResult, StandInStore } from './stand-in-store.js';
import { KNOWN_ROUTES, routeMatcher, type StandInRoutes } from './stand-in-routes.js';

/** A handler mounted beside the stand-in's routes (the SRU/OAI endpoints): answers and gives true, or gives false for paths it does not serve. */
export type SideHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** A user who may sign in to the stand-in. */
export interface StandInUser {
  username: string;
  password: string;
}

/** What the request handler works with. */
export interface StandInHandlerConfig {
  store: StandInStore;
  plan: FaultPlan;
  stats: Omit<StandInStats, 'ebooks' | 'copies'>;
  users: readonly StandInUser[];
  routes: StandInRoutes;
  tokenTtlSeconds: number;
  secret: Buffer;
  /** The clock, in ms since 1970 (tests move it to expire tokens). */
  nowMs: () => number;
  /** What `GET /version` answers as the version. */
  version: string;
  /** Resolves the libraries and departments of ISO2709 copies to department codes. */
  directory: BranchDirectory;
  side?: SideHandler;
}

/** The largest request body the stand-in reads (an import batch): 64 MiB. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** The page size of lists when `limit` is not given (or 0). */
export const DEFAULT_LIMIT = 20;
/** The largest `limit` a list takes; more is a 400. */
export const MAX_LIMIT = 1000;

type Reply = (status: number, body: unknown, headers?: Record<string, string>) => Promise<void>;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly validation?: Record<string, string>,
  ) {
    super(message);
  }
}

/**
 * The stand-in's request handler: draws the request's faults, waits the
 * added latency, drops or fails the request when the plan says so, passes
 * `/sru` and `/oai` to the side handler, checks the bearer token, and answers
 * the route.
 */
export function createStandInHandler(config: StandInHandlerConfig): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { store, plan, stats, routes } = config;
  const isImport = routeMatcher(routes.import);
  const isImportIso2709 = routeMatcher(routes.importIso2709);
  const isLookup = routeMatcher(routes.inventoryLookup);
  const isCopies = routeMatcher(routes.copies);
  const isInventory = routeMatcher(KNOWN_ROUTES.inventory);
  const isCard = routeMatcher(KNOWN_ROUTES.card);
  const isEbook = routeMatcher(KNOWN_ROUTES.ebook);
  const tokenUses = new Map<string, number>();

  return async (req, res) => {
    stats.requests++;
    const faults = plan.next();
    if (faults.delayMs > 0) {
      const l = stats.faults.latency;
      l.minMs = l.count === 0 ? faults.delayMs : Math.min(l.minMs, faults.delayMs);
      l.maxMs = Math.max(l.maxMs, faults.delayMs);
      l.count++;
      l.totalMs += faults.delayMs;
      await sleep(faults.delayMs);
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const importing = (isImport(path) !== undefined || isImportIso2709(path) !== undefined) && method === 'POST';
    let slowCounted = false;
    const reply: Reply = async (status, body, headers) => {
      stats.byStatus[String(status)] = (stats.byStatus[String(status)] ?? 0) + 1;
      if (faults.slowBody && !slowCounted) {
        slowCounted = true;
        stats.faults.slowBody++;
      }
      const options: Parameters<typeof sendJson>[3] = {};
      if (headers !== undefined) options.headers = headers;
      if (faults.slowBody) options.slow = { chunks: plan.faults.slowBodyChunks, delayMs: plan.faults.slowBodyDelayMs };
      await sendJson(res, status, body, options);
    };

    if (faults.outcome === 'drop' && !(importing && faults.afterCommit)) {
      stats.faults.drop++;
      req.socket.destroy();
      return;
    }
    if (faults.outcome === 'error429') {
      stats.faults.error429++;
      await reply(429, errorBody(429, 'too_many_requests', 'too many requests (injected by the stand-in)'), { 'retry-after': String(plan.faults.retryAfterSeconds) });
      return;
    }
    if (faults.outcome === 'error500') {
      stats.faults.error500++;
      await reply(500, errorBody(500, 'internal', 'internal server error (injected by the stand-in)'));
      return;
    }
    if (config.side?.(req, res)) return;

    try {
      await route();
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpProblem) await reply(error.status, errorBody(error.status, error.code, error.message, error.validation));
      else await reply(500, errorBody(500, 'internal', error instanceof Error ? error.message : String(error)));
    }

    async function route(): Promise<void> {
      if (path === KNOWN_ROUTES.version || path === `${KNOWN_ROUTES.version}/`) {
        allow('GET');
        await reply(200, { name: 'kitap Web-RABIS stand-in', version: config.version, standIn: true, notice: 'TEST STAND-IN, not Web-RABIS' });
        return;
      }
      if (path === KNOWN_ROUTES.signIn) {
        allow('POST');
        await signIn();
        return;
      }
      const known =
        path === KNOWN_ROUTES.departments ||
        path === KNOWN_ROUTES.search ||
        [isImport, isImportIso2709, isLookup, isCopies, isInventory, isCard, isEbook].some((m) => m(path) !== undefined);
      if (!known) throw new HttpProblem(404, 'not_found', `no route ${path}`);
      authenticate();

      if (path === KNOWN_ROUTES.departments) {
        allow('GET');
        await reply(200, store.departments());
      } else if (path === KNOWN_ROUTES.search) {
        allow('POST');
        const body = await readJson();
        const query = typeof body === 'object' && body !== null && typeof (body as { query?: unknown }).query === 'string' ? (body as { query: string }).query : '';
        const { limit, offset } = paging();
        await reply(200, store.search(query, limit, offset));
      } else if (isImport(path) !== undefined || isImportIso2709(path) !== undefined) {
        allow('POST');
        // One path may serve both imports (when so configured): then the Content-Type decides.
        const jsonType = contentType() === undefined || /json/i.test(contentType()!);
        await importBatch(isImportIso2709(path) !== undefined && !(jsonType && isImport(path) !== undefined) ? 'iso2709' : 'json');
      } else if (isLookup(path) !== undefined) {
        allow('GET');
        const invNumber = isLookup(path, url.searchParams)?.invNumber ?? '';
        if (invNumber.trim() === '') throw new HttpProblem(400, 'bad_request', 'invNumber must not be empty', { invNumber: 'required' });
        const result = store.copiesByNumber(invNumber);
        await reply(200, { result, count: result.length });
      } else {
        const copies = isCopies(path) ?? isInventory(path);
        const card = isCard(path);
        const ebook = isEbook(path);
        allow('GET');
        if (copies !== undefined) {
          const id = recordId(copies.id);
          if (store.ebook(id) === undefined) throw notFound(id);
          await reply(200, store.copies(id));
        } else if (card !== undefined) {
          const id = recordId(card.id);
          await reply(200, store.card(id) ?? throwing(notFound(id)));
        } else if (ebook !== undefined) {
          const id = recordId(ebook.id);
          await reply(200, store.ebook(id) ?? throwing(notFound(id)));
        }
      }
    }

    function allow(expected: string): void {
      if (method !== expected) throw new HttpProblem(405, 'method_not_allowed', `${method} is not allowed on ${path}; use ${expected}`);
    }

    function authenticate(): void {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
      if (!m) throw new HttpProblem(401, 'unauthorized', 'no token found');
      const token = m[1] as string;
      const checked = verifyHs256(token, config.secret, Math.floor(config.nowMs() / 1000));
      if (!checked.ok) throw new HttpProblem(401, 'unauthorized', 'token is incorrect or expired');
      const limit = plan.faults.expireTokenAfter;
      if (limit !== undefined) {
        const uses = (tokenUses.get(token) ?? 0) + 1;
        tokenUses.set(token, uses);
        if (uses > limit) {
          stats.faults.expiredToken++;
          throw new HttpProblem(401, 'unauthorized', 'token is incorrect or expired');
        }
      }
    }

    async function signIn(): Promise<void> {
      const body = await readJson();
      const b = (typeof body === 'object' && body !== null ? body : {}) as { username?: unknown; password?: unknown };
      const index = config.users.findIndex((u) => u.username === b.username && u.password === b.password);
      const user = config.users[index];
      if (user === undefined) throw new HttpProblem(401, 'invalid_credentials', 'invalid username or password');
      const iat = Math.floor(config.nowMs() / 1000);
      const token = signHs256({ id: index + 1, iat, exp: iat + config.tokenTtlSeconds, jti: randomUUID() }, config.secret);
      await reply(200, { token, user: { id: index + 1, username: user.username, email: '', name: user.username, role: 'admin', department: {} } });
    }

    function contentType(): string | undefined {
      return headerValue(req.headers['content-type']);
    }

    async function importBatch(kind: 'json' | 'iso2709'): Promise<void> {
      const type = contentType();
      if (kind === 'json' && type !== undefined && !/json/i.test(type)) {
        throw new HttpProblem(415, 'unsupported_media_type', `the import takes JSON ({ "records": [...] }), not ${type}; ISO2709 records go to ${routes.importIso2709}`);
      }
      if (kind === 'iso2709' && type !== undefined && /json/i.test(type)) {
        throw new HttpProblem(415, 'unsupported_media_type', `this route takes ISO2709 records (application/marc), not ${type}; JSON records go to ${routes.import}`);
      }
      const bytes = await readBody();
      const bodyHash = createHash('sha256').update(bytes).digest('hex');
      const key = headerValue(req.headers['idempotency-key']);
      const dropAfter = faults.outcome === 'drop' && faults.afterCommit;
      // Read before the stored answer is looked up: nothing may wait between that look-up and the import.
      const entries: ImportEntry[] = kind === 'json' ? parseRecords(bytes).map((record) => ({ record })) : await parseIso2709(bytes);
      const stored = key === undefined ? undefined : store.storedAnswer(key);
      if (stored !== undefined) {
        if (stored.bodyHash !== bodyHash) throw new HttpProblem(400, 'idempotency_key_reused', `the Idempotency-Key "${key}" was used before with a different body`);
        stats.imports.replayed++;
        if (dropAfter) return dropNow();
        await reply(stored.status, stored.body, { 'idempotent-replayed': 'true' });
        return;
      }
      const render = (results: StandInImportResult[]): { status: number; body: string } => ({ status: 200, body: JSON.stringify({ results }) });
      const results = store.importEntries(entries, key === undefined ? {} : { answer: { key, bodyHash, render } });
      stats.imports.batches++;
      if (kind === 'iso2709') stats.imports.iso2709Batches++;
      for (const r of results) stats.imports[r.status]++;
      if (dropAfter) return dropNow();
      await reply(200, render(results).body);
    }

    function dropNow(): void {
      stats.faults.dropAfterCommit++;
      req.socket.destroy();
    }

    function parseRecords(bytes: Buffer): unknown[] {
      let body: unknown;
      try {
        body = JSON.parse(bytes.toString('utf8'));
      } catch {
        throw new HttpProblem(400, 'bad_request', 'the body is not JSON');
      }
      const records = typeof body === 'object' && body !== null ? (body as { records?: unknown }).records : undefined;
      if (!Array.isArray(records)) throw new HttpProblem(400, 'bad_request', 'the body must be { "records": [...] }', { records: 'expected an array of records' });
      return records;
    }

    async function parseIso2709(bytes: Buffer): Promise<ImportEntry[]> {
      if (bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x00)) throw new HttpProblem(400, 'bad_request', 'the body holds no ISO2709 record');
      return iso2709ImportEntries(bytes, config.directory);
    }

    async function readJson(): Promise<unknown> {
      const bytes = await readBody();
      if (bytes.length === 0) return {};
      try {
        return JSON.parse(bytes.toString('utf8'));
      } catch {
        throw new HttpProblem(400, 'bad_request', 'the body is not JSON');
      }
    }

    async function readBody(): Promise<Buffer> {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) throw new HttpProblem(413, 'payload_too_large', `the body is larger than ${MAX_BODY_BYTES} bytes`);
        chunks.push(chunk);
      }
      return Buffer.concat(chunks);
    }

    function paging(): { limit: number; offset: number } {
      const limit = wholeParam('limit') ?? DEFAULT_LIMIT;
      const offset = wholeParam('offset') ?? 0;
      if (limit > MAX_LIMIT) throw new HttpProblem(400, 'bad_request', `limit is at most ${MAX_LIMIT}`, { limit: `at most ${MAX_LIMIT}` });
      return { limit: limit === 0 ? DEFAULT_LIMIT : limit, offset };
    }

    function wholeParam(name: string): number | undefined {
      const v = url.searchParams.get(name);
      if (v === null || v === '') return undefined;
      if (!/^\d+$/.test(v)) throw new HttpProblem(400, 'bad_request', `${name} must be a whole number`, { [name]: 'a whole number' });
      return Number(v);
    }
  };
}

function recordId(text: string | undefined): number {
  if (text === undefined || !/^\d{1,15}$/.test(text)) throw new HttpProblem(400, 'bad_request', 'id must be a whole number', { id: 'a whole number' });
  return Number(text);
}

// Web-RABIS's public code answers every failure of a record lookup with 400; so does the stand-in.
function notFound(id: number): HttpProblem {
  return new HttpProblem(400, 'not_found', `record ${id} not found`);
}

function throwing(problem: HttpProblem): never {
  throw problem;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

