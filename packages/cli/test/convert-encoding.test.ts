/**
 * What `kitap convert` says and writes about character sets and the bytes between records:
 * a UNIMARC record converted to UTF-8 says so in 100 $a/26-29; `--encoding cp1251` on bytes
 * that are not cp1251 is noticed per record; UTF-16 MARCXML is recognised by `--from auto`;
 * every run of bytes skipped between records is reported once.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Leader, MarcRecord, controlField, dataField, encode, marcXmlEncoder, readIso2709All, subfields, writeIso2709 } from '@kitap/marc';
import { legacyIso2709, runCli, sampleRecord, tempDir } from './helpers.js';

interface WarningLine {
  code: string;
  message: string;
  index?: number;
  offset?: number;
  tag?: string;
}

function warningsOf(path: string): WarningLine[] {
  const text = readFileSync(path, 'utf8').trim();
  return text ? text.split('\n').map((l) => JSON.parse(l) as WarningLine) : [];
}

function rusmarc(id: string, a100: string | undefined, title = 'Основы гидравлики'): MarcRecord {
  return new MarcRecord(new Leader('00000nam0 2200000   450 '), [
    controlField('001', id),
    ...(a100 === undefined ? [] : [dataField('100', ' ', ' ', subfields('a', a100))]),
    dataField('101', '0', ' ', subfields('a', 'rus')),
    dataField('200', '1', ' ', subfields('a', title)),
    dataField('801', ' ', '0', subfields('a', 'RU', 'b', 'NLR')),
  ]);
}

const A100 = '19980716d1997    u  y0rusy0189    ca';

/** A MARC21 record in Russian only (cp1251 holds it). */
function russian(id: string): MarcRecord {
  return new MarcRecord(Leader.DEFAULT, [
    controlField('001', id),
    dataField('100', '1', ' ', subfields('a', 'Толстой, Лев Николаевич')),
    dataField('245', '1', '0', subfields('a', 'Война и мир /', 'c', 'Л. Н. Толстой.')),
  ]);
}

