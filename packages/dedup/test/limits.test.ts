import { KitapError } from '@kitap/core';
import { type MarcRecord, readMrk } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { DedupRun, dedupConfigSchema } from '../src/index.js';
import { KeyRows, MAX_RECORDS } from '../src/key-rows.js';

async function records(text: string): Promise<MarcRecord[]> {
  const out: MarcRecord[] = [];
  for await (const item of readMrk(Buffer.from(`${text.trim()}\n`), { mode: 'strict' })) if (item.kind === 'record') out.push(item.record);
  return out;
}

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (error) {
    return error instanceof KitapError ? error.code : `not a KitapError: ${String(error)}`;
  }
  return undefined;
};

describe('what a run beyond its limits tells the user', () => {
  it('more than 16,777,216 records is E_DEDUP_LIMIT', () => {
    const rows = new KeyRows();
    rows.add(MAX_RECORDS - 1, 'i:1');
    expect(codeOf(() => rows.add(MAX_RECORDS, 'i:1'))).toBe('E_DEDUP_LIMIT');
  });

  it('a record with more than 65,535 control numbers is E_DEDUP_LIMIT naming the record', async () => {
    const lines = ['=LDR  00000nam a2200000 i 4500', '=001  BIG-1', '=245  10$aАбай жолы'];
    for (let i = 0; i < 65_536; i++) lines.push(`=035  \\\\$a(KZ)${i}`);
    const [big] = await records(lines.join('\n'));
    const run = new DedupRun(dedupConfigSchema.parse({}));
    try {
      run.add(big!, 4);
      expect.unreachable('the record was taken');
    } catch (error) {
      expect(error).toBeInstanceOf(KitapError);
      expect((error as KitapError).code).toBe('E_DEDUP_LIMIT');
      expect((error as KitapError).message).toMatch(/^record 5 \(001 BIG-1\) has more than 65,535/);
    } finally {
      run.close();
    }
  }, 60_000);
});
