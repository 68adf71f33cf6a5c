/**
 * Bytes of the data area that no directory entry covers ("orphan data"): a
 * record whose directory lost the entry of a field still holds the field's
 * bytes. Nothing of them may be lost silently: strict mode throws
 * E_ORPHAN_DATA, skip mode rejects the record with it, lenient mode keeps the
 * record and warns W_ORPHAN_DATA with the bytes' place, length and text.
 * Records are built by hand, byte by byte, as a damaged writer leaves them.
 */
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KitapError } from '@kitap/core';
import { encode } from '../../src/charset/index.js';
import { type ByteRun, uncoveredRuns } from '../../src/iso2709/orphan-data.js';
import { type FieldExtent, parseFrame } from '../../src/iso2709/parse-frame.js';
import { readIso2709All } from '../../src/iso2709/reader.js';
import { usualFrame } from '../../src/iso2709/usual-frame.js';
import type { ReadItem, ReadMode } from '../../src/read-types.js';
import { controlField, dataField, subfields } from '../../src/record/field.js';

/** One piece of the data area: a field with its directory entry, or bytes no entry covers. */
type Part = { tag: string; text: string } | { orphan: string };

/**
 * A record whose data area holds `parts` in order. Fields get directory
 * entries (in data order, or reversed with `reversed`); orphans get none. The
 * leader's length and base address are right, as a writer that dropped an
 * entry and recounted would leave them. Text is encoded in `charset`.
 */
function build(parts: Part[], options: { charset?: 'utf-8' | 'cp1251'; reversed?: boolean; leader09?: string } = {}): Buffer {
  const charset = options.charset ?? 'utf-8';
  const entries: { tag: string; length: number; offset: number }[] = [];
  const data: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const bytes = Buffer.from(encode('tag' in part ? part.text : part.orphan, charset));
    if ('tag' in part) entries.push({ tag: part.tag, length: bytes.length, offset });
    data.push(bytes);
    offset += bytes.length;
  }
  if (options.reversed) entries.reverse();
  const directory = entries.map((e) => e.tag + String(e.length).padStart(4, '0') + String(e.offset).padStart(5, '0')).join('') + '\x1e';
  const base = 24 + directory.length;
  const length = base + offset + 1;
  const leader09 = options.leader09 ?? (charset === 'utf-8' ? 'a' : ' ');
  const leader = String(length).padStart(5, '0') + 'nam ' + leader09 + '22' + String(base).padStart(5, '0') + ' i 4500';
  return Buffer.concat([Buffer.from(leader + directory, 'latin1'), ...data, Buffer.from([0x1d])]);
}

const F001 = { tag: '001', text: 'KZ-000650\x1e' };
const F245 = { tag: '245', text: '10\x1faАбай жолы :\x1fbроман-эпопея /\x1fcМ. Әуезов.\x1e' };
const F650_TEXT = '07\x1faҚазақ әдебиеті\x1fzҚазақстан\x1e';
const F700 = { tag: '700', text: '1 \x1faНұрпейісов, Ә.\x1e' };

/** Where `needle` (UTF-8) starts in `bytes`. */
function offsetOf(bytes: Buffer, needle: string): number {
  const at = bytes.indexOf(Buffer.from(needle));
  if (at < 0) throw new Error(`no ${needle}`);
  return at;
}

async function readIn(mode: ReadMode, bytes: Uint8Array, encoding?: string): Promise<ReadItem[]> {
  return readIso2709All(bytes, encoding === undefined ? { mode } : { mode, encoding });
}

async function strictError(bytes: Uint8Array): Promise<KitapError> {
  const error = await readIn('strict', bytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KitapError)) throw new Error(`strict mode did not throw a KitapError: ${String(error)}`);
  return error;
}

function recordOf(items: ReadItem[]) {
  expect(items).toHaveLength(1);
  const item = items[0]!;
  if (item.kind !== 'record') throw new Error(`expected a record, got ${item.reject.code}: ${item.reject.message}`);
  return item.record;
}

