import { request as httpRequest } from 'node:http';

/** An answer as a test sees it. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: any;
  /** How many pieces the body arrived in. */
  pieces: number;
}

/** What a call may carry. */
export interface CallOptions {
  token?: string;
  /** JSON (sent as application/json), text, or bytes (sent as application/marc unless a content-type header says otherwise). */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * One HTTP request on a fresh connection (no keep-alive, so a connection the
 * server destroys affects only this call). Rejects with the socket error when
 * the server drops the connection.
 */
export function call(base: string, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let payload: Buffer | undefined;
    if (options.body !== undefined) {
      const bytes = Buffer.isBuffer(options.body) || options.body instanceof Uint8Array;
      payload = bytes ? Buffer.from(options.body as Uint8Array) : Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body), 'utf8');
      headers['content-type'] ??= bytes ? 'application/marc' : 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const req = httpRequest(`${base}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, pieces: chunks.length });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Signs in and gives the token. */
export async function signIn(base: string, username = 'kitap', password = 'kitap'): Promise<string> {
  const answer = await call(base, 'POST', '/api/v1/auth/sign-in', { body: { username, password } });
  if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status} ${answer.text}`);
  return answer.json.token as string;
}

/** A Web-RABIS record as kitap's inventory writes it, with its copies. */
export function ebook(controlNumber: string, title: string, author: string | undefined, copies: [invNumber: string, department: string][]): Record<string, unknown> {
  const record: Record<string, unknown> = {
    state: { code: 'Ebook.Imported' },
    title,
    sources: [{ title, ...(author === undefined ? {} : { authors: author }) }],
    publishings: [],
    siglas: [...new Set(copies.map(([, d]) => d.split('/')[0]))].map((sigla) => ({ sigla })),
    inv: copies.map(([invNumber, department]) => ({ invNumber, department: { code: department }, state: { code: 'available', name: 'В фонде' } })),
    kitap: { action: 'create', controlNumber, sourceLines: [1] },
  };
  if (author !== undefined) record.author = author;
  return record;
}
