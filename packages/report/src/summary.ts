import type { Finding, LedgerJson, Severity } from '@kitap/core';

/** What one rule (or check) found: its count by severity and the first few findings as examples. */
export interface RuleTally {
  ruleId: string;
  severity: Severity;
  count: number;
  fixable: number;
  description?: string;
  family?: string;
  examples: Finding[];
}

/** The totals a reporter prints at the end. */
export interface FindingSummary {
  /** What was checked: `kitap lint catalog.mrc`. */
  title: string;
  input: { path: string; sha256?: string };
  records: number;
  rejected: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  fixable: number;
  /** Records with at least one finding. */
  recordsWithFindings: number;
  rules: RuleTally[];
  ledger?: LedgerJson;
}

/**
 * Counts findings by rule while keeping only the first `examples` of each, so
 * a summary of millions of findings takes the memory of a few hundred.
 */
export class FindingTally {
  readonly #rules = new Map<string, RuleTally>();
  readonly bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  total = 0;
  fixable = 0;

  constructor(
    private readonly examples = 5,
    private readonly describe: (ruleId: string) => { description?: string; family?: string } = () => ({}),
  ) {}

  add(finding: Finding): void {
    this.total++;
    this.bySeverity[finding.severity]++;
    if (finding.fixable) this.fixable++;
    let tally = this.#rules.get(finding.ruleId);
    if (!tally) {
      tally = { ruleId: finding.ruleId, severity: finding.severity, count: 0, fixable: 0, examples: [], ...this.describe(finding.ruleId) };
      this.#rules.set(finding.ruleId, tally);
    }
    tally.count++;
    if (finding.fixable) tally.fixable++;
    if (tally.examples.length < this.examples) tally.examples.push(finding);
  }

  /** Rules by severity (errors first), then by count, then by id. */
  rules(): RuleTally[] {
    const rank = { error: 0, warning: 1, info: 2 } as const;
    return [...this.#rules.values()].sort((a, b) => rank[a.severity] - rank[b.severity] || b.count - a.count || (a.ruleId < b.ruleId ? -1 : 1));
  }
}
