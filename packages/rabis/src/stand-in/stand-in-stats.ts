/** What the stand-in has seen and done since it started, for tests to check faults and exactly-once delivery. */
export interface StandInStats {
  /** The PRNG seed of the fault plan: pass it back as `faults.seed` to replay a run. */
  seed: number;
  /** Requests received (all of them, faulty or not). */
  requests: number;
  /** Answers sent, by HTTP status ("200", "401", "429"…); dropped requests have none. */
  byStatus: Record<string, number>;
  /** Faults injected. */
  faults: {
    /** Requests delayed, and the least, greatest and total delay in ms. */
    latency: { count: number; minMs: number; maxMs: number; totalMs: number };
    error429: number;
    error500: number;
    /** Connections destroyed before anything was done. */
    drop: number;
    /** Import requests whose connection was destroyed after the import was committed. */
    dropAfterCommit: number;
    /** Requests refused because their token was used more than `expireTokenAfter` times. */
    expiredToken: number;
    slowBody: number;
  };
  /** The import route. */
  imports: {
    /** Import requests handled (committed), not counting replays. */
    batches: number;
    /** Of them, requests of the ISO2709 import route. */
    iso2709Batches: number;
    /** Requests answered from the stored answer of their `Idempotency-Key`. */
    replayed: number;
    /** Records, by the status they were answered with (replays not counted). */
    created: number;
    exists: number;
    rejected: number;
  };
  /** Records and copies in the store now (preloaded ones included). */
  ebooks: number;
  copies: number;
}

/** A fresh, zeroed set of counters (without the store counts). */
export function emptyStats(seed: number): Omit<StandInStats, 'ebooks' | 'copies'> {
  return {
    seed,
    requests: 0,
    byStatus: {},
    faults: { latency: { count: 0, minMs: 0, maxMs: 0, totalMs: 0 }, error429: 0, error500: 0, drop: 0, dropAfterCommit: 0, expiredToken: 0, slowBody: 0 },
    imports: { batches: 0, iso2709Batches: 0, replayed: 0, created: 0, exists: 0, rejected: 0 },
  };
}
