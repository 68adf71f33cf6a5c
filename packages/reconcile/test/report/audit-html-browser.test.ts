/**
 * The report page in a real browser: Debian's Chromium driven by
 * playwright-core. Chromium must be installed (`apt-get install -y chromium`;
 * another binary with KITAP_CHROMIUM=<path>). When it cannot be started the
 * tests fail and say so; KITAP_NO_BROWSER=1 skips them, printing why.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BranchDirectory, formatMoney, KARAGANDA_CBS, WRITE_OFF_REASONS } from '@kitap/holdings';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditResult, runAudit } from '../../src/audit/run-audit.js';
import { auditHtml } from '../../src/report/audit-html.js';
import { SUBJECT_GROUPS } from '../../src/statistics/subject-group.js';
import { DEFAULT_SUBJECT_RULES } from '../../src/statistics/subject-rules.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CHROMIUM = process.env.KITAP_CHROMIUM ?? '/usr/bin/chromium';
const SKIP = process.env.KITAP_NO_BROWSER === '1';
const SCREENSHOT = join(ROOT, 'test-output', 'reconcile-report.png');

if (SKIP) console.warn('audit-html-browser: KITAP_NO_BROWSER=1 — the report page is not checked in Chromium');

describe.skipIf(SKIP)('the report page in Chromium', () => {
  let browser: Browser | undefined;
  let page: Page;
  let result: AuditResult;
  const requests: string[] = [];
  let launchError: Error | undefined;

  beforeAll(async () => {
    const branches = BranchDirectory.fromJson(KARAGANDA_CBS);
    const fixtures = join(ROOT, 'fixtures', 'reconcile');
    result = await runAudit({
      holdings: join(fixtures, 'holdings.mrc'),
      acts: [join(fixtures, 'acts')],
      asOf: '2025-06-30',
      year: 2023,
      fundStart: join(fixtures, 'fund-start.csv'),
      fundEnd: join(fixtures, 'fund-end.csv'),
      branches,
      inventoryNumbers: { branchPrefixes: 'strip' },
      rules: DEFAULT_SUBJECT_RULES,
    });
    const html = auditHtml(result, { holdings: 'fixtures/reconcile/holdings.mrc', acts: ['fixtures/reconcile/acts'], asOf: '2025-06-30', year: 2023, generated: 'kitap, тест', branches });
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
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (r) => {
      if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
    });
    await page.setContent(html, { waitUntil: 'load' });
  }, 120_000);

  /** Fails the calling test when Chromium did not start. */
  function started(): void {
    if (launchError) throw launchError;
  }

  afterAll(async () => {
    await browser?.close();
  });

  it('renders the Russian headings and fetches nothing', async () => {
    started();
    expect(await page.title()).toBe('Сверка фонда с актами списания и передачи за 2023 год');
    expect(await page.locator('h2').allTextContents()).toEqual(['Сводка', 'Диаграммы', 'Выбытие', 'По филиалам', 'Замечания', 'Акты', 'Баланс']);
    expect(requests).toEqual([]);
  });

  it('draws the withdrawals by reason as one bar per reason, the longest for the most copies', async () => {
    started();
    const bars = page.locator('#chart-reasons g.bar-row');
    expect(await bars.count()).toBe(WRITE_OFF_REASONS.length);
    expect(await bars.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-key')))).toEqual([...WRITE_OFF_REASONS]);
    const widths = await page.locator('#chart-reasons rect.bar').evaluateAll((rs) => rs.map((r) => (r as SVGGraphicsElement).getBBox().width));
    const copies = WRITE_OFF_REASONS.map((r) => result.withdrawals.rows[r].copies);
    const most = Math.max(...copies);
    expect(widths).toHaveLength(WRITE_OFF_REASONS.length);
    widths.forEach((w, i) => expect(w).toBeCloseTo((copies[i]! / most) * 420, 0));
    expect(await page.locator('#chart-reasons').isVisible()).toBe(true);
  });

  it('draws the subject groups with their Kazakh part inside each bar', async () => {
    started();
    const groups = page.locator('#chart-groups g.bar-row');
    expect(await groups.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-key')))).toEqual([...SUBJECT_GROUPS]);
    const sizes = await groups.evaluateAll((gs) =>
      gs.map((g) => ({ bar: (g.querySelector('rect.bar') as SVGGraphicsElement).getBBox().width, part: (g.querySelector('rect.bar-part') as SVGGraphicsElement).getBBox().width })),
    );
    for (const s of sizes) expect(s.part).toBeLessThanOrEqual(s.bar + 0.05);
    const kazakh = SUBJECT_GROUPS.map((g) => result.withdrawals.total.kazakh.byGroup[g].copies);
    expect(sizes.filter((s) => s.part > 0)).toHaveLength(kazakh.filter((k) => k > 0).length);
  });

  it('shows the tables: the withdrawal table, one row per finding, per act and per library', async () => {
    started();
    const total = page.locator('table[data-block="report"] tr[data-key="total"] td');
    expect(await total.allTextContents()).toEqual([
      'Выбыло всего',
      formatCount(result.withdrawals.total.copies),
      formatMoney(result.withdrawals.total.sum),
      ...SUBJECT_GROUPS.map((g) => formatCount(result.withdrawals.total.byGroup[g].copies)),
    ]);
    expect(await page.locator('#finding-table tbody tr').count()).toBe(result.findings.length);
    expect(await page.locator('#act-table tbody tr').count()).toBe(result.acts.length);
    expect(await page.locator('#branch-table tbody tr').count()).toBe(Object.keys(result.withdrawals.total.byBranch).length + 1);
    expect(await page.locator('#checks tr[data-code="COPY_WRITTEN_OFF_TWICE"] td').last().textContent()).toBe(String(result.findings.filter((f) => f.ruleId === 'COPY_WRITTEN_OFF_TWICE').length));
  });

  it('prints without the navigation, the table headings repeated', async () => {
    started();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').isVisible()).toBe(false);
    expect(await page.locator('#finding-table thead').evaluate((t) => getComputedStyle(t).display)).toBe('table-header-group');
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('nav').isVisible()).toBe(true);
  });

  it('writes a screenshot of the whole page to test-output/reconcile-report.png', async () => {
    started();
    await mkdir(join(ROOT, 'test-output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect((await stat(SCREENSHOT)).size).toBeGreaterThan(50_000);
    expect((await readFile(SCREENSHOT)).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });
});

function formatCount(n: number): string {
  return String(n).replace(/\B(?=(?:\d{3})+$)/g, ' ');
}
