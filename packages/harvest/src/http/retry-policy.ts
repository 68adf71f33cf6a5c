import { setTimeout as wait } from 'node:timers/promises';

/**
 * How a harvest retries a request that failed for a reason that may pass:
 * a timeout, a dropped or refused connection, 408, 429 or a 5xx answer
 * (except 501 and 505, which do not pass). Waits grow exponentially with
 * jitter; a `Retry-After` header (which OAI-PMH repositories send with 503
 * for flow control) is honoured, up to `maxRetryAfterMs`.
 */
export interface RetryOptions {
  /** Retries after the first attempt (default 4). */
  retries?: number;
  /** First wait before jitter, in milliseconds (default 500); doubles with each retry. */
  baseDelayMs?: number;
  /** Longest wait computed by backoff, in milliseconds (default 30,000). */
  maxDelayMs?: number;
  /** Longest wait a `Retry-After` header may ask for; a longer one is cut to this (default 120,000). */
  maxRetryAfterMs?: number;
  /** How to wait; a scheduler or a test may pass its own. Rejects when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  /** Source of jitter in [0, 1) (default Math.random). */
  random?: () => number;
}

/** RetryOptions with every default filled in. */
export interface RetryPolicy {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly sleep: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  readonly random: () => number;
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function defaultSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return signal === undefined ? wait(ms) : wait(ms, undefined, { signal });
}

/** Fills in the defaults of RetryOptions. */
export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    retries: Math.max(0, Math.floor(options.retries ?? 4)),
    baseDelayMs: Math.max(0, options.baseDelayMs ?? 500),
    maxDelayMs: Math.max(0, options.maxDelayMs ?? 30_000),
    maxRetryAfterMs: Math.max(0, options.maxRetryAfterMs ?? 120_000),
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
  };
}

/** Statuses worth another try: the server was busy or failed for a while. */
export function isRetryableStatus(status: number): boolean {
  if (status === 408 || status === 429) return true;
  return status >= 500 && status <= 599 && status !== 501 && status !== 505;
}

/** Error codes of undici and Node sockets that mean "the request may succeed if sent again". */
const TRANSIENT_ERRORS = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** The error's code, or its cause's (undici wraps socket errors). */
export function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e !== null && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Whether a request error (not an HTTP status) may pass on a retry. */
export function isTransientError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && TRANSIENT_ERRORS.has(code);
}

/**
 * Milliseconds a `Retry-After` header asks to wait (delta-seconds or an HTTP
 * date), or undefined when there is none or it cannot be read.
 */
export function retryAfterMs(header: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * The wait before retry number `attempt` (0 for the first retry): what
 * `Retry-After` asks, capped; otherwise exponential backoff with "equal
 * jitter" (half the step fixed, half random), so that many clients failing
 * together do not come back together.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfter: number | undefined): number {
  if (retryAfter !== undefined) return Math.min(retryAfter, policy.maxRetryAfterMs);
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(step / 2 + policy.random() * (step / 2));
}
