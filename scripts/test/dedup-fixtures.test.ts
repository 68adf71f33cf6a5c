/**
 * fixtures/dedup: generated as committed, and kitap dedup finds its duplicates
 * (precision of automatic matches 1, recall of match + review at least 0.95)
 * without ever joining a hard negative into an automatic match.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DedupRun, dedupConfigSchema } from '../../packages/dedup/src/index.js';
import { readIso2709All } from '../../packages/marc/src/index.js';
import { dedupQuality } from '../bench/dedup-quality.js';
import { buildDedupFixtures } from '../fixtures/dedup-fixtures.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('fixtures/dedup', () => {
  it('is what scripts/fixtures/dedup-fixtures.ts generates (run pnpm fixtures after changing it)', async () => {
    for (const f of (await buildDedupFixtures()).files) expect(readFileSync(join(root, 'fixtures', f.path)).equals(Buffer.from(f.bytes)), f.path).toBe(true);
  });

  it('kitap dedup finds its duplicates: precision of match 1, recall of match + review ≥ 0.95, no hard negative matched', async () => {
    const truth = JSON.parse(readFileSync(join(root, 'fixtures/dedup/truth.json'), 'utf8'));
    const run = new DedupRun(dedupConfigSchema.parse({}));
    const items = await readIso2709All(join(root, 'fixtures/dedup/catalog.mrc'), { mode: 'strict' });
    items.forEach((item, i) => {
      if (item.kind === 'record') run.add(item.record, i);
    });
    const { clusters } = run.finish();
    run.close();
    const q = dedupQuality(clusters, truth);
    expect(q.precisionMatch).toBe(1);
    expect(q.recallMatchReview).toBeGreaterThanOrEqual(0.95);
    const matched = dedupQuality(clusters.filter((c) => c.decision === 'match'), truth);
    expect(matched.hardNegativesJoined).toBe(0);
  });
});
