/**
 * RUSMARC oracle from the rusmarc Python package (github.com/loge-gh/rusmarc,
 * tests/data): `TEST1.ISO` holds 81 records of the National Library of Russia
 * in cp1251 (leader/20-23 "450 ", UNIMARC layout), and `TEST1.txt` is the
 * package's UTF-8 text dump of 80 of them (`RU\NLR\bibl\342331` is absent).
 *
 * The dump's format, one record per block, blocks separated by a blank line
 * (or a line holding one space):
 *
 *     marker: <leader>
 *     001: <value>                        control fields
 *     200: 1 $aЗадачи и этюды$eСб.        data fields: indicators, then $code value …
 *
 * kitap reads the ISO file with `encoding: 'auto'`, which must detect cp1251 for
 * every record (leader/09 is blank, which in MARC 21 would mean MARC-8; in
 * UNIMARC it means nothing).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type MarcRecord, readIso2709All } from '../../src/index.js';
import { records } from '../marcxml/helpers.js';
import { HAS_CORPUS, NO_CORPUS_MESSAGE, corpusPath } from './corpus.js';

const DIR = 'rusmarc/tests/data/';
const ABSENT = 'RU\\NLR\\bibl\\342331';

interface DumpRecord {
  id: string;
  lines: string[];
}

/** TEST1.txt: blocks of lines separated by blank (or single-space) lines. */
function parseDump(text: string): DumpRecord[] {
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (/^\s*$/.test(line)) {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) blocks.push(current);
  return blocks.map((lines) => {
    expect(lines[0]).toMatch(/^marker: .{24}$/);
    for (const line of lines.slice(1)) expect(line).toMatch(/^[0-9]{3}: /);
    const id = lines.find((l) => l.startsWith('001: '))!.slice(5);
    return { id, lines };
  });
}

/** A record in the dump's format, line for line. */
function dumpLines(record: MarcRecord): string[] {
  return [
    `marker: ${record.leader.value}`,
    ...record.fields.map((f) =>
      f.kind === 'control' ? `${f.tag}: ${f.value}` : `${f.tag}: ${f.ind1}${f.ind2}${f.subfields.map((s) => `$${s.code}${s.value}`).join('')}`,
    ),
  ];
}

