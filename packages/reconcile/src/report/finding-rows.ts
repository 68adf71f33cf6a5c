import type { Severity } from '@kitap/core';
import type { BranchDirectory } from '@kitap/holdings';
import { actsByLine } from '../acts/acts-by-line.js';
import type { AuditFinding, AuditResult } from '../audit/run-audit.js';
import { checkName, SEVERITY_NAMES } from './check-names.js';
import { findingText } from './finding-text.js';
import { findingValues } from './finding-values.js';
import { copyStatusName, libraryName } from './report-labels.js';

/** One finding as the findings sheet and the page show it: every value a plain string or number. */
export interface FindingRow {
  code: string;
  /** The check's Russian name. */
  check: string;
  severity: Severity;
  severityName: string;
  /** The act's number ('' when the finding is about no act, e.g. BALANCE_MISMATCH). */
  actNumber: string;
  /** The act's date: ISO, or the text as written when it is no date. */
  actDate: string;
  file: string;
  line?: number;
  /** The inventory number as the act writes it. */
  inventoryNumber: string;
  /** The copies of the holdings involved: «0032799, Центральная городская библиотека, запись 000700971, в фонде; …». */
  copy: string;
  /** The finding's actual and expected values in Russian (finding-values.ts): dates as DD.MM.YYYY, statuses and libraries by name. */
  actual: string;
  expected: string;
  /** What the finding says, in Russian (finding-text.ts); an English detail only after it, in brackets. */
  message: string;
}

function copyText(copies: NonNullable<AuditFinding['copies']>, branches: BranchDirectory | undefined): string {
  return copies
    .map((c) => [c.inventoryNumber, libraryName(c.branch, branches), c.record === undefined ? '' : `запись ${c.record}`, copyStatusName(c.status)].filter((part) => part !== '').join(', '))
    .join('; ');
}

/**
 * The findings of an audit as rows, in the result's order. A finding that
 * names no act but points at a line of one (ACT_TOTAL_MISMATCH,
 * INVENTORY_NUMBER_DUPLICATE…) gets that act's number and date.
 */
export function findingRows(result: Pick<AuditResult, 'acts' | 'findings'>, branches?: BranchDirectory): FindingRow[] {
  let actAt: ReturnType<typeof actsByLine> | undefined;
  return result.findings.map((f) => {
    const file = f.act?.file ?? f.place.file ?? '';
    const line = f.line ?? f.place.line;
    let act: { number: string; date: string } | undefined = f.act;
    if (act === undefined && line !== undefined) {
      actAt ??= actsByLine(result.acts);
      act = actAt(file, line);
    }
    const row: FindingRow = {
      code: f.ruleId,
      check: checkName(f.ruleId),
      severity: f.severity,
      severityName: SEVERITY_NAMES[f.severity],
      actNumber: act?.number ?? '',
      actDate: act?.date ?? '',
      file,
      inventoryNumber: f.inventoryNumber ?? '',
      copy: f.copies !== undefined ? copyText(f.copies, branches) : f.place.recordId !== undefined ? `запись ${f.place.recordId}` : '',
      ...findingValues(f, branches),
      message: findingText(f, branches),
    };
    if (line !== undefined) row.line = line;
    return row;
  });
}
