import { MarcRecord, readIso2709All, writeIso2709 } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { FramePipeline } from '../src/job/frame-pipeline.js';

const built = (n: number): MarcRecord => new MarcRecord('00000nam a2200000 i 4500', [{ kind: 'control', tag: '001', value: String(n) }]);

/** Feeds `records` to a pipeline that has no workers to give; says when it asked for them and what it delivered. */
async function feed(records: MarcRecord[]): Promise<{ askedAt: number[]; delivered: number }> {
  const askedAt: number[] = [];
  let delivered = 0;
  let ordinal = 0;
  const pipeline = new FramePipeline<never>({
    start: () => {
      askedAt.push(ordinal);
      return undefined;
    },
    deliver: async (entries) => {
      delivered += entries.length;
    },
  });
  for (; ordinal < records.length; ordinal++) await pipeline.add({ kind: 'record', record: records[ordinal]! }, ordinal);
  await pipeline.finish();
  await pipeline.close();
  return { askedAt, delivered };
}

describe('handing records to worker threads', () => {
  it('starts no workers for records that were not read from ISO2709 (MARCXML, .mrk, JSON): they have no frames to hand over', async () => {
    const { askedAt, delivered } = await feed(Array.from({ length: 2500 }, (_, n) => built(n)));
    expect(askedAt).toEqual([]);
    expect(delivered).toBe(2500);
  });

  it('asks for workers once, at the first ISO2709 record after the first 2,000', async () => {
    const bytes = Buffer.concat(Array.from({ length: 2100 }, (_, n) => writeIso2709(built(n))));
    const records = (await readIso2709All(bytes)).map((item) => (item.kind === 'record' ? item.record : undefined)!);
    const { askedAt, delivered } = await feed(records);
    expect(askedAt).toEqual([2000]);
    expect(delivered).toBe(2100);
  });
});
