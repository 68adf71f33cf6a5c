import type { IncomingHttpHeaders } from 'node:http';
import { type Dispatcher, request } from 'undici';
import { harvestError } from '../harvest-error.js';
import { type RetryOptions, errorCode, isRetryableStatus, isTransientError, retryAfterMs, retryDelay, retryPolicy } from './retry-policy.js';

/** How harvest requests are sent: shared by SRU and OAI-PMH. */
export interface HttpOptions {
  /** undici dispatcher (an Agent with its own pool, or a MockAgent in tests); default: undici's global one. */
  dispatcher?: Dispatcher;
  /** Retries on timeouts, dropped connections, 408, 429 and 5xx. */
  retry?: RetryOptions;
  /** Per-request timeout for the headers and between body chunks, in milliseconds (default 60,000). */
  timeoutMs?: number;
  /** Cancels the harvest: the request in flight and any wait between retries. */
  signal?: AbortSignal;
  /** Extra request headers (an API key some catalogs want). */
  headers?: Record<string, string>;
}

/** A response read whole: SRU and OAI-PMH pages are bounded by their page size. */
export interface HttpPage {
  /** The URL that answered (after redirects). */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  bytes: Uint8Array;
}

const MAX_REDIRECTS = 5;
const USER_AGENT = 'kitap-harvest';

/** The URL without user name and password, for messages. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

function describeFailure(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
}

/**
 * GETs a page with retries: transient failures (timeouts, resets, refused
 * connections, 408, 429, 5xx) are retried with backoff and `Retry-After`;
 * redirects are followed (at most 5). Any other status is returned to the
 * caller, which knows whether the body still says something (OAI-PMH and SRU
 * servers put errors in XML bodies). Cancellation rejects with the signal's
 * reason. Spent retries raise `E_HARVEST_HTTP` naming the URL and the last failure.
 */
export async function fetchPage(url: string, options: HttpOptions = {}): Promise<HttpPage> {
  const policy = retryPolicy(options.retry);
  const timeout = options.timeoutMs ?? 60_000;
  let target = url;
  let redirects = 0;
  for (let attempt = 0; ; ) {
    options.signal?.throwIfAborted();
    let failure: string;
    let retryAfter: number | undefined;
    try {
      const response = await request(target, {
        method: 'GET',
        headers: { accept: 'application/xml, text/xml;q=0.9, */*;q=0.1', 'user-agent': USER_AGENT, ...options.headers },
        headersTimeout: timeout,
        bodyTimeout: timeout,
        ...(options.dispatcher !== undefined ? { dispatcher: options.dispatcher } : {}),
        ...(options.signal !== undefined ? { signal: options.signal } : {}),
      });
      const status = response.statusCode;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && status !== 304 && location !== undefined) {
        await response.body.dump();
        if (++redirects > MAX_REDIRECTS) throw harvestError('E_HARVEST_HTTP', `${safeUrl(url)}: more than ${MAX_REDIRECTS} redirects.`);
        target = new URL(Array.isArray(location) ? location[0]! : location, target).toString();
        continue;
      }
      if (!isRetryableStatus(status)) {
        const bytes = new Uint8Array(await response.body.arrayBuffer());
        return { url: target, status, headers: response.headers, bytes };
      }
      await response.body.dump();
      failure = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
      retryAfter = retryAfterMs(response.headers['retry-after']);
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      if (!isTransientError(error)) {
        if (error instanceof Error && error.name === 'KitapError') throw error;
        throw harvestError('E_HARVEST_HTTP', `${safeUrl(target)}: the request failed: ${describeFailure(error)}.`);
      }
      failure = describeFailure(error);
    }
    if (attempt >= policy.retries) {
      const tries = attempt + 1;
      throw harvestError('E_HARVEST_HTTP', `${safeUrl(target)}: ${failure}; gave up after ${tries} ${tries === 1 ? 'attempt' : 'attempts'}.`);
    }
    await policy.sleep(retryDelay(policy, attempt, retryAfter), options.signal);
    attempt++;
  }
}
