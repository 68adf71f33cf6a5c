import { dottedDate, formatMoney, isIsoDate, WRITE_OFF_REASONS } from '@kitap/holdings';
import type { AuditResult, BalanceRow } from '../audit/run-audit.js';
import { SUBJECT_GROUPS } from '../statistics/subject-group.js';
import { WITHDRAWAL_LABELS } from '../statistics/withdrawal-labels.js';
import { actRows } from './act-rows.js';
import type { AuditReportMeta } from './audit-report-meta.js';
import { type AuditSummary, auditSummary } from './audit-summary.js';
import { balanceInReportOrder, balanceIsOff } from './balance-order.js';
import { branchRows } from './branch-rows.js';
import { SEVERITY_NAMES } from './check-names.js';
import { formatCount } from './count-text.js';
import { escapeHtml as e } from './escape-html.js';
import { findingRows } from './finding-rows.js';
import { languageName, libraryName } from './report-labels.js';
import { svgBarChart } from './svg-bar-chart.js';
import { type WithdrawalBlock, withdrawalBlocks } from './withdrawal-blocks.js';

/** The most findings the page lists; the workbook and findings.json have them all. */
export const HTML_FINDINGS_LIMIT = 2000;

/** The ids of the page's charts, for tests and links. */
export const HTML_CHART_IDS = Object.freeze({ reasons: 'chart-reasons', groups: 'chart-groups', branches: 'chart-branches' } as const);

const STYLE = `
:root{--line:#c8ced6;--head:#e8ecf1;--err:#b03a2e;--warn:#b9770e;--muted:#5d6670}
*{box-sizing:border-box}
body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;margin:1.5rem auto;max-width:80rem;padding:0 1rem;color:#1f2328;font-size:14px;line-height:1.35}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:2px solid var(--line);padding-bottom:.2rem}h3{font-size:1rem;margin:1.2rem 0 .4rem}
nav ul{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.3rem 1rem}nav a{color:#1d5fa0}
table{border-collapse:collapse;margin:.3rem 0 1rem;width:100%}
th,td{border:1px solid var(--line);padding:.2rem .4rem;text-align:left;vertical-align:top}
th{background:var(--head);font-weight:600;text-align:center;vertical-align:middle}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}td.num{white-space:nowrap}
#branch-table td:first-child,#balance-table td:first-child{min-width:12rem}
tr.total td{font-weight:700}tr.sub td:first-child{padding-left:1.4rem}
table.facts{width:auto;min-width:40rem}table.facts td:first-child{color:var(--muted)}
.sev{display:inline-block;border-radius:3px;padding:0 .35rem;color:#fff;font-size:.8rem;white-space:nowrap}
.sev.error{background:var(--err)}.sev.warning{background:var(--warn)}.sev.info{background:#2471a3}
tr.found td{font-weight:600}tr.off td{background:#fbeaea}
.code{font-family:"DejaVu Sans Mono",monospace;font-size:.8rem}.small{font-size:.8rem;color:var(--muted)}
.note{color:var(--muted)}
figure.chart{margin:.5rem 0 1.2rem}figure.chart svg{max-width:100%;height:auto;font-family:inherit}
svg text{fill:#1f2328}svg text.note{fill:var(--muted)}
footer{margin-top:2rem;color:var(--muted);font-size:.85rem}
@page{size:A4 landscape;margin:12mm}
@media print{
body{margin:0;max-width:none;padding:0;font-size:9pt}
nav{display:none}
h2{break-after:avoid;page-break-after:avoid}
figure.chart,tr{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
a{color:inherit;text-decoration:none}
th,.sev,tr.off td{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}`;

function num(text: string, attrs = ''): string {
  return `<td class="num"${attrs}>${e(text)}</td>`;
}

function dateText(date: string): string {
  return isIsoDate(date) ? dottedDate(date) : date;
}

