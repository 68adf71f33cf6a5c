/**
 * `kitap convert` and bytes of a record's data area that no directory entry
 * covers (a field whose entry was lost): lenient mode writes the record with a
 * W_ORPHAN_DATA line in the warnings file that shows the lost bytes; skip mode
 * rejects the record with E_ORPHAN_DATA.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readIso2709All, writeIso2709 } from '@kitap/marc';
import { runCli, sampleRecord, tempDir } from './helpers.js';

/** The record's bytes with the directory entry of `tag` removed, the leader's length and base address recounted: the field's bytes stay in the data area. */
function withoutEntry(bytes: Uint8Array, tag: string): Buffer {
  const record = Buffer.from(bytes);
  const base = Number(record.toString('latin1', 12, 17));
  for (let at = 24; at < base - 1; at += 12) {
    if (record.toString('latin1', at, at + 3) !== tag) continue;
    const out = Buffer.concat([record.subarray(0, at), record.subarray(at + 12)]);
    out.write(String(out.length).padStart(5, '0'), 0, 'latin1');
    out.write(String(base - 12).padStart(5, '0'), 12, 'latin1');
    return out;
  }
  throw new Error(`the record has no ${tag}`);
}

describe('kitap convert: data no directory entry covers', () => {
  const good = [0, 1].map((n) => Buffer.from(writeIso2709(sampleRecord(n))));
  const damaged = withoutEntry(writeIso2709(sampleRecord(2)), '100'); // 100 lies between 001 and 245

  function input(dir: string): string {
    const path = join(dir, 'in.mrc');
    writeFileSync(path, Buffer.concat([good[0]!, damaged, good[1]!]));
    return path;
  }

  it('lenient: the record is written without it, and the warnings file shows what was left out', async () => {
    const dir = tempDir();
    const run = await runCli(['convert', input(dir), '-o', join(dir, 'out.mrc')]);
    expect(run.code).toBe(0);
    const warnings = readFileSync(join(dir, 'out.mrc.warnings.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(warnings).toHaveLength(1);
    const orphanAt = good[0]!.length + damaged.indexOf(Buffer.from('1 \x1faТолстой'));
    expect(warnings[0]).toMatchObject({ code: 'W_ORPHAN_DATA', index: 1, offset: orphanAt, recordId: 'KZ-000002' });
    expect(warnings[0].message).toContain('after 001, before 245');
    expect(warnings[0].message).toContain('"1 ␟aТолстой, Лев Николаевич␞"');
    const report = JSON.parse(readFileSync(join(dir, 'out.mrc.report.json'), 'utf8'));
    expect(report.counts).toMatchObject({ read: 3, written: 3, rejected: 0, repaired: 1 });
    expect(report.warningsByCode).toEqual({ W_ORPHAN_DATA: 1 });
    const written = await readIso2709All(join(dir, 'out.mrc'), { mode: 'strict' });
    expect(written.map((i) => (i.kind === 'record' ? i.record.tags : []))).toEqual([
      ['001', '100', '245', '949'],
      ['001', '245', '949'],
      ['001', '100', '245', '949'],
    ]);
  });

  it('skip: the record goes to the rejects with E_ORPHAN_DATA and its bytes', async () => {
    const dir = tempDir();
    const run = await runCli(['convert', input(dir), '-o', join(dir, 'out.mrc'), '--mode', 'skip']);
    expect(run.code).toBe(1);
    const [reject] = readFileSync(join(dir, 'out.mrc.rejects.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(reject).toMatchObject({ code: 'E_ORPHAN_DATA', index: 1, offset: good[0]!.length });
    expect(Buffer.from(reject.rawBase64, 'base64').equals(damaged)).toBe(true);
  });
});
