import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codesMarkdown } from '../../../scripts/gen-codes-doc.js';
import { CODES } from '../src/index.js';

describe('codes', () => {
  it('docs/codes.md lists every code (regenerate with `tsx scripts/gen-codes-doc.ts`)', () => {
    const page = readFileSync(new URL('../../../docs/codes.md', import.meta.url), 'utf8');
    expect(page).toBe(codesMarkdown());
  });

  it('every code is E_ or W_ and has a sentence ending with a full stop', () => {
    for (const [code, sentence] of Object.entries(CODES)) {
      expect(code).toMatch(/^[EW]_[A-Z0-9_]+$/);
      expect(sentence).toMatch(/\.$/);
    }
  });
});