describe('kitap convert: UNIMARC 100 $a/26-29 of records converted to UTF-8', () => {
  it('sets "50  " (Unicode) in every output format for a cp1251 RUSMARC record, and nothing else changes', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.iso');
    writeFileSync(input, legacyIso2709(rusmarc('R1', A100), 'cp1251'));
    for (const out of ['out.mrc', 'out.mrk', 'out.xml', 'out.json']) {
      const run = await runCli(['convert', input, '-o', join(dir, out)]);
      expect(run.code, out).toBe(0);
      expect(warningsOf(join(dir, `${out}.warnings.ndjson`)), out).toEqual([]);
    }
    const [item] = await readIso2709All(join(dir, 'out.mrc'));
    expect(item!.kind === 'record' && item!.record.subfieldValues('100', 'a')).toEqual(['19980716d1997    u  y0rusy50      ca']);
    expect(item!.kind === 'record' && item!.record.subfieldValues('200', 'a')).toEqual(['Основы гидравлики']);
    expect(readFileSync(join(dir, 'out.mrk'), 'utf8')).toContain('=100  \\\\$a19980716d1997    u  y0rusy50      ca\n');
    expect(readFileSync(join(dir, 'out.xml'), 'utf8')).toContain('>19980716d1997    u  y0rusy50      ca<');
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toContain('"19980716d1997    u  y0rusy50      ca"');
  });

  it('counts a mnemonic file read with --encoding cp1251 under cp1251 in the report, and sets its 100 $a', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.mrk');
    const head = `=LDR  00000nam0 2200000   450 \n=001  R1\n=100  \\\\$a${A100}\n=200  1\\$a`;
    // "Война" in cp1251
    writeFileSync(input, Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from([0xc2, 0xee, 0xe9, 0xed, 0xe0]), Buffer.from('\n\n', 'latin1')]));
    const run = await runCli(['convert', input, '-o', join(dir, 'out.mrk'), '--encoding', 'cp1251']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'out.mrk.report.json'), 'utf8'));
    expect(report.encodings).toEqual({ cp1251: 1 });
    const out = readFileSync(join(dir, 'out.mrk'), 'utf8');
    expect(out).toContain('$aВойна\n');
    expect(out).toContain('y0rusy50      ca');
  });

  it('leaves a record read in UTF-8 byte for byte, and MARC21 records alone', async () => {
    const dir = tempDir();
    const utf8 = writeIso2709(rusmarc('R2', A100));
    const marc21 = legacyIso2709(russian('M1'), 'cp1251');
    writeFileSync(join(dir, 'in.mrc'), Buffer.concat([utf8, marc21]));
    expect((await runCli(['convert', join(dir, 'in.mrc'), '-o', join(dir, 'out.mrc')])).code).toBe(0);
    const out = readFileSync(join(dir, 'out.mrc'));
    expect(out.subarray(0, utf8.length).equals(Buffer.from(utf8))).toBe(true);
    const items = await readIso2709All(out);
    expect(items[1]!.kind === 'record' && items[1]!.record.subfieldValues('100', 'a')).toEqual(['Толстой, Лев Николаевич']);
  });

  it('warns, inventing nothing, when 100 $a is missing or too short, and counts it as no repair', async () => {
    const dir = tempDir();
    const records = [rusmarc('R3', undefined), rusmarc('R4', '19980716d1997    u  y0rusy01'), rusmarc('R5', A100)];
    writeFileSync(join(dir, 'in.iso'), Buffer.concat(records.map((r) => legacyIso2709(r, 'cp1251'))));
    const run = await runCli(['convert', join(dir, 'in.iso'), '-o', join(dir, 'out.mrc')]);
    expect(run.code).toBe(0);
    const warnings = warningsOf(join(dir, 'out.mrc.warnings.ndjson'));
    expect(warnings.map((w) => [w.code, w.index, w.tag])).toEqual([
      ['W_UNIMARC_CHARSET_NOT_SET', 0, '100'],
      ['W_UNIMARC_CHARSET_NOT_SET', 1, '100'],
    ]);
    expect(warnings[0]!.message).toMatch(/read in cp1251 and written in UTF-8, but has no 100 \$a/);
    expect(warnings[1]!.message).toMatch(/its 100 \$a has 28 characters/);
    const items = await readIso2709All(join(dir, 'out.mrc'));
    expect(items.map((i) => i.kind === 'record' && i.record.subfieldValues('100', 'a'))).toEqual([[], ['19980716d1997    u  y0rusy01'], ['19980716d1997    u  y0rusy50      ca']]);
    const report = JSON.parse(readFileSync(join(dir, 'out.mrc.report.json'), 'utf8'));
    expect(report.warningsByCode).toEqual({ W_UNIMARC_CHARSET_NOT_SET: 2 });
    expect(report.counts).toMatchObject({ repaired: 0, withWarnings: 2 });
  });
});

describe('kitap convert: UNIMARC records of MARCXML declared in a legacy set', () => {
  it('sets "50  " in 100 $a for a RUSMARC record of a windows-1251 MARCXML file read with --encoding auto, and counts the set in the report', async () => {
    const dir = tempDir();
    const encoder = marcXmlEncoder();
    const xml = `<?xml version="1.0" encoding="windows-1251"?>\n${encoder.header.replace(/^<\?xml[^>]*>\n?/, '')}${encoder.encode(rusmarc('X1', A100), 0)}${encoder.footer}`;
    const input = join(dir, 'in.xml');
    writeFileSync(input, encode(xml, 'cp1251'));
    const run = await runCli(['convert', input, '-o', join(dir, 'out.mrc')]);
    expect(run.code).toBe(0);
    const [item] = await readIso2709All(join(dir, 'out.mrc'));
    expect(item!.kind === 'record' && item!.record.subfieldValues('100', 'a')).toEqual(['19980716d1997    u  y0rusy50      ca']);
    expect(item!.kind === 'record' && item!.record.subfieldValues('200', 'a')).toEqual(['Основы гидравлики']);
    const report = JSON.parse(readFileSync(join(dir, 'out.mrc.report.json'), 'utf8'));
    expect(report.encodings).toEqual({ cp1251: 1 });
  });
});

