import { setTimeout as sleep } from 'node:timers/promises';
import { KitapError } from '@kitap/core';
import PQueue from 'p-queue';
import { type Dispatcher, Pool, request } from 'undici';
import { z } from 'zod';
import type { RabisConfig } from './rabis-config.js';
import { RabisError, type RabisCode } from './rabis-error.js';
import {
  arrayOrListSchema,
  type RabisImportResult,
  importAnswerSchema,
  type RabisCard,
  type RabisCopy,
  type RabisDepartment,
  type RabisEbook,
  rabisCardSchema,
  rabisCopySchema,
  rabisDepartmentSchema,
  rabisEbookSchema,
  rabisErrorBodySchema,
  rabisListSchema,
  signInAnswerSchema,
} from './rabis-responses.js';
import { RabisSession } from './rabis-session.js';
import { type RabisLogger, redactingLogger, redactText, silentLogger } from './redacting-logger.js';
import { backoffMs, errorCode, isNetworkError, isRetryableStatus, isTimeoutError, retryAfterMs } from './retry-policy.js';
import { routePath, withQuery } from './route-path.js';

/** What the client needs besides its config; all optional. */
export interface RabisClientOptions {
  /** The undici dispatcher to send through (tests pass a `MockAgent`); default: a connection pool to `config.url`. */
  dispatcher?: Dispatcher;
  /** Where requests, retries and sign-ins are logged; everything passes through a redacting wrapper first. */
  logger?: RabisLogger;
  /** Jitter source in [0, 1) (default `Math.random`). */
  random?: () => number;
  /** Waits between attempts (default a timer that the signal cancels); tests record the waits instead of sleeping. */
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

/** A page of search results and the number of all matches. */
export interface RabisPage<T> {
  result: T[];
  count: number;
}

/** Counters of one client, for progress lines and tests. */
export interface RabisClientStats {
  /** HTTP attempts sent (each retry is one more). */
  requests: number;
  /** Attempts that were retries of a failed one. */
  retries: number;
  /** Sign-ins (the first one and renewals). */
  signIns: number;
}

/** One logical call: a route, how to read its answer, and whether it may be sent twice. */
interface Call<T> {
  what: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** A body sent as these bytes with this Content-Type instead of JSON (an ISO2709 import). */
  rawBody?: { bytes: Uint8Array; contentType: string };
  /** Send the bearer token. */
  auth: boolean;
  /** Safe to send again (reads, and sign-in); a POST import is only retried with an idempotency key. */
  idempotent: boolean;
  idempotencyKey?: string;
  schema: z.ZodType<T>;
  /** The value of a 404 answer, for lookups where "not there" is an answer. */
  notFound?: T;
  /** 400/401/403 mean bad credentials (sign-in). */
  authCall?: boolean;
  /** A body that is not JSON is returned as text (`/version`). */
  textOk?: boolean;
}

// Built once: zod compiles a schema on first use, which is far too slow to repeat per request.
const DEPARTMENTS = arrayOrListSchema(rabisDepartmentSchema);
const COPIES = arrayOrListSchema(rabisCopySchema);
const COPY_LOOKUP = arrayOrListSchema(rabisCopySchema).or(rabisCopySchema.transform((copy) => [copy]));
const SEARCH_PAGE = rabisListSchema(rabisEbookSchema);
const ANYTHING = z.unknown();

type Outcome =
  | { kind: 'response'; status: number; headers: Record<string, string | string[] | undefined>; text: string; token: string | undefined }
  | { kind: 'timeout' }
  | { kind: 'network'; error: unknown }
  | { kind: 'cancelled' }
  | { kind: 'other'; error: unknown };

/**
 * A client of one Web-RABIS installation. Requests go through a connection
 * pool, at most `concurrency` at a time and `rate` per second; transient
 * failures (timeouts, resets, 429, 5xx) are retried with exponential backoff
 * and jitter, honouring `Retry-After`, but a non-idempotent request (the
 * import) only when it carries an idempotency key. The bearer token is
 * obtained by signing in and renewed once on a 401. Credentials never reach
 * the log or an error message.
 */
export class RabisClient {
  readonly config: RabisConfig;
  readonly #dispatcher: Dispatcher;
  readonly #ownDispatcher: boolean;
  readonly #origin: string;
  readonly #basePath: string;
  readonly #queue: PQueue;
  readonly #session: RabisSession;
  readonly #log: RabisLogger;
  readonly #random: () => number;
  readonly #sleep: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  readonly #stats: RabisClientStats = { requests: 0, retries: 0, signIns: 0 };

