/**
 * Union–find over record positions that refuses to join two groups when any
 * pair across them is vetoed: a chain of near matches (A~B, B~C) never puts
 * together two records a veto keeps apart (A vs C: other volume).
 */
export class VetoedUnionFind {
  readonly #parent = new Map<number, number>();
  readonly #members = new Map<number, number[]>();

  constructor(private readonly vetoed: (a: number, b: number) => boolean) {}

  find(x: number): number {
    let root = x;
    while (this.#parent.has(root) && this.#parent.get(root) !== root) root = this.#parent.get(root)!;
    let node = x;
    while (node !== root) {
      const next = this.#parent.get(node)!;
      this.#parent.set(node, root);
      node = next;
    }
    return root;
  }

  members(x: number): number[] {
    return this.#members.get(this.find(x)) ?? [x];
  }

  /** Joins the groups of `a` and `b`; false (and nothing changes) when a veto forbids it. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return true;
    const ma = this.members(ra);
    const mb = this.members(rb);
    for (const x of ma) for (const y of mb) if (this.vetoed(x, y)) return false;
    const [root, child] = ma.length >= mb.length ? [ra, rb] : [rb, ra];
    this.#parent.set(child, root);
    this.#parent.set(root, root);
    this.#members.set(root, [...ma, ...mb].sort((p, q) => p - q));
    this.#members.delete(child);
    return true;
  }

  /** Every group of two or more, each sorted, ordered by its first member. */
  groups(): number[][] {
    return [...this.#members.values()].filter((m) => m.length > 1).sort((p, q) => p[0]! - q[0]!);
  }
}
