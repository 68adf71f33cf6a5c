import type { ByteSink } from '@kitap/core';
import { placeInFile } from './place-in-file.js';
import type { FindingReporter } from './reporter.js';
import type { FindingSummary } from './summary.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const COLOURS = { error: '#c0392b', warning: '#d68910', info: '#2471a3' } as const;

/** A horizontal bar chart of findings by rule, as inline SVG (no scripts, no external files). */
function barChart(s: FindingSummary): string {
  const rules = s.rules.slice(0, 30);
  if (rules.length === 0) return '';
  const max = Math.max(...rules.map((r) => r.count));
  const row = 22;
  const labelWidth = 230;
  const barWidth = 420;
  const bars = rules
    .map((r, i) => {
      const w = Math.max(1, Math.round((r.count / max) * barWidth));
      const y = i * row;
      return `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(r.ruleId)}</text><rect x="${labelWidth}" y="${y + 4}" width="${w}" height="14" fill="${COLOURS[r.severity]}"/><text x="${labelWidth + w + 6}" y="${y + 15}">${r.count}</text>`;
    })
    .join('');
  return `<svg role="img" aria-label="Findings by rule" width="${labelWidth + barWidth + 80}" height="${rules.length * row}" font-family="sans-serif" font-size="12">${bars}</svg>`;
}

/** A self-contained summary page: totals, a chart by rule, and each rule with its examples. */
export function htmlSummary(s: FindingSummary): string {
  const e = escapeHtml;
  const rules = s.rules
    .map(
      (r) => `<section><h3><span class="sev ${r.severity}">${r.severity}</span> ${e(r.ruleId)} — ${r.count}${r.fixable ? ` (${r.fixable} исправимо / fixable)` : ''}</h3>
${r.description ? `<p>${e(r.description)}</p>` : ''}<table><tr><th>Место / place</th><th>Заглавие / title</th><th>Сообщение / message</th><th>Предложение / suggestion</th></tr>
${r.examples.map((f) => `<tr><td>${e(placeInFile(f.place))}</td><td>${e(f.label ?? '')}</td><td>${e(f.message)}</td><td>${e(f.expected ?? '')}</td></tr>`).join('\n')}
</table>${r.count > r.examples.length ? `<p class="more">… и ещё ${r.count - r.examples.length} / and ${r.count - r.examples.length} more</p>` : ''}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>${e(s.title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0;width:100%}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
.sev{color:#fff;border-radius:3px;padding:0 .4rem;font-size:.8rem}.error{background:${COLOURS.error}}.warning{background:${COLOURS.warning}}.info{background:${COLOURS.info}}
.totals td:first-child{font-weight:bold}.more{color:#666}
</style></head><body>
<h1>${e(s.title)}</h1>
<table class="totals">
<tr><td>Файл / input</td><td>${e(s.input.path)}${s.input.sha256 ? ` <small>sha256 ${e(s.input.sha256)}</small>` : ''}</td></tr>
<tr><td>Записей проверено / records checked</td><td>${s.records}</td></tr>
<tr><td>Не прочитано (в файле отказов) / rejected</td><td>${s.rejected}</td></tr>
<tr><td>Записей с замечаниями / records with findings</td><td>${s.recordsWithFindings}</td></tr>
<tr><td>Замечаний / findings</td><td>${s.findings}: ${s.bySeverity.error} ошибок / errors, ${s.bySeverity.warning} предупреждений / warnings, ${s.bySeverity.info} info</td></tr>
<tr><td>Исправимо автоматически / fixable</td><td>${s.fixable}</td></tr>
</table>
<h2>По правилам / by rule</h2>
${barChart(s)}
${rules}
</body></html>
`;
}

export class HtmlReporter implements FindingReporter {
  constructor(private readonly sink: ByteSink) {}

  async add(): Promise<void> {}

  async close(summary: FindingSummary): Promise<void> {
    await this.sink.write(htmlSummary(summary));
    await this.sink.close();
  }

  async abort(): Promise<void> {
    await this.sink.abort();
  }
}
