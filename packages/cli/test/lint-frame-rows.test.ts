/**
 * kitap lint keeps no key-index row for a record of an ISO2709 file: the
 * records a cross-record finding names are read again from the file
 * (job/frame-rows.ts). Read from standard input, which cannot be read again,
 * the rows are kept. Both must give the same findings, places and labels,
 * with worker threads or without.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Linter, resolveRules } from '@kitap/clean';
import { KitapError } from '@kitap/core';
import { Leader, MarcRecord, controlField, dataField, readIso2709All, subfields, writeIso2709 } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { FrameRows } from '../src/job/frame-rows.js';
import { BIN, legacyIso2709, sampleRecord, tempDir } from './helpers.js';

/** A record whose copy (949 $i) repeats the inventory number of every 50th record before it. */
function withCopy(n: number): MarcRecord {
  return new MarcRecord(Leader.DEFAULT, [
    controlField('001', `KZ-C${n}`),
    dataField('245', '1', '0', subfields('a', `Қан мен тер ${n} /`, 'c', 'Ә. Нұрпейісов.')),
    dataField('949', ' ', ' ', subfields('a', 'ЦГБ', 'i', `${n % 50}`)),
  ]);
}

/** 2,100 records (workers start after 2,000): repeated control and inventory numbers, a misprint, legacy sets, bytes between records, a damaged record. */
function catalog(dir: string): string {
  const parts: Buffer[] = [Buffer.from([0xef, 0xbb, 0xbf])];
  for (let n = 0; n < 2100; n++) {
    const record = n === 2050 ? sampleRecord(n, 'Абой жолы') : n % 7 === 3 ? withCopy(n) : sampleRecord(n % 700);
    if (n % 300 === 17) parts.push(legacyIso2709(record, 'rk1048'));
    else if (n === 1999) parts.push(Buffer.from('00042nam a2200037   4500\x1e\x1d', 'latin1'));
    else parts.push(Buffer.from(writeIso2709(record)));
    if (n % 400 === 3) parts.push(Buffer.from('\r\n'));
  }
  const path = join(dir, 'catalog.mrc');
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

interface Finding {
  ruleId: string;
  place: { file?: string; index?: number; recordId?: string; tag?: string };
  related?: { file?: string };
  label?: string;
}

function lint(dir: string, input: string, workers: number, stdin?: Buffer): Finding[] {
  const report = join(dir, `report-${workers}-${stdin ? 'stdin' : 'file'}.json`);
  const run = spawnSync(process.execPath, [BIN, 'lint', stdin ? '-' : input, '--profile', 'kazakh-public-library', '--format', 'json', '-o', report], {
    input: stdin,
    cwd: dir,
    env: { ...process.env, KITAP_NO_PROGRESS: '1', KITAP_WORKERS: String(workers) },
  });
  expect(run.status, run.stderr.toString('utf8')).toBe(1);
  const findings = (JSON.parse(readFileSync(report, 'utf8')) as { findings: Finding[] }).findings;
  // Read from standard input, places name no file: that is the only difference allowed.
  for (const f of findings) {
    delete f.place.file;
    if (f.related) delete f.related.file;
  }
  return findings;
}

describe('kitap lint reads the records of cross-record findings again from the file', () => {
  const dir = tempDir();
  const input = catalog(dir);

  it('gives the findings it gives with every row kept (standard input), with workers and without', { timeout: 240_000 }, () => {
    const bytes = readFileSync(input);
    const kept = lint(dir, input, 0, bytes);
    const cross = kept.filter((f) => ['inventory-number-unique', 'control-number-unique', 'probable-misprint'].includes(f.ruleId));
    expect(new Set(cross.map((f) => f.ruleId))).toEqual(new Set(['inventory-number-unique', 'control-number-unique', 'probable-misprint']));
    // Findings in records read by workers, in a legacy set, with their ids, tags and titles.
    expect(cross.some((f) => (f.place.index ?? 0) > 2000 && f.place.recordId !== undefined && f.place.tag === '949' && f.label !== undefined)).toBe(true);
    expect(kept.find((f) => f.ruleId === 'probable-misprint')?.place).toMatchObject({ index: 2050, recordId: 'KZ-002050', tag: '245' });
    expect(lint(dir, input, 0)).toEqual(kept);
    expect(lint(dir, input, 2)).toEqual(kept);
    expect(lint(dir, input, 2, bytes)).toEqual(kept);
  });

  it('refuses to make a row again from a file changed since it was read', async () => {
    const copy = join(dir, 'changing.mrc');
    writeFileSync(copy, readFileSync(input).subarray(0, 20_000));
    const { profile, rules } = resolveRules({ profile: 'kazakh-public-library' });
    const linter = new Linter(rules, profile.flavour);
    const rows = FrameRows.open(copy, 'lenient', linter)!;
    const items = await readIso2709All(copy, { file: copy });
    items.forEach((item, ordinal) => {
      if (item.kind === 'record' && rows.covers(item.record)) rows.note(ordinal, item.record);
    });
    const second = items[1]!;
    if (second.kind !== 'record') throw new Error('the second item is a record');
    expect(rows.row(1)[0]).toEqual(linter.crossRecordData(second.record)!.place);
    rows.close();
    const again = FrameRows.open(copy, 'lenient', linter)!;
    items.forEach((item, ordinal) => {
      if (item.kind === 'record') again.note(ordinal, item.record);
    });
    writeFileSync(copy, readFileSync(input).subarray(0, 19_000));
    let error: unknown;
    try {
      again.row(1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KitapError);
    expect((error as KitapError).code).toBe('E_INPUT');
    expect((error as KitapError).message).toContain('changed while kitap lint read it');
    again.close();
  });

  it('keeps the rows when the input cannot be read again', () => {
    const { profile, rules } = resolveRules({ profile: 'kazakh-public-library' });
    expect(FrameRows.open('-', 'lenient', new Linter(rules, profile.flavour))).toBeUndefined();
    expect(FrameRows.open(dir, 'lenient', new Linter(rules, profile.flavour))).toBeUndefined();
  });
});
