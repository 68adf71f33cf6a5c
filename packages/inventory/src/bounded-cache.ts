/**
 * A cache of at most twice `size` entries that keeps the recently used ones:
 * entries go into a young generation; when it holds `size` entries it becomes
 * the old one (the previous old one is dropped), and an old entry that is
 * used again moves back into the young one. Memory does not grow with the
 * input, and a run of rows that repeat what came a little earlier keeps
 * hitting (emptying a full cache at once would start it over from nothing).
 */
export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly size: number) {}

  get(key: K): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.size) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  /** The cached value, or `make(key)` kept for next time. */
  through(key: K, make: (key: K) => V): V {
    let value = this.get(key);
    if (value === undefined) {
      value = make(key);
      this.set(key, value);
    }
    return value;
  }
}
