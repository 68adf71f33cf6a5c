import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../src/bounded-cache.js';

describe('BoundedCache', () => {
  it('forgets what was not used for two generations, and keeps what is used again', () => {
    const cache = new BoundedCache<number, string>(3);
    for (const n of [1, 2, 3]) cache.set(n, `v${n}`);
    // 4 starts a new generation; 1 is used again and moves into it
    cache.set(4, 'v4');
    expect(cache.get(1)).toBe('v1');
    for (const n of [5, 6, 7]) cache.set(n, `v${n}`);
    expect(cache.get(1)).toBe('v1');
    expect(cache.get(2)).toBeUndefined();
    expect(cache.get(3)).toBeUndefined();
    expect(cache.get(7)).toBe('v7');
  });

  it('makes a missing value once and hands back the kept one after', () => {
    const cache = new BoundedCache<string, { text: string }>(10);
    let made = 0;
    const make = (text: string) => {
      made++;
      return { text };
    };
    const first = cache.through('Абай жолы', make);
    expect(cache.through('Абай жолы', make)).toBe(first);
    expect(made).toBe(1);
  });

  it('holds the last two generations only, however many entries went through it', () => {
    const cache = new BoundedCache<number, number>(100);
    for (let n = 0; n < 10_000; n++) cache.set(n, n);
    expect(cache.get(9_999)).toBe(9_999);
    expect(cache.get(9_800)).toBe(9_800);
    expect(cache.get(9_799)).toBeUndefined();
    expect(cache.get(0)).toBeUndefined();
  });
});