function summarySection(summary: AuditSummary): string {
  const about = summary.about.map((a) => `<tr><td>${e(a.label)}</td><td>${e(a.value)}</td></tr>`).join('\n');
  const counts = summary.counts.map((c) => `<tr${c.label.startsWith('в т.ч.') ? ' class="sub"' : ''}><td>${e(c.label)}</td>${num(formatCount(c.value))}</tr>`).join('\n');
  const money = summary.money
    .map((m) => `<tr${m.label.startsWith('в т.ч.') ? ' class="sub"' : ''}><td>${e(m.label)}</td>${num(m.copies === undefined ? '' : formatCount(m.copies))}${num(formatMoney(m.sum))}</tr>`)
    .join('\n');
  const checks = summary.checks
    .map((c) => `<tr${c.count > 0 ? ' class="found"' : ''} data-code="${e(c.code)}"><td>${e(c.name)}</td><td class="code">${e(c.code)}</td><td><span class="sev ${e(c.severity)}">${e(SEVERITY_NAMES[c.severity])}</span></td>${num(formatCount(c.count))}</tr>`)
    .join('\n');
  return `<section id="summary"><h2>Сводка</h2>
<table class="facts"><tbody>
${about}
</tbody></table>
<h3>Показатели</h3>
<table class="facts"><thead><tr><th>Показатель</th><th class="num">Количество</th></tr></thead><tbody>
${counts}
</tbody></table>
<h3>Суммы</h3>
<table class="facts"><thead><tr><th>Суммы</th><th class="num">Экз.</th><th class="num">Сумма, тг</th></tr></thead><tbody>
${money}
</tbody></table>
<h3>Проверки</h3>
<table id="checks"><thead><tr><th>Проверка</th><th>Код</th><th>Важность</th><th class="num">Найдено</th></tr></thead><tbody>
${checks}
</tbody></table></section>`;
}

function chartsSection(result: AuditResult, meta: AuditReportMeta): string {
  const t = result.withdrawals;
  const note = (copies: number, sum: number): string => `${formatCount(copies)} экз. · ${formatMoney(sum)} тг`;
  const kazakh = 'в т.ч. на казахском языке';
  const reasons = svgBarChart({
    id: HTML_CHART_IDS.reasons,
    title: 'Выбытие по причинам, экз.',
    valueLabel: 'всего',
    partLabel: kazakh,
    bars: WRITE_OFF_REASONS.map((r) => ({ key: r, label: WITHDRAWAL_LABELS.reasons[r], value: t.rows[r].copies, part: t.rows[r].kazakh.copies, note: note(t.rows[r].copies, t.rows[r].sum) })),
  });
  const groups = svgBarChart({
    id: HTML_CHART_IDS.groups,
    title: 'Выбытие по отраслям знаний, экз.',
    valueLabel: 'всего',
    partLabel: kazakh,
    bars: SUBJECT_GROUPS.map((g) => ({ key: g, label: WITHDRAWAL_LABELS.groups[g], value: t.total.byGroup[g].copies, part: t.total.kazakh.byGroup[g].copies, note: note(t.total.byGroup[g].copies, t.total.byGroup[g].sum) })),
  });
  const { rows } = branchRows(t, meta.branches);
  const branches =
    rows.length === 0
      ? ''
      : svgBarChart({
          id: HTML_CHART_IDS.branches,
          title: 'Выбытие по библиотекам, экз.',
          valueLabel: 'всего',
          partLabel: kazakh,
          bars: rows.map((b) => ({ key: b.code, label: b.name, value: b.total.copies, part: b.kazakh.copies, note: note(b.total.copies, b.total.sum) })),
        });
  return `<section id="charts"><h2>Диаграммы</h2>
${reasons}
${groups}
${branches}
</section>`;
}

function blockTable(block: WithdrawalBlock): string {
  const cells = (values: readonly number[]): string => block.columns.map((c, i) => num(c.unit === 'tiyn' ? formatMoney(values[i] ?? 0) : formatCount(values[i] ?? 0))).join('');
  const head =
    block.key === 'sums'
      ? `<tr><th></th>${block.columns.map((c) => `<th class="num">${e(c.label)}</th>`).join('')}</tr>`
      : `<tr><th rowspan="2"></th><th rowspan="2" class="num">${e(block.columns[0]!.label)}</th><th rowspan="2" class="num">${e(block.columns[1]!.label)}</th><th colspan="${block.columns.length - 2}">${e(WITHDRAWAL_LABELS.byGroup)}</th></tr>
<tr>${block.columns
          .slice(2)
          .map((c) => `<th class="num">${e(c.label)}</th>`)
          .join('')}</tr>`;
  const body = block.lines.map((l) => `<tr class="${l.level === 0 ? 'total' : 'sub'}" data-key="${e(l.key)}"><td>${e(l.label)}</td>${cells(l.values)}</tr>`).join('\n');
  return `<h3>${e(block.title)}</h3>
<table class="withdrawals" data-block="${e(block.key)}"><thead>
${head}
</thead><tbody>
${body}
</tbody></table>`;
}

function withdrawalsSection(result: AuditResult, meta: AuditReportMeta): string {
  return `<section id="withdrawals"><h2>Выбытие</h2>
${withdrawalBlocks(result.withdrawals, meta.year).map(blockTable).join('\n')}
</section>`;
}

