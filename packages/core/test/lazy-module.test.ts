import { describe, expect, it } from 'vitest';
import { lazyModule } from '../src/index.js';

describe('lazyModule', () => {
  it('loads nothing until asked, then the module itself, once', () => {
    const missing = lazyModule<unknown>(import.meta.url, 'no-such-package-kitap');
    // Made without loading: only the call fails.
    expect(() => missing()).toThrow(/no-such-package-kitap/);
    const path = lazyModule<typeof import('node:path')>(import.meta.url, 'node:path');
    expect(path().join('a', 'b')).toBe(`a${path().sep}b`);
    expect(path()).toBe(path());
  });
});
