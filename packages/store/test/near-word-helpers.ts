import type { IndexWord } from '../src/index.js';

/** Deletion keys of one deletion, and the plain edit distance: enough for tests to find words one edit apart. */
export function deletionKeys(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

export function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

/** What nearWords should answer, worked out the plain way: every rare word of a scope against its frequent words. */
export function referenceNearWords(records: readonly { place: unknown; words: readonly IndexWord[] }[], rareMax: number, frequentMin: number): unknown[] {
  const counts = new Map<string, Map<string, { n: number; place: unknown }>>();
  for (const r of records)
    for (const w of r.words) {
      let s = counts.get(w.scope);
      if (!s) counts.set(w.scope, (s = new Map()));
      const c = s.get(w.word);
      if (c) c.n++;
      else s.set(w.word, { n: 1, place: { place: r.place, field: w.field, subfield: w.subfield } });
    }
  const near: unknown[] = [];
  for (const scope of [...counts.keys()].sort()) {
    const s = counts.get(scope)!;
    // The most frequent first, ties alphabetically: the suggestion is the first one edit away.
    const frequent = [...s.entries()].filter(([, c]) => c.n >= frequentMin).sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1));
    for (const rare of [...s.keys()].sort()) {
      const rc = s.get(rare)!;
      if (rc.n > rareMax || rc.n >= frequentMin) continue;
      const best = frequent.find(([w]) => w !== rare && distance(rare, w) === 1);
      if (best) near.push({ scope, rare, rareCount: rc.n, rarePlace: rc.place, frequent: best[0], frequentCount: best[1].n });
    }
  }
  return near;
}
