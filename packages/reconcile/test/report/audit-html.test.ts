import { formatMoney } from '@kitap/holdings';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditFinding } from '../../src/audit/run-audit.js';
import { auditHtml, HTML_FINDINGS_LIMIT } from '../../src/report/audit-html.js';
import { escapeHtml } from '../../src/report/escape-html.js';
import { svgBarChart } from '../../src/report/svg-bar-chart.js';
import { ACTS, FINDINGS, META, auditResult } from './report-fixture.js';

describe('auditHtml', () => {
  it('has the Russian sections, «Баланс» only with a balance', () => {
    const headings = (html: string): string[] => [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]!);
    expect(headings(auditHtml(auditResult(), META))).toEqual(['Сводка', 'Диаграммы', 'Выбытие', 'По филиалам', 'Замечания', 'Акты']);
    expect(headings(auditHtml(auditResult({ balance: true }), META))).toEqual(['Сводка', 'Диаграммы', 'Выбытие', 'По филиалам', 'Замечания', 'Акты', 'Баланс']);
  });

  it('is self-contained: no script, no external file, nothing fetched', () => {
    const html = auditHtml(auditResult({ balance: true }), META);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|\bsrc=/i);
    // The only address is the SVG namespace, which is a name and is never fetched.
    expect([...html.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0])).toEqual(Array(3).fill('http://www.w3.org/2000/svg'));
    expect(html).toMatch(/<style>[\s\S]*@media print[\s\S]*<\/style>/);
  });

  it('gives the same page for the same run, with the «generated» text it is given', () => {
    const a = auditHtml(auditResult({ balance: true }), META);
    const b = auditHtml(auditResult({ balance: true }), META);
    expect(a).toBe(b);
    expect(a).toContain('<footer>kitap 0.1.0, тест</footer>');
  });

  it('escapes every text taken from the acts and the holdings', () => {
    const hostile: AuditFinding = {
      // A code without a Russian wording: the page shows its message as it is, escaped.
      ruleId: 'ACT_LINE_INVALID',
      severity: 'error',
      message: 'no copy has inventory number «<img src=x onerror=alert(1)>»',
      place: { file: 'acts/<b>акт</b>.csv', line: 4 },
      act: { file: 'acts/<b>акт</b>.csv', number: '5"><script>alert(1)</script>', date: '2023-05-05' },
      line: 4,
      inventoryNumber: "'&<>",
    };
    const html = auditHtml(auditResult({ findings: [hostile] }), { ...META, generated: '</footer><script>x</script>', holdings: 'фонд & «Абай жолы».mrc' });
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('«&lt;img src=x onerror=alert(1)&gt;»');
    expect(html).toContain('№ 5&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<td>&#39;&amp;&lt;&gt;</td>');
    expect(html).toContain('фонд &amp; «Абай жолы».mrc');
  });

  it('shows the withdrawal table with the money in tenge as Kazakh reports write it', () => {
    const result = auditResult();
    const html = auditHtml(result, META);
    const total = html.match(/<table class="withdrawals" data-block="report">[\s\S]*?<tr class="total" data-key="total">(.*?)<\/tr>/)?.[1];
    expect(total).toBe(
      '<td>Выбыло всего</td><td class="num">8</td><td class="num">12 173,27</td><td class="num">0</td><td class="num">0</td><td class="num">2</td><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">6</td>',
    );
    expect(formatMoney(result.withdrawals.total.sum)).toBe('12 173,27');
    expect(html).toContain('<td>утеряно читателями</td><td class="num">1</td><td class="num">450,27</td>');
  });

  it('lists the findings with the act, line and inventory number, and the acts with their instruction', () => {
    const html = auditHtml(auditResult(), META);
    expect(html.match(/<tr class="finding /g)).toHaveLength(FINDINGS.length);
    expect(html).toMatch(/data-code="TRANSFERRED_OUT_STILL_ACTIVE">.*№ ПП-7 от 11\.10\.2023.*<td class="num">7<\/td><td>23776<\/td>/);
    expect(html).toMatch(/data-code="ACT_TOTAL_MISMATCH">.*№ 21 от 02\.11\.2023/);
    const acts = html.match(/<table id="act-table">[\s\S]*?<\/table>/)![0];
    expect(acts.match(/<tr>/g)).toHaveLength(1 + ACTS.length);
    expect(acts).toMatch(/<td>3<\/td><td>17\.04\.2025<\/td>.*<td>приказ № 374<\/td>/);
    expect(acts).toMatch(/<td>4<\/td><td>18\.04\.2025<\/td>.*<td>приказ № 136-НҚ<\/td>/);
  });

  it(`lists at most ${HTML_FINDINGS_LIMIT} findings and says where the rest are`, () => {
    const many = Array.from({ length: HTML_FINDINGS_LIMIT + 5 }, (_, i): AuditFinding => ({ ...FINDINGS[3]!, line: i + 2, place: { file: 'acts/acts-2023.csv', line: i + 2 } }));
    const html = auditHtml(auditResult({ findings: many }), META);
    expect(html.match(/<tr class="finding /g)).toHaveLength(HTML_FINDINGS_LIMIT);
    expect(html).toContain(`Показаны первые 2 000 из 2 005 замечаний`);
    expect(auditHtml(auditResult({ findings: [] }), META)).toContain('<p>Замечаний нет.</p>');
  });

  it('shows only the balance rows that do not add up, with the count of all', () => {
    const html = auditHtml(auditResult({ balance: true }), META);
    const section = html.match(/<section id="balance">[\s\S]*?<\/section>/)![0];
    expect(section).toContain('Проверено строк баланса (библиотека × отрасль × язык): 2, не сходится: 1.');
    expect(section.match(/<tr class="off">/g)).toHaveLength(1);
    expect(section).toContain('<td>Библиотека-филиал №4</td><td>Художественная литература</td><td>на казахском</td>');
  });
});

describe('svgBarChart', () => {
  it('draws one bar per value, scaled to the largest, with the part over it', () => {
    const svg = svgBarChart({
      id: 'chart-test',
      title: 'Выбытие по причинам, экз.',
      valueLabel: 'всего',
      partLabel: 'в т.ч. на казахском языке',
      bars: [
        { key: 'worn', label: 'ветхость', value: 1346, part: 140, note: '1 346 экз.' },
        { key: 'lost', label: 'утеряно читателями', value: 673, part: 0, note: '673 экз.' },
        { key: 'disaster', label: 'стихийное бедствие', value: 0, note: '0 экз.' },
      ],
    });
    const widths = [...svg.matchAll(/<rect class="bar" [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([420, 210, 0]);
    expect([...svg.matchAll(/<rect class="bar-part" [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]))).toEqual([43.7, 0]);
    expect(svg).toContain('<title id="chart-test-title">Выбытие по причинам, экз.</title>');
  });

  it('draws bars of zero width when there is nothing to show', () => {
    const svg = svgBarChart({ id: 'c', title: 't', valueLabel: 'всего', bars: [{ key: 'worn', label: 'ветхость', value: 0, note: '0' }] });
    expect(svg).toMatch(/<rect class="bar" [^>]*width="0"/);
    expect(svg).not.toContain('NaN');
  });

  it('cuts a long label and keeps it whole in the tooltip', () => {
    const label = 'Центральная городская библиотека имени Н. В. Гоголя';
    const svg = svgBarChart({ id: 'c', title: 't', valueLabel: 'всего', bars: [{ key: 'CGB', label, value: 1, note: '1' }] });
    expect(svg).toContain('>Центральная городская библиотека им…</text>');
    expect(svg).toContain(`<title>${label}: 1</title>`);
  });
});

describe('escapeHtml', () => {
  it('leaves no markup character and no control character in any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (text) => {
        const out = escapeHtml(text);
        expect(out).not.toMatch(/[<>"']|&(?!amp;|lt;|gt;|quot;|#39;)/);
        expect(out).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
      }),
    );
  });
});
