import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MarcRecord, readIso2709All, writeIso2709 } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';
import { longMergeCatalog as catalog , slices } from './long-merge-catalog.js';
import { expectSameFiles, migrationFiles as files } from './migration-folder.js';

/**
 * `kitap migrate` runs `kitap merge` as part of its dedup stage. A duplicate
 * cluster whose merged record ISO2709 cannot hold is left unmerged there
 * (W_MERGE_NOT_APPLIED_UNWRITABLE, see merge-too-long.test.ts); these tests
 * check what a user of migrate notices of it: the dedup stage line, the exit
 * code, the merge report and journal, the records delivered, the ledger, and
 * that a re-run in the same folder says and writes the same.
 */
const CODE = 'W_MERGE_NOT_APPLIED_UNWRITABLE';

/** A 1C export with one copy of an edition the catalog lacks (so the inventory changes none of the catalog's records). */
const INVENTORY = [
  '№ п/п;Инв. №;Автор;Заглавие;Год издания;Издательство;ISBN;ББК;УДК;Цена;Кол-во;Сумма;Дата поступления;№ КСУ;Филиал;Язык',
  '1;20001;Жакупова А.;Тихое озеро: пьесы;1985;Советский писатель;;84(5Каз=Рус)-44;821.512.122-32;550,00;1;550,00;29.02.1988;1/1988;ЦГБ;рус',
  '',
].join('\n');


interface LedgerRow {
  stage: string;
  unit: string;
  in: number;
  out: number;
  rejected: number;
  filtered: number;
  balanced: boolean;
  note?: string;
}

/** A catalog and 1C export in a fresh folder, and the migrate command over them. */
function setUp(records: readonly MarcRecord[]): { dir: string; out: string; parts: Buffer[]; args: string[] } {
  const dir = tempDir();
  const parts = records.map((r) => Buffer.from(writeIso2709(r)));
  writeFileSync(join(dir, 'catalog.iso'), Buffer.concat(parts));
  writeFileSync(join(dir, 'inventory.csv'), INVENTORY);
  const out = join(dir, 'out');
  return { dir, out, parts, args: ['migrate', '--catalog', join(dir, 'catalog.iso'), '--inventory', join(dir, 'inventory.csv'), '--out', out, '--as-of', '2024-01-15'] };
}

/** The [dedup] line of a run's stderr: the one that ends the stage, or says it was already done. */
function dedupLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.startsWith('[dedup] ') && !l.startsWith('[dedup] started'));
  expect(lines, stderr).toHaveLength(1);
  return lines[0]!;
}