  constructor(config: RabisConfig, options: RabisClientOptions = {}) {
    this.config = config;
    const url = new URL(config.url);
    this.#origin = url.origin;
    this.#basePath = url.pathname;
    this.#ownDispatcher = options.dispatcher === undefined;
    this.#dispatcher =
      options.dispatcher ??
      new Pool(url.origin, {
        connections: config.concurrency,
        headersTimeout: config.timeoutMs,
        bodyTimeout: config.timeoutMs,
        connect: { timeout: config.timeoutMs },
      });
    this.#queue =
      config.rate === undefined
        ? new PQueue({ concurrency: config.concurrency })
        : new PQueue({ concurrency: config.concurrency, intervalCap: 1, interval: Math.max(1, Math.round(1000 / config.rate)) });
    this.#random = options.random ?? Math.random;
    this.#sleep = options.sleep ?? ((ms, signal) => sleep(ms, undefined, signal === undefined ? {} : { signal }));
    const username = config.username;
    const password = config.password;
    const signIn = username !== undefined && password !== undefined ? () => this.signIn(username, password.reveal()) : undefined;
    this.#session = new RabisSession(config.token?.reveal(), signIn);
    this.#log = redactingLogger(options.logger ?? silentLogger, () => this.secrets());
  }

  /** Counters so far. */
  stats(): RabisClientStats {
    return { ...this.#stats };
  }

  /** The department dictionary (known route). */
  async departments(signal?: AbortSignal): Promise<RabisDepartment[]> {
    return this.execute(
      { what: 'departments', method: 'GET', path: this.path('departments'), auth: true, idempotent: true, schema: DEPARTMENTS },
      signal,
    );
  }

  /** The card of a record by its Web-RABIS id (known route). */
  async card(id: string | number, signal?: AbortSignal): Promise<RabisCard> {
    return this.execute({ what: 'card', method: 'GET', path: this.path('card', { id }), auth: true, idempotent: true, schema: rabisCardSchema }, signal);
  }

  /**
   * The copies of a record: from the copy list route (an assumption, see the
   * docs) or, when `routes.copies` is null, from the record's card.
   */
  async copies(id: string | number, signal?: AbortSignal): Promise<RabisCopy[]> {
    if (this.config.routes.copies === null) return (await this.card(id, signal)).inv ?? [];
    return this.execute(
      { what: 'copies', method: 'GET', path: this.path('copies', { id }), auth: true, idempotent: true, schema: COPIES, notFound: [] },
      signal,
    );
  }

  /**
   * The copy with this inventory number, or undefined when Web-RABIS has none
   * (a 404 or an empty list). The lookup route is an assumption: configure it.
   */
  async findCopy(invNumber: string, signal?: AbortSignal): Promise<RabisCopy | undefined> {
    const copies = await this.execute(
      {
        what: 'copy lookup',
        method: 'GET',
        path: this.path('inventoryLookup', { invNumber }),
        auth: true,
        idempotent: true,
        schema: COPY_LOOKUP,
        notFound: [],
      },
      signal,
    );
    return copies.find((copy) => copy.invNumber === invNumber) ?? copies.find((copy) => copy.invNumber.trim() === invNumber.trim());
  }

  /** One page of a simple search (known route): `limit`/`offset` go in the query string and the body. */
  async searchPage(query: string, page: { limit: number; offset: number }, signal?: AbortSignal): Promise<RabisPage<RabisEbook>> {
    const path = withQuery(this.path('search'), { limit: page.limit, offset: page.offset });
    return this.execute(
      {
        what: 'search',
        method: 'POST',
        path,
        body: { query, limit: page.limit, offset: page.offset },
        auth: true,
        // A search changes nothing on the server: safe to send again.
        idempotent: true,
        schema: SEARCH_PAGE,
      },
      signal,
    );
  }

  /**
   * Every record a simple search finds, page by page: from `offset` (default
   * 0), at most `limit` records (default all), `pageSize` per request
   * (default 100). `onCount` hears the number of all matches with each page
   * (for a progress bar).
   */
  async *search(
    query: string,
    options: { limit?: number; offset?: number; pageSize?: number; onCount?: (count: number) => void } = {},
    signal?: AbortSignal,
  ): AsyncGenerator<RabisEbook> {
    const pageSize = options.pageSize ?? 100;
    let offset = options.offset ?? 0;
    let left = options.limit ?? Number.POSITIVE_INFINITY;
    while (left > 0) {
      const page = await this.searchPage(query, { limit: Math.min(pageSize, left), offset }, signal);
      options.onCount?.(page.count);
      for (const record of page.result.slice(0, Math.min(page.result.length, left))) yield record;
      left -= page.result.length;
      offset += page.result.length;
      if (page.result.length === 0 || offset >= page.count) return;
    }
  }

  /**
   * Sends a batch of `web-rabis.jsonl` records through the configured import
   * route (kitap's assumption: `{records}` in, `{results: [{key, id, status,
   * message}]}` out). With an idempotency key the request is retried like a
   * read, and the server must answer a repeated key with its stored answer;
   * without one it is sent exactly once and any failure is final.
   */
  async importBatch(records: readonly unknown[], idempotencyKey?: string, signal?: AbortSignal): Promise<RabisImportResult[]> {
    const answer = await this.execute(
      {
        what: 'import',
        method: 'POST',
        path: this.path('import'),
        body: { records },
        auth: true,
        idempotent: false,
        ...(idempotencyKey === undefined || idempotencyKey === '' ? {} : { idempotencyKey }),
        schema: importAnswerSchema,
      },
      signal,
    );
    return answer.results;
  }

  /**
   * Sends a batch of ISO2709 records (each one record's bytes, sent as they
   * are, one after another) through the configured ISO2709 import route with
   * the configured Content-Type (default `application/marc`). The answer is
   * the same as `importBatch`'s: one result per record. Like `importBatch`, it
   * is retried only with an idempotency key.
   */
  async importIso2709Batch(records: readonly Uint8Array[], idempotencyKey?: string, signal?: AbortSignal): Promise<RabisImportResult[]> {
    const answer = await this.execute(
      {
        what: 'ISO2709 import',
        method: 'POST',
        path: this.path('importIso2709'),
        rawBody: { bytes: Buffer.concat(records), contentType: this.config.iso2709ContentType },
        auth: true,
        idempotent: false,
        ...(idempotencyKey === undefined || idempotencyKey === '' ? {} : { idempotencyKey }),
        schema: importAnswerSchema,
      },
      signal,
    );
    return answer.results;
  }

  /** What `GET /version` answers (known route), as JSON or text. */
  async version(signal?: AbortSignal): Promise<unknown> {
    return this.execute({ what: 'version', method: 'GET', path: this.path('version'), auth: false, idempotent: true, schema: ANYTHING, textOk: true }, signal);
  }

  /** Waits for requests in flight and closes the connection pool the client opened. */
  async close(): Promise<void> {
    await this.#queue.onIdle();
    if (this.#ownDispatcher) await this.#dispatcher.close();
  }

  private path(name: keyof RabisConfig['routes'], values: Record<string, string | number> = {}): string {
    const template = this.config.routes[name];
    if (template === null) throw new KitapError('E_CONFIG', `the Web-RABIS route ${name} is not configured`);
    return routePath(this.#basePath, template, values);
  }

  private secrets(): string[] {
    const out = [...this.#session.secrets()];
    const password = this.config.password?.reveal();
    if (password !== undefined) out.push(password);
    const token = this.config.token?.reveal();
    if (token !== undefined) out.push(token);
    return out;
  }

  private async signIn(username: string, password: string): Promise<string> {
    this.#stats.signIns++;
    this.#log.log('info', `signing in to Web-RABIS as ${username}`);
    const answer = await this.execute({
      what: 'sign-in',
      method: 'POST',
      path: this.path('signIn'),
      body: { username, password },
      auth: false,
      // Signing in changes nothing worth protecting: safe to send again.
      idempotent: true,
      authCall: true,
      schema: signInAnswerSchema,
    });
    return answer.token;
  }

  private async execute<T>(call: Call<T>, signal?: AbortSignal): Promise<T> {
    const mayRetry = call.idempotent || call.idempotencyKey !== undefined;
    let retry = 0;
    let renewed = false;
    let superseded = 0;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw this.cancelled(call, attempt - 1);
      const token = call.auth ? await this.#session.token() : undefined;
      let outcome: Outcome;
      try {
        outcome = await this.#queue.add(() => this.attempt(call, token, signal), signal === undefined ? {} : { signal });
      } catch (error) {
        outcome = signal?.aborted ? { kind: 'cancelled' } : { kind: 'other', error };
      }
      if (outcome.kind === 'cancelled') throw this.cancelled(call, attempt);
      if (outcome.kind === 'other') {
        const code = errorCode(outcome.error);
        throw this.error('E_RABIS_NETWORK', `${call.what} failed: ${code ?? (outcome.error as Error)?.message ?? 'error'}`, { transient: false, attempts: attempt });
      }

      // "Renew once, then fail" is about a fresh token refused at once; an answer in between (a 500, a reset) starts over.
      if (outcome.kind !== 'response' || outcome.status !== 401) renewed = false;
      let reason: string;
      let wait: number | undefined;
      if (outcome.kind === 'response') {
        const { status } = outcome;
        if (status >= 200 && status < 300) return this.parse(call, outcome.text, attempt);
        if (status === 404 && call.notFound !== undefined) return call.notFound;
        if (status === 401 && call.auth) {
          if (this.#session.superseded(outcome.token) && superseded < 3) {
            // Another request renewed the token meanwhile: use the new one; that is not this request's renewal.
            superseded++;
            await this.#session.renew(outcome.token);
            continue;
          }
          if (!renewed && this.#session.canRenew) {
            renewed = true;
            this.#log.log('warn', `${call.what}: the token was refused (401); signing in again`);
            await this.#session.renew(outcome.token);
            continue;
          }
          throw this.error('E_RABIS_AUTH', `${call.what}: Web-RABIS refused the token${renewed ? ' again after signing in anew' : this.#session.canRenew ? '' : ' (no username and password to sign in again)'}${serverText(outcome.text)}`, { status, attempts: attempt });
        }
        if (call.authCall && (status === 400 || status === 401 || status === 403)) {
          throw this.error('E_RABIS_AUTH', `sign-in refused (HTTP ${status})${serverText(outcome.text)}`, { status, attempts: attempt });
        }
        if (!isRetryableStatus(status) || !mayRetry || retry >= this.config.retries) {
          throw this.error('E_RABIS_HTTP', `${call.what}: HTTP ${status}${serverText(outcome.text)}${retryNote(isRetryableStatus(status), mayRetry, attempt)}`, {
            status,
            ...serverCode(outcome.text),
            transient: isRetryableStatus(status),
            attempts: attempt,
          });
        }
        reason = `HTTP ${status}`;
        wait = retryAfterMs(outcome.headers['retry-after']);
      } else {
        const code: RabisCode = outcome.kind === 'timeout' ? 'E_RABIS_TIMEOUT' : 'E_RABIS_NETWORK';
        reason = outcome.kind === 'timeout' ? `no answer within ${this.config.timeoutMs} ms` : `connection error ${errorCode(outcome.error) ?? ''}`.trim();
        if (!mayRetry || retry >= this.config.retries) {
          throw this.error(code, `${call.what}: ${reason}${retryNote(true, mayRetry, attempt)}`, { transient: true, attempts: attempt });
        }
      }

      const delay = backoffMs(retry, { baseMs: this.config.retryBaseMs, maxMs: this.config.retryMaxMs, random: this.#random }, wait);
      retry++;
      this.#stats.retries++;
      this.#log.log('warn', `${call.what}: ${reason}; retry ${retry} of ${this.config.retries} in ${delay} ms`, { path: call.path });
      try {
        await this.#sleep(delay, signal);
      } catch (error) {
        if (signal?.aborted) throw this.cancelled(call, attempt);
        throw error;
      }
    }
  }

  private async attempt(call: Call<unknown>, token: string | undefined, signal: AbortSignal | undefined): Promise<Outcome> {
    this.#stats.requests++;
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'kitap' };
    // The request may have waited in the queue while the token was renewed: take the newest one.
    const bearer = token === undefined ? undefined : (this.#session.current ?? token);
    if (bearer !== undefined) headers['authorization'] = `Bearer ${bearer}`;
    if (call.idempotencyKey !== undefined) headers['idempotency-key'] = call.idempotencyKey;
    let body: string | Uint8Array | undefined;
    if (call.rawBody !== undefined) {
      headers['content-type'] = call.rawBody.contentType;
      body = call.rawBody.bytes;
    } else if (call.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.body);
    }
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.config.timeoutMs);
    const combined = signal === undefined ? timeout.signal : AbortSignal.any([signal, timeout.signal]);
    const started = Date.now();
    try {
      const response = await request(`${this.#origin}${call.path}`, {
        dispatcher: this.#dispatcher,
        method: call.method,
        headers,
        ...(body === undefined ? {} : { body }),
        signal: combined,
        headersTimeout: this.config.timeoutMs,
        bodyTimeout: this.config.timeoutMs,
      });
      const text = await response.body.text();
      this.#log.log('debug', `${call.method} ${call.path} → ${response.statusCode} (${Date.now() - started} ms)`);
      return { kind: 'response', status: response.statusCode, headers: response.headers, text, token: bearer };
    } catch (error) {
      if (signal?.aborted) return { kind: 'cancelled' };
      if (timeout.signal.aborted || isTimeoutError(error)) {
        this.#log.log('debug', `${call.method} ${call.path} → timeout (${Date.now() - started} ms)`);
        return { kind: 'timeout' };
      }
      this.#log.log('debug', `${call.method} ${call.path} → ${errorCode(error) ?? 'error'} (${Date.now() - started} ms)`);
      if (isNetworkError(error)) return { kind: 'network', error };
      return { kind: 'other', error };
    } finally {
      clearTimeout(timer);
    }
  }

  private parse<T>(call: Call<T>, text: string, attempts: number): T {
    let json: unknown;
    try {
      json = text.trim() === '' ? null : JSON.parse(text);
    } catch {
      if (call.textOk) return text as T;
      throw this.error('E_RABIS_RESPONSE', `${call.what}: the answer is not JSON`, { attempts });
    }
    const parsed = call.schema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`)
        .join('; ');
      throw this.error('E_RABIS_RESPONSE', `${call.what}: the answer is not of the expected shape (${issues})`, { attempts });
    }
    return parsed.data;
  }

  private cancelled(call: Call<unknown>, attempts: number): RabisError {
    return new RabisError('E_RABIS_CANCELLED', `${call.what} was cancelled`, { attempts });
  }

  private error(code: RabisCode, message: string, detail: ConstructorParameters<typeof RabisError>[2]): RabisError {
    const error = new RabisError(code, redactText(message, this.secrets()), detail);
    this.#log.log('error', error.message, { code });
    return error;
  }
}

/** ": <server message> (<server code>)" from an error body, or a short piece of a non-JSON body. */
function serverText(text: string): string {
  const parsed = parseErrorBody(text);
  if (parsed !== undefined) {
    const { code, message } = parsed;
    if (message === undefined && code === undefined) return '';
    return `: ${message ?? ''}${code === undefined ? '' : ` (${code})`}`.replace(/: \(/, ': (');
  }
  const short = text.trim().replace(/\s+/g, ' ').slice(0, 200);
  return short === '' ? '' : `: ${short}`;
}

function serverCode(text: string): { serverCode?: string } {
  const code = parseErrorBody(text)?.code;
  return code === undefined ? {} : { serverCode: code };
}

function parseErrorBody(text: string): { code?: string; message?: string } | undefined {
  try {
    const parsed = rabisErrorBodySchema.safeParse(JSON.parse(text));
    if (!parsed.success) return undefined;
    const { code, message } = parsed.data.error;
    return {
      ...(code === undefined || code === null ? {} : { code: String(code) }),
      ...(message === undefined || message === null ? {} : { message: String(message) }),
    };
  } catch {
    return undefined;
  }
}

function retryNote(transient: boolean, mayRetry: boolean, attempts: number): string {
  if (!transient) return '';
  if (!mayRetry) return ' (not retried: the request is not idempotent and has no idempotency key)';
  return ` (after ${attempts} attempts)`;
}
