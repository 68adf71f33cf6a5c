/**
 * `kitap fix` writes UTF-8 whatever the input's character set: a RUSMARC
 * record read in cp1251 must then stop naming cp1251 in its 100 $a/26-29, as
 * `kitap convert` does, and undo must still give the cp1251 input back.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Leader, MarcRecord, controlField, dataField, readIso2709All, subfields } from '@kitap/marc';
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

    const restored = join(dir, 'restored.iso');
    const undo = await runCli(['fix', '--undo', `${output}.journal.jsonl`, output, '-o', restored]);
    expect(undo.code).toBe(0);
    expect(readFileSync(restored).equals(bytes)).toBe(true);
  });
});