describe('kitap migrate with a duplicate cluster whose merged record ISO2709 cannot hold', () => {
  it('merges the other cluster, delivers the unmerged records as read, names the cluster, balances, exits 1 — and says and writes the same when run again', async () => {
    const records = catalog();
    const { out, parts, args } = setUp(records);
    // Each record fits; records 2 and 5 together do not.
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(99_999);
    expect(parts[1]!.length + parts[4]!.length).toBeGreaterThan(99_999);

    const run = await runCli(args);
    // Nothing rejected, no acts to audit: the unmerged cluster alone makes the run need a look.
    expect(run.code, run.stderr).toBe(1);

    // The dedup stage line counts the cluster left apart, and the records it passes on.
    const mergeReportPath = join(out, 'work', 'dedup', 'merge-report.json');
    const line = dedupLine(run.stderr);
    expect(line).toContain('6 records → 5 (1 merged into survivors), copies 1467 → 1467');
    expect(line).toContain(`; 1 clusters NOT merged (${CODE}: the merged record would be too long; see ${mergeReportPath})`);
    // The clusters dedup matched are not all called merged when one was not.
    expect(line).toMatch(/^\[dedup\] \d+ clusters matched automatically/);
    expect(line).not.toContain('merged automatically');
    expect(run.stderr).toContain(`1 duplicate clusters could not be merged (the merged record would be too long): see ${mergeReportPath}`);
    expect(run.stderr).not.toContain('NOT BALANCED');

    // The merge report the line names: the cluster, its records (index from 0 and 001), the writer's code and reason.
    expect(existsSync(mergeReportPath)).toBe(true);
    const report = JSON.parse(readFileSync(mergeReportPath, 'utf8'));
    expect(report.counts).toMatchObject({ read: 6, written: 5, mergedAway: 1, rejected: 0, notMerged: 1, copiesIn: 1467, copiesOut: 1467 });
    expect(report.clusters).toEqual([{ cluster: expect.any(String), survivor: 0, mergedAway: [2], copies: 3 }]);
    const unmerged = {
      code: CODE,
      cluster: expect.any(String),
      members: [
        { index: 1, id: 'KZ-200' },
        { index: 4, id: 'KZ-201' },
        { index: 5, id: 'KZ-202' },
      ],
      writerCode: 'E_RECORD_TOO_LONG',
      reason: expect.stringMatching(/^the merged record would be 1\d\d,\d{3} bytes; ISO2709 allows 99,999$/),
    };
    expect(report.notMerged).toEqual([unmerged]);
    expect(report.notMerged[0].cluster).not.toBe(report.clusters[0].cluster);

    // The delivered journal says it apart from the merge: a not-merged line, and no record of it removed.
    const journal = readFileSync(join(out, 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(journal.filter((l) => l.type === 'not-merged')).toEqual([{ type: 'not-merged', ...unmerged, cluster: report.notMerged[0].cluster }]);
    expect(journal.filter((l) => l.type === 'merge').map((l) => [l.survivor, l.mergedAway])).toEqual([[0, [2]]]);
    expect(journal.filter((l) => l.type === 'removed').map((l) => [l.index, l.id, l.into])).toEqual([[2, 'KZ-101', 0]]);
    // migrate.log keeps what kitap merge printed: the warning naming the cluster's records.
    expect(readFileSync(join(out, 'migrate.log'), 'utf8')).toMatch(
      new RegExp(`${CODE}: cluster ${report.notMerged[0].cluster} not merged — record 2 \\(001 KZ-200\\), record 5 \\(001 KZ-201\\), record 6 \\(001 KZ-202\\): the merged record would be 1\\d\\d,\\d{3} bytes; ISO2709 allows 99,999 \\(E_RECORD_TOO_LONG\\)`),
    );

    // records.mrc: the merged survivor of records 1 and 3 at its place, records 2, 4, 5 and 6 byte for byte
    // as they were read from the legacy catalog, then the new record the 1C export made.
    const delivered = slices(readFileSync(join(out, 'records.mrc')));
    expect(delivered).toHaveLength(6);
    const [survivor] = await readIso2709All(delivered[0]!);
    expect(survivor?.kind).toBe('record');
    if (survivor?.kind !== 'record') return;
    expect(survivor.record.controlValue('001')).toBe('KZ-100');
    expect(survivor.record.subfieldValues('949', 'i').sort()).toEqual(['0001001', '0001002', '0001003']);
    expect(survivor.record.subfieldValues('035', 'z')).toEqual(['(KZ-KrCBS)KZ-101']);
    for (const [at, from] of [[1, 1], [2, 3], [3, 4], [4, 5]] as const) expect(delivered[at]!.equals(parts[from]!), `record ${from + 1} as read`).toBe(true);
    const [created] = await readIso2709All(delivered[5]!);
    expect(created?.kind === 'record' && created.record.fields.some((f) => f.kind === 'data' && f.subfields.some((s) => s.value.includes('Тихое озеро')))).toBe(true);

    // The ledger balances: no record or copy lost, the unmerged records counted as passed on.
    const ledger = JSON.parse(readFileSync(join(out, 'ledger.json'), 'utf8')) as { balanced: boolean; stages: LedgerRow[]; links: { check: string; left: number; right: number; equal: boolean }[] };
    expect(ledger.balanced).toBe(true);
    expect(ledger.stages.every((r) => r.balanced)).toBe(true);
    expect(ledger.links.every((l) => l.equal)).toBe(true);
    const row = (stage: string, unit: string, note?: string): LedgerRow | undefined => ledger.stages.find((r) => r.stage === stage && r.unit === unit && (note === undefined || r.note?.startsWith(note)));
    expect(row('dedup', 'records')).toMatchObject({ in: 6, out: 5, rejected: 0, filtered: 1 });
    expect(row('dedup', 'copies')).toMatchObject({ in: 1467, out: 1467, rejected: 0 });
    expect(ledger.links.find((l) => l.check === 'records after merge = catalog records the inventory kept')).toMatchObject({ left: 5, right: 5, equal: true });
    expect(row('package', 'records')).toMatchObject({ in: 6, out: 6 });
    expect(row('package', 'copies', 'copies in records.mrc')).toMatchObject({ in: 1468, out: 1468 });
    for (const name of readdirSync(join(out, 'rejects'))) if (name.endsWith('.ndjson')) expect(readFileSync(join(out, 'rejects', name), 'utf8'), name).toBe('');

    // Run again in the same folder: every stage already done, the same line, exit code and bytes.
    const reference = files(out);
    const again = await runCli(args);
    expect(again.code, again.stderr).toBe(1);
    expect(again.stderr.match(/already done, inputs unchanged/g)).toHaveLength(5);
    const skippedLine = `[dedup] already done, inputs unchanged: ${line.replace(/^\[dedup\] /, '').replace(/ \(\d+\.\d s\)$/, '')}`;
    expect(skippedLine).toContain(`1 clusters NOT merged (${CODE}`);
    expect(dedupLine(again.stderr)).toBe(skippedLine);
    expect(again.stderr).toContain('1 duplicate clusters could not be merged (the merged record would be too long)');
    expectSameFiles(files(out), reference);

    // Resumed after the dedup stage (as after a kill in the inventory stage): the stages after it run again,
    // the unmerged cluster still counts, and the outputs are the same.
    const resumed = await runCli([...args, '--from', 'inventory']);
    expect(resumed.code, resumed.stderr).toBe(1);
    expect(resumed.stderr).toContain('[inventory] started');
    expect(dedupLine(resumed.stderr)).toBe(skippedLine);
    expect(resumed.stderr).toContain('1 duplicate clusters could not be merged (the merged record would be too long)');
    expectSameFiles(files(out), reference);
  }, 120_000);

  it('exits 0 and says nothing of unmerged clusters when every merged record fits', async () => {
    const { out, args } = setUp(catalog(false));
    const run = await runCli(args);
    expect(run.code, run.stderr).toBe(0);
    expect(dedupLine(run.stderr)).toContain('6 records → 3 (3 merged into survivors), copies 153 → 153');
    expect(dedupLine(run.stderr)).toMatch(/^\[dedup\] \d+ clusters merged automatically/);
    expect(run.stderr).not.toContain('NOT merged');
    expect(run.stderr).not.toContain('could not be merged');
    const report = JSON.parse(readFileSync(join(out, 'work', 'dedup', 'merge-report.json'), 'utf8'));
    expect(report.notMerged).toEqual([]);
    expect(readFileSync(join(out, 'journal.jsonl'), 'utf8')).not.toContain('"not-merged"');
    const again = await runCli(args);
    expect(again.code, again.stderr).toBe(0);
  }, 120_000);
});
