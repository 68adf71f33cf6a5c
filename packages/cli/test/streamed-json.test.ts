import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeJsonStreamed } from '../src/job/streamed-json.js';

const dir = mkdtempSync(join(tmpdir(), 'kitap-streamed-json-'));
let n = 0;
const written = async (value: Record<string, unknown>, indent: number, streamed: string[]): Promise<string> => {
  const path = join(dir, `${n++}.json`);
  await writeJsonStreamed(path, value, indent, streamed);
  return readFileSync(path, 'utf8');
};

describe('writeJsonStreamed', () => {
  it('writes the same bytes as JSON.stringify for any plain object (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.array(fc.jsonValue(), { maxLength: 20 }),
        fc.integer({ min: 1, max: 3 }),
        async (rest, list, indent) => {
          const value = { ...rest, clusters: list, vetoed: [] };
          expect(await written(value, indent, ['clusters', 'vetoed'])).toBe(JSON.stringify(value, null, indent) + '\n');
        },
      ),
      { seed: 2709, numRuns: 300 },
    );
  });

  it('leaves out undefined members and writes an array larger than one chunk', async () => {
    const clusters = Array.from({ length: 30_000 }, (_, i) => ({ id: `c${i}`, members: [{ index: i, id: null }], why: ['Әуезов «Абай жолы»\n'] }));
    const value = { command: 'dedup', skipped: undefined, clusters, stats: { n: 1 } };
    expect(await written(value, 1, ['clusters'])).toBe(JSON.stringify(value, null, 1) + '\n');
  });

  it('writes an empty object as JSON.stringify does', async () => {
    expect(await written({}, 1, [])).toBe('{}\n');
  });

  it('fails with the file system error when the folder does not exist', async () => {
    await expect(writeJsonStreamed(join(dir, 'missing', 'x.json'), { a: 1 }, 1, [])).rejects.toThrow(/ENOENT/);
  });
});
