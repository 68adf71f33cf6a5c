import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header the page sends its token in; a custom header also makes any cross-origin `fetch` need a preflight, which the server never grants. */
export const TOKEN_HEADER = 'x-kitap-token';

export type GuardVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Who may use the server. It listens on 127.0.0.1, but any web page open in
 * the same browser can send requests there, so:
 * - every request must name the server itself in `Host` (127.0.0.1:<port> or
 *   localhost:<port>), which stops DNS rebinding (a page of another site whose
 *   name was made to point at 127.0.0.1 reading the page and its token);
 * - a request that changes something must come from the page itself: an
 *   `Origin` of the server, JSON, and the token the page was served with
 *   (a page of another origin can neither read it nor send the header).
 */
export class RequestGuard {
  readonly token = randomBytes(24).toString('hex');
  readonly #hosts: Set<string>;
  readonly #origins: Set<string>;

  constructor(port: number) {
    this.#hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    this.#origins = new Set([...this.#hosts].map((h) => `http://${h}`));
  }

  mayRead(req: IncomingMessage): GuardVerdict {
    const host = req.headers.host?.toLowerCase();
    if (host === undefined || !this.#hosts.has(host)) return { ok: false, reason: `the Host "${host ?? ''}" is not this server: open the address kitap serve printed` };
    return { ok: true };
  }

  mayWrite(req: IncomingMessage): GuardVerdict {
    const read = this.mayRead(req);
    if (!read.ok) return read;
    const origin = req.headers.origin;
    if (origin === undefined || !this.#origins.has(origin.toLowerCase())) return { ok: false, reason: `a change must come from the review page itself, not from ${origin === undefined ? 'a request without an Origin' : `"${origin}"`}` };
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') return { ok: false, reason: `a change must come from the review page itself (Sec-Fetch-Site: ${String(site)})` };
    const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return { ok: false, reason: 'a change must be sent as application/json' };
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string' || !sameText(given, this.token)) return { ok: false, reason: 'the page token is missing or wrong: reload the page' };
    return { ok: true };
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
