import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MigrationStore } from '@kitap/store';
import { z } from 'zod';
import { parseDecisionRequest } from './decision-request.js';
import { FindingsFile } from './findings-view.js';
import { readBody, send, sendError, sendJson } from './http-io.js';
import { JournalIndex } from './journal-index.js';
import { readLedgerView } from './ledger-view.js';
import { MIGRATION_FILES, type MigrationPaths } from './migration-files.js';
import { REVIEW_SCRIPT } from './page/review-script.js';
import { REVIEW_STYLE } from './page/review-style.js';
import { reviewPageHtml } from './page/review-page.js';
import { matchesStatus, queueCounts, reviewItemView } from './queue-view.js';
import type { RequestGuard } from './request-guard.js';

const page = z.coerce.number().int().min(1).default(1);
const size = (fallback: number) => z.coerce.number().int().min(1).max(500).default(fallback);
const text = z.string().max(500).optional();
const journalQuery = z.object({ page, size: size(50), rule: text, record: text }).strict();
const findingsQuery = z.object({ page, size: size(100), code: text, severity: text, branch: text, act: text }).strict();
const queueQuery = z.object({ page, size: size(20), status: z.enum(['all', 'undecided', 'merge', 'keep-apart']).default('all') }).strict();

const BODY_LIMIT = 64 * 1024;

/** What the routes work on: one migration folder, its store open for the server's life. */
export interface ReviewContext {
  paths: MigrationPaths;
  store: MigrationStore;
  guard: RequestGuard;
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

/**
 * The routes of the review server: the page (`/`, `/review.js`,
 * `/review.css`) and a small JSON API — `GET /api/overview`, `/api/ledger`,
 * `/api/journal`, `/api/queue`, `/api/findings`, and `POST /api/decisions`.
 */
export function reviewRoutes(ctx: ReviewContext): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const journal = new JournalIndex(ctx.paths.journal);
  const findings = new FindingsFile(ctx.paths.findings);
  const html = reviewPageHtml({ token: ctx.guard.token });

  const get: Record<string, Handler> = {
    '/': (_req, res) => send(res, 200, 'text/html; charset=utf-8', html),
    '/review.js': (_req, res) => send(res, 200, 'text/javascript; charset=utf-8', REVIEW_SCRIPT),
    '/review.css': (_req, res) => send(res, 200, 'text/css; charset=utf-8', REVIEW_STYLE),
    '/api/overview': (_req, res) => {
      const files = (['ledger', 'journal', 'findings'] as const).map((f) => ({ file: MIGRATION_FILES[f], present: existsSync(ctx.paths[f]) }));
      sendJson(res, 200, { dir: ctx.paths.dir, files, stages: ctx.store.stages() });
    },
    '/api/ledger': async (_req, res) => sendJson(res, 200, await readLedgerView(ctx.paths.ledger)),
    '/api/journal': async (_req, res, url) => {
      const q = parseQuery(journalQuery, url);
      if (!q.ok) return sendError(res, 400, q.error);
      sendJson(res, 200, await journal.page(q.value));
    },
    '/api/findings': async (_req, res, url) => {
      const q = parseQuery(findingsQuery, url);
      if (!q.ok) return sendError(res, 400, q.error);
      sendJson(res, 200, await findings.page(q.value));
    },
    '/api/queue': (_req, res, url) => {
      const q = parseQuery(queueQuery, url);
      if (!q.ok) return sendError(res, 400, q.error);
      const items = ctx.store.queue();
      const positioned = items.map((item, i) => ({ item, position: i + 1 })).filter(({ item }) => matchesStatus(item, q.value.status));
      const pages = Math.max(1, Math.ceil(positioned.length / q.value.size));
      const current = Math.min(pages, q.value.page);
      const shown = positioned.slice((current - 1) * q.value.size, current * q.value.size);
      sendJson(res, 200, {
        counts: queueCounts(items),
        status: q.value.status,
        matching: positioned.length,
        page: current,
        pages,
        size: q.value.size,
        items: shown.map(({ item, position }) => reviewItemView(item, position)),
      });
    },
  };

  const decide: Handler = async (req, res) => {
    const verdict = ctx.guard.mayWrite(req);
    if (!verdict.ok) return sendError(res, 403, verdict.reason);
    const body = await readBody(req, BODY_LIMIT);
    if (!body.ok) return sendError(res, 413, `the body is over ${BODY_LIMIT} bytes`);
    const parsed = parseDecisionRequest(body.text);
    if (!parsed.ok) return sendError(res, 400, parsed.error);
    const { key, decision, note } = parsed.request;
    const before = ctx.store.queue();
    if (!before.some((i) => i.key === key)) return sendError(res, 404, `no cluster "${key}" in the review queue (was dedup run again? reload the page)`);
    const trimmed = note?.trim();
    ctx.store.decide(key, decision, trimmed ? trimmed : undefined);
    const items = ctx.store.queue();
    const position = items.findIndex((i) => i.key === key);
    sendJson(res, 200, { item: reviewItemView(items[position]!, position + 1), counts: queueCounts(items) });
  };

  return async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const read = ctx.guard.mayRead(req);
      if (!read.ok) return sendError(res, 403, read.reason);
      if (url.pathname === '/api/decisions') {
        if (req.method === 'POST') return await decide(req, res, url);
        return send(res, 405, 'application/json; charset=utf-8', JSON.stringify({ error: 'use POST' }), { allow: 'POST' });
      }
      const handler = get[url.pathname];
      if (!handler) return sendError(res, 404, `nothing at ${url.pathname}`);
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'application/json; charset=utf-8', JSON.stringify({ error: 'use GET' }), { allow: 'GET, HEAD' });
      await handler(req, res, url);
    } catch (error) {
      if (!res.headersSent) sendError(res, 500, `the review server failed: ${error instanceof Error ? error.message : String(error)}`);
      else res.destroy();
    }
  };
}

function parseQuery<T extends z.ZodType>(schema: T, url: URL): { ok: true; value: z.infer<T> } | { ok: false; error: string } {
  const raw: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (v !== '') raw[k] = v;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'query'}: ${i.message}`).join('; ') };
}
