import { errorCode } from '@kitap/harvest';

/**
 * When and how long to wait before trying a request again: exponential
 * backoff with jitter, a server's `Retry-After` honoured, and which failures
 * are worth another attempt at all. Reading an error's code and a
 * `Retry-After` header is shared with the harvester (@kitap/harvest); which
 * failures to retry is the client's own: a delivery must tell a timeout
 * (the request may have arrived) from a connection that never carried it.
 */
export { errorCode, retryAfterMs } from '@kitap/harvest';

/** Statuses that say "try again later": too many requests and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

// Errors of the connection itself: the request may or may not have reached the server.
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

/** A transport failure worth retrying: a reset, a refused or dropped connection. */
export function isNetworkError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && NETWORK_CODES.has(code);
}

/** A timeout reported by undici (headers, body or connect). */
export function isTimeoutError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && TIMEOUT_CODES.has(code);
}

/** Backoff parameters. */
export interface Backoff {
  baseMs: number;
  maxMs: number;
  /** A number in [0, 1): the jitter source. */
  random: () => number;
}

/**
 * The wait before retry number `retry` (0 for the first retry): half of the
 * exponential step fixed, half random ("equal jitter"), so clients that
 * failed together do not come back together; a server's `Retry-After` wins
 * when it asks for longer. Capped at `maxMs`.
 */
export function backoffMs(retry: number, backoff: Backoff, retryAfter?: number): number {
  const step = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(retry, 30));
  const jittered = Math.floor(step / 2 + backoff.random() * (step / 2));
  return Math.min(backoff.maxMs, Math.max(jittered, retryAfter ?? 0));
}
