import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** How to write a body slowly: in `chunks` pieces with a pause of `delayMs` between two. */
export interface SlowBody {
  chunks: number;
  delayMs: number;
}

/**
 * An error body in Web-RABIS's shape, `{"error": {"status", "code",
 * "message"}, "validation"?}`. The `code` strings are the stand-in's own
 * (`unauthorized`, `bad_request`, `not_found`, `too_many_requests`,
 * `internal`…): Web-RABIS's own codes are not publicly known.
 */
export function errorBody(status: number, code: string, message: string, validation?: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = { error: { status, code, message } };
  if (validation !== undefined) body.validation = validation;
  return body;
}

/**
 * Answers with JSON (or already serialised JSON text), with a
 * `Content-Length`; with `slow`, the body goes out in pieces with pauses
 * (a slow-body fault). Resolves when the body is written or the client left.
 */
export async function sendJson(res: ServerResponse, status: number, value: unknown, options: { headers?: Record<string, string>; slow?: SlowBody } = {}): Promise<void> {
  const bytes = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8');
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(bytes.length), ...options.headers });
  if (options.slow === undefined || bytes.length === 0) {
    res.end(bytes);
    return;
  }
  const size = Math.max(1, Math.ceil(bytes.length / options.slow.chunks));
  for (let at = 0; at < bytes.length; at += size) {
    if (at > 0) await sleep(options.slow.delayMs);
    if (res.destroyed) return;
    res.write(bytes.subarray(at, at + size));
  }
  if (!res.destroyed) res.end();
}
