import { readFileSync } from 'node:fs';

/** The machine's CPU time so far, from /proc/stat (clock ticks, all cores), this process's, and when they were read. */
export interface CpuTimes {
  idle: number;
  total: number;
  /** This process's CPU time so far (every thread), in microseconds. */
  own: number;
  /** performance.now() when it was read. */
  at: number;
}

/** Clock ticks a second in /proc/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** The machine's and this process's CPU times now; undefined where /proc/stat cannot be read (not Linux). */
export function cpuTimes(): CpuTimes | undefined {
  let line: string;
  try {
    line = readFileSync('/proc/stat', 'latin1').slice(0, 256).split('\n', 1)[0]!;
  } catch {
    return undefined;
  }
  if (!line.startsWith('cpu ')) return undefined;
  const ticks = line.slice(4).trim().split(/\s+/).map(Number);
  if (ticks.length < 4 || ticks.some((t) => !Number.isFinite(t))) return undefined;
  // user nice system idle iowait irq softirq steal (guest time is counted in user already)
  const total = ticks.slice(0, 8).reduce((sum, t) => sum + t, 0);
  const usage = process.cpuUsage();
  return { idle: ticks[3]! + (ticks[4] ?? 0), total, own: usage.user + usage.system, at: performance.now() };
}

/**
 * The CPU times when this module was first loaded, early in the process (the
 * command-line tool loads it before anything else of kitap): a job that
 * starts its threads with its first record measures how busy the machine was
 * since then, while its modules loaded.
 */
export const processStartCpu: CpuTimes | undefined = cpuTimes();

/**
 * How many cores other processes kept busy, on average, between `since` and
 * `now`: the machine's busy time less this process's own (its threads, its
 * compiler and garbage collector included), over the time that passed.
 * Undefined when it cannot be told: no reading, a window under ~50 ms, or a
 * machine whose idle time is not accounted (some virtual machines: the ticks
 * counted fall well short of the time that passed on every core).
 */
export function otherCoresBusy(since: CpuTimes | undefined, now: CpuTimes | undefined, cores: number): number | undefined {
  if (since === undefined || now === undefined) return undefined;
  const ticks = now.total - since.total;
  const seconds = (now.at - since.at) / 1000;
  if (ticks < 5 || seconds * TICKS_PER_SECOND * cores < 5 || ticks < seconds * TICKS_PER_SECOND * cores * 0.5) return undefined;
  const busy = (ticks - (now.idle - since.idle)) / TICKS_PER_SECOND;
  const own = (now.own - since.own) / 1e6;
  return Math.max(0, busy - own) / seconds;
}
