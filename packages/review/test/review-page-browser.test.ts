/**
 * The review page end to end in a real browser: Debian's Chromium driven by
 * playwright-core, against a server over a migration folder made from real
 * CLI outputs. Chromium must be installed (`apt-get install -y chromium`;
 * another binary with KITAP_CHROMIUM=<path>). When it cannot be started the
 * tests fail and say so; KITAP_NO_BROWSER=1 skips them, printing why.
 * Screenshots go to test-output/review/.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MigrationStore } from '@kitap/store';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReviewServer, startReviewServer } from '../src/index.js';
import { type MigrationFixture, SCREENSHOTS, buildMigrationDir } from './migration-fixture.js';

const CHROMIUM = process.env.KITAP_CHROMIUM ?? '/usr/bin/chromium';
const SKIP = process.env.KITAP_NO_BROWSER === '1';

if (SKIP) console.warn('review-page-browser: KITAP_NO_BROWSER=1 — the review page is not checked in Chromium');

interface FindingJson {
  code: string;
  copy?: { branch?: string };
  copies?: { branch?: string }[];
  act?: { branch?: string };
}

describe.skipIf(SKIP)('the review page in Chromium', () => {
  let browser: Browser | undefined;
  let page: Page;
  let fixture: MigrationFixture;
  let server: ReviewServer;
  let launchError: Error | undefined;
  const foreign: string[] = [];

  beforeAll(async () => {
    fixture = await buildMigrationDir();
    server = await startReviewServer({ dir: fixture.dir });
    await mkdir(SCREENSHOTS, { recursive: true });
    const { chromium } = await import('playwright-core');
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    } catch (error) {
      // Every test then fails with this message (a failing hook would only mark them skipped).
      launchError = new Error(
        `Chromium cannot be started from ${CHROMIUM}: ${(error as Error).message.split('\n')[0]}. ` +
          'Install it with `apt-get update && apt-get install -y chromium` (or point KITAP_CHROMIUM at a Chromium binary), ' +
          'or set KITAP_NO_BROWSER=1 to skip the browser checks.',
      );
      return;
    }
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url)) foreign.push(r.url());
    });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="yes"]');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Fails the calling test when Chromium did not start. */
  function started(): void {
    if (launchError) throw launchError;
  }

  function decisionsOnDisk(): Map<string, string> {
    const store = MigrationStore.open(join(fixture.dir, 'migrate.sqlite'));
    try {
      return store.decisions();
    } finally {
      store.close();
    }
  }

  async function focused(): Promise<string> {
    return page.evaluate(() => {
      const el = document.activeElement;
      if (!el) return '';
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('data-decision') !== null ? `[${el.getAttribute('data-decision')}]` : ''}`;
    });
  }

  it('loads with its headings, labelled controls and a live region, fetching nothing from elsewhere', async () => {
    started();
    expect(await page.title()).toBe('Migration review — Проверка миграции — kitap');
    expect(await page.locator('h1').textContent()).toBe('Migration review · Проверка миграции');
    expect(await page.locator('h2').allTextContents()).toEqual([
      'Ledger / Баланс по этапам',
      'Duplicates to review / Дубли на проверку',
      'Clean-up journal / Журнал исправлений',
      'Audit findings / Замечания сверки с актами',
    ]);
    // Every form control has a label that names it.
    const unlabelled = await page.locator('select, input').evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).labels?.length === 0).map((e) => e.id));
    expect(unlabelled).toEqual([]);
    expect(await page.locator('#announcer').getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('#dir').textContent()).toBe(fixture.dir);
    expect(foreign).toEqual([]);
  });

  it('shows the ledger: every stage, balanced', async () => {
    started();
    expect(await page.locator('#ledger-stages tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-stage')))).toEqual(['convert', 'clean', 'dedup', 'copies']);
    expect(await page.locator('#ledger-body [data-balanced]').getAttribute('data-balanced')).toBe('yes');
    expect(await page.locator('#ledger-stages tr[data-stage="dedup"] td').allTextContents()).toEqual(['records', '228', '188', '0', '40', 'yes / да', 'filtered: merged into their duplicates']);
    expect(await page.locator('#stages [data-stage]').count()).toBe(3);
  });

  it('shows each cluster side by side with the differing lines marked and the reasons', async () => {
    started();
    const first = page.locator('article.cluster').first();
    expect(await first.getAttribute('data-key')).toBe(fixture.queue[0]!.key);
    expect(await first.locator('.member').count()).toBe(fixture.queue[0]!.members.length);
    expect(await first.locator('.member pre div.differs').count()).toBeGreaterThan(0);
    expect(await first.locator('.member pre div.same').count()).toBeGreaterThan(0);
    expect(await first.locator('table.reasons').count()).toBeGreaterThan(0);
    expect(await first.locator('table.reasons tbody tr').first().locator('td').first().textContent()).toBeTruthy();
    const counts = await page.locator('#queue-counts').textContent();
    expect(counts).toContain(`${fixture.queue.length} groups: ${fixture.queue.length} undecided`);
  });

  it('decides a cluster with the keyboard alone, says it is saved, and keeps it in the store; undo takes it back', async () => {
    started();
    const key = fixture.queue[0]!.key;
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('a');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the duplicates / Перейти к дублям');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('section#queue');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('select#queue-status');
    let presses = 0;
    while ((await focused()) !== 'button[merge]' && presses < 10) {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(await focused()).toBe('button[merge]');
    const first = page.locator('article.cluster').first();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#announcer').textContent()).toContain('Saved: group 1');
    expect(await first.locator('button[data-decision="merge"]').getAttribute('aria-pressed')).toBe('true');
    expect(await first.getAttribute('data-decision')).toBe('merge');
    expect(await focused()).toBe('button[merge]');
    expect(decisionsOnDisk().get(key)).toBe('merge');
    await first.screenshot({ path: join(SCREENSHOTS, 'cluster-decided.png') });

    // Keep apart, then undo, still from the keyboard.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('button[keep-apart]');
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('#announcer').textContent()).toContain('Keep apart / Не объединять');
    expect(decisionsOnDisk().get(key)).toBe('keep-apart');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('button[]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#announcer').textContent()).toContain('Decision taken back: group 1');
    expect(decisionsOnDisk().has(key)).toBe(false);
    expect(await focused()).toBe('button[merge]');

    // The decision that stays: merge, with a note typed in its labelled field (the undecided group's Undo is disabled, so skipped).
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe(`input#note-1`);
    await page.keyboard.type('бір басылым / одно издание');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('button[merge]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#announcer').textContent()).toContain('Saved: group 1');
    const store = MigrationStore.open(join(fixture.dir, 'migrate.sqlite'));
    try {
      expect(store.queue().find((i) => i.key === key)).toMatchObject({ decision: 'merge', note: 'бір басылым / одно издание' });
    } finally {
      store.close();
    }
    expect(await page.locator('#queue-counts').textContent()).toContain(`${fixture.queue.length - 1} undecided, 1 to merge`);
  });

  it('keeps the decision after a reload, and shows only undecided groups when asked', async () => {
    started();
    await page.reload();
    await page.waitForSelector('body[data-ready="yes"]');
    const first = page.locator('article.cluster').first();
    expect(await first.locator('button[data-decision="merge"]').getAttribute('aria-pressed')).toBe('true');
    expect(await first.locator('.state').textContent()).toMatch(/^Decided \/ Решено: Merge \/ Объединить/);
    expect(await first.locator('input[id^="note-"]').inputValue()).toBe('бір басылым / одно издание');
    await page.selectOption('#queue-status', 'undecided');
    await expect.poll(() => page.locator('article.cluster').first().getAttribute('data-key')).toBe(fixture.queue[1]!.key);
    await page.selectOption('#queue-status', 'all');
    await expect.poll(() => page.locator('article.cluster').first().getAttribute('data-key')).toBe(fixture.queue[0]!.key);
  });

  it('pages the journal and filters it by rule, before and after marked', async () => {
    started();
    const rows = page.locator('#journal-table tbody tr[data-kind]');
    expect(await rows.count()).toBe(50);
    expect(await page.locator('#journal-table tbody tr.group').first().textContent()).toMatch(/^Part 1: kitap fix/);
    expect(await page.locator('#journal-table del').count()).toBeGreaterThan(0);
    expect(await page.locator('#journal-table ins').count()).toBeGreaterThan(0);
    const firstLine = await rows.first().getAttribute('data-line');
    await page.locator('#journal-pager button[data-go="next"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.first().getAttribute('data-line')).not.toBe(firstLine);
    expect(await page.locator('#journal-pager span').textContent()).toMatch(/^Page 2 of \d+/);
    expect(await focused()).toBe('button');
    await page.selectOption('#journal-rule', 'merge');
    await expect.poll(() => rows.evaluateAll((rs) => [...new Set(rs.map((r) => r.getAttribute('data-kind')))])).toEqual(['merge']);
    await page.selectOption('#journal-rule', '');
    // A record the clean-up changed, found by its 001 typed in the labelled field and Enter.
    const changed = (await readFile(join(fixture.dir, 'journal.jsonl'), 'utf8'))
      .split('\n')
      .filter((l) => l.startsWith('{"type":"change"'))
      .map((l) => JSON.parse(l) as { id: string; index: number });
    const id = changed[changed.length - 1]!.id;
    await page.locator('#journal-record').fill(id);
    await page.locator('#journal-record').press('Enter');
    await expect.poll(() => rows.evaluateAll((rs) => rs.map((r) => r.querySelector('td:nth-child(2)')?.textContent))).toEqual(
      changed.filter((c) => c.id === id).map((c) => `${c.index + 1} · 001 ${id}`),
    );
    await page.locator('#journal').screenshot({ path: join(SCREENSHOTS, 'journal.png') });
  });

  it('filters the findings by code and by branch', async () => {
    started();
    const findings = (JSON.parse(await readFile(join(fixture.dir, 'findings.json'), 'utf8')) as { findings: FindingJson[] }).findings;
    const rows = page.locator('#findings-table tbody tr');
    expect(await rows.count()).toBe(findings.length);
    const code = 'ACT_LINE_AMBIGUOUS';
    await page.selectOption('#findings-code', code);
    await expect.poll(() => rows.count()).toBe(findings.filter((f) => f.code === code).length);
    expect(await rows.evaluateAll((rs) => rs.every((r) => r.getAttribute('data-code') === 'ACT_LINE_AMBIGUOUS'))).toBe(true);
    await page.selectOption('#findings-code', '');
    const branch = 'CGB';
    await page.selectOption('#findings-branch', branch);
    // The copies' libraries; a finding that names no copy's library counts for its act's library.
    const inBranch = findings.filter((f) => {
      const copies = (f.copies ?? (f.copy ? [f.copy] : [])).map((c) => c.branch).filter((b) => b);
      return copies.length ? copies.includes(branch) : f.act?.branch === branch;
    });
    expect(inBranch.some((f) => !(f.copies ?? (f.copy ? [f.copy] : [])).some((c) => c.branch))).toBe(true);
    await expect.poll(() => rows.count()).toBe(inBranch.length);
    await expect.poll(() => page.locator('#announcer').textContent()).toContain(`${inBranch.length} of ${findings.length} findings match`);
    await page.locator('#findings').screenshot({ path: join(SCREENSHOTS, 'findings-filtered.png') });
  });

  it('refuses decisions a page of another origin tries to post', async () => {
    started();
    const key = fixture.queue[2]!.key;
    const evil = await foreignPage(server.url, key);
    try {
      const statuses: number[] = [];
      const other = await browser!.newPage();
      other.on('response', (r) => {
        if (r.url().startsWith(`${server.url}api/decisions`)) statuses.push(r.status());
      });
      await other.goto(evil.url);
      await other.waitForFunction(() => (window as unknown as { done?: boolean }).done === true);
      await other.locator('#f').evaluate((f) => (f as HTMLFormElement).submit());
      await other.waitForURL(`${server.url}api/decisions`);
      expect(await other.locator('body').textContent()).toContain('must come from the review page');
      await other.close();
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 403)).toBe(true);
      expect(decisionsOnDisk().has(key)).toBe(false);
    } finally {
      await new Promise((resolve) => evil.server.close(resolve));
    }
  });

  it('writes a screenshot of the whole page to test-output/review/', async () => {
    started();
    const path = join(SCREENSHOTS, 'review-page.png');
    await page.screenshot({ path, fullPage: true });
    expect((await stat(path)).size).toBeGreaterThan(50_000);
    expect((await readFile(path)).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('says which files a migration that stopped early has not written', async () => {
    started();
    const early = await buildMigrationDir({ ledger: false, journal: false, findings: false });
    const earlyServer = await startReviewServer({ dir: early.dir });
    const other = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await other.goto(earlyServer.url);
      await other.waitForSelector('body[data-ready="yes"]');
      expect(await other.locator('[data-state="missing"] code').allTextContents()).toEqual(['ledger.json', 'journal.jsonl', 'findings.json']);
      expect(await other.locator('article.cluster').count()).toBeGreaterThan(0);
      await other.screenshot({ path: join(SCREENSHOTS, 'stopped-early.png') });
    } finally {
      await other.close();
      await earlyServer.close();
    }
  }, 120_000);
});

/**
 * A page on another origin (another port) that tries what a hostile site
 * could: a simple cross-origin fetch, a JSON fetch (needs a preflight), and a
 * form posted as text/plain shaped like JSON.
 */
async function foreignPage(target: string, key: string): Promise<{ url: string; server: Server }> {
  const api = `${target}api/decisions`;
  const body = JSON.stringify({ key, decision: 'merge' });
  const html = `<!doctype html><html><body>
<form id="f" method="post" action="${api}" enctype="text/plain"><input type="hidden" name='${body.slice(0, -1)}, "x": "' value='"}'></form>
<script>
const body = ${JSON.stringify(body)};
Promise.allSettled([
  fetch(${JSON.stringify(api)}, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body }),
  fetch(${JSON.stringify(api)}, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kitap-token': 'guess' }, body }),
]).then(() => { window.done = true; });
</script></body></html>`;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // "localhost" is another origin than the review page's 127.0.0.1, whatever the port.
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, server };
}
