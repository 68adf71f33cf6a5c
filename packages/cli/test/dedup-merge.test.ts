import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Leader, MarcRecord, controlField, dataField, readIso2709All, subfields, writeIso2709 } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const fixed = (year: number, lang = 'kaz') => `100415s${year}    kz            000 1 ${lang} d`;

function book(id: string, o: { title?: string; author?: string; isbn?: string; year?: number; part?: string; copies: [string, string][] }): MarcRecord {
  const year = o.year ?? 2019;
  return new MarcRecord(Leader.DEFAULT, [
    controlField('001', id),
    controlField('003', 'KZ-KrCBS'),
    controlField('008', fixed(year)),
    ...(o.isbn ? [dataField('020', ' ', ' ', subfields('a', o.isbn))] : []),
    dataField('100', '1', ' ', subfields('a', o.author ?? 'Әуезов, Мұхтар')),
    dataField('245', '1', '0', subfields('a', `${o.title ?? 'Абай жолы'} :`, 'b', 'роман-эпопея.', ...(o.part ? ['n', `${o.part} /`] : []), 'c', 'М. Әуезов.')),
    dataField('260', ' ', ' ', subfields('a', 'Алматы :', 'b', 'Жазушы,', 'c', `${year}.`)),
    dataField('300', ' ', ' ', subfields('a', '512 б. ;', 'c', '21 см')),
    ...o.copies.map(([branch, inv]) => dataField('949', ' ', ' ', subfields('a', branch, 'i', inv, 'c', '1500.00'))),
  ]);
}

function catalog(dir: string): string {
  const records = [
    book('KZ-1', { isbn: '978-601-03-1328-6', copies: [['ЦГБ', '1001']] }),
    book('KZ-2', { title: 'Қан мен тер', author: 'Нұрпейісов, Әбдіжәміл', copies: [['№4', '1002']] }),
    // a retyped duplicate of KZ-1: Latin look-alike, ISBN without hyphens, another branch's copies
    book('KZ-3', { title: 'Aбай жолы', isbn: '9786010313286', author: 'Ауэзов, М.', copies: [['№11 д.', '1003'], ['№15', '1004']] }),
    // a doubtful one: no ISBN, title with a misprint
    book('KZ-4', { title: 'Абай жолв', copies: [['№7', '1005']] }),
    // another volume of a set: never a duplicate
    book('KZ-5', { isbn: '978-601-03-1328-6', part: '2-кітап', copies: [['ЦГБ', '1006']] }),
  ];
  const path = join(dir, 'catalog.mrc');
  writeFileSync(path, Buffer.concat(records.map((r) => writeIso2709(r))));
  return path;
}