describe('bytes of the data area that no directory entry covers', () => {
  describe('a 650 whose directory entry was lost, between 245 and 700', () => {
    const bytes = build([F001, F245, { orphan: F650_TEXT }, F700]);
    const at = offsetOf(bytes, '07\x1fa');
    const length = Buffer.byteLength(F650_TEXT);

    it('lenient: the record is kept without it, with W_ORPHAN_DATA giving its offset, length and text', async () => {
      const record = recordOf(await readIn('lenient', bytes));
      expect(record.fields.map((f) => f.tag)).toEqual(['001', '245', '700']);
      expect(record.warnings).toHaveLength(1);
      const [warning] = record.warnings;
      expect(warning!.code).toBe('W_ORPHAN_DATA');
      expect(warning!.place).toMatchObject({ index: 0, offset: at, recordId: 'KZ-000650' });
      expect(warning!.message).toContain(`${length} bytes`);
      expect(warning!.message).toContain(`record byte ${at}`);
      expect(warning!.message).toContain('after 245, before 700');
      expect(warning!.message).toContain('07␟aҚазақ әдебиеті␟zҚазақстан␞');
      expect(record.modified).toBe(true); // written again from its fields, not from bytes that hold the orphan
    });

    it('strict: a KitapError E_ORPHAN_DATA at the record, naming the byte', async () => {
      const error = await strictError(bytes);
      expect(error.code).toBe('E_ORPHAN_DATA');
      expect(error.place).toMatchObject({ index: 0, offset: 0 });
      expect(error.message).toContain(`(byte ${at})`);
      expect(error.message).toContain('Қазақ әдебиеті');
    });

    it('skip: a reject E_ORPHAN_DATA keeping the record\'s bytes', async () => {
      const items = await readIn('skip', bytes);
      expect(items).toHaveLength(1);
      const item = items[0]!;
      if (item.kind !== 'reject') throw new Error('expected a reject');
      expect(item.reject.code).toBe('E_ORPHAN_DATA');
      expect(Buffer.from(item.reject.raw as Uint8Array).equals(bytes)).toBe(true);
    });
  });

  it('at the end of the data area, before the record terminator', async () => {
    const bytes = build([F001, F245, F700, { orphan: F650_TEXT }]);
    const record = recordOf(await readIn('lenient', bytes));
    expect(record.fields.map((f) => f.tag)).toEqual(['001', '245', '700']);
    expect(record.warnings.map((w) => [w.code, w.place.offset])).toEqual([['W_ORPHAN_DATA', offsetOf(bytes, '07\x1fa')]]);
    expect(record.warnings[0]!.message).toContain('after 700, at the end of the data area');
    expect((await strictError(bytes)).code).toBe('E_ORPHAN_DATA');
  });

  it('at the start of the data area, before the first field', async () => {
    const bytes = build([{ orphan: F001.text }, F245, F700]);
    const record = recordOf(await readIn('lenient', bytes));
    expect(record.fields.map((f) => f.tag)).toEqual(['245', '700']);
    expect(record.warnings.map((w) => w.code)).toEqual(['W_ORPHAN_DATA']);
    expect(record.warnings[0]!.message).toContain('at the start of the data area, before 245');
    expect(record.warnings[0]!.message).toContain('KZ-000650␞');
  });

  it('bytes that are no field at all, between two fields', async () => {
    const bytes = build([F001, { orphan: 'xyz' }, F245, F700]);
    const record = recordOf(await readIn('lenient', bytes));
    expect(record.fields.map((f) => f.tag)).toEqual(['001', '245', '700']);
    expect(record.warnings.map((w) => [w.code, w.place.offset])).toEqual([['W_ORPHAN_DATA', offsetOf(bytes, 'xyz')]]);
    expect(record.warnings[0]!.message).toContain('3 bytes');
    expect(record.warnings[0]!.message).toContain('"xyz"');
  });

  it('one warning for each run, in the order of the bytes; strict stops at the first', async () => {
    const bytes = build([F001, { orphan: 'first\x1e' }, F245, { orphan: F650_TEXT }, F700]);
    const record = recordOf(await readIn('lenient', bytes));
    expect(record.warnings.map((w) => [w.code, w.place.offset])).toEqual([
      ['W_ORPHAN_DATA', offsetOf(bytes, 'first')],
      ['W_ORPHAN_DATA', offsetOf(bytes, '07\x1fa')],
    ]);
    const error = await strictError(bytes);
    expect(error.message).toContain(`(byte ${offsetOf(bytes, 'first')})`);
  });

  it('in a record whose directory is not in data order', async () => {
    const bytes = build([F001, F245, { orphan: F650_TEXT }, F700], { reversed: true });
    const record = recordOf(await readIn('lenient', bytes));
    expect(record.fields.map((f) => f.tag)).toEqual(['700', '245', '001']);
    expect(record.warnings.map((w) => [w.code, w.place.offset])).toEqual([['W_ORPHAN_DATA', offsetOf(bytes, '07\x1fa')]]);
    expect(record.warnings[0]!.message).toContain('after 245, before 700');
  });

  it('an unordered directory that covers every byte is no orphan', async () => {
    const bytes = build([F001, F245, F700], { reversed: true });
    const record = recordOf(await readIn('strict', bytes));
    expect(record.fields.map((f) => f.tag)).toEqual(['700', '245', '001']);
    expect(record.warnings).toEqual([]);
  });

  it('decodes the text in the record\'s character set (cp1251)', async () => {
    const bytes = build([{ tag: '001', text: 'RU-1\x1e' }, { tag: '245', text: '10\x1faВойна и мир\x1e' }, { orphan: '07\x1faРусская литература\x1e' }, { tag: '700', text: '1 \x1faТолстой, Л. Н.\x1e' }], { charset: 'cp1251' });
    expect(isUtf8(bytes)).toBe(false);
    const record = recordOf(await readIn('lenient', bytes, 'cp1251'));
    expect(record.subfieldValues('245', 'a')).toEqual(['Война и мир']);
    expect(record.warnings.map((w) => w.code)).toEqual(['W_ORPHAN_DATA']);
    expect(record.warnings[0]!.message).toContain('07␟aРусская литература␞');
  });

  it('shows at most 200 characters of a long run, and says how long it is', async () => {
    const long = `  \x1fa${'Ә'.repeat(500)}\x1e`;
    const bytes = build([F001, F245, { orphan: long }, F700]);
    const record = recordOf(await readIn('lenient', bytes));
    const message = record.warnings[0]!.message;
    expect(message).toContain(`${Buffer.byteLength(long)} bytes`);
    expect(message).toContain(`the first 200 of ${[...long].length} characters`);
    expect(message).toContain(`"  ␟a${'Ә'.repeat(196)}…"`);
    expect(message).not.toContain('Ә'.repeat(197));
  });

  it('the record that had the entry reads with no warning and the field (the test builds what it means to)', async () => {
    const record = recordOf(await readIn('strict', build([F001, F245, { tag: '650', text: F650_TEXT }, F700])));
    expect(record.fields).toEqual([
      controlField('001', 'KZ-000650'),
      dataField('245', '1', '0', subfields('a', 'Абай жолы :', 'b', 'роман-эпопея /', 'c', 'М. Әуезов.')),
      dataField('650', '0', '7', subfields('a', 'Қазақ әдебиеті', 'z', 'Қазақстан')),
      dataField('700', '1', ' ', subfields('a', 'Нұрпейісов, Ә.')),
    ]);
    expect(record.warnings).toEqual([]);
  });
});

