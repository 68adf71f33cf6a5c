import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CpuTimes, cpuTimes, otherCoresBusy } from '../src/index.js';

/** A reading: ms when, machine idle and total ticks, this process's CPU in ms. */
const at = (ms: number, idle: number, total: number, ownMs = 0): CpuTimes => ({ idle, total, own: ownMs * 1000, at: ms });

describe('cores other processes kept busy between two readings of /proc/stat', () => {
  it("is the machine's busy time less this process's own, over the time that passed", () => {
    // 200 ms on 2 cores: 40 ticks, 20 busy (200 ms of CPU), all of it this process's → nobody else.
    expect(otherCoresBusy(at(0, 1000, 5000), at(200, 1020, 5040, 200), 2)).toBeCloseTo(0);
    // 38 busy ticks (380 ms), 200 ms of it ours → 0.9 of a core to others.
    expect(otherCoresBusy(at(0, 1000, 5000), at(200, 1002, 5040, 200), 2)).toBeCloseTo(0.9);
    // this process's compiler and collector threads count as its own, never as others'
    expect(otherCoresBusy(at(0, 1000, 5000), at(200, 1002, 5040, 380), 2)).toBeCloseTo(0);
  });

  it('cannot tell over too short a window, or where idle time is not accounted', () => {
    expect(otherCoresBusy(at(0, 1000, 5000), at(20, 1002, 5004), 2)).toBeUndefined();
    // 1 s on 2 cores should count ~200 ticks: 60 means the machine does not account its idle time.
    expect(otherCoresBusy(at(0, 1000, 5000), at(1000, 1000, 5060), 2)).toBeUndefined();
    expect(otherCoresBusy(undefined, at(1000, 1000, 5060), 2)).toBeUndefined();
  });

  it.runIf(existsSync('/proc/stat'))('reads this machine (Linux)', () => {
    const before = cpuTimes();
    expect(before).toBeDefined();
    const end = performance.now() + 120;
    while (performance.now() < end);
    const after = cpuTimes()!;
    expect(after.total).toBeGreaterThan(before!.total);
    expect(after.idle).toBeGreaterThanOrEqual(before!.idle);
    expect(after.total - after.idle).toBeGreaterThan(0);
    // 120 ms of this process's own spinning is its own, not another process's
    expect(after.own - before!.own).toBeGreaterThanOrEqual(100_000);
    const others = otherCoresBusy(before, after, 2);
    if (others !== undefined) expect(others).toBeLessThanOrEqual(2);
  });
});
