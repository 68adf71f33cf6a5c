import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKitapError } from '@kitap/core';
import { MigrationStore } from '@kitap/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FindingsPage, type JournalPage, type LedgerView, type ReviewItemView, type ReviewServer, startReviewServer } from '../src/index.js';
import { REVIEW_SCRIPT } from '../src/page/review-script.js';
import { type Answer, request } from './http-client.js';
import { type MigrationFixture, buildMigrationDir } from './migration-fixture.js';

interface QueueAnswer {
  counts: { total: number; undecided: number; merge: number; keepApart: number };
  matching: number;
  page: number;
  pages: number;
  items: ReviewItemView[];
}

interface JournalLineJson {
  type: string;
  rule?: string;
  id?: string;
  index?: number;
  beforeText?: string | null;
  afterText?: string | null;
}

interface FindingJson {
  code: string;
  severity: string;
  copy?: { branch?: string };
  copies?: { branch?: string }[];
  act?: { file: string; branch?: string };
}

let fixture: MigrationFixture;
let server: ReviewServer;
let origin: string;
let token: string;

beforeAll(async () => {
  fixture = await buildMigrationDir();
  server = await startReviewServer({ dir: fixture.dir });
  origin = server.url.replace(/\/$/, '');
  const page = await request(server.url);
  token = /<meta name="kitap-token" content="([0-9a-f]+)">/.exec(page.text)?.[1] ?? '';
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const get = (path: string): Promise<Answer> => request(origin + path);
const post = (body: unknown, headers: Record<string, string> = {}): Promise<Answer> =>
  request(`${origin}/api/decisions`, { method: 'POST', headers: { 'content-type': 'application/json', origin, 'x-kitap-token': token, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

/** The decisions as `kitap migrate --from dedup` will read them: from the SQLite file, through a store of its own. */
function storedDecisions(): Map<string, string> {
  const store = MigrationStore.open(join(fixture.dir, 'migrate.sqlite'));
  try {
    return store.decisions();
  } finally {
    store.close();
  }
}

function journalLines(): JournalLineJson[] {
  return readFileSync(join(fixture.dir, 'journal.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as JournalLineJson);
}

function findingsOnFile(): FindingJson[] {
  return (JSON.parse(readFileSync(join(fixture.dir, 'findings.json'), 'utf8')) as { findings: FindingJson[] }).findings;
}

describe('the review server', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal);
    if (outside) {
      const refused = await new Promise<string>((resolve) => {
        const socket = connect({ host: outside.address, port: server.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      expect(refused).toBe('ECONNREFUSED');
    } else {
      console.warn(`review-api: no non-loopback IPv4 address on this machine; only the bound address (${server.url}) is checked`);
    }
    await expect(startReviewServer({ dir: fixture.dir, host: '0.0.0.0' as '127.0.0.1' })).rejects.toThrow(/127\.0\.0\.1 only/);
  });

  it('serves the page with its token, its script and stylesheet, and a policy that loads nothing from elsewhere', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.text).not.toMatch(/https?:\/\//);
    const script = await get('/review.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(() => new Function(script.text)).not.toThrow();
    expect(script.text).toBe(REVIEW_SCRIPT);
    expect((await get('/review.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/nothing')).status).toBe(404);
  });

  it('gives a second server a different token', async () => {
    const other = await startReviewServer({ dir: fixture.dir });
    try {
      const page = await request(other.url);
      expect(page.text).toContain('name="kitap-token"');
      expect(page.text).not.toContain(token);
    } finally {
      await other.close();
    }
  });

  it('tells the folder, its files and the stages done', async () => {
    const o = (await get('/api/overview')).json as { dir: string; files: { file: string; present: boolean }[]; stages: { stage: string; status: string }[] };
    expect(o.dir).toBe(fixture.dir);
    expect(o.files).toEqual([
      { file: 'ledger.json', present: true },
      { file: 'journal.jsonl', present: true },
      { file: 'findings.json', present: true },
    ]);
    expect(o.stages.map((s) => [s.stage, s.status])).toEqual([
      ['convert', 'done'],
      ['clean', 'done'],
      ['dedup', 'done'],
    ]);
  });

  it('shows the ledger stage by stage, each checked to balance, and the other totals with money in tenge', async () => {
    const v = (await get('/api/ledger')).json as { state: string; ledger: LedgerView };
    expect(v.state).toBe('ok');
    expect(v.ledger.tool).toBe('kitap migrate');
    expect(v.ledger.stagesBalanced).toBe(true);
    expect(v.ledger.stages.map((s) => [s.stage, s.unit, s.in, s.out, s.rejected, s.filtered, s.balanced])).toEqual([
      ['convert', 'records', 228, 228, 0, 0, true],
      ['clean', 'records', 228, 228, 0, 0, true],
      ['dedup', 'records', 228, 188, 0, 40, true],
      ['copies', 'copies', 482, 482, 0, 0, true],
    ]);
    expect(v.ledger.facts).toContainEqual({ key: 'copies.in', value: '482' });
    expect(v.ledger.facts).toContainEqual({ key: 'money.withdrawn', value: '1\u202f499\u202f774,39 ₸ (149\u202f977\u202f439 tiyn)' });
  });

  it('pages the journal: every change, merge and merged-away record of both parts, nothing else', async () => {
    const lines = journalLines();
    const shown = lines.filter((l) => ['change', 'merge', 'removed', 'rejected'].includes(l.type));
    const j = (await get('/api/journal?size=10')).json as { state: string } & JournalPage;
    expect(j.state).toBe('ok');
    expect(j.total).toBe(shown.length);
    expect(j.lines).toBe(lines.length);
    expect(j.originals).toBe(lines.filter((l) => l.type === 'original').length);
    expect(j.sections.map((s) => s.tool)).toEqual(['kitap fix', 'kitap merge']);
    expect(j.sections[0]!.end?.changes).toBe(lines.filter((l) => l.type === 'change').length);
    expect(j.pages).toBe(Math.ceil(shown.length / 10));
    expect(j.entries).toHaveLength(10);
    const first = lines.find((l) => l.type === 'change')!;
    expect(j.entries[0]).toMatchObject({ kind: 'change', rule: first.rule, record: { number: first.index! + 1, id: first.id }, before: first.beforeText, after: first.afterText });

    const last = (await get(`/api/journal?size=10&page=${j.pages}`)).json as JournalPage;
    expect(last.entries.length).toBe(shown.length - (j.pages - 1) * 10);
    expect(last.entries.at(-1)!.kind).toBe(shown.at(-1)!.type);
    const beyond = (await get('/api/journal?size=10&page=999')).json as JournalPage;
    expect(beyond.page).toBe(j.pages);

    const merges = (await get('/api/journal?rule=merge&size=500')).json as JournalPage;
    expect(merges.matching).toBe(lines.filter((l) => l.type === 'merge').length);
    expect(merges.entries.every((e) => e.section === 1 && /merged into record \d+/.test(e.message))).toBe(true);
  });

  it('filters the journal by rule and by record, and marks where before and after differ', async () => {
    const lines = journalLines();
    const lookalike = lines.find((l) => l.type === 'change' && l.rule === 'kazakh-lookalike-letters')!;
    const byRule = (await get('/api/journal?rule=kazakh-lookalike-letters')).json as JournalPage;
    expect(byRule.matching).toBe(lines.filter((l) => l.rule === 'kazakh-lookalike-letters').length);
    const entry = byRule.entries.find((e) => e.line === lines.indexOf(lookalike) + 1)!;
    const change = entry.change!;
    expect(change.prefix + change.removed + change.suffix).toBe(lookalike.beforeText);
    expect(change.prefix + change.added + change.suffix).toBe(lookalike.afterText);
    expect(change.removed).not.toBe('');
    expect(change.removed.length).toBeLessThan(lookalike.beforeText!.length / 2);

    const byId = (await get(`/api/journal?record=${lookalike.id!}`)).json as JournalPage;
    expect(byId.entries.length).toBeGreaterThan(0);
    expect(byId.entries.every((e) => e.record?.id === lookalike.id || e.record?.number === Number(lookalike.id))).toBe(true);
    const byNumber = (await get(`/api/journal?record=${lookalike.index! + 1}`)).json as JournalPage;
    expect(byNumber.entries.some((e) => e.kind === 'change' && e.record?.number === lookalike.index! + 1)).toBe(true);
    expect(((await get('/api/journal?rule=no-such-rule')).json as JournalPage).matching).toBe(0);
    expect((await get('/api/journal?page=0')).status).toBe(400);
    expect((await get('/api/journal?size=10000')).status).toBe(400);
    expect((await get('/api/journal?colour=red')).status).toBe(400);
  });

  it('lists the doubtful clusters with their records line by line and the reasons they were matched', async () => {
    const q = (await get('/api/queue?size=100')).json as QueueAnswer;
    expect(q.counts).toEqual({ total: fixture.queue.length, undecided: fixture.queue.length, merge: 0, keepApart: 0 });
    expect(q.items.map((i) => i.key)).toEqual(fixture.queue.map((c) => c.key));
    const item = q.items[0]!;
    const source = fixture.queue[0]!;
    expect(item.members.map((m) => m.number)).toEqual(source.members.map((m) => m.index + 1));
    expect(item.members[0]!.lines.map((l) => l.text).join('\n')).toBe(source.members[0]!.mnemonic.trimEnd());
    // 001 differs between duplicates; some lines (the language, the country) are the same in all.
    expect(item.members[0]!.lines.find((l) => l.text.startsWith('=001'))!.common).toBe(false);
    expect(item.members.every((m) => m.lines.some((l) => l.common))).toBe(true);
    expect(item.pairs.length).toBeGreaterThan(0);
    expect(item.pairs[0]!.reasons.map((r) => r.feature)).toContain('title');
    expect(item.whyText).toBeNull();
    const paged = (await get('/api/queue?size=5&page=2')).json as QueueAnswer;
    expect(paged.items.map((i) => i.position)).toEqual([6, 7, 8, 9, 10].filter((p) => p <= fixture.queue.length));
    expect((await get('/api/queue?status=maybe')).status).toBe(400);
  });

  it('saves a decision to the store, replaces it, and takes it back (undo)', async () => {
    const key = fixture.queue[1]!.key;
    const merged = await post({ key, decision: 'merge', note: '  one edition, retyped  ' });
    expect(merged.status).toBe(200);
    const answer = merged.json as { item: ReviewItemView; counts: QueueAnswer['counts'] };
    expect(answer.item).toMatchObject({ key, decision: 'merge', note: 'one edition, retyped', position: 2 });
    expect(answer.counts).toMatchObject({ merge: 1, undecided: fixture.queue.length - 1 });
    expect(storedDecisions().get(key)).toBe('merge');

    expect((await post({ key, decision: 'keep-apart' })).status).toBe(200);
    expect(storedDecisions().get(key)).toBe('keep-apart');
    const kept = (await get('/api/queue?status=keep-apart')).json as QueueAnswer;
    expect(kept.items.map((i) => [i.key, i.note])).toEqual([[key, null]]);

    const undone = await post({ key, decision: null });
    expect((undone.json as { item: ReviewItemView }).item.decision).toBeNull();
    expect(storedDecisions().has(key)).toBe(false);
  });

  it('refuses a decision that is not valid, saying why', async () => {
    const key = fixture.queue[0]!.key;
    const cases: [unknown, number, RegExp][] = [
      [{ key, decision: 'maybe' }, 400, /decision/],
      [{ key }, 400, /decision/],
      [{ decision: 'merge' }, 400, /key/],
      [{ key, decision: 'merge', colour: 'red' }, 400, /colour|Unrecognized/i],
      [{ key, decision: 'merge', note: 'x'.repeat(2001) }, 400, /note/],
      ['{"key":', 400, /not JSON/],
      [{ key: 'NO|SUCH|CLUSTER', decision: 'merge' }, 404, /no cluster/],
    ];
    for (const [body, status, message] of cases) {
      const answer = await post(body);
      expect([answer.status, (answer.json as { error: string }).error]).toEqual([status, expect.stringMatching(message)]);
    }
    expect((await post({ key, decision: 'merge', note: 'x'.repeat(70_000) })).status).toBe(413);
    expect((await get('/api/decisions')).status).toBe(405);
    expect(storedDecisions().size).toBe(0);
  });

  it('refuses a decision posted by another site, without the token, or to another host name', async () => {
    const key = fixture.queue[0]!.key;
    const body = { key, decision: 'merge' };
    const good: Record<string, string> = { 'content-type': 'application/json', origin, 'x-kitap-token': token };
    const without = (name: string): Record<string, string> => Object.fromEntries(Object.entries(good).filter(([k]) => k !== name));
    const wrongToken = token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    const refused: [string, Record<string, string>][] = [
      ['another origin', { ...good, origin: 'http://evil.example' }],
      ['another port of 127.0.0.1', { ...good, origin: 'http://127.0.0.1:1' }],
      ['no origin', without('origin')],
      ['a cross-site fetch', { ...good, 'sec-fetch-site': 'cross-site' }],
      ['no token', without('x-kitap-token')],
      ['a wrong token', { ...good, 'x-kitap-token': wrongToken }],
      ['a form post (text/plain)', { ...good, 'content-type': 'text/plain' }],
      ['DNS rebinding (another Host)', { ...good, host: `evil.example:${server.port}`, origin: `http://evil.example:${server.port}` }],
    ];
    for (const [why, headers] of refused) {
      const answer = await request(`${origin}/api/decisions`, { method: 'POST', headers, body: JSON.stringify(body) });
      expect([why, answer.status]).toEqual([why, 403]);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(storedDecisions().size).toBe(0);
    // Reading through another host name (a rebound DNS name) is refused too: the page holds the token.
    expect((await request(server.url, { headers: { host: `evil.example:${server.port}` } })).status).toBe(403);
    // localhost names this server as well.
    const local = await request(`${origin}/api/decisions`, { method: 'POST', headers: { host: `localhost:${server.port}`, origin: `http://localhost:${server.port}`, 'content-type': 'application/json', 'x-kitap-token': token }, body: JSON.stringify({ key, decision: null }) });
    expect(local.status).toBe(200);
  });

  it('filters the findings by code, severity, branch and act file', async () => {
    const onFile = findingsOnFile();
    const all = (await get('/api/findings')).json as { state: string } & FindingsPage;
    expect(all.state).toBe('ok');
    expect(all.total).toBe(onFile.length);
    expect(all.facets.code.reduce((n, f) => n + f.count, 0)).toBe(onFile.length);
    // The copies' libraries; a finding about an act as a whole counts for the act's library.
    const branchesOf = (f: FindingJson): string[] => {
      const fromCopies = [...new Set((f.copies ?? (f.copy ? [f.copy] : [])).map((c) => c.branch).filter((b): b is string => !!b))];
      return fromCopies.length === 0 && f.act?.branch ? [f.act.branch] : fromCopies;
    };
    // ACT_TOTAL_MISMATCH names no copy: it is found under its act's library, not under «no library».
    const total = onFile.find((f) => f.code === 'ACT_TOTAL_MISMATCH')!;
    expect(total.act?.branch).toBeTruthy();
    const underItsLibrary = (await get(`/api/findings?branch=${total.act!.branch!}&code=ACT_TOTAL_MISMATCH`)).json as FindingsPage;
    expect(underItsLibrary.matching).toBeGreaterThan(0);

    const code = 'WRITTEN_OFF_STILL_ACTIVE';
    const byCode = (await get(`/api/findings?code=${code}`)).json as FindingsPage;
    expect(byCode.matching).toBe(onFile.filter((f) => f.code === code).length);
    expect(byCode.findings.every((f) => f.code === code)).toBe(true);

    const warnings = (await get('/api/findings?severity=warning')).json as FindingsPage;
    expect(warnings.matching).toBe(onFile.filter((f) => f.severity === 'warning').length);
    expect(warnings.matching).toBeGreaterThan(0);

    const branch = 'F16';
    const byBranch = (await get(`/api/findings?branch=${branch}`)).json as FindingsPage;
    expect(byBranch.matching).toBe(onFile.filter((f) => branchesOf(f).includes(branch)).length);
    expect(byBranch.matching).toBeGreaterThan(0);
    const ambiguous = onFile.find((f) => (f.copies?.length ?? 0) > 1)!;
    for (const b of branchesOf(ambiguous)) {
      const page = (await get(`/api/findings?branch=${b}&code=${ambiguous.code}`)).json as FindingsPage;
      expect(page.matching).toBeGreaterThan(0);
    }
    const none = (await get('/api/findings?branch=-')).json as FindingsPage;
    expect(none.matching).toBe(onFile.filter((f) => branchesOf(f).length === 0).length);

    const act = all.facets.act[0]!;
    const byAct = (await get(`/api/findings?act=${encodeURIComponent(act.value)}&size=500`)).json as FindingsPage;
    expect(byAct.matching).toBe(act.count);
    expect(byAct.findings.every((f) => f.act?.file === act.value && !f.act.file.includes('/'))).toBe(true);

    const both = (await get(`/api/findings?code=${code}&severity=warning`)).json as FindingsPage;
    expect(both.matching).toBe(0);
    const small = (await get('/api/findings?size=5&page=2')).json as FindingsPage;
    expect(small.findings.map((f) => f.number)).toEqual([6, 7, 8, 9, 10]);
  });

  it('reads a journal again when the migration replaced it', async () => {
    const before = ((await get('/api/journal')).json as JournalPage).total;
    const path = join(fixture.dir, 'journal.jsonl');
    const original = readFileSync(path);
    try {
      const fixOnly = original.toString('utf8').split('\n');
      const mergeHeader = fixOnly.findIndex((l, i) => i > 0 && l.startsWith('{"type":"journal"'));
      writeFileSync(`${path}.new`, fixOnly.slice(0, mergeHeader).join('\n') + '\n');
      renameSync(`${path}.new`, path);
      const after = (await get('/api/journal')).json as JournalPage;
      expect(after.sections.map((s) => s.tool)).toEqual(['kitap fix']);
      expect(after.total).toBeLessThan(before);
    } finally {
      writeFileSync(path, original);
    }
  });
});

describe('a migration folder that stopped early', () => {
  let early: MigrationFixture;
  let earlyServer: ReviewServer;

  beforeAll(async () => {
    early = await buildMigrationDir({ ledger: false, journal: false, findings: false });
    earlyServer = await startReviewServer({ dir: early.dir });
  }, 120_000);

  afterAll(async () => {
    await earlyServer?.close();
  });

  it('says which files are missing instead of failing', async () => {
    const at = (p: string): Promise<Answer> => request(earlyServer.url.replace(/\/$/, '') + p);
    expect((await at('/')).status).toBe(200);
    const overview = (await at('/api/overview')).json as { files: { present: boolean }[] };
    expect(overview.files.every((f) => !f.present)).toBe(true);
    expect((await at('/api/ledger')).json).toEqual({ file: 'ledger.json', state: 'missing' });
    expect((await at('/api/journal')).json).toEqual({ file: 'journal.jsonl', state: 'missing' });
    expect((await at('/api/findings')).json).toEqual({ file: 'findings.json', state: 'missing' });
    expect(((await at('/api/queue')).json as QueueAnswer).counts.total).toBe(early.queue.length);
  });

  it('says a damaged file cannot be read, and shows a damaged journal line as such', async () => {
    const at = (p: string): Promise<Answer> => request(earlyServer.url.replace(/\/$/, '') + p);
    writeFileSync(join(early.dir, 'ledger.json'), '{"stages": [{"stage": "convert"}]}');
    writeFileSync(join(early.dir, 'findings.json'), '{"findings": ');
    writeFileSync(
      join(early.dir, 'journal.jsonl'),
      [
        '{"type":"journal","version":1,"tool":"kitap fix","input":{"path":"legacy.mrc"},"output":{"path":"fixed.mrc","format":"iso2709"},"profile":"kazakh-public-library","rules":[]}',
        '{"type":"change","index":0,"id":"KZ-1","pass":1,"rule","message"',
        '{"type":"change","index":0,"outputIndex":0,"id":"KZ-1","pass":1,"rule":"unicode-nfc","messageId":"nfc","message":"Not NFC","op":"replace","tag":"245","before":null,"after":null,"beforeText":"=245  10$aҚазақ","afterText":"=245  10$aҚазақ"}',
      ].join('\n'),
    );
    const ledger = (await at('/api/ledger')).json as { state: string; error: string };
    expect(ledger).toMatchObject({ state: 'unreadable', error: expect.stringMatching(/not a kitap ledger: stages/) });
    expect((await at('/api/findings')).json).toMatchObject({ file: 'findings.json', state: 'unreadable' });
    const journal = (await at('/api/journal')).json as JournalPage;
    expect(journal.entries.map((e) => [e.line, e.kind])).toEqual([
      [2, 'unreadable'],
      [3, 'change'],
    ]);
    expect(journal.entries[0]!.message).toMatch(/^Line 2 cannot be read: not JSON/);
    expect(journal.sections[0]!.end).toBeNull();
  });
});

describe('a folder that is not a migration', () => {
  it('is refused with E_INPUT, and no store is made in it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kitap-review-empty-'));
    const error = await startReviewServer({ dir }).catch((e: unknown) => e);
    expect(isKitapError(error) && error.code).toBe('E_INPUT');
    expect((error as Error).message).toMatch(/no migrate\.sqlite/);
    expect(existsSync(join(dir, 'migrate.sqlite'))).toBe(false);
    await expect(startReviewServer({ dir: join(dir, 'nowhere') })).rejects.toThrow(/is not a folder/);
  });
});
