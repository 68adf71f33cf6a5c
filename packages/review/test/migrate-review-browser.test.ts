/**
 * The whole review loop in a real browser, over a real migration of the
 * bundled sample: `kitap migrate` → the review page in Chromium → a
 * cataloguer merges one doubtful pair and keeps another apart with the
 * keyboard → `kitap migrate --from dedup` → the page, reloaded, shows the
 * pair merged in the ledger and the journal. Screenshots go to
 * test-output/review/. KITAP_NO_BROWSER=1 skips it (printing why).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MigrationStore } from '@kitap/store';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReviewServer, startReviewServer } from '../src/index.js';
import { ROOT, SCREENSHOTS, runKitap } from './migration-fixture.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const CHROMIUM = process.env.KITAP_CHROMIUM ?? '/usr/bin/chromium';
const SKIP = process.env.KITAP_NO_BROWSER === '1';
if (SKIP) console.warn('migrate-review-browser: KITAP_NO_BROWSER=1 — the review loop is not checked in Chromium');

const SAMPLE = join(ROOT, 'fixtures/sample/migration');
const ARGS = ['migrate', '--catalog', join(SAMPLE, 'catalog.iso'), '--inventory', join(SAMPLE, 'inventory-1c.csv'), '--acts', join(SAMPLE, 'acts'), '--out', 'out', '--as-of', '2024-01-15', '--year', '2023'];

describe.skipIf(SKIP)('deciding duplicates on the page and re-running the migration', () => {
  let browser: Browser;
  let page: Page;
  let server: ReviewServer;
  let cwd: string;
  let dir: string;

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'kitap-review-loop-'));
    dir = join(cwd, 'out');
    runKitap(ARGS, { cwd, allow: [1] });
    server = await startReviewServer({ dir });
    await mkdir(SCREENSHOTS, { recursive: true });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="yes"]');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The dedup row of the ledger table, with the page's thousands separators taken out. */
  async function dedupRow(): Promise<string[]> {
    const cells = await page.locator('#ledger-stages tr[data-stage="dedup"]').first().locator('td').allTextContents();
    return cells.map((c) => c.replace(/[\s\u00a0\u202f]/g, ''));
  }

  it('shows the six doubtful pairs, decides two of them, re-runs the stage, and shows the merge', async () => {
    const clusters = page.locator('article.cluster');
    expect(await clusters.count()).toBe(6);
    const before = await dedupRow();
    expect(before.slice(0, 5)).toEqual(['records', '2980', '2936', '0', '44']);
    await page.screenshot({ path: join(SCREENSHOTS, 'migration-before-review.png'), fullPage: false });

    // Merge the first pair with the keyboard, keep the second apart with a click.
    const first = clusters.nth(0);
    const firstKey = (await first.getAttribute('data-key'))!;
    await first.locator('button[data-decision="merge"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => first.getAttribute('data-decision')).toBe('merge');
    const second = clusters.nth(1);
    const secondKey = (await second.getAttribute('data-key'))!;
    await second.locator('button[data-decision="keep-apart"]').click();
    await expect.poll(() => second.getAttribute('data-decision')).toBe('keep-apart');
    await first.screenshot({ path: join(SCREENSHOTS, 'migration-pair-merged.png') });

    // The decisions are in the migration's store, where kitap migrate reads them.
    const store = MigrationStore.open(join(dir, 'migrate.sqlite'));
    expect(Object.fromEntries(store.decisions())).toEqual({ [firstKey]: 'merge', [secondKey]: 'keep-apart' });
    store.close();

    const rerun = runKitap([...ARGS, '--from', 'dedup'], { cwd, allow: [1] });
    expect(rerun.stderr).toContain('1 decided merge, 1 kept apart, 4 undecided');

    await page.reload();
    await page.waitForSelector('body[data-ready="yes"]');
    expect((await dedupRow()).slice(0, 5)).toEqual(['records', '2980', '2935', '0', '45']);
    // The decided pairs keep their decisions on the reloaded page.
    await expect.poll(() => page.locator(`article.cluster[data-key="${firstKey}"]`).getAttribute('data-decision')).toBe('merge');
    await expect.poll(() => page.locator(`article.cluster[data-key="${secondKey}"]`).getAttribute('data-decision')).toBe('keep-apart');
    await page.screenshot({ path: join(SCREENSHOTS, 'migration-after-rerun.png'), fullPage: false });
  }, 240_000);
});
