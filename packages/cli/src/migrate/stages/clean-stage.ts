import { runFix } from '../../commands/fix-job.js';
import type { StageSpec } from '../stage.js';

/** The automatic fixes of the profile's rules, every change in the journal. */
export const cleanStage: StageSpec = {
  stage: 'clean',
  unit: 'records',
  inputs: (ctx) => [ctx.paths.convert.catalog, ...(ctx.options.config ? [ctx.options.config] : [])],
  settings: (ctx) => ({ profile: ctx.profile }),
  outputs: (ctx) => [ctx.paths.clean.catalog, ctx.paths.clean.journal, ctx.paths.clean.report],
  total: (ctx) => (ctx.summaries.convert?.ledger[0]?.out as number | undefined) ?? undefined,
  async run(ctx) {
    const p = ctx.paths.clean;
    const report = await runFix(
      { input: ctx.paths.convert.catalog, output: p.catalog, to: 'iso2709', journal: p.journal, rejects: p.rejects, report: p.report, from: 'iso2709', encoding: 'utf-8', mode: 'strict', profile: ctx.profile, ...(ctx.options.config ? { config: ctx.options.config } : {}) },
      ctx.io,
    );
    const c = report.counts;
    return {
      line: `${c.changedRecords} of ${c.read} records fixed automatically (${c.changes} changes, journal kept), rejected ${c.rejected}`,
      ledger: [{ stage: 'clean', unit: 'records', in: c.read, out: c.written, rejected: c.rejected, filtered: 0 }],
      counts: c,
      changesByRule: report.changesByRule,
    };
  },
};
