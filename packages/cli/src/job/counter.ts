/** Counts by key, printed sorted by key so reports are deterministic. */
export class Counter {
  private readonly counts = new Map<string, number>();

  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  get total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** [key, count] pairs sorted by key. */
  entries(): [string, number][] {
    return [...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** As a JSON object (note: JSON puts integer-like keys such as "245" first; use entries() where order matters). */
  toJSON(): Record<string, number> {
    return Object.fromEntries(this.entries());
  }

  /** "E_FIELD_BOUNDS 2, E_TRUNCATED 1" */
  format(): string {
    const entries = this.entries();
    return entries.length ? entries.map(([k, n]) => `${k} ${n}`).join(', ') : 'none';
  }
}
