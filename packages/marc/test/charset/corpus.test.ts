/**
 * Checks against real files from the shared corpus (pymarc, marc4j, rusmarc,
 * yaz test data). The corpus is not part of the repository: every test skips
 * with a message when its file is absent.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decode, detectCharset, type CharsetName, type Detection } from '../../src/charset/index.js';
import { corpusFile, hasCorpus, readCorpus, splitRecords, subfields, xmlDatafields, type RawRecord } from './helpers.js';

function skipMessage(rel: string): string {
  return hasCorpus(rel) ? rel : `${rel} (SKIPPED: corpus file not present at ${corpusFile(rel)})`;
}

/** Detect every record, feeding each result to the next as `prior`, as the reader does. */
function detectAll(records: RawRecord[], withPrior = true): Detection[] {
  let prior: CharsetName | undefined;
  return records.map((r) => {
    const d = detectCharset(r.bytes, { leader09: r.leader[9] ?? ' ', ...(withPrior && prior ? { prior } : {}) });
    prior = d.charset;
    return d;
  });
}

function decodeFields(r: RawRecord, cs: CharsetName): { tag: string; text: string; problems: number }[] {
  return r.fields.map((f) => {
    const d = decode(r.bytes, f.start, f.end, cs);
    return { tag: f.tag, text: d.text, problems: d.problems.length };
  });
}

describe('cp1251 corpus files', () => {
  const P1251 = 'pymarc/test/1251.dat';
  it.skipIf(!hasCorpus(P1251))(skipMessage(P1251), () => {
    const records = splitRecords(readCorpus(P1251));
    expect(records.length).toBe(6);
    for (const withPrior of [false, true]) {
      for (const d of detectAll(records, withPrior)) expect(d.charset, d.reason).toBe('cp1251');
    }
    const fields = records.flatMap((r) => decodeFields(r, 'cp1251'));
    expect(fields.every((f) => f.problems === 0)).toBe(true);
    const text = fields.map((f) => f.text).join('\n');
    expect(text).toMatch(/[А-Яа-яЁё]{5,}/);
  });

  const TEST1 = 'rusmarc/tests/data/TEST1.ISO';
  it.skipIf(!hasCorpus(TEST1))(skipMessage(TEST1), () => {
    const records = splitRecords(readCorpus(TEST1));
    expect(records.length).toBeGreaterThan(50);
    for (const withPrior of [false, true]) {
      const detections = detectAll(records, withPrior);
      const wrong = detections.filter((d) => d.charset !== 'cp1251');
      expect(wrong.map((d) => d.reason)).toEqual([]);
    }
    for (const r of records) for (const f of decodeFields(r, 'cp1251')) expect(f.problems).toBe(0);
  });
});

describe('MARC-8 corpus files', () => {
  const CYR = 'marc4j/test/resources/cyrillic_capital_e.mrc';
  it.skipIf(!hasCorpus(CYR))(skipMessage(CYR), () => {
    const records = splitRecords(readCorpus(CYR));
    expect(records.length).toBe(2);
    for (const d of detectAll(records)) expect(d).toMatchObject({ charset: 'marc8', confidence: 'certain' });
    const texts = records.flatMap((r) => decodeFields(r, 'marc8')).filter((f) => f.tag === '880');
    expect(texts.every((f) => f.problems === 0)).toBe(true);
    const all = texts.map((f) => f.text).join('\n');
    expect(all).toContain('Москва');
    expect(all).toContain('Буйда');
    expect(all).toContain('Вор, шпион и убийца');
    // this file writes a 0x1F right after ESC ( N (a known upstream defect, where "Э" was meant):
    // it must pass through as U+001F, untouched
    expect(all).toContain('\u001fKSMO');
  });

  const M8 = 'pymarc/test/test_marc8.txt';
  const U8 = 'pymarc/test/test_utf8.txt';
  it.skipIf(!hasCorpus(M8) || !hasCorpus(U8))(skipMessage(M8), () => {
    const marc8 = readCorpus(M8);
    const expected = readFileSync(corpusFile(U8), 'utf8').split('\n');
    let lineStart = 0;
    let line = 0;
    let same = 0;
    const different: string[] = [];
    for (let i = 0; i <= marc8.length; i++) {
      if (i < marc8.length && marc8[i] !== 0x0a) continue;
      if (i > lineStart) {
        const d = decode(marc8, lineStart, i, 'marc8');
        if (d.text.normalize('NFC') === (expected[line] ?? '').normalize('NFC')) same++;
        else {
          // never a silent difference: whatever differs was reported
          expect(d.problems.length, `line ${line + 1}`).toBeGreaterThan(0);
          different.push(`${line + 1}`);
        }
      }
      lineStart = i + 1;
      line++;
    }
    expect(same).toBeGreaterThanOrEqual(1514);
    // line 1515 uses vendor codes (0x7F + UTF-16) that pymarc maps outside the LC tables
    expect(different).toEqual(['1515']);
  });

  // yaz: marcN.marc + marcN.chr (charset) + marcN.xml (golden UTF-8 MARCXML written by yaz)
  for (const n of [6, 7, 8, 9, 12]) {
    const rel = `yaz/test/marc-files/marc${n}.marc`;
    const xml = `yaz/test/marc-files/marc${n}.xml`;
    it.skipIf(!hasCorpus(rel) || !hasCorpus(xml))(skipMessage(rel), () => {
      expect(readFileSync(corpusFile(rel.replace('.marc', '.chr')), 'utf8').trim()).toBe('marc-8');
      const records = splitRecords(readCorpus(rel));
      for (const d of detectAll(records)) expect(d.charset === 'marc8' || d.reason.startsWith('all')).toBe(true);
      const golden = xmlDatafields(readFileSync(corpusFile(xml), 'utf8'));
      const ours = records.flatMap((r) => decodeFields(r, 'marc8')).filter((f) => f.tag >= '010');
      expect(ours.length).toBe(golden.length);
      let skipped = 0;
      ours.forEach((f, k) => {
        // marc12 has stray bytes in two fields: 0xFD (undefined: reported as a problem) and
        // 0x0C, 0x1A, 0x1F controls (passed through); yaz drops them silently
        if (f.problems > 0 || /[\u0000-\u001e]/.test(f.text)) {
          skipped++;
          return;
        }
        // yaz drops the second halves of ligature/double tilde (U+FE21, U+FE23); LC maps them, and so do we
        const mine = subfields(f.text).map(([c, v]) => [c, v.replace(/[\uFE21\uFE23]/g, '').normalize('NFC')]);
        const theirs = (golden[k]?.subfields ?? []).map(([c, v]) => [c, v.normalize('NFC')]);
        expect(mine, `marc${n} field ${f.tag}`).toEqual(theirs);
      });
      expect(skipped).toBe(n === 12 ? 2 : 0);
    });
  }
});