function branchesSection(result: AuditResult, meta: AuditReportMeta): string {
  const { rows, total } = branchRows(result.withdrawals, meta.branches);
  const line = (b: (typeof rows)[number], cls: string): string =>
    `<tr${cls}><td>${e(b.name)}${b.code !== '' && b.code !== b.name ? ` <span class="small">${e(b.code)}</span>` : ''}</td>${num(formatCount(b.total.copies))}${num(formatMoney(b.total.sum))}${num(formatCount(b.kazakh.copies))}${num(formatMoney(b.kazakh.sum))}${WRITE_OFF_REASONS.map((r) => num(formatCount(b.byReason[r].copies))).join('')}</tr>`;
  return `<section id="branches"><h2>По филиалам</h2>
<table id="branch-table"><thead>
<tr><th rowspan="2">${e(WITHDRAWAL_LABELS.branch)}</th><th colspan="2">${e(WITHDRAWAL_LABELS.total)}</th><th colspan="2">${e(WITHDRAWAL_LABELS.kazakh)}</th><th colspan="${WRITE_OFF_REASONS.length}">${e(WITHDRAWAL_LABELS.byReason)}, экз.</th></tr>
<tr><th class="num">экз.</th><th class="num">сумма, тг</th><th class="num">экз.</th><th class="num">сумма, тг</th>${WRITE_OFF_REASONS.map((r) => `<th class="num">${e(WITHDRAWAL_LABELS.reasons[r])}</th>`).join('')}</tr>
</thead><tbody>
${rows.map((b) => line(b, '')).join('\n')}
${line(total, ' class="total"')}
</tbody></table></section>`;
}

function findingsSection(result: AuditResult, meta: AuditReportMeta): string {
  const rows = findingRows(result, meta.branches);
  if (rows.length === 0) return `<section id="findings"><h2>Замечания</h2><p>Замечаний нет.</p></section>`;
  const shown = rows.slice(0, HTML_FINDINGS_LIMIT);
  const body = shown
    .map((f) => {
      const act = f.actNumber === '' && f.actDate === '' ? '' : `№ ${e(f.actNumber)}${f.actDate === '' ? '' : ` от ${e(dateText(f.actDate))}`}`;
      // Only the values the finding has: a reader's finding often gives the expected value alone.
      const parts = [f.actual === '' ? '' : `фактически: ${e(f.actual)}`, f.expected === '' ? '' : `ожидалось: ${e(f.expected)}`].filter((p) => p !== '');
      const values = parts.length === 0 ? '' : `<br><span class="small">${parts.join('; ')}</span>`;
      const copy = f.copy === '' ? '' : `<br><span class="small">${e(f.copy)}</span>`;
      return `<tr class="finding ${e(f.severity)}" data-code="${e(f.code)}"><td><span class="code">${e(f.code)}</span><br><span class="small">${e(f.check)}</span></td><td><span class="sev ${e(f.severity)}">${e(f.severityName)}</span></td><td>${act}${act !== '' && f.file !== '' ? '<br>' : ''}<span class="small">${e(f.file)}</span></td>${num(f.line === undefined ? '' : String(f.line))}<td>${e(f.inventoryNumber)}</td><td>${e(f.message)}${values}${copy}</td></tr>`;
    })
    .join('\n');
  const more = rows.length > shown.length ? `<p class="note">Показаны первые ${formatCount(shown.length)} из ${formatCount(rows.length)} замечаний; полный список — на листе «Замечания» в report.xlsx и в findings.json.</p>` : '';
  return `<section id="findings"><h2>Замечания</h2>
<table id="finding-table"><thead><tr><th>Код</th><th>Важность</th><th>Акт</th><th class="num">Строка</th><th>Инв. №</th><th>Описание</th></tr></thead><tbody>
${body}
</tbody></table>${more}</section>`;
}

function actsSection(result: AuditResult, meta: AuditReportMeta): string {
  const rows = actRows(result.acts, meta.branches);
  if (rows.length === 0) return `<section id="acts"><h2>Акты</h2><p>Актов нет.</p></section>`;
  const body = rows
    .map(
      (a) =>
        `<tr><td>${e(a.number)}</td><td>${e(dateText(a.date))}</td><td>${e(a.typeName)}</td><td>${e(a.reasonName)}</td><td>${e(a.libraryName)}</td><td>${e(a.receiver)}</td>${num(a.statedCopies === undefined ? '' : formatCount(a.statedCopies))}${num(a.statedSum === undefined ? '' : formatMoney(a.statedSum))}${num(formatCount(a.lines))}${num(formatMoney(a.linesSum))}<td>${e(a.instructionName)}</td></tr>`,
    )
    .join('\n');
  return `<section id="acts"><h2>Акты</h2>
<table id="act-table"><thead><tr><th>№ акта</th><th>Дата</th><th>Вид</th><th>Причина</th><th>Библиотека</th><th>Получатель</th><th class="num">Указано, экз.</th><th class="num">Указано, тг</th><th class="num">Строк</th><th class="num">Сумма строк, тг</th><th>Инструкция</th></tr></thead><tbody>
${body}
</tbody></table></section>`;
}

