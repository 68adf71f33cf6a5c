import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Field, MarcRecord, readIso2709All, writeIso2709 } from '@kitap/marc';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const data = (tag: string, ind: string, ...subfields: [string, string][]): Field => ({ kind: 'data', tag, ind1: ind[0]!, ind2: ind[1]!, subfields: subfields.map(([code, value]) => ({ code, value })) });

/** The same edition twice (MARC21), each copy of the second in a layout given: 949, 952 and 090. */
function twins(): MarcRecord[] {
  const body = (id: string): Field[] => [
    { kind: 'control', tag: '001', value: id },
    { kind: 'control', tag: '008', value: '200101s2019    kz            000 1 rus d' },
    data('020', '  ', ['a', '978-601-7000-01-1']),
    data('100', '1 ', ['a', 'Әуезов, М.']),
    data('245', '10', ['a', 'Абай жолы :'], ['b', 'роман']),
    data('264', ' 1', ['a', 'Алматы :'], ['b', 'Жазушы,'], ['c', '2019.']),
  ];
  const a = new MarcRecord('00000nam a2200000 i 4500', [...body('100001'), data('949', '  ', ['a', 'ЦГБ'], ['i', '500001'], ['c', '1500.00'])]);
  const b = new MarcRecord('00000nam a2200000 i 4500', [
    ...body('100002'),
    data('949', '  ', ['a', 'ЦГБ'], ['i', '500002'], ['c', '1500.00']),
    data('952', '  ', ['a', '№15'], ['i', '500003'], ['g', '1500.00']),
    data('090', '  ', ['e', '500004'], ['f', '№16']),
  ]);
  return [a, b];
}

function tagsOf(path: string): Promise<string[][]> {
  return readIso2709All(readFileSync(path)).then((items) => items.flatMap((i) => (i.kind === 'record' ? [i.record.tags.slice()] : [])));
}

describe('kitap merge keeps every copy and every file', () => {
  it('moves the copies of a layout the project config leaves out, and counts them', async () => {
    const dir = tempDir();
    const input = join(dir, 'cat.mrc');
    writeFileSync(input, Buffer.concat(twins().map((r) => writeIso2709(r))));
    const config = join(dir, 'only-949.json');
    writeFileSync(config, JSON.stringify({ dedup: { layouts: ['949'] } }));
    const dedup = await runCli(['dedup', input, '--report', join(dir, 'd.json'), '--config', config]);
    expect(dedup.code, dedup.stderr).toBe(1); // duplicates found
    const out = join(dir, 'merged.mrc');
    const merge = await runCli(['merge', input, '--decisions', join(dir, 'd.json'), '-o', out, '--config', config]);
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stderr).toContain('ledger copies: in 4 = out 4 + rejected 0 (balanced)');
    const [survivor] = await tagsOf(out);
    expect(survivor!.filter((t) => ['949', '952', '090'].includes(t)).sort()).toEqual(['090', '949', '949', '952']);
  });

  it('never writes a journal, report or rejects file over its input or its output, nor dedup its report over the catalog', async () => {
    const dir = tempDir();
    const input = join(dir, 'cat.mrc');
    const bytes = Buffer.concat(twins().map((r) => writeIso2709(r)));
    writeFileSync(input, bytes);
    const report = join(dir, 'd.json');
    expect((await runCli(['dedup', input, '--report', report])).code).toBe(1);
    for (const option of ['--journal', '--report', '--rejects']) {
      const run = await runCli(['merge', input, '--decisions', report, '-o', join(dir, `m${option}.mrc`), option, input]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`E_USAGE: kitap merge never writes over what it reads: ${option} .* is the input`));
    }
    const same = await runCli(['merge', input, '--decisions', report, '-o', join(dir, 'm.mrc'), '--journal', join(dir, 'm.mrc')]);
    expect(same.stderr).toMatch(/E_USAGE: kitap merge writes each file once: --journal and -o both name/);
    const over = await runCli(['dedup', input, '--report', input]);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/E_USAGE: kitap dedup never writes over what it reads: --report .* is the input/);
    expect(readFileSync(input)).toEqual(bytes);
  });

  it('refuses a review list whose row gives a record number without its 001 (the 001 is what proves the row names the right record)', async () => {
    const { dir, input, review } = await twinsWithReview();
    const lines = readFileSync(review, 'utf8').split('\n');
    // Column 6 is the record id: blank it in the first member's row.
    const cells = lines[1]!.split(',');
    expect(cells[5]).toBe('100001');
    cells[5] = '';
    lines[1] = cells.join(',');
    writeFileSync(review, lines.join('\n'));
    const run = await runCli(['merge', input, '--decisions', review, '-o', join(dir, 'm.mrc')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/E_DECISIONS at .*review\.csv: record 1 has 001 "100001" but the decisions give none for it/);
  });

  it('reads a review list Excel saved with semicolons (Russian and Kazakh settings)', async () => {
    const { dir, input, review } = await twinsWithReview();
    const rows = parse(readFileSync(review, 'utf8').replace(/^\ufeff/u, '')) as string[][];
    const excel = join(dir, 'review-excel.csv');
    writeFileSync(excel, `\ufeff${stringify(rows, { delimiter: ';', record_delimiter: '\r\n' })}`);
    const run = await runCli(['merge', input, '--decisions', excel, '-o', join(dir, 'm.mrc')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('1 clusters merged');
  });

  it('reads a review list Excel saved as CSV in Windows-1251, and says how to save one in UTF-16', async () => {
    const { dir, input, review } = await twinsWithReview();
    const rows = parse(readFileSync(review, 'utf8').replace(/^\ufeff/u, '')) as string[][];
    const text = stringify(rows, { delimiter: ';', record_delimiter: '\r\n' });
    const ansi = join(dir, 'review-ansi.csv');
    writeFileSync(ansi, encodeCp1251(text));
    const run = await runCli(['merge', input, '--decisions', ansi, '-o', join(dir, 'm.mrc')]);
    expect(run.code, run.stderr).toBe(0);
    const utf16 = join(dir, 'review-utf16.csv');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const refused = await runCli(['merge', input, '--decisions', utf16, '-o', join(dir, 'm2.mrc')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('saved as UTF-16');
  });
});

/** Windows-1251 bytes of Russian and Kazakh text (letters cp1251 lacks become «?», as Excel writes them). */
function encodeCp1251(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c >= 0x410 && c <= 0x44f) out.push(c - 0x410 + 0xc0);
    else if (c === 0x401) out.push(0xa8);
    else if (c === 0x451) out.push(0xb8);
    else out.push(0x3f);
  }
  return Buffer.from(out);
}

/** The twins in a catalog of their own, and the review list dedup writes for it. */
async function twinsWithReview(): Promise<{ dir: string; input: string; review: string }> {
  const dir = tempDir();
  const input = join(dir, 'cat.mrc');
  writeFileSync(input, Buffer.concat(twins().map((r) => writeIso2709(r))));
  const review = join(dir, 'review.csv');
  await runCli(['dedup', input, '--report', join(dir, 'd.json'), '--review', review]);
  return { dir, input, review };
}
