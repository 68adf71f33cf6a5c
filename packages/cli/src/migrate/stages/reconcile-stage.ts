
import { AtomicFile } from '@kitap/core';
import { DEFAULT_SUBJECT_RULES, PROFILE_LAYOUTS, auditHtml, findingsJson, listActFiles, runAudit, summaryJson, writeAuditXlsx } from '@kitap/reconcile';
import { migrationLedger } from '../migration-ledger.js';
import { ledgerPreface } from '../migration-report.js';
import type { StageSpec } from '../stage.js';

const INVENTORY_NUMBERS = { branchPrefixes: 'strip' } as const;

async function writeText(path: string, text: string): Promise<void> {
  const file = new AtomicFile(path);
  await file.write(text);
  await file.close();
}

/** The audit: the acts checked against the holdings as they will go to Web-RABIS, with the withdrawal table and the migration ledger in one report. */
export const reconcileStage: StageSpec = {
  stage: 'reconcile',
  unit: 'act lines',
  // The audit reads the act files and the branch directory itself: a corrected act must give a new audit,
  // even when what the acts stage applies does not change.
  inputs: async (ctx) => [
    ctx.paths.acts.records,
    ...(await listActFiles(ctx.options.acts ?? [])).files,
    ...(ctx.options.branches ? [ctx.options.branches] : []),
    ...(ctx.options.fundStart ? [ctx.options.fundStart] : []),
    ...(ctx.options.fundEnd ? [ctx.options.fundEnd] : []),
  ],
  settings: (ctx) => ({ acts: ctx.summaries.acts?.actFiles, asOf: ctx.asOf, year: ctx.year, profile: ctx.profile, ledger: ['convert', 'clean', 'dedup', 'inventory', 'acts'].map((s) => ctx.summaries[s as 'convert']?.ledger) }),
  outputs: (ctx) => [ctx.paths.reconcile.findings, ctx.paths.reconcile.summary, ctx.paths.reconcile.reportHtml, ctx.paths.reconcile.reportXlsx],
  async run(ctx) {
    const p = ctx.paths.reconcile;
    const acts = ctx.options.acts ?? [];
    const result = await runAudit({
      holdings: ctx.paths.acts.records,
      acts,
      asOf: ctx.asOf,
      year: ctx.year,
      fundStart: ctx.options.fundStart,
      fundEnd: ctx.options.fundEnd,
      branches: ctx.branches,
      inventoryNumbers: INVENTORY_NUMBERS,
      rules: DEFAULT_SUBJECT_RULES,
      holdingsEncoding: 'utf-8',
      layouts: PROFILE_LAYOUTS[ctx.profile as keyof typeof PROFILE_LAYOUTS],
    });
    await writeText(p.findings, `${JSON.stringify(findingsJson(result), null, 1)}\n`);
    await writeText(p.summary, `${JSON.stringify(summaryJson(result, { asOf: ctx.asOf, year: ctx.year }), null, 1)}\n`);
    const preface = ledgerPreface(migrationLedger(ctx.summaries));
    const meta = { holdings: 'records.mrc', acts: acts.map((a) => a.replace(/^.*[\\/](?=[^\\/]+[\\/]?$)/, '')), asOf: ctx.asOf, year: ctx.year, generated: `kitap migrate, as of ${ctx.asOf}`, branches: ctx.branches, preface: [preface] };
    await writeAuditXlsx(result, p.reportXlsx, meta);
    await writeText(p.reportHtml, auditHtml(result, meta));
    const byCode: Record<string, number> = {};
    for (const f of result.findings) byCode[f.ruleId] = (byCode[f.ruleId] ?? 0) + 1;
    const c = result.counts;
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    return {
      line: `${c.acts} acts with ${c.lines} lines checked against ${c.holdingsCopies} copies: ${result.findings.length} findings (${errors} errors)`,
      ledger: [],
      actLines: c.lines,
      counts: c,
      findingsByCode: byCode,
      errors,
      withdrawals: result.withdrawals.total,
    };
  },
};


