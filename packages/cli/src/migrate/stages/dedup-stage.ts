import { AtomicFile } from '@kitap/core';
import type { ReviewDecision } from '@kitap/store';
import { reviewKey } from '@kitap/store';
import { type DedupReport, runDedup } from '../../commands/dedup-job.js';
import { runMerge } from '../../commands/merge-job.js';
import { dedupSettings } from '../../job/dedup-settings.js';
import { reviewQueue } from '../review-queue.js';
import type { StageSpec } from '../stage.js';

/**
 * The decisions `kitap merge` applies: the automatic matches, less those a
 * person kept apart, plus the doubtful clusters a person decided to merge.
 */
function decidedClusters(report: DedupReport, decisions: ReadonlyMap<string, ReviewDecision>): { clusters: { id: string; decision: 'match' | 'review'; members: DedupReport['clusters'][number]['members'] }[]; merged: number; keptApart: number; undecided: number } {
  let merged = 0;
  let keptApart = 0;
  let undecided = 0;
  const clusters = report.clusters.map((c) => {
    const decision = decisions.get(reviewKey(c.members));
    if (c.decision === 'review') {
      if (decision === 'merge') merged++;
      else if (decision === 'keep-apart') keptApart++;
      else undecided++;
    }
    const merge = decision === undefined ? c.decision === 'match' : decision === 'merge';
    return { id: c.id, decision: merge ? ('match' as const) : ('review' as const), members: c.members };
  });
  return { clusters, merged, keptApart, undecided };
}

/** Duplicates found and explained; the sure ones merged (every copy moved to the survivor), the doubtful ones queued for review, the decided ones applied. */
export const dedupStage: StageSpec = {
  stage: 'dedup',
  unit: 'records',
  inputs: (ctx) => [ctx.paths.clean.catalog, ...(ctx.options.config ? [ctx.options.config] : [])],
  settings: (ctx) => ({ decisions: [...ctx.store.decisions()] }),
  outputs: (ctx) => [ctx.paths.dedup.report, ctx.paths.dedup.merged, ctx.paths.dedup.journal, ctx.paths.dedup.mergeReport],
  total: (ctx) => (ctx.summaries.clean?.ledger[0]?.out as number | undefined) ?? undefined,
  async run(ctx) {
    const p = ctx.paths.dedup;
    const base = { from: 'iso2709' as const, encoding: 'utf-8', mode: 'strict' as const, ...(ctx.options.config ? { config: ctx.options.config } : {}) };
    const report = await runDedup({ ...base, input: ctx.paths.clean.catalog, report: p.report, review: p.review, rejects: p.rejects }, ctx.io);
    const { config } = dedupSettings(ctx.options.config);
    ctx.store.replaceQueue(await reviewQueue(ctx.paths.clean.catalog, report.clusters, config.layouts));
    const decided = decidedClusters(report, ctx.store.decisions());
    const decisions = new AtomicFile(p.decisions);
    await decisions.write(`${JSON.stringify({ command: 'dedup', input: report.input, clusters: decided.clusters }, null, 1)}\n`);
    await decisions.close();
    const merge = await runMerge({ ...base, input: ctx.paths.clean.catalog, decisions: p.decisions, output: p.merged, journal: p.journal, rejects: p.mergeRejects, report: p.mergeReport }, ctx.io);
    const c = merge.counts;
    const review = report.clusters.filter((x) => x.decision === 'review').length;
    return {
      line: `${report.stats.matchClusters} clusters ${c.notMerged ? 'matched' : 'merged'} automatically, ${review} doubtful for review (${decided.merged} decided merge, ${decided.keptApart} kept apart, ${decided.undecided} undecided); ${c.read} records → ${c.written} (${c.mergedAway} merged into survivors), copies ${c.copiesIn} → ${c.copiesOut}${c.notMerged ? `; ${c.notMerged} clusters NOT merged (W_MERGE_NOT_APPLIED_UNWRITABLE: the merged record would be too long; see ${p.mergeReport})` : ''}`,
      ledger: [
        { stage: 'dedup', unit: 'records', in: c.read, out: c.written, rejected: c.rejected, filtered: c.mergedAway, note: 'merged into a surviving record' },
        { stage: 'dedup', unit: 'copies', in: c.copiesIn, out: c.copiesOut, rejected: merge.ledger.stages.copies?.rejected ?? 0, filtered: 0, note: 'copies of the catalog records, moved to the survivors' },
      ],
      clusters: { match: report.stats.matchClusters, review, decidedMerge: decided.merged, keptApart: decided.keptApart, undecided: decided.undecided, notMerged: c.notMerged },
      counts: c,
    };
  },
};