describe.skipIf(!HAS_CORPUS)(`rusmarc ${DIR}TEST1.ISO (cp1251 RUSMARC) vs TEST1.txt`, () => {
  if (!HAS_CORPUS) it.skip(NO_CORPUS_MESSAGE, () => {});

  let ours: MarcRecord[] = [];
  let dump: DumpRecord[] = [];
  beforeAll(async () => {
    const items = await readIso2709All(corpusPath(`${DIR}TEST1.ISO`), { mode: 'strict' });
    expect(items.every((i) => i.kind === 'record')).toBe(true);
    ours = records(items);
    dump = parseDump(readFileSync(corpusPath(`${DIR}TEST1.txt`), 'utf8'));
  });

  it('reads all 81 records in strict mode, each detected as cp1251, without a warning (RUSMARC: leader/09 blank claims nothing)', () => {
    expect(ours).toHaveLength(81);
    expect(ours.filter((r) => r.sourceCharset !== 'cp1251').map((r) => r.controlValue('001'))).toEqual([]);
    expect(ours.flatMap((r) => r.warnings)).toEqual([]);
    expect(ours.every((r) => r.leader.value.slice(20) === '450 ')).toBe(true);
  });

  it('the dump holds 80 records; the one it lacks is RU\\NLR\\bibl\\342331 (record 44, Ukrainian)', () => {
    expect(dump).toHaveLength(80);
    const dumped = new Set(dump.map((d) => d.id));
    expect(dumped.size).toBe(80);
    const missing = ours.filter((r) => !dumped.has(r.controlValue('001')!));
    expect(missing.map((r) => r.controlValue('001'))).toEqual([ABSENT]);
    expect(ours.indexOf(missing[0]!)).toBe(44);
    // it decodes like the others: cp1251 Ukrainian (ї) beside Latin "i" typed for "і"
    expect(missing[0]!.subfieldValues('200', 'a')[0]).toMatch(/^Клiнiко-лабораторнi зрушення .* та їх корекцiя/);
    expect(missing[0]!.subfieldValues('101', 'a')).toEqual(['ukr']);
  });

  it('the other 80 are the dump’s records field for field: leader, tags, indicators, subfield codes and text', () => {
    const byId = new Map(ours.map((r) => [r.controlValue('001')!, r]));
    for (const { id, lines } of dump) {
      const record = byId.get(id);
      expect(record, id).toBeDefined();
      const mine = dumpLines(record!);
      expect(mine.length, id).toBe(lines.length);
      mine.forEach((line, k) => expect(line, `${id} line ${k + 1}`).toBe(lines[k]));
    }
  });

  it('spot check: the dump’s first record’s title and a 461 link to it (embedded fields in $1)', () => {
    const first = ours.find((r) => r.controlValue('001') === 'RU\\NLR\\bibl\\5996')!;
    expect(first.subfieldValues('200', 'a')).toEqual(['Задачи и этюды']);
    const second = ours.find((r) => r.controlValue('001') === 'RU\\NLR\\bibl\\3415')!;
    expect(second.dataFields('461')[0]!.subfields).toEqual([
      { code: '1', value: '001RU\\NLR\\bibl\\5996' },
      { code: '1', value: '2001 ' },
      { code: 'a', value: 'Задачи и этюды' },
      { code: 'v', value: 'Вып. 13' },
    ]);
  });

  it('TEST2.ISO: one cp1251 record, detected as such, identical to the TEST1.txt record with the same 001', async () => {
    const [record, ...more] = records(await readIso2709All(corpusPath(`${DIR}TEST2.ISO`), { mode: 'strict' }));
    expect(more).toEqual([]);
    expect(record!.sourceCharset).toBe('cp1251');
    expect(record!.warnings).toEqual([]);
    expect(record!.controlValue('001')).toBe('RU\\NLR\\bibl\\64495');
    expect(record!.subfieldValues('200', 'a')).toEqual(['Светильник Сибири']);
    expect(dumpLines(record!)).toEqual(dump.find((d) => d.id === 'RU\\NLR\\bibl\\64495')!.lines);
  });

  it('ur.iso: UTF-8 bytes although 100 $a/26-27 declares "89" (cp1251 in RUSMARC): the bytes win, decoded as UTF-8', async () => {
    const items = await readIso2709All(corpusPath(`${DIR}ur.iso`), { mode: 'lenient' });
    const [record, ...more] = records(items);
    expect(items).toHaveLength(1);
    expect(more).toEqual([]);
    expect(record!.sourceCharset).toBe('utf-8');
    expect(record!.leader.value).toBe('03075nam a2200337   450 ');
    const coded = record!.subfieldValues('100', 'a')[0]!;
    expect(coded.slice(22, 25)).toBe('rus');
    expect(coded.slice(26, 28)).toBe('89');
    expect(record!.subfieldValues('200', 'a')).toEqual(['ПЕДАГОГИКА И ПСИХОЛОГИЯ НЕНАСИЛИЯ В ОБРАЗОВАНИИ']);
    expect(record!.subfieldValues('210', 'c')).toEqual(['Издательство Юрайт']);
    // no character set problem is reported: leader/09 "a" agrees with the bytes
    expect(record!.warnings.filter((w) => w.code === 'W_CHARSET_MISMATCH' || w.code === 'E_ENCODING')).toEqual([]);
    // and reading it as cp1251, as 100 $a claims, would give mojibake, not Russian
    const [asCp1251] = records(await readIso2709All(corpusPath(`${DIR}ur.iso`), { mode: 'lenient', encoding: 'cp1251' }));
    expect(asCp1251!.subfieldValues('210', 'c')[0]).not.toBe('Издательство Юрайт');
    // The six 610 fields have a third blank before their first delimiter ("   \x1Fa…"):
    // kept as $_ " " with E_SUBFIELD_CODE, so nothing is dropped
    expect(record!.warnings.map((w) => `${w.code} ${w.place.tag}`)).toEqual(Array(6).fill('E_SUBFIELD_CODE 610'));
    expect(record!.dataFields('610').map((f) => f.subfields[0])).toEqual(Array(6).fill({ code: '_', value: ' ' }));
    expect(record!.subfieldValues('610', 'a')).toContain('Педагогика');
  });
});
