import { KitapError, Ledger } from '@kitap/core';
import { type Cluster, DedupRun, type DedupStats, type VetoedPair } from '@kitap/dedup';
import { type InputFormat, type ReadMode, readRecords } from '@kitap/marc';
import { dedupSettings } from '../job/dedup-settings.js';
import { HashingInput } from '../job/hashing-input.js';
import { LazyRejectFile } from '../job/lazy-reject-file.js';
import { Progress } from '../job/progress.js';
import { requireDistinct } from '../job/paths.js';
import { reviewRows, writeReviewFile } from '../job/review-file.js';
import { writeJsonStreamed } from '../job/streamed-json.js';
import type { Io } from '../io.js';

export interface DedupOptions {
  input: string;
  against?: string;
  report: string;
  review?: string;
  config?: string;
  from: InputFormat | 'auto';
  encoding: string;
  mode: ReadMode;
  rejects?: string;
}

/** The dedup report: the contract `kitap merge` and other tools read. */
export interface DedupReport {
  command: 'dedup';
  input: { path: string; sha256: string; records: number };
  against: { path: string; sha256: string; records: number } | null;
  config: unknown;
  clusters: Cluster[];
  /** Pairs a veto kept apart although they scored at least the review threshold. */
  vetoed: VetoedPair[];
  stats: Omit<DedupStats, 'phases'> & { phases: DedupStats['phases'] & { read: number }; seconds: number };
  ledger: ReturnType<Ledger['toJSON']>;
}

/** Finds duplicate records in a file (and against a catalog), clusters them and explains every decision. */
export async function runDedup(options: DedupOptions, io: Io): Promise<DedupReport> {
  const started = Date.now();
  const { config, path: configPath } = dedupSettings(options.config);
  const run = new DedupRun(config);
  const ledger = new Ledger();
  const rejectsPath = options.rejects ?? `${options.report}.rejects.ndjson`;
  requireDistinct('dedup', [['input', options.input], ['--against catalog', options.against]], [['--report', options.report], ['--review', options.review], ['--rejects', rejectsPath]]);
  const rejects = new LazyRejectFile(rejectsPath);
  const progress = new Progress('dedup');
  const readInto = async (path: string, source: 'input' | 'against'): Promise<{ path: string; sha256: string; records: number }> => {
    const input = new HashingInput(path);
    const stage = ledger.stage(source === 'input' ? 'read' : 'read against');
    for await (const item of readRecords(input, { format: options.from, file: path, encoding: options.encoding, mode: options.mode })) {
      stage.in++;
      progress.tick(stage.in);
      if (item.kind === 'reject') {
        stage.rejected++;
        ledger.countReject(item.reject.code);
        await rejects.add(item.reject);
        continue;
      }
      run.add(item.record, item.record.place.index ?? stage.in - 1, source);
      stage.out++;
    }
    return { path, sha256: input.sha256(), records: stage.in };
  };
  try {
    const input = await readInto(options.input, 'input');
    const against = options.against === undefined ? null : await readInto(options.against, 'against');
    const readSeconds = Math.round(Date.now() - started) / 1000;
    const { clusters, vetoed, stats } = run.finish();
    progress.done();
    const report: DedupReport = {
      command: 'dedup',
      input,
      against,
      config,
      clusters,
      vetoed,
      stats: { ...stats, phases: { read: readSeconds, ...stats.phases }, seconds: Math.round((Date.now() - started) / 100) / 10 },
      ledger: ledger.toJSON(),
    };
    // Written a cluster at a time: at a million records the report is hundreds of MB of text.
    await writeJsonStreamed(options.report, { ...report }, 1, ['clusters', 'vetoed']);
    if (options.review) {
      const rows = clusters.flatMap((c) => reviewRows(c, (m) => run.featuresOf(m.index, m.source ?? 'input')));
      await writeReviewFile(options.review, rows);
    }
    await rejects.close();
    io.err(`kitap dedup: ${options.input}${options.against ? ` against ${options.against}` : ''}${configPath ? ` (config ${configPath})` : ''}`);
    io.err(`  ${stats.records} records${options.against ? ` + ${stats.againstRecords} in the catalog` : ''}; ${stats.candidatePairs} candidate pairs from ${stats.blocks} shared keys${stats.oversizedBlocks ? ` (${stats.oversizedBlocks} keys shared by more than ${config.maxBlock} records skipped)` : ''}`);
    io.err(`  ${stats.matchClusters} clusters to merge automatically, ${stats.reviewClusters} for review (${stats.recordsInClusters} records); ${stats.vetoedPairs} pairs kept apart by a veto`);
    for (const line of ledger.format()) io.err(`  ledger ${line}`);
    io.err(`  report: ${options.report}${options.review ? `; review list: ${options.review}` : ''}`);
    if (rejects.count) io.err(`  rejects: ${rejects.path}`);
    if (ledger.unbalanced().length) throw new KitapError('E_LEDGER', `stages ${ledger.unbalanced().join(', ')} do not balance`);
    return report;
  } catch (error) {
    progress.done();
    await rejects.abort();
    throw error;
  } finally {
    run.close();
  }
}