function balanceSection(balance: readonly BalanceRow[], meta: AuditReportMeta): string {
  const off = balanceInReportOrder(balance).filter(balanceIsOff);
  const note = `<p class="note">Проверено строк баланса (библиотека × отрасль × язык): ${formatCount(balance.length)}, не сходится: ${formatCount(off.length)}. Полный баланс — на листе «Баланс» в report.xlsx.</p>`;
  if (off.length === 0) return `<section id="balance"><h2>Баланс</h2>${note}</section>`;
  const cell = (c: { copies: number; sum: number }): string => num(`${formatCount(c.copies)} / ${formatMoney(c.sum)}`);
  const group = (g: string): string => (WITHDRAWAL_LABELS.groups as Readonly<Record<string, string>>)[g] ?? g;
  const body = off
    .map(
      (b) =>
        `<tr class="off"><td>${e(libraryName(b.branch, meta.branches))}</td><td>${e(group(b.group))}</td><td>${e(languageName(b.language))}</td>${cell(b.start)}${cell(b.received)}${cell(b.withdrawn)}${cell(b.transferredOut)}${cell(b.transferredIn)}${cell(b.expectedEnd)}${cell(b.end)}${cell({ copies: b.end.copies - b.expectedEnd.copies, sum: b.end.sum - b.expectedEnd.sum })}</tr>`,
    )
    .join('\n');
  return `<section id="balance"><h2>Баланс</h2>${note}
<table id="balance-table"><thead><tr><th>Библиотека</th><th>Отрасль</th><th>Язык</th><th class="num">На начало</th><th class="num">Поступило</th><th class="num">Выбыло</th><th class="num">Передано</th><th class="num">Получено</th><th class="num">Должно быть</th><th class="num">На конец</th><th class="num">Расхождение</th></tr>
<tr><th colspan="3"></th><th colspan="8" class="small">экз. / сумма, тг</th></tr></thead><tbody>
${body}
</tbody></table></section>`;
}

/**
 * The report page of `kitap reconcile` (`report.html`): one self-contained
 * page — inline CSS and inline SVG, no script, no external resource — with
 * Russian headings, readable offline and printable (A4 landscape, table
 * headers repeated on each page): the summary, bar charts (withdrawals by
 * reason, by subject group and by library, each with the Kazakh part), the
 * withdrawal table as in the annual report, by library, the findings (at
 * most HTML_FINDINGS_LIMIT; the workbook has them all), the acts and, with
 * fund snapshots, the balance lines that do not add up. Every text is
 * escaped; the output depends only on the arguments (no clock, no random
 * ids), so the same run gives the same page.
 */
export function auditHtml(result: AuditResult, meta: AuditReportMeta): string {
  const summary = auditSummary(result, meta);
  const preface = meta.preface ?? [];
  const sections = [
    ...preface.map((p) => `<section id="${e(p.id)}"><h2>${e(p.label)}</h2>\n${p.html}\n</section>`),
    summarySection(summary),
    chartsSection(result, meta),
    withdrawalsSection(result, meta),
    branchesSection(result, meta),
    findingsSection(result, meta),
    actsSection(result, meta),
    ...(result.balance === undefined ? [] : [balanceSection(result.balance, meta)]),
  ];
  const links: [string, string][] = [
    ...preface.map((p): [string, string] => [p.id, p.label]),
    ['summary', 'Сводка'],
    ['charts', 'Диаграммы'],
    ['withdrawals', 'Выбытие'],
    ['branches', 'По филиалам'],
    ['findings', 'Замечания'],
    ['acts', 'Акты'],
    ...(result.balance === undefined ? [] : [['balance', 'Баланс'] as [string, string]]),
  ];
  const year = meta.year === undefined ? '' : ` за ${meta.year} год`;
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(summary.title + year)}</title>
<style>${STYLE}
</style></head><body>
<header><h1>${e(summary.title + year)}</h1>
<p class="note">Фонд на ${e(dateText(meta.asOf))} · актов: ${formatCount(result.counts.acts)} · замечаний: ${formatCount(result.findings.length)} (ошибок: ${formatCount(summary.bySeverity.error)}, предупреждений: ${formatCount(summary.bySeverity.warning)})</p>
<nav><ul>${links.map(([id, label]) => `<li><a href="#${id}">${e(label)}</a></li>`).join('')}</ul></nav></header>
<main>
${sections.join('\n')}
</main>
<footer>${e(meta.generated)}</footer>
</body></html>
`;
}
