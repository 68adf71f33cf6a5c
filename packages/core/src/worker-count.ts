import { availableParallelism, loadavg } from 'node:os';

/** What decides the number of worker threads (each taken from the machine when absent). */
export interface WorkerCountOptions {
  /** `KITAP_WORKERS`. */
  given?: string | undefined;
  cores?: number;
  /** The load average of the last minute. */
  load?: number;
  /**
   * Cores other processes kept busy while the job ran so far (`otherCoresBusy`), when it could be
   * measured: it then decides instead of the load average.
   */
  others?: number | undefined;
  /** Workers a job starts by default, however many cores there are (each holds its own heap). */
  defaultMax: number;
}

/**
 * How many worker threads a kitap job starts, one rule for every job that
 * has them (lint, fix, inventory's classification): `KITAP_WORKERS` when set
 * (0 for none; at most one per core; anything not a number is none).
 * Otherwise one per core, up to the job's `defaultMax`, on a machine of two
 * cores or more that is not already busy, else none. Handing work to a thread
 * and back costs CPU, which pays only when the workers get cores of their own:
 * with other jobs keeping every core busy they were slower than none
 * (docs/benchmarks.md). "Not busy" is other processes keeping less than
 * half a core busy on two cores (less than cores − 1.5) while the job ran so
 * far (`others`, measured from /proc/stat) when that could be measured, else
 * a load average below the number of cores. The load average
 * decays slowly: it counts jobs that have ended, kitap's own included (two
 * `kitap lint` runs in a row put it above 2 on two cores, and the second ran
 * without workers, 20% slower); some virtual machines account no idle time,
 * so it stays the fallback.
 */
export function workerCount(options: WorkerCountOptions): number {
  const { given = process.env.KITAP_WORKERS, cores = availableParallelism(), defaultMax } = options;
  if (given === undefined || given.trim() === '') {
    if (cores < 2) return 0;
    if (options.others !== undefined) return options.others < cores - 1.5 ? Math.min(cores, defaultMax) : 0;
    const load = options.load ?? loadavg()[0] ?? 0;
    return load < cores ? Math.min(cores, defaultMax) : 0;
  }
  const asked = Math.floor(Number(given)) || 0;
  return Math.max(0, Math.min(asked, cores));
}
