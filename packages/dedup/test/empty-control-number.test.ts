import { type MarcRecord, readMrk } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { blockingKeys, dedupConfigSchema, recordFeatures, scorePair } from '../src/index.js';

async function records(text: string): Promise<MarcRecord[]> {
  const out: MarcRecord[] = [];
  for await (const item of readMrk(Buffer.from(`${text.trim()}\n`), { mode: 'lenient' })) if (item.kind === 'record') out.push(item.record);
  return out;
}
const config = dedupConfigSchema.parse({});
const rec = (id: string) => `=LDR  00000nam a2200000 i 4500
=001  ${id}
=035  \\\\$a(OCoLC)
=035  \\\\$a(OCoLC)555123
=245  10$aАбай жолы`;

describe('an 035 that is only an agency prefix', () => {
  it('does not hide a control number both records share', async () => {
    const [a, b] = (await records(`${rec('X-1')}\n\n${rec('Y-1')}`)).map((r, i) => recordFeatures(r, i));
    // '' is the first shared number, so the shared 555123 earns no points …
    expect(scorePair(a!, b!, config.weights).reasons.map((r) => r.feature)).toContain('control-number');
  });

  it('does not make every such record share the key "c:"', async () => {
    const [a] = (await records(rec('X-1'))).map((r, i) => recordFeatures(r, i));
    // … and '' is kept as a control number, so every such record shares one key (a block up to maxBlock).
    expect(blockingKeys(a!)).not.toContain('c:');
  });
});