describe('kitap dedup and kitap merge', () => {
  it('finds the duplicates, explains them, and writes the report contract and a review list', async () => {
    const dir = tempDir();
    const input = catalog(dir);
    const { code, stderr } = await runCli(['dedup', input, '--report', join(dir, 'dedup.json'), '--review', join(dir, 'review.csv')]);
    expect(code).toBe(1);
    expect(stderr).toContain('5 records');
    const report = JSON.parse(readFileSync(join(dir, 'dedup.json'), 'utf8'));
    expect(report.clusters).toHaveLength(1);
    const [c] = report.clusters;
    expect(c.id).toBe('c1');
    expect(c.members.map((m: { index: number; id: string }) => [m.index, m.id])).toEqual([[0, 'KZ-1'], [2, 'KZ-3'], [3, 'KZ-4']]);
    expect(c.decision).toBe('review');
    // Every pair inside the cluster is explained: the match KZ-1~KZ-3, and the doubtful KZ-4 against both.
    expect(c.why.map((w: { pair: { index: number }[]; decision: string }) => `${w.pair[0]!.index}~${w.pair[1]!.index} ${w.decision}`)).toEqual(['0~2 match', '0~3 review', '2~3 review']);
    expect(report.vetoed.some((v: { pair: { index: number }[]; vetoes: { veto: string }[] }) => v.pair[1].index === 4 && v.vetoes[0]!.veto === 'volume')).toBe(true);
    const csv = readFileSync(join(dir, 'review.csv'), 'utf8');
    expect(csv.split('\n')[0]).toContain('Решение / decision (merge | keep)');
    expect(csv).toContain('Aбай жолы');
  });

  it('merges what the cataloguer marked, moving every copy and keeping the merged-away 001 in 035 $z', async () => {
    const dir = tempDir();
    const input = catalog(dir);
    await runCli(['dedup', input, '--report', join(dir, 'dedup.json'), '--review', join(dir, 'review.csv')]);
    const marked = readFileSync(join(dir, 'review.csv'), 'utf8').replace(/^(c1,review,[^,]*,)(,)/m, '$1merge$2');
    writeFileSync(join(dir, 'review.csv'), marked);
    const out = join(dir, 'merged.mrc');
    const { code, stderr } = await runCli(['merge', input, '--decisions', join(dir, 'review.csv'), '-o', out]);
    expect(code).toBe(0);
    expect(stderr).toContain('1 clusters merged (2 records merged away)');
    expect(stderr).toContain('ledger copies: in 6 = out 6 + rejected 0 (balanced)');
    const records = (await readIso2709All(readFileSync(out))).map((i) => (i.kind === 'record' ? i.record : undefined)!);
    expect(records.map((r) => r.controlValue('001'))).toEqual(['KZ-2', 'KZ-3', 'KZ-5']);
    const survivor = records[1]!;
    expect(survivor.subfieldValues('949', 'i').sort()).toEqual(['1001', '1003', '1004', '1005']);
    expect(survivor.subfieldValues('035', 'z')).toEqual(['(KZ-KrCBS)KZ-1', '(KZ-KrCBS)KZ-4']);
  });

  it('merges only the automatic matches from dedup.json; undo gives the input back byte for byte', async () => {
    const dir = tempDir();
    const input = catalog(dir);
    const records = [book('A', { isbn: '978-601-03-1328-6', copies: [['ЦГБ', '1']] }), book('B', { isbn: '9786010313286', copies: [['№4', '2']] }), book('C', { title: 'Көшпенділер', author: 'Есенберлин, Ілияс', copies: [['ЦГБ', '3']] })];
    writeFileSync(input, Buffer.concat(records.map((r) => writeIso2709(r))));
    await runCli(['dedup', input, '--report', join(dir, 'dedup.json')]);
    const out = join(dir, 'merged.mrc');
    const merge = await runCli(['merge', input, '--decisions', join(dir, 'dedup.json'), '-o', out]);
    expect(merge.stderr).toContain('read 3, written 2');
    const undo = await runCli(['merge', '--undo', `${out}.journal.jsonl`, out, '-o', join(dir, 'restored.mrc')]);
    expect(undo.code).toBe(0);
    expect(readFileSync(join(dir, 'restored.mrc')).equals(readFileSync(input))).toBe(true);
    // Idempotent: the merged file has no duplicates left among the merged records.
    await runCli(['dedup', out, '--report', join(dir, 'again.json')]);
    expect(JSON.parse(readFileSync(join(dir, 'again.json'), 'utf8')).clusters).toEqual([]);
  });

  it('writes ISO2709 only, so that undo can give every record back', async () => {
    const dir = tempDir();
    const input = catalog(dir);
    await runCli(['dedup', input, '--report', join(dir, 'dedup.json')]);
    const { code, stderr } = await runCli(['merge', input, '--decisions', join(dir, 'dedup.json'), '-o', join(dir, 'merged.xml')]);
    expect(code).toBe(2);
    expect(stderr).toContain('kitap merge writes ISO2709');
  });

  it('refuses decisions made for another file, and writes nothing', async () => {
    const dir = tempDir();
    const input = catalog(dir);
    await runCli(['dedup', input, '--report', join(dir, 'dedup.json'), '--review', join(dir, 'review.csv')]);
    const other = join(dir, 'other.mrc');
    writeFileSync(other, Buffer.concat([book('X-1', { copies: [] }), book('X-2', { copies: [] }), book('X-3', { copies: [] }), book('X-4', { copies: [] })].map((r) => writeIso2709(r))));
    const marked = readFileSync(join(dir, 'review.csv'), 'utf8').replace(/^(c1,review,[^,]*,)(,)/m, '$1merge$2');
    writeFileSync(join(dir, 'review.csv'), marked);
    const { code, stderr } = await runCli(['merge', other, '--decisions', join(dir, 'review.csv'), '-o', join(dir, 'm.mrc')]);
    expect(code).toBe(2);
    expect(stderr).toContain('E_DECISIONS');
  });

  it('looks for duplicates of new records in an existing catalog with --against', async () => {
    const dir = tempDir();
    const existing = catalog(dir);
    const fresh = join(dir, 'new.mrc');
    writeFileSync(fresh, writeIso2709(book('NEW-1', { isbn: '978-601-03-1328-6', copies: [['№22', '9001']] })));
    await runCli(['dedup', fresh, '--against', existing, '--report', join(dir, 'dedup.json')]);
    const report = JSON.parse(readFileSync(join(dir, 'dedup.json'), 'utf8'));
    expect(report.clusters[0].members).toEqual([
      { index: 0, id: 'NEW-1' },
      { index: 0, id: 'KZ-1', source: 'against' },
      { index: 2, id: 'KZ-3', source: 'against' },
      { index: 3, id: 'KZ-4', source: 'against' },
    ]);
    // The catalog's own duplicates are not paired with each other: only pairs with the new record.
    expect(report.clusters[0].why.every((w: { pair: { source?: string }[] }) => w.pair[0]!.source === undefined)).toBe(true);
  });
});
