import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MarcRecord, dataField, marcXmlEncoder, readIso2709All, subfields, writeIso2709 } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';
import { book, copies949, longMergeCatalog as catalog , slices } from './long-merge-catalog.js';

const CODE = 'W_MERGE_NOT_APPLIED_UNWRITABLE';

/** A dedup report for these input bytes, each cluster (input positions from 0) an automatic match. */
function decisions(path: string, input: Buffer | string, records: readonly MarcRecord[], clusters: Record<string, number[]>): void {
  const member = (index: number) => ({ index, id: records[index]!.controlValue('001')! });
  const list = Object.entries(clusters).map(([id, members]) => ({ id, decision: 'match', members: members.map(member) }));
  writeFileSync(path, JSON.stringify({ command: 'dedup', input: { sha256: createHash('sha256').update(input).digest('hex') }, clusters: list }));
}


function journalLines(path: string): { type: string; cluster?: string; into?: number; index?: number }[] {
  return readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

describe('kitap merge leaves apart a cluster whose merged record ISO2709 cannot hold', () => {
  it('merges the others, writes its records byte for byte, names it, exits 1, and undo gives the input back', async () => {
    const dir = tempDir();
    const records = catalog();
    const parts = records.map((r) => Buffer.from(writeIso2709(r)));
    // Each record fits; the three of c2 together do not.
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(99_999);
    expect(parts[1]!.length + parts[4]!.length).toBeGreaterThan(99_999);
    const input = join(dir, 'catalog.mrc');
    const bytes = Buffer.concat(parts);
    writeFileSync(input, bytes);
    const dedup = join(dir, 'dedup.json');
    decisions(dedup, bytes, records, { c1: [0, 2], c2: [1, 4, 5] });

    const out = join(dir, 'merged.mrc');
    const run = await runCli(['merge', input, '--decisions', dedup, '-o', out]);
    expect(run.code, run.stderr).toBe(1);

    // c1 merged: its survivor first, with every copy; c2's records (2, 5, 6) and record 4 as they were.
    const written = slices(readFileSync(out));
    expect(written).toHaveLength(5);
    const [survivor] = await readIso2709All(written[0]!);
    expect(survivor!.kind === 'record' && survivor!.record.subfieldValues('949', 'i').sort()).toEqual(['0001001', '0001002', '0001003']);
    expect(survivor!.kind === 'record' && survivor!.record.subfieldValues('035', 'z')).toEqual(['(KZ-KrCBS)KZ-101']);
    expect(written.slice(1).map((b) => b.equals(parts[1]!) || b.equals(parts[3]!) || b.equals(parts[4]!) || b.equals(parts[5]!))).toEqual([true, true, true, true]);
    expect(Buffer.concat(written.slice(1)).equals(Buffer.concat([parts[1]!, parts[3]!, parts[4]!, parts[5]!]))).toBe(true);

    // The summary names the cluster, its members and the writer's reason.
    expect(run.stderr).toContain('1 clusters merged (1 records merged away), 1 NOT merged');
    expect(run.stderr).toMatch(
      new RegExp(`${CODE}: cluster c2 not merged — record 2 \\(001 KZ-200\\), record 5 \\(001 KZ-201\\), record 6 \\(001 KZ-202\\): the merged record would be 1\\d\\d,\\d{3} bytes; ISO2709 allows 99,999 \\(E_RECORD_TOO_LONG\\)`),
    );
    expect(run.stderr).toContain('ledger merge: in 6 = out 5 + rejected 0 + filtered 1 (balanced)');
    // 949s of c1 (3) and of record 4 (1), c2's 949s (900 + 3) and 876s (560): none lost, none doubled.
    expect(run.stderr).toContain('ledger copies: in 1467 = out 1467 + rejected 0 (balanced)');

    // The report says the same, for programs.
    const report = JSON.parse(readFileSync(`${out}.report.json`, 'utf8'));
    expect(report.clusters.map((c: { cluster: string }) => c.cluster)).toEqual(['c1']);
    expect(report.counts).toMatchObject({ read: 6, written: 5, mergedAway: 1, rejected: 0, notMerged: 1 });
    expect(report.notMerged).toEqual([
      {
        code: CODE,
        cluster: 'c2',
        members: [
          { index: 1, id: 'KZ-200' },
          { index: 4, id: 'KZ-201' },
          { index: 5, id: 'KZ-202' },
        ],
        writerCode: 'E_RECORD_TOO_LONG',
        reason: expect.stringMatching(/^the merged record would be 1\d\d,\d{3} bytes; ISO2709 allows 99,999$/),
      },
    ]);
    expect(report.ledger.balanced).toBe(true);
    expect(report.ledger.stages.merge).toEqual({ in: 6, out: 5, rejected: 0, filtered: 1 });

    // The journal does not take c2 for merged: no merge line, no record of it removed.
    const journal = journalLines(`${out}.journal.jsonl`);
    expect(journal.filter((l) => l.type === 'merge').map((l) => l.cluster)).toEqual(['c1']);
    expect(journal.filter((l) => l.type === 'not-merged').map((l) => l.cluster)).toEqual(['c2']);
    expect(journal.filter((l) => l.type === 'removed').map((l) => [l.index, l.into])).toEqual([[2, 0]]);

    const restored = join(dir, 'restored.mrc');
    const undo = await runCli(['merge', '--undo', `${out}.journal.jsonl`, out, '-o', restored]);
    expect(undo.code, undo.stderr).toBe(0);
    expect(readFileSync(restored).equals(bytes)).toBe(true);
  });

  it('exits 0 with no cluster left apart when every merged record fits', async () => {
    const dir = tempDir();
    const records = catalog().slice(0, 4);
    const bytes = Buffer.concat(records.map((r) => writeIso2709(r)));
    const input = join(dir, 'catalog.mrc');
    writeFileSync(input, bytes);
    const dedup = join(dir, 'dedup.json');
    decisions(dedup, bytes, records, { c1: [0, 2] });
    const out = join(dir, 'merged.mrc');
    const run = await runCli(['merge', input, '--decisions', dedup, '-o', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain(CODE);
    const report = JSON.parse(readFileSync(`${out}.report.json`, 'utf8'));
    expect(report.notMerged).toEqual([]);
    expect(report.counts.notMerged).toBe(0);
  });

  it('leaves apart a cluster whose merged record the writer refuses for an ESC, rather than reject the survivor and lose the merged-away copies', async () => {
    const dir = tempDir();
    const records = [
      book('KZ-600', 'Көшпенділер', 'Есенберлин, Ілияс', 2017, copies949(6001, 2), [dataField('500', ' ', ' ', subfields('a', 'Сыйға тартылған\x1b кітап.'))]),
      book('KZ-601', 'Көшпенділер', 'Есенберлин, Ілияс', 2017, copies949(6003, 1)),
    ];
    const parts = records.map((r) => Buffer.from(writeIso2709(r, { keepEsc: true })));
    const bytes = Buffer.concat(parts);
    const input = join(dir, 'catalog.mrc');
    writeFileSync(input, bytes);
    const dedup = join(dir, 'dedup.json');
    decisions(dedup, bytes, records, { c1: [0, 1] });
    const out = join(dir, 'merged.mrc');
    const run = await runCli(['merge', input, '--decisions', dedup, '-o', out]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`${CODE}: cluster c1 not merged — record 1 \\(001 KZ-600\\), record 2 \\(001 KZ-601\\): the merged record: 500 \\$a holds an ESC .*\\(E_ESC_IN_DATA\\)`));
    expect(readFileSync(out).equals(bytes)).toBe(true);
  });

  it('leaves apart a cluster with a member ISO2709 cannot hold (a MARCXML field over 9,999 bytes), rejecting only that record', async () => {
    const dir = tempDir();
    const long = 'Мазмұны: '.concat('Ежелгі дәуір. Орта ғасырлар. Жаңа заман. '.repeat(160));
    const records = [
      book('KZ-500', 'Қазақстан тарихы', 'Қозыбаев, Манаш', 2020, copies949(5001, 2), [dataField('505', '0', ' ', subfields('a', long))]),
      book('KZ-501', 'Қазақстан тарихы', 'Қозыбаев, Манаш', 2020, copies949(5003, 1)),
      book('KZ-100', 'Абай жолы', 'Әуезов, Мұхтар', 2019, copies949(1001, 1)),
    ];
    expect(Buffer.byteLength(long)).toBeGreaterThan(9_999);
    const xml = marcXmlEncoder();
    const text = xml.header + records.map((r, i) => xml.encode(r, i)).join('') + xml.footer;
    const input = join(dir, 'catalog.xml');
    writeFileSync(input, text);
    const dedup = join(dir, 'dedup.json');
    decisions(dedup, text, records, { c7: [0, 1] });

    const out = join(dir, 'merged.mrc');
    const run = await runCli(['merge', input, '--decisions', dedup, '-o', out]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`${CODE}: cluster c7 not merged — record 1 \\(001 KZ-500\\), record 2 \\(001 KZ-501\\): record 1 \\(001 KZ-500\\): 505 is \\d\\d,\\d{3} bytes; ISO2709 allows 9,999 \\(E_FIELD_TOO_LONG\\)`));
    const report = JSON.parse(readFileSync(`${out}.report.json`, 'utf8'));
    expect(report.notMerged.map((c: { cluster: string; writerCode: string }) => [c.cluster, c.writerCode])).toEqual([['c7', 'E_FIELD_TOO_LONG']]);
    // The record ISO2709 cannot hold goes to the rejects, as it would without the decision; the other is written.
    expect(report.counts).toMatchObject({ read: 3, written: 2, mergedAway: 0, rejected: 1, notMerged: 1 });
    expect(report.ledger.balanced).toBe(true);
    const ids = (await readIso2709All(readFileSync(out))).map((i) => (i.kind === 'record' ? i.record.controlValue('001') : undefined));
    expect(ids).toEqual(['KZ-501', 'KZ-100']);
    const reject = JSON.parse(readFileSync(`${out}.rejects.ndjson`, 'utf8').trim());
    expect(reject.code).toBe('E_FIELD_TOO_LONG');
  });
});
