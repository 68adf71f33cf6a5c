/**
 * Groups of equal keys from groups of equal hashes. Hash groups come ordered
 * by their first item; most hold one key, and come out as they are. A hash
 * shared by different keys (a collision) splits into groups whose first items
 * come later: each waits until no earlier group can come, so the groups come
 * out ordered by their first item all the same. Groups of one item are left
 * out (a key of a collision seen once is no duplicate).
 */
export function* keyGroups<T>(hashGroups: Iterable<readonly number[]>, keyOf: (item: number) => string, entryOf: (item: number) => T): Generator<{ key: string; entries: T[] }> {
  const waiting: { first: number; key: string; entries: T[] }[] = [];
  for (const items of hashGroups) {
    const byKey = new Map<string, { first: number; key: string; entries: T[] }>();
    for (const item of items) {
      const key = keyOf(item);
      let group = byKey.get(key);
      if (group === undefined) {
        group = { first: item, key, entries: [] };
        byKey.set(key, group);
      }
      group.entries.push(entryOf(item));
    }
    while (waiting.length && waiting[0]!.first < items[0]!) yield out(waiting.shift()!);
    if (byKey.size === 1) {
      const only = byKey.values().next().value!;
      if (only.entries.length > 1) yield out(only);
      continue;
    }
    for (const group of byKey.values()) if (group.entries.length > 1) waiting.push(group);
    waiting.sort((a, b) => a.first - b.first);
  }
  for (const group of waiting) yield out(group);
}

function out<T>(group: { key: string; entries: T[] }): { key: string; entries: T[] } {
  return { key: group.key, entries: group.entries };
}