describe('detection across the corpus', () => {
  const YAZ = [0, 1, 5, 6, 7, 8, 9, 12];
  for (const n of YAZ) {
    const rel = `yaz/test/marc-files/marc${n}.marc`;
    it.skipIf(!hasCorpus(rel))(skipMessage(rel), () => {
      const declared = readFileSync(corpusFile(rel.replace('.marc', '.chr')), 'utf8').trim();
      const want: CharsetName = declared === 'utf-8' ? 'utf-8' : declared === 'marc-8' ? 'marc8' : 'latin1';
      for (const d of detectAll(splitRecords(readCorpus(rel)))) {
        // marc6 is plain ASCII: UTF-8 ("certain") is as right as MARC-8 there
        if (d.reason.startsWith('all')) continue;
        expect(d.charset, d.reason).toBe(want);
      }
    });
  }

  const UTF8 = [
    'pymarc/test/utf8_with_leader_flag.dat',
    'pymarc/test/utf8_without_leader_flag.dat',
    'pymarc/test/regression45.dat',
    'marc4j/test/resources/brkrtest_UTF8.mrc',
    'rusmarc/tests/data/ur.iso',
    'yaz/test/marc-files/marc10.xml.marc',
  ];
  for (const rel of UTF8) {
    it.skipIf(!hasCorpus(rel))(skipMessage(rel), () => {
      for (const d of detectAll(splitRecords(readCorpus(rel)))) expect(d).toMatchObject({ charset: 'utf-8', confidence: 'certain' });
    });
  }

  const MARC8 = ['pymarc/test/marc8.dat', 'marc4j/test/resources/brkrtest.mrc', 'marc4j/test/resources/selectedRecs.mrc'];
  for (const rel of MARC8) {
    it.skipIf(!hasCorpus(rel))(skipMessage(rel), () => {
      for (const d of detectAll(splitRecords(readCorpus(rel)))) {
        if (d.reason.startsWith('all') || d.reason.startsWith('valid UTF-8')) continue; // ASCII-only / UTF-8 records in the file
        expect(d.charset, d.reason).toBe('marc8');
      }
    });
  }

  const ESC_DAMAGED = ['marc4j/test/resources/chinese_mangled_multibyte.mrc', 'marc4j/test/resources/incomplete_esc_seq.mrc', 'pymarc/test/bad_marc8_escape.dat'];
  for (const rel of ESC_DAMAGED) {
    it.skipIf(!hasCorpus(rel))(`${skipMessage(rel)}: damaged MARC-8 is still MARC-8, with problems reported`, () => {
      const records = splitRecords(readCorpus(rel));
      for (const d of detectAll(records)) {
        if (d.reason.startsWith('all') || d.reason.startsWith('valid UTF-8')) continue;
        expect(d.charset, d.reason).toBe('marc8');
      }
      const problems = records.flatMap((r) => decodeFields(r, 'marc8')).reduce((s, f) => s + f.problems, 0);
      expect(problems).toBeGreaterThan(0);
    });
  }
});
