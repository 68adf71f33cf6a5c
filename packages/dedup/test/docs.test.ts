import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUTHOR_BLOCK, dedupConfigSchema } from '../src/index.js';

const page = readFileSync(fileURLToPath(new URL('../../../docs/dedup.md', import.meta.url)), 'utf8');
const d = dedupConfigSchema.parse({});
const signed = (n: number): string => (n > 0 ? `+${n.toFixed(2)}` : `−${Math.abs(n).toFixed(2)}`);

describe('docs/dedup.md states the defaults the code has', () => {
  it('thresholds, block sizes and the n-gram tier', () => {
    expect(page).toContain(`\`match\` at or above \`matchThreshold\` (${d.matchThreshold})`);
    expect(page).toContain(`above \`reviewThreshold\` (${d.reviewThreshold})`);
    expect(page).toContain(`(default ${d.maxBlock})`);
    expect(page).toContain(`first author + year (blocks of at most ${AUTHOR_BLOCK})`);
    expect(d.ngramKeys).toBe(false);
  });

  it('the weights table', () => {
    const w = d.weights;
    expect(page).toContain(`| same ISBN | ${signed(w.isbnShared)} (both have ISBNs, none shared: ${signed(w.isbnConflict)}) |`);
    expect(page).toContain(`| a control number in both (001 / 035) | ${signed(w.controlNumberShared)} |`);
    expect(page).toContain(`up to ${signed(w.title)}, from similarity ${w.titleFloor.toFixed(2)} (0) to 1 (all)`);
    expect(page).toContain(`| same first author | ${signed(w.authorSame)} (different: ${signed(w.authorDifferent)}) |`);
    expect(page).toContain(`| same year | ${signed(w.yearSame)} |`);
    expect(page).toContain(`| similar publisher | ${signed(w.publisherSame)} (different: ${signed(w.publisherDifferent)}) |`);
    expect(page).toContain(`| pages within ±${w.pagesTolerance} | ${signed(w.pagesClose)} (further apart: ${signed(w.pagesFar)}) |`);
    expect(page).toContain(`| different language | ${signed(w.languageDifferent)} |`);
  });
});
