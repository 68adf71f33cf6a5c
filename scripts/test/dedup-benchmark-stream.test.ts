/**
 * The streamed labelled benchmark (streamDedupBenchmark, for the 1,000,000-record
 * measurement): parts that continue one another, a truth in file positions
 * within each part, the same bytes for the same options, and totals that add up.
 */
import { describe, expect, it } from 'vitest';
import { type MarcRecord, writeIso2709 } from '../../packages/marc/src/index.js';
import { type DedupBenchmark, type DedupBenchmarkStats, addStats, streamDedupBenchmark } from '../fixtures/dedup-benchmark-data.js';

const OPTIONS = { seed: 9, editions: 600, chunk: 250 };

const iso = (records: readonly MarcRecord[]): Buffer => Buffer.concat(records.map((r) => writeIso2709(r)));

describe('streamDedupBenchmark', () => {
  const parts: DedupBenchmark[] = [...streamDedupBenchmark(OPTIONS)];

  it('makes the editions chunk by chunk, each part continuing the file positions and the cluster numbers of the one before', () => {
    expect(parts.map((p) => p.stats.generatedEditions)).toEqual([250, 250, 100]);
    let start = 0;
    let cluster = 0;
    for (const part of parts) {
      const end = start + part.records.length;
      for (const c of part.truth) {
        cluster++;
        expect(c.id).toBe(`c${String(cluster).padStart(4, '0')}`);
        for (const m of c.members) expect(m >= start && m < end).toBe(true);
      }
      for (const n of part.hardNegatives) expect(n.a >= start && n.b < end && n.a < n.b).toBe(true);
      start = end;
    }
  });

  it('numbers the control numbers on across parts: no two records share a 001', () => {
    const ids = parts.flatMap((p) => p.records.map((r) => r.controlValue('001')));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('adds the parts’ statistics up', () => {
    const total = parts.map((p) => p.stats).reduce((sum: DedupBenchmarkStats, s) => addStats(sum, s));
    expect(total.records).toBe(parts.reduce((n, p) => n + p.records.length, 0));
    expect(total.editions).toBe(OPTIONS.editions);
    expect(total.clusters).toBe(parts.reduce((n, p) => n + p.truth.length, 0));
    expect(total.hardNegatives).toBe(parts.reduce((n, p) => n + p.hardNegatives.length, 0));
    expect(Object.values(total.clusterSizes).reduce((a, b) => a + b, 0)).toBe(total.clusters);
    expect(total.seed).toBe(OPTIONS.seed);
  });

  it('gives the same bytes and truth for the same options', () => {
    const again = [...streamDedupBenchmark(OPTIONS)];
    expect(iso(again.flatMap((p) => p.records)).equals(iso(parts.flatMap((p) => p.records)))).toBe(true);
    expect(JSON.stringify(again.map((p) => [p.truth, p.hardNegatives]))).toBe(JSON.stringify(parts.map((p) => [p.truth, p.hardNegatives])));
  });
});
