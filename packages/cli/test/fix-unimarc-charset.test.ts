/**
 * `kitap fix` writes UTF-8 whatever the input's character set: a RUSMARC
 * record read in cp1251 must then stop naming cp1251 in its 100 $a/26-29, as
 * `kitap convert` does, and undo must still give the cp1251 input back.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Leader, MarcRecord, controlField, dataField, readIso2709All, readRecords, subfields } from '@kitap/marc';
import { legacyIso2709, runCli, tempDir } from './helpers.js';

function rusmarc(id: string, a100: string | undefined, title: string): MarcRecord {
  return new MarcRecord(new Leader('00000nam0 2200000   450 '), [
    controlField('001', id),
    ...(a100 === undefined ? [] : [dataField('100', ' ', ' ', subfields('a', a100))]),
    dataField('101', '0', ' ', subfields('a', 'rus')),
    dataField('200', '1', ' ', subfields('a', title)),
  ]);
}

describe('kitap fix of a cp1251 RUSMARC catalog', () => {
  it('sets 100 $a/26-29 to "50  " in the UTF-8 output, warns where the 100 $a cannot say so, and undo restores the input byte for byte', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.iso');
    const bytes = Buffer.concat([
      // a misprint fix (double space) and a record no rule changes: both are written in UTF-8
      legacyIso2709(rusmarc('R1', '19980716d1997    u  y0rusy0189    ca', 'Основы  гидравлики'), 'cp1251'),
      legacyIso2709(rusmarc('R2', '19980716d1997    u  y0rusy0189    ca', 'Война и мир'), 'cp1251'),
      legacyIso2709(rusmarc('R3', undefined, 'Анна Каренина'), 'cp1251'),
    ]);
    writeFileSync(input, bytes);
    const output = join(dir, 'out.mrc');
    const run = await runCli(['fix', input, '-o', output, '--profile', 'rusmarc']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warnings: W_UNIMARC_CHARSET_NOT_SET 1/);
    const items = await readIso2709All(output);
    expect(items.map((i) => i.kind === 'record' && i.record.subfieldValues('100', 'a'))).toEqual([
      ['19980716d1997    u  y0rusy50      ca'],
      ['19980716d1997    u  y0rusy50      ca'],
      [],
    ]);
    expect(items.map((i) => i.kind === 'record' && i.record.subfieldValues('200', 'a'))).toEqual([['Основы гидравлики'], ['Война и мир'], ['Анна Каренина']]);
    const report = JSON.parse(readFileSync(`${output}.report.json`, 'utf8'));
    expect(report.warningsByCode).toEqual({ W_UNIMARC_CHARSET_NOT_SET: 1 });
    // which record it is, in the report and on stderr
    expect(report.warnings).toEqual([{ code: 'W_UNIMARC_CHARSET_NOT_SET', message: expect.stringContaining('has no 100 $a'), place: expect.objectContaining({ index: 2, recordId: 'R3', tag: '100' }) }]);
    expect(run.stderr).toMatch(/record 3.*R3.*has no 100 \$a/);

    const restored = join(dir, 'restored.iso');
    const undo = await runCli(['fix', '--undo', `${output}.journal.jsonl`, output, '-o', restored]);
    expect(undo.code).toBe(0);
    expect(readFileSync(restored).equals(bytes)).toBe(true);
  });

  it('in a MARCXML output sets leader/09 to "a" too, journalled, so that undo gives the records back as they were read', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.iso');
    const originals = [rusmarc('R1', '19980716d1997    u  y0rusy0189    ca', 'Основы  гидравлики'), rusmarc('R2', '19980716d1997    u  y0rusy0189    ca', 'Война и мир')];
    writeFileSync(input, Buffer.concat(originals.map((r) => legacyIso2709(r, 'cp1251'))));
    const output = join(dir, 'out.xml');
    const run = await runCli(['fix', input, '-o', output, '--profile', 'rusmarc']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('written in UTF-8: leader/09 set to "a" in 2 records, UNIMARC 100 $a/26-29 set to "50" in 2');
    const fixed = [];
    for await (const item of readRecords(output, { format: 'marcxml' })) if (item.kind === 'record') fixed.push(item.record);
    expect(fixed.map((r) => r.leader.characterCoding)).toEqual(['a', 'a']);
    expect(fixed.map((r) => r.subfieldValues('100', 'a'))).toEqual([['19980716d1997    u  y0rusy50      ca'], ['19980716d1997    u  y0rusy50      ca']]);
    expect(JSON.parse(readFileSync(`${output}.report.json`, 'utf8')).utf8Marked).toEqual({ leader09: 2, unimarc100a: 2 });

    const restored = join(dir, 'restored.xml');
    const undo = await runCli(['fix', '--undo', `${output}.journal.jsonl`, output, '-o', restored]);
    expect(undo.code).toBe(0);
    const back = [];
    for await (const item of readRecords(restored, { format: 'marcxml' })) if (item.kind === 'record') back.push(item.record);
    const [read] = [await readIso2709All(input)];
    const source = read.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
    expect(back.map((r) => r.leader.characterCoding)).toEqual([' ', ' ']);
    expect(back.map((r) => r.fields)).toEqual(source.map((r) => r.fields));
  });

  it('from mnemonic input to ISO2709 output journals the leader/09 it sets, and undo puts the blank back', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.mrk');
    writeFileSync(input, '=LDR  00000nam  2200000   4500\n=001  A1\n=245  10$aТест\n\n');
    const output = join(dir, 'fixed.mrc');
    expect((await runCli(['fix', input, '-o', output])).code).toBe(0);
    const [fixed] = await readIso2709All(output);
    expect(fixed!.kind === 'record' && fixed!.record.leader.characterCoding).toBe('a');
    const restored = join(dir, 'restored.mrc');
    const undo = await runCli(['fix', '--undo', `${output}.journal.jsonl`, output, '-o', restored]);
    expect(undo.code).toBe(0);
    const [back] = await readIso2709All(restored);
    expect(back!.kind === 'record' && back!.record.leader.characterCoding).toBe(' ');
    expect(back!.kind === 'record' && back!.record.subfieldValues('245', 'a')).toEqual(['Тест']);
  });
});
