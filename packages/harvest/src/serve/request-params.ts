import type { IncomingMessage } from 'node:http';

/** At most this much of a POST body is read (an OAI-PMH request is a few arguments). */
const MAX_BODY = 64 * 1024;

/**
 * The request's parameters: the query string, and for POST the
 * `application/x-www-form-urlencoded` body (OAI-PMH allows both). Undefined
 * when the POST body is too large.
 */
export async function requestParams(req: IncomingMessage, url: URL): Promise<URLSearchParams | undefined> {
  const params = new URLSearchParams(url.search);
  if (req.method !== 'POST') return params;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) params.append(name, value);
  }
  return params;
}
