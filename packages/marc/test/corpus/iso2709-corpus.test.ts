import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import marcjs from 'marcjs';
import { KitapError } from '@kitap/core';
import { type ReadItem, type ReadMode, readIso2709, readIso2709All, splitIntoChunks, writeIso2709 } from '../../src/index.js';
import { HAS_CORPUS, ISO_FILES, NO_CORPUS_MESSAGE, corpusPath } from './corpus.js';

function summary(items: ReadItem[]) {
  return items.map((i) =>
    i.kind === 'record'
      ? { kind: 'record', offset: i.record.place.offset, fields: i.record.fields, leader: i.record.leader.value, warnings: i.record.warnings.map((w) => w.code) }
      : { kind: 'reject', offset: i.reject.place.offset, code: i.reject.code, raw: Buffer.from(i.reject.raw as Uint8Array).toString('base64') },
  );
}

async function readStrict(bytes: Uint8Array): Promise<{ items: ReadItem[]; error?: KitapError }> {
  const items: ReadItem[] = [];
  try {
    for await (const item of readIso2709(bytes, { mode: 'strict' })) items.push(item);
    return { items };
  } catch (error) {
    if (error instanceof KitapError) return { items, error };
    throw error;
  }
}

describe.skipIf(!HAS_CORPUS)('ISO2709 corpus conformance', () => {
  if (!HAS_CORPUS) it.skip(NO_CORPUS_MESSAGE, () => {});

  it('finds the corpus ISO2709 files', () => {
    expect(ISO_FILES.length).toBeGreaterThan(40);
  });

  describe.each(ISO_FILES)('%s', (file) => {
    const bytes = readFileSync(corpusPath(file));

    it.each<ReadMode>(['lenient', 'skip'])('reads in %s mode, accounting for every framed record, identically for every chunk size', async (mode) => {
      const whole = await readIso2709All(bytes, { mode });
      expect(whole.length).toBeGreaterThan(0);
      // every byte of the file belongs to a record or a reject (or to skipped CR/LF/NUL)
      let covered = 0;
      for (const item of whole) covered += item.kind === 'record' ? item.record.sourceBytes!.length : (item.reject.raw as Uint8Array).length;
      // CR/LF/NUL anywhere between records, and blank padding at the end of the file, are skipped with a warning
      let end = bytes.length;
      while (end > 0 && [0x20, 0x0a, 0x0d, 0x00, 0x1a].includes(bytes[end - 1]!)) end--;
      const junk = [...bytes.subarray(0, end)].filter((b) => b === 0x0a || b === 0x0d || b === 0x00 || b === 0x1a).length + (bytes.length - end);
      expect(covered).toBeGreaterThanOrEqual(bytes.length - junk);
      expect(covered).toBeLessThanOrEqual(bytes.length);
      const expected = summary(whole);
      for (const size of [1, 7, 4096, 65536]) {
        if (size === 1 && bytes.length > 300_000) continue; // 1-byte chunks of the 1 MB file are covered by the 7-byte run
        const chunked = await readIso2709All(splitIntoChunks(bytes, size), { mode, coalesceBytes: 0 });
        expect(summary(chunked)).toEqual(expected);
      }
    });

    it('reads in strict mode: either every record or a typed error with its place', async () => {
      const { items, error } = await readStrict(bytes);
      if (error) {
        expect(error.code).toMatch(/^[EW]_/);
        expect(error.place.index).toBe(items.length);
        expect(error.place.offset).toBeTypeOf('number');
      }
    });
  });
});

describe.skipIf(!HAS_CORPUS)('pymarc bad_records.mrc', () => {
  const bytes = HAS_CORPUS ? readFileSync(corpusPath('pymarc/test/bad_records.mrc')) : Buffer.alloc(0);

  it('skip mode gives the upstream order: ok, bad base address, base address not found, bad directory, bad UTF-8, bad value, no fields, ok', async () => {
    const items = await readIso2709All(bytes, { mode: 'skip', encoding: 'utf-8' });
    expect(items.map((i) => (i.kind === 'record' ? 'ok' : i.reject.code))).toEqual([
      'ok',
      'E_BASE_ADDRESS',
      'E_BASE_ADDRESS',
      'E_DIRECTORY',
      'E_DIRECTORY',
      'E_BASE_ADDRESS',
      'E_NO_FIELDS',
      'ok',
    ]);
  });
});

describe.skipIf(!HAS_CORPUS)('Catmandu bu_bibs.mrc (lengths counted in characters)', () => {
  it('reads all 100 records leniently, repairing 16 by their terminators', async () => {
    const items = await readIso2709All(corpusPath('Catmandu-MARC/t/bu_bibs.mrc'), { mode: 'lenient' });
    const records = items.filter((i) => i.kind === 'record');
    expect(records).toHaveLength(100);
    const repaired = records.filter((i) => i.record.warnings.some((w) => w.code === 'E_RECORD_TERMINATOR' || w.code === 'W_FIELDS_REFRAMED'));
    expect(repaired).toHaveLength(16);
  });
});

describe.skipIf(!HAS_CORPUS)('round trip and marcjs differential on well-formed UTF-8 records', () => {
  it.each(ISO_FILES)('%s: unmodified records are written back byte for byte and parse like marcjs', async (file) => {
    const items = await readIso2709All(corpusPath(file), { mode: 'skip' });
    for (const item of items) {
      if (item.kind !== 'record' || item.record.sourceCharset !== 'utf-8' || item.record.modified) continue;
      const raw = item.record.raw!;
      const written = writeIso2709(item.record, { characterCoding: item.record.leader.characterCoding });
      expect(Buffer.from(written).equals(Buffer.from(raw))).toBe(true);
      // marcjs decodes as UTF-8 and tells control fields by tag < 010; it cannot
      // represent a 00X data field (danMARC-style), so such records are not compared.
      if (item.record.fields.some((f) => f.kind === 'data' && f.tag < '010')) continue;
      const theirs = marcjs.Iso2709Parser.parse(Buffer.from(raw));
      const ours = item.record.fields.map((f) => (f.kind === 'control' ? [f.tag, f.value] : [f.tag, f.ind1 + f.ind2, ...f.subfields.flatMap((s) => [s.code, s.value])]));
      expect(ours).toEqual(theirs.fields);
    }
  });
});
