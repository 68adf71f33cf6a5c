import type { ResolvedFaults } from './fault-spec.js';
import { seededRandom } from './seeded-random.js';

/** What goes wrong with one request: drawn once, when the request arrives. */
export interface RequestFaults {
  /** Milliseconds to wait before doing anything. */
  delayMs: number;
  /** The request's fate before it is handled: handled normally, answered 429 or 500, or its connection destroyed. */
  outcome: 'ok' | 'error429' | 'error500' | 'drop';
  /** For a dropped import: drop after committing it (the answer is lost, the records are in). */
  afterCommit: boolean;
  /** Write the body in pieces with pauses. */
  slowBody: boolean;
}

/**
 * Draws the faults of each request from the seeded PRNG, always the same
 * count of numbers per request, so the n-th request of a replayed run meets
 * the same faults whatever happened to the ones before it.
 */
export class FaultPlan {
  readonly faults: ResolvedFaults;
  readonly #random: () => number;

  constructor(faults: ResolvedFaults) {
    this.faults = faults;
    this.#random = seededRandom(faults.seed);
  }

  /** The faults of the next request. */
  next(): RequestFaults {
    const f = this.faults;
    const rLatency = this.#random();
    const rOutcome = this.#random();
    const rCommit = this.#random();
    const rSlow = this.#random();
    const delayMs = f.latency === undefined ? 0 : f.latency.minMs + Math.floor(rLatency * (f.latency.maxMs - f.latency.minMs + 1));
    let outcome: RequestFaults['outcome'] = 'ok';
    if (rOutcome < f.drop) outcome = 'drop';
    else if (rOutcome < f.drop + f.error429) outcome = 'error429';
    else if (rOutcome < f.drop + f.error429 + f.error500) outcome = 'error500';
    return { delayMs, outcome, afterCommit: rCommit < f.dropAfterCommit, slowBody: rSlow < f.slowBody };
  }
}