describe('orphan data on the WebAssembly and JavaScript paths', () => {
  const cases: [string, Buffer][] = [
    ['between fields', build([F001, F245, { orphan: F650_TEXT }, F700])],
    ['at the end', build([F001, F245, F700, { orphan: F650_TEXT }])],
    ['at the start', build([{ orphan: F001.text }, F245, F700])],
    ['not a field', build([F001, { orphan: 'xyz' }, F245, F700])],
    ['an unordered directory', build([F001, F245, { orphan: F650_TEXT }, F700], { reversed: true })],
  ];

  it.each(cases)('%s: the fast path leaves the record to the full parser, and both find the same orphan', (_name, bytes) => {
    expect(usualFrame(bytes, false, true)).toBeUndefined();
    const hinted = parseFrame(Buffer.from(bytes), 'valid');
    const full = parseFrame(Buffer.from(bytes));
    expect(full.orphans).toBeDefined();
    expect(full.orphans!.length).toBeGreaterThan(0);
    expect(hinted.orphans).toEqual(full.orphans);
    expect(hinted.fields).toEqual(full.fields);
  });

  it('a sound record has no orphans on either path', () => {
    const bytes = build([F001, F245, { tag: '650', text: F650_TEXT }, F700]);
    const usual = usualFrame(bytes, false, true);
    expect(usual).toBeDefined();
    expect(usual!.orphans).toBeUndefined();
    expect(parseFrame(Buffer.from(bytes)).orphans).toBeUndefined();
  });
});

describe('uncoveredRuns', () => {
  /** The same answer, byte by byte. */
  function naive(fields: readonly FieldExtent[], base: number, dataEnd: number): ByteRun[] | undefined {
    const covered = new Uint8Array(dataEnd);
    for (const f of fields) covered.fill(1, f.start, f.end + 1);
    const runs: ByteRun[] = [];
    for (let i = base; i < dataEnd; i++) {
      if (covered[i]) continue;
      let j = i;
      while (j < dataEnd && !covered[j]) j++;
      runs.push({ start: i, end: j });
      i = j;
    }
    return runs.length ? runs : undefined;
  }

  const base = 100;
  /** Fields as extents of the data area [base, base + area): any order, overlapping, repeated, tiling or not. */
  const layout = fc.integer({ min: 2, max: 300 }).chain((area) =>
    fc.record({
      area: fc.constant(area),
      fields: fc.oneof(
        // a tiling cut into pieces, shuffled, with pieces dropped or repeated
        fc.uniqueArray(fc.integer({ min: 1, max: area - 1 }), { maxLength: Math.min(20, area - 1) }).chain((cuts) => {
          const points = [0, ...cuts.sort((a, b) => a - b), area];
          const pieces = points.slice(1).map((end, i) => ({ start: points[i]!, end }));
          return fc.shuffledSubarray([...pieces, ...pieces.slice(0, 2)], { minLength: 1 });
        }),
        // arbitrary extents
        fc.array(
          fc.integer({ min: 0, max: area - 1 }).chain((start) => fc.integer({ min: start + 1, max: area }).map((end) => ({ start, end }))),
          { minLength: 1, maxLength: 20 },
        ),
      ),
    }),
  );

  it('finds exactly the bytes no field covers, whatever the order and overlaps of the fields', () => {
    fc.assert(
      fc.property(layout, ({ area, fields }) => {
        const extents: FieldExtent[] = fields.map((f, i) => ({ tag: String(i).padStart(3, '0'), start: base + f.start, end: base + f.end - 1, data: true }));
        expect(uncoveredRuns(extents, base, base + area)).toEqual(naive(extents, base, base + area));
      }),
      { numRuns: 2000 },
    );
  });
});
