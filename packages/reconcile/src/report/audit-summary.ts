import type { Severity } from '@kitap/core';
import { dottedDate, isIsoDate } from '@kitap/holdings';
import type { AuditResult } from '../audit/run-audit.js';
import type { AuditReportMeta } from './audit-report-meta.js';
import { AUDIT_CHECKS, checkName } from './check-names.js';

/** A line of text facts: what was compared, when. */
export interface SummaryAbout {
  label: string;
  value: string;
}

/** A counted fact of the run. */
export interface SummaryCount {
  label: string;
  value: number;
}

/** A money line: copies (when they are counted) and a sum in tiyn. */
export interface SummaryMoney {
  label: string;
  copies?: number;
  /** Tiyn. */
  sum: number;
}

/** How many findings one check gave. */
export interface SummaryCheck {
  code: string;
  name: string;
  severity: Severity;
  count: number;
}

/** The summary sheet and section: the run, its counts, its money totals and the findings by check. */
export interface AuditSummary {
  title: string;
  about: SummaryAbout[];
  counts: SummaryCount[];
  money: SummaryMoney[];
  /** Every check of the audit (zeros included), then any other code that occurred, by code. */
  checks: SummaryCheck[];
  bySeverity: Record<Severity, number>;
}

/** The report's title. */
export const AUDIT_REPORT_TITLE = 'Сверка фонда с актами списания и передачи';

function dateText(date: string): string {
  return isIsoDate(date) ? dottedDate(date) : date;
}

/**
 * The summary of an audit for the auditors: the files and dates, the counts
 * (acts, lines, matched, not found, ambiguous, copies of the holdings), the
 * money (withdrawn in the report year in total, written off, transferred to
 * other institutions, in Kazakh; the lines of the acts; the totals the acts
 * state) and the findings by check, with the Russian name of each check.
 */
export function auditSummary(result: AuditResult, meta: AuditReportMeta): AuditSummary {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byCode = new Map<string, { severity: Severity; count: number }>();
  for (const f of result.findings) {
    bySeverity[f.severity]++;
    const seen = byCode.get(f.ruleId);
    if (seen) {
      seen.count++;
      // The worst severity the code was reported with.
      if (f.severity === 'error' || (f.severity === 'warning' && seen.severity === 'info')) seen.severity = f.severity;
    } else byCode.set(f.ruleId, { severity: f.severity, count: 1 });
  }
  const checks: SummaryCheck[] = AUDIT_CHECKS.map((c) => ({ code: c.code, name: c.name, severity: byCode.get(c.code)?.severity ?? c.severity, count: byCode.get(c.code)?.count ?? 0 }));
  const known = new Set(AUDIT_CHECKS.map((c) => c.code));
  for (const code of [...byCode.keys()].filter((c) => !known.has(c)).sort()) {
    const seen = byCode.get(code)!;
    checks.push({ code, name: checkName(code), severity: seen.severity, count: seen.count });
  }

  const year = meta.year === undefined ? '' : ` за ${meta.year} год`;
  const table = result.withdrawals;
  const lines = (type: 'write-off' | 'transfer', outside?: boolean): SummaryMoney => {
    let copies = 0;
    let sum = 0;
    for (const act of result.acts) {
      if (act.type !== type) continue;
      for (const l of act.lines) {
        if (outside !== undefined && outside !== (l.toBranch === undefined)) continue;
        copies++;
        sum += l.price ?? 0;
      }
    }
    const label = type === 'write-off' ? 'Строки актов списания' : outside ? 'Строки актов передачи в другие организации' : 'Строки актов передачи внутри системы';
    return { label, copies, sum };
  };
  const stated = result.acts.filter((a) => a.statedCopies !== undefined || a.statedSum !== undefined);
  const money: SummaryMoney[] = [
    { label: `Выбыло из фонда${year}`, copies: table.total.copies, sum: table.total.sum },
    { label: 'в т.ч. списано', copies: table.total.copies - table.rows.transferred.copies, sum: table.total.sum - table.rows.transferred.sum },
    { label: 'в т.ч. передано в другие ведомства', copies: table.rows.transferred.copies, sum: table.rows.transferred.sum },
    { label: 'в т.ч. на казахском языке', copies: table.total.kazakh.copies, sum: table.total.kazakh.sum },
    lines('write-off'),
    lines('transfer', true),
    lines('transfer', false),
    {
      label: `Итоги, записанные в актах (${stated.length} из ${result.acts.length} актов)`,
      copies: stated.reduce((n, a) => n + (a.statedCopies ?? 0), 0),
      sum: stated.reduce((n, a) => n + (a.statedSum ?? 0), 0),
    },
  ];
  const c = result.counts;
  return {
    title: AUDIT_REPORT_TITLE,
    about: [
      { label: 'Фонд (файл)', value: meta.holdings },
      { label: 'Акты (файлы)', value: meta.acts.join('; ') },
      { label: 'Фонд на дату', value: dateText(meta.asOf) },
      { label: 'Отчётный год', value: meta.year === undefined ? 'все акты' : String(meta.year) },
      { label: 'Сформировано', value: meta.generated },
    ],
    counts: [
      { label: 'Актов', value: c.acts },
      { label: 'Строк в актах', value: c.lines },
      { label: 'Строк, сопоставленных с экземпляром фонда', value: c.matched },
      { label: 'Строк без экземпляра в фонде', value: c.unmatched },
      { label: 'Строк, подходящих нескольким экземплярам', value: c.ambiguous },
      { label: 'Экземпляров в фонде', value: c.holdingsCopies },
      { label: 'Записей фонда, которые не прочитаны', value: c.holdingsProblems },
      { label: 'Замечаний всего', value: result.findings.length },
      { label: 'в т.ч. ошибок', value: bySeverity.error },
      { label: 'в т.ч. предупреждений', value: bySeverity.warning },
    ],
    money,
    checks,
    bySeverity,
  };
}
