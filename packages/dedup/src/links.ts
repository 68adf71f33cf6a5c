/**
 * Scored pairs kept for clustering: two record numbers and a score each, in
 * typed arrays (about 20 bytes a pair). Their explanations are not kept:
 * scoring is deterministic, so the few pairs that join a cluster are scored
 * again with explanations when the report is made.
 */
export class Links {
  #a = new Int32Array(1024);
  #b = new Int32Array(1024);
  #score = new Float64Array(1024);
  /** 0 for a match, 1 for a doubtful pair. */
  #review = new Uint8Array(1024);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(a: number, b: number, score: number, review = false): void {
    if (this.#length === this.#a.length) {
      const size = this.#length * 2;
      this.#a = grown(this.#a, new Int32Array(size));
      this.#b = grown(this.#b, new Int32Array(size));
      this.#score = grown(this.#score, new Float64Array(size));
      this.#review = grown(this.#review, new Uint8Array(size));
    }
    this.#a[this.#length] = a;
    this.#b[this.#length] = b;
    this.#score[this.#length] = score;
    this.#review[this.#length] = review ? 1 : 0;
    this.#length++;
  }

  a(i: number): number {
    return this.#a[i]!;
  }

  b(i: number): number {
    return this.#b[i]!;
  }

  score(i: number): number {
    return this.#score[i]!;
  }

  review(i: number): boolean {
    return this.#review[i] === 1;
  }

  /** Positions in the order clusters grow: matches first, then doubtful pairs; strongest first; then by a, then b. */
  clusteringOrder(): Uint32Array {
    const order = new Uint32Array(this.#length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    const review = this.#review;
    const score = this.#score;
    const a = this.#a;
    const b = this.#b;
    return order.sort((x, y) => review[x]! - review[y]! || score[y]! - score[x]! || a[x]! - a[y]! || b[x]! - b[y]!);
  }
}

function grown<T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
