import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FaultPlan } from '../../src/stand-in/fault-plan.js';
import { formatFaults, parseFaultSpec, resolveFaults, type FaultSpec } from '../../src/stand-in/fault-spec.js';

describe('the text form of a fault spec', () => {
  it('reads the example of `kitap rabis serve --help`', () => {
    expect(parseFaultSpec('latency=20-80ms,error500=5%,error429=2%,drop=2%,expireToken=after:300,slowBody=1%')).toEqual({
      latency: { minMs: 20, maxMs: 80 },
      error500: 0.05,
      error429: 0.02,
      drop: 0.02,
      expireTokenAfter: 300,
      slowBody: 0.01,
    });
  });

  it('reads units, single latencies, fractions and the tuning keys', () => {
    expect(parseFaultSpec(' latency = 1.5s , error500=0.1, retryAfter=3s, dropAfterCommit=100%, slowBodyChunks=4, slowBodyDelay=20ms, seed=42 ')).toEqual({
      latency: { minMs: 1500, maxMs: 1500 },
      error500: 0.1,
      retryAfterSeconds: 3,
      dropAfterCommit: 1,
      slowBodyChunks: 4,
      slowBodyDelayMs: 20,
      seed: 42,
    });
    expect(parseFaultSpec('latency=500ms-2s').latency).toEqual({ minMs: 500, maxMs: 2000 });
    expect(parseFaultSpec('expireToken=10').expireTokenAfter).toBe(10);
    expect(parseFaultSpec('')).toEqual({});
  });

  it('refuses what it cannot read with E_USAGE naming the item', () => {
    const refused = (text: string) => {
      try {
        parseFaultSpec(text);
      } catch (error) {
        return error as { code: string; message: string };
      }
      throw new Error(`accepted ${text}`);
    };
    expect(refused('error503=5%')).toMatchObject({ code: 'E_USAGE', message: expect.stringContaining('unknown fault "error503"') });
    expect(refused('drop=150%').message).toContain('"drop=150%"');
    expect(refused('latency=80-20ms').message).toContain('latency: the minimum is above the maximum');
    expect(refused('drop=60%,error500=50%').message).toContain('more than 100%');
    expect(refused('expireToken=soon').message).toContain('after:N');
    expect(refused('slowBody').message).toContain('key=value');
  });

  it('writes back what it reads (resolved specs survive format → parse)', () => {
    const share = fc.integer({ min: 0, max: 3300 }).map((bp) => bp / 10_000);
    const spec = fc.record(
      {
        seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        latency: fc.tuple(fc.nat(5000), fc.nat(5000)).map(([a, b]) => ({ minMs: Math.min(a, b), maxMs: Math.max(a, b) })),
        error500: share,
        error429: share,
        retryAfterSeconds: fc.nat(120),
        drop: share,
        dropAfterCommit: share,
        expireTokenAfter: fc.integer({ min: 1, max: 100_000 }),
        slowBody: share,
        slowBodyChunks: fc.integer({ min: 1, max: 64 }),
        slowBodyDelayMs: fc.nat(1000),
      },
      { requiredKeys: ['seed'] },
    );
    fc.assert(
      fc.property(spec, (s: FaultSpec) => {
        const resolved = resolveFaults(s, () => 0);
        const again = resolveFaults(parseFaultSpec(formatFaults(resolved)), () => 0);
        // What is switched off is not written, so only compare what acts.
        const acting = (r: typeof resolved) => ({
          ...r,
          retryAfterSeconds: r.error429 > 0 ? r.retryAfterSeconds : null,
          dropAfterCommit: r.drop > 0 ? r.dropAfterCommit : null,
          slowBodyChunks: r.slowBody > 0 ? r.slowBodyChunks : null,
          slowBodyDelayMs: r.slowBody > 0 ? r.slowBodyDelayMs : null,
        });
        expect(acting(again)).toEqual(acting(resolved));
      }),
    );
  });
});

describe('the fault plan', () => {
  it('gives the same faults for the same seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const faults = resolveFaults({ seed, latency: { minMs: 20, maxMs: 80 }, error500: 0.05, drop: 0.02, slowBody: 0.01 }, () => 0);
        const a = new FaultPlan(faults);
        const b = new FaultPlan(faults);
        for (let i = 0; i < 50; i++) expect(a.next()).toEqual(b.next());
      }),
      { numRuns: 30 },
    );
  });

  it('keeps latencies in their range and hits the asked shares', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const plan = new FaultPlan(resolveFaults({ seed, latency: { minMs: 20, maxMs: 80 }, error500: 0.05, error429: 0.02, drop: 0.02, slowBody: 0.01 }, () => 0));
        const n = 4000;
        const count = { ok: 0, error500: 0, error429: 0, drop: 0, slow: 0 };
        for (let i = 0; i < n; i++) {
          const f = plan.next();
          expect(f.delayMs).toBeGreaterThanOrEqual(20);
          expect(f.delayMs).toBeLessThanOrEqual(80);
          count[f.outcome]++;
          if (f.slowBody) count.slow++;
        }
        // Binomial spread at n = 4000 is under 0.4 points for these shares; allow 2.
        expect(Math.abs(count.error500 / n - 0.05)).toBeLessThan(0.02);
        expect(Math.abs(count.error429 / n - 0.02)).toBeLessThan(0.02);
        expect(Math.abs(count.drop / n - 0.02)).toBeLessThan(0.02);
        expect(count.error500).toBeGreaterThan(0);
        expect(count.slow).toBeGreaterThan(0);
      }),
      { numRuns: 10 },
    );
  });

  it('injects nothing without a spec', () => {
    const plan = new FaultPlan(resolveFaults(undefined, () => 7));
    for (let i = 0; i < 1000; i++) expect(plan.next()).toMatchObject({ delayMs: 0, outcome: 'ok', slowBody: false });
    expect(plan.faults.seed).toBe(7);
  });
});
