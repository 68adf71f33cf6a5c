/**
 * A cache of what a function gives for a text. Act files repeat the same few
 * texts on thousands of rows (the reason, the library, the date, the act's
 * totals), and reading each of them again costs more than looking it up.
 */

/** The most texts one cache keeps; past it the cache starts again (a file full of distinct texts must not grow memory). */
export const TEXT_CACHE_LIMIT = 4096;

/** `read` with its results kept per text (undefined results too). */
export function cachedByText<T>(read: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text: string): T => {
    if (cache.has(text)) return cache.get(text) as T;
    const value = read(text);
    if (cache.size >= TEXT_CACHE_LIMIT) cache.clear();
    cache.set(text, value);
    return value;
  };
}
