import { KitapError } from '@kitap/core';
import type { Io } from '../io.js';
import type { MigrateOptions } from './migrate-options.js';
import { runMigrate } from './migrate-job.js';
import { migrationPaths } from './migration-paths.js';

/** `kitap migrate`: runs the job, prints the ledger and where the files are; the exit code says whether anything needs a look. */
export async function runMigrateCommand(options: MigrateOptions, io: Io): Promise<number> {
  const started = Date.now();
  const result = await runMigrate(options, io);
  const out = migrationPaths(options.out).out;
  io.err('');
  io.err('ledger (in = out + rejected + counted apart):');
  for (const r of result.ledger.stages) io.err(`  ${r.stage.padEnd(9)} ${r.unit.padEnd(9)} ${r.in} = ${r.out} + ${r.rejected} + ${r.filtered}${r.balanced ? '' : '  NOT BALANCED'}${r.note ? `   (${r.note})` : ''}`);
  for (const l of result.ledger.links) io.err(`  ${l.check}: ${l.left} ${l.equal ? '=' : '≠'} ${l.right}`);
  if (!result.ledger.balanced) throw new KitapError('E_LEDGER', `the migration ledger does not balance: see ${out.ledger}`);
  io.err('');
  io.err(`report: ${out.reportHtml} (and ${out.reportXlsx}); ledger: ${out.ledger}`);
  io.err(`for Web-RABIS: ${out.records}, ${out.jsonl}; rejects: ${out.rejects}/; clean-up journal: ${out.journal}`);
  const review = result.summaries.dedup?.clusters as { review: number; undecided: number; notMerged?: number } | undefined;
  if (review?.undecided) io.err(`${review.undecided} doubtful duplicate clusters wait for a decision: kitap serve ${options.out} (then kitap migrate … --from dedup)`);
  // A cluster whose merged record would be too long is left unmerged: a decision was not applied, so the run needs a look.
  const notMerged = review?.notMerged ?? 0;
  if (notMerged) io.err(`${notMerged} duplicate clusters could not be merged (the merged record would be too long): see ${migrationPaths(options.out).dedup.mergeReport}`);
  io.err(`done in ${((Date.now() - started) / 1000).toFixed(1)} s${result.skipped.length ? ` (already done: ${result.skipped.join(', ')})` : ''}`);
  const rejected = result.ledger.stages.some((r) => r.rejected > 0);
  const auditErrors = (result.summaries.reconcile?.errors as number | undefined) ?? 0;
  return rejected || auditErrors > 0 || notMerged > 0 ? 1 : 0;
}