describe('kitap convert --encoding cp1251 on bytes that are not cp1251', () => {
  it('writes what cp1251 makes of them, as asked, with a W_CHARSET_GIVEN_MISMATCH per record naming KZ-1048 or UTF-8', async () => {
    const dir = tempDir();
    const kz = 'Қазақ әдебиеті: Әуезов Мұхтар, ғылым, өнер';
    const records = [legacyIso2709(sampleRecord(0, kz), 'rk1048'), legacyIso2709(russian('M2'), 'cp1251'), Buffer.from(writeIso2709(sampleRecord(0, kz)))];
    writeFileSync(join(dir, 'in.mrc'), Buffer.concat(records));
    const run = await runCli(['convert', join(dir, 'in.mrc'), '-o', join(dir, 'out.mrk'), '--encoding', 'cp1251']);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'out.mrk'), 'utf8')).toContain('=245  10$aЌазаќ јдебиеті: Јуезов Мўхтар, єылым, ґнер /');
    const mismatches = warningsOf(join(dir, 'out.mrk.warnings.ndjson')).filter((w) => w.code === 'W_CHARSET_GIVEN_MISMATCH');
    expect(mismatches.map((w) => w.index)).toEqual([0, 2]);
    expect(mismatches[0]!.message).toMatch(/^the character set given is cp1251 but the bytes are rk1048 /);
    expect(mismatches[1]!.message).toMatch(/^the character set given is cp1251 but the bytes are utf-8 /);
    const report = JSON.parse(readFileSync(join(dir, 'out.mrk.report.json'), 'utf8'));
    expect(report.warningsByCode.W_CHARSET_GIVEN_MISMATCH).toBe(2);
    expect(report.leader09Disagreements).toBe(0); // these are not leader/09's
  });
});

describe('kitap convert --from auto', () => {
  it('recognises MARCXML in UTF-16 with a byte order mark, little- and big-endian', async () => {
    const dir = tempDir();
    const xml =
      '<?xml version="1.0" encoding="UTF-16"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim"><record><leader>00000nam a2200000   4500</leader>' +
      '<controlfield tag="001">W1</controlfield><datafield tag="245" ind1="1" ind2="0"><subfield code="a">Қазақ</subfield></datafield></record></collection>';
    const le = Buffer.from(`\ufeff${xml}`, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const [encoding, bytes] of [['utf-16le', le], ['utf-16be', be]] as const) {
      writeFileSync(join(dir, 'in.xml'), bytes);
      const run = await runCli(['convert', join(dir, 'in.xml'), '-o', join(dir, 'out.mrk')]);
      expect(run.code, `${encoding}: ${run.stderr}`).toBe(0);
      expect(readFileSync(join(dir, 'out.mrk'), 'utf8'), encoding).toContain('=245  10$aҚазақ\n');
      expect(JSON.parse(readFileSync(join(dir, 'out.mrk.report.json'), 'utf8')).input.format, encoding).toBe('marcxml');
    }
  });
});

describe('kitap convert: bytes between records', () => {
  it('reports every run of CR/LF, the one before a truncated last record too, in input order', async () => {
    const dir = tempDir();
    const [a, b] = [0, 1].map((n) => Buffer.from(writeIso2709(sampleRecord(n))));
    const crlf = Buffer.from('\r\n');
    writeFileSync(join(dir, 'in.mrc'), Buffer.concat([a!, crlf, b!, crlf, b!.subarray(0, 30)]));
    const run = await runCli(['convert', join(dir, 'in.mrc'), '-o', join(dir, 'out.mrc')]);
    expect(run.code).toBe(1);
    const warnings = warningsOf(join(dir, 'out.mrc.warnings.ndjson'));
    expect(warnings.map((w) => [w.code, w.index, w.offset])).toEqual([
      ['W_INTER_RECORD_BYTES', 1, a!.length],
      ['W_INTER_RECORD_BYTES', 2, a!.length + 2 + b!.length],
    ]);
    expect(warnings[1]!.message).toBe('2 CR/LF/NUL byte(s) before this record were skipped');
    const rejects = readFileSync(join(dir, 'out.mrc.rejects.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rejects.map((r) => [r.code, r.index])).toEqual([['E_TRUNCATED', 2]]);
  });

  it('counts two byte order marks between records as two in the message', async () => {
    const dir = tempDir();
    const [a, b] = [0, 1].map((n) => Buffer.from(writeIso2709(sampleRecord(n))));
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    writeFileSync(join(dir, 'in.mrc'), Buffer.concat([a!, bom, bom, Buffer.from('\n'), b!]));
    expect((await runCli(['convert', join(dir, 'in.mrc'), '-o', join(dir, 'out.mrc')])).code).toBe(0);
    expect(warningsOf(join(dir, 'out.mrc.warnings.ndjson')).map((w) => w.message)).toEqual(['2 UTF-8 byte order marks and 1 CR/LF/NUL byte(s) before this record were skipped']);
  });
});
