import { escapeHtml } from '@kitap/report';
import type { ReportPreface } from '@kitap/reconcile';
import { type MigrationLedger, ledgerTable } from './migration-ledger.js';

/** The migration ledger as the first section of report.html and the first sheet of report.xlsx. */
export function ledgerPreface(ledger: MigrationLedger): ReportPreface {
  const rows = ledgerTable(ledger);
  const [header = [], ...body] = rows;
  const cell = (v: string | number, i: number): string => (typeof v === 'number' ? `<td class="num">${v.toLocaleString('ru-RU').replace(/\u00a0/g, ' ')}</td>` : `<td${i === 6 && v !== 'сходится' && v !== '' ? ' class="bad"' : ''}>${escapeHtml(v)}</td>`);
  const html = [
    `<p>${ledger.balanced ? 'Каждая запись, строка 1С, экземпляр и тиын прослежены от входа до выхода или до файла отказов: учёт сходится.' : '<strong>Учёт НЕ СХОДИТСЯ: см. строки, отмеченные ниже.</strong>'}</p>`,
    '<table><thead><tr>' + header.map((h) => `<th scope="col">${escapeHtml(String(h))}</th>`).join('') + '</tr></thead><tbody>',
    ...body.map((r) => '<tr>' + r.map(cell).join('') + '</tr>'),
    '</tbody></table>',
  ].join('\n');
  return { id: 'migration', label: 'Миграция', html, rows };
}

/** report.html of a migration without acts: the ledger alone, in the audit report's plain style. */
export function ledgerOnlyHtml(ledger: MigrationLedger, generated: string): string {
  const p = ledgerPreface(ledger);
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Миграция каталога: учёт</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1b1b}table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}td.bad{color:#a00;font-weight:bold}</style>
</head><body>
<header><h1>Миграция каталога: учёт</h1><p>Акты выбытия не заданы: сверка не проводилась.</p></header>
<main><section id="${p.id}"><h2>${escapeHtml(p.label)}</h2>
${p.html}
</section></main>
<footer>${escapeHtml(generated)}</footer>
</body></html>
`;
}
