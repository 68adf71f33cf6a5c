import { availableParallelism, loadavg } from 'node:os';

/** What decides the number of worker threads (each taken from the machine when absent). */
export interface WorkerCountOptions {
  /** `KITAP_WORKERS`. */
  given?: string | undefined;
  cores?: number;
  /** The load average of the last minute. */
  load?: number;
  /** Workers a job starts by default, however many cores there are (each holds its own heap). */
  defaultMax: number;
}

/**
 * How many worker threads a kitap job starts, one rule for every job that
 * has them (lint, fix, inventory's classification): `KITAP_WORKERS` when set
 * (0 for none; at most one per core; anything not a number is none).
 * Otherwise one per core, up to the job's `defaultMax`, on a machine of two
 * cores or more that is not already busy (its load average below its number
 * of cores), else none. Handing work to a thread and back costs CPU, which
 * pays only when the workers get cores of their own: with other jobs keeping
 * every core busy they were slower than none (docs/benchmarks.md). The load
 * average decays slowly, so right after another kitap job it is still ~1.5 on
 * two cores: a stricter bound (cores − ½) kept the workers off in such runs.
 * (The cores' idle times would tell better, but the virtual machine the
 * benchmarks run on reports none.)
 */
export function workerCount(options: WorkerCountOptions): number {
  const { given = process.env.KITAP_WORKERS, cores = availableParallelism(), defaultMax } = options;
  if (given === undefined || given.trim() === '') {
    const load = options.load ?? loadavg()[0] ?? 0;
    return cores >= 2 && load < cores ? Math.min(cores, defaultMax) : 0;
  }
  const asked = Math.floor(Number(given)) || 0;
  return Math.max(0, Math.min(asked, cores));
}
