/**
 * Precision and recall of `kitap dedup` against a labelled truth (pairs of
 * records that describe the same edition), counted over pairs:
 *
 * - precision of `match`: of the pairs inside `match` clusters, how many are
 *   truly the same edition;
 * - recall of `match` + `review`: of the true pairs, how many ended inside any
 *   cluster (a person sees every `review` cluster);
 * - hard negatives (other volumes, editions, translations …) found inside a
 *   cluster, which should never happen.
 */
export interface TruthLike {
  clusters: { members: number[] }[];
  hardNegatives: { a: number; b: number; kind: string }[];
}

export interface ClusterLike {
  decision: 'match' | 'review';
  members: { index: number; source?: string }[];
}

export interface Quality {
  truePairs: number;
  matchPairs: number;
  matchPairsCorrect: number;
  reviewPairs: number;
  precisionMatch: number;
  recallMatch: number;
  recallMatchReview: number;
  hardNegativesJoined: number;
  hardNegativesByKind: Record<string, number>;
}

const key = (a: number, b: number): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

function pairsOf(members: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) out.push(key(members[i]!, members[j]!));
  return out;
}

export function dedupQuality(clusters: readonly ClusterLike[], truth: TruthLike): Quality {
  const truePairs = new Set(truth.clusters.flatMap((c) => pairsOf(c.members)));
  const matchPairs = new Set<string>();
  const anyPairs = new Set<string>();
  for (const c of clusters) {
    const members = c.members.filter((m) => m.source !== 'against').map((m) => m.index);
    for (const p of pairsOf(members)) {
      anyPairs.add(p);
      if (c.decision === 'match') matchPairs.add(p);
    }
  }
  let matchCorrect = 0;
  for (const p of matchPairs) if (truePairs.has(p)) matchCorrect++;
  let foundMatch = 0;
  let foundAny = 0;
  for (const p of truePairs) {
    if (matchPairs.has(p)) foundMatch++;
    if (anyPairs.has(p)) foundAny++;
  }
  const byKind: Record<string, number> = {};
  let joined = 0;
  for (const h of truth.hardNegatives) {
    if (anyPairs.has(key(h.a, h.b))) {
      joined++;
      byKind[h.kind] = (byKind[h.kind] ?? 0) + 1;
    }
  }
  return {
    truePairs: truePairs.size,
    matchPairs: matchPairs.size,
    matchPairsCorrect: matchCorrect,
    reviewPairs: anyPairs.size - matchPairs.size,
    precisionMatch: matchPairs.size ? matchCorrect / matchPairs.size : 1,
    recallMatch: truePairs.size ? foundMatch / truePairs.size : 1,
    recallMatchReview: truePairs.size ? foundAny / truePairs.size : 1,
    hardNegativesJoined: joined,
    hardNegativesByKind: byKind,
  };
}
