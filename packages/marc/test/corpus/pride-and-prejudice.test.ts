/**
 * Repair oracle: marc4j's `pride-and-prejudice-with-many-errors.mrc` (383
 * records with broken directories, mixed character sets and HTML entities) and
 * `pride-and-prejudice-fixed.mrc`, the same records as marc4j's permissive
 * reader (MarcPermissiveStreamReader, permissive + convertToUTF8) repairs and
 * writes them in UTF-8.
 *
 * kitap reads the broken file in lenient mode with `encoding: 'auto'` (each
 * record's character set is detected from its bytes, as marc4j's "BESTGUESS"
 * does per record) and every record is compared with the fixed file's record at
 * the same index: leader (apart from the lengths and base address marc4j
 * recomputes), then fields, indicators and subfields.
 *
 * marc4j's permissive reader does more than repair structure; it also rewrites
 * content, which kitap deliberately does not (values are taken as they are, and
 * nothing is dropped). Those conventions are applied to our side explicitly
 * before the second comparison:
 *
 * | marc4j convention | kitap | why |
 * |---|---|---|
 * | un-escapes `&lt; &gt; &amp; &apos; &quot;` when a value's first `&` starts an entity | keeps the text | an ISO2709 value is not XML; `&amp;` may be what the cataloguer typed |
 * | drops empty subfields (`$h` with no value) | keeps them | nothing is dropped silently; an empty `$h` is still data |
 * | lower-cases upper-case subfield codes (`$L` → `$l`) | keeps them | upper-case codes are valid ISO2709 and used locally (MIT's 876) |
 * | puts 001 first (its record model holds the control number apart) | keeps field order | field order is the record's |
 * | leaves MARC-8 diacritics decomposed (`a` + U+0308) | composes to NFC (docs/charsets.md) | compared after NFC on both sides |
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KitapError } from '@kitap/core';
import { type Field, type MarcRecord, type ReadItem, readIso2709All } from '../../src/index.js';
import { HAS_CORPUS, NO_CORPUS_MESSAGE, corpusPath } from './corpus.js';

const BROKEN = 'marc4j/test/resources/pride-and-prejudice-with-many-errors.mrc';
const FIXED = 'marc4j/test/resources/pride-and-prejudice-fixed.mrc';

/** The 16 records whose directory's first tag is "01" instead of "001" (directory 12n-1 bytes). */
const SHORT_DIRECTORY = [92, 183, 202, 247, 264, 265, 266, 267, 274, 279, 286, 310, 335, 337, 355, 376];

/**
 * The records that still differ after marc4j's conventions, and why kitap's
 * reading differs from marc4j's repair.
 */
const RESIDUAL: Record<'iso5426' | 'marc8WithoutEscapes' | 'latin1', { records: number[]; why: string }> = {
  iso5426: {
    records: [237, 290, 292, 295, 296, 297, 336],
    why:
      'French text in ISO 5426 (the UNIMARC set): 0xC1/0xC2 before a letter are grave/acute. marc4j decodes the record ' +
      'as MARC-8, ISO 5426 and Latin-1 and keeps a winner by heuristics; kitap has no ISO 5426 decoder (docs/charsets.md), ' +
      'reads MARC-8, where 0xC1/0xC2 are ℓ/℗, and says so with W_CHARSET_MISMATCH',
  },
  marc8WithoutEscapes: {
    records: [303, 311, 312, 313, 314, 315, 316, 317, 318, 319, 356, 357, 358, 359, 360, 361, 362, 363, 364, 365, 366, 367, 368, 369, 370, 371, 372, 377, 382],
    why:
      'CJK MARC-8 whose ESC bytes were stripped: "$1!2H…(B" is left as 7-bit text. marc4j ("MARC8-Broken") puts an ESC ' +
      'before every "$1" and "(B" and decodes EACC; that is a guess which also eats real text ("CN$16.00" → "CN6.00", ' +
      '"$17.80" → "7.80") and leaves fragments ("孫!T*!N|!YF"). kitap keeps the bytes as the ASCII text they are',
  },
  latin1: {
    records: [373],
    why: '852 $b "B\\xD8 Lydbok": kitap reads Latin-1 "BØ Lydbok"; marc4j chose MARC-8 (0xD8 undefined) and wrote "B_Lydbok"',
  },
};

type Convention = 'entities' | 'emptySubfields' | 'upperCaseCodes' | 'controlNumberFirst';
const CONVENTIONS: Convention[] = ['entities', 'emptySubfields', 'upperCaseCodes', 'controlNumberFirst'];

/** marc4j's getDataAsString: un-escape when the value matches `[^&]*&[a-z]*;.*`. */
function unescapeLikeMarc4j(value: string): string {
  if (!/^[^&]*&[a-z]*;/.test(value)) return value;
  return value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&apos;/g, "'").replace(/&quot;/g, '"');
}

function withConventions(fields: readonly Field[], conventions: readonly Convention[]): Field[] {
  const on = new Set(conventions);
  let out = fields.map((f): Field =>
    f.kind === 'control'
      ? f
      : {
          ...f,
          subfields: f.subfields
            .filter((s) => !on.has('emptySubfields') || s.value !== '')
            .map((s) => ({
              code: on.has('upperCaseCodes') && /^[A-Z]$/.test(s.code) ? s.code.toLowerCase() : s.code,
              value: on.has('entities') ? unescapeLikeMarc4j(s.value) : s.value,
            })),
        },
  );
  const at = out.findIndex((f) => f.tag === '001');
  if (on.has('controlNumberFirst') && at > 0) out = [out[at]!, ...out.slice(0, at), ...out.slice(at + 1)];
  return out;
}

const text = (fields: readonly Field[]): string => JSON.stringify(fields).normalize('NFC');
/** Leader without 00-04 (length) and 12-16 (base address), which marc4j recomputes. */
const leaderBody = (r: MarcRecord): string => r.leader.value.slice(5, 12) + r.leader.value.slice(17);

describe.skipIf(!HAS_CORPUS)(`marc4j ${BROKEN} read leniently vs ${FIXED} (marc4j's permissive repair)`, () => {
  if (!HAS_CORPUS) it.skip(NO_CORPUS_MESSAGE, () => {});

  let broken: ReadItem[] = [];
  let fixed: MarcRecord[] = [];
  const ours = (i: number): MarcRecord => {
    const item = broken[i]!;
    if (item.kind !== 'record') throw new Error(`record ${i} was rejected: ${item.reject.code} ${item.reject.message}`);
    return item.record;
  };

  beforeAll(async () => {
    broken = await readIso2709All(corpusPath(BROKEN), { mode: 'lenient', file: BROKEN });
    const items = await readIso2709All(corpusPath(FIXED), { mode: 'strict', encoding: 'utf-8' });
    fixed = items.map((i) => (i.kind === 'record' ? i.record : expect.unreachable('the fixed file reads in strict mode')));
  });

  it('accounts for every record: 383 records, no rejects (records + rejects = 383)', () => {
    expect(fixed).toHaveLength(383);
    expect(broken).toHaveLength(383);
    expect(broken.filter((i) => i.kind === 'reject')).toEqual([]);
    // every leader position marc4j keeps is kept
    broken.forEach((_, i) => expect(leaderBody(ours(i)), `record ${i}`).toBe(leaderBody(fixed[i]!)));
  });

  it('repairs the 16 directories whose first tag lost its leading "0" (E_DIRECTORY warning), as marc4j does', () => {
    const repaired = broken.flatMap((_, i) => (ours(i).warnings.some((w) => w.code === 'E_DIRECTORY') ? [i] : []));
    expect(repaired).toEqual(SHORT_DIRECTORY);
    for (const i of SHORT_DIRECTORY) {
      const r = ours(i);
      expect(r.warnings.find((w) => w.code === 'E_DIRECTORY')!.message).toContain('its first tag "01" lacks a leading "0", which was restored');
      expect(r.tags[0]).toBe('001');
      expect(r.tags).toEqual(fixed[i]!.tags);
      expect(r.controlValue('001')).toBe(fixed[i]!.controlValue('001'));
      expect(r.modified).toBe(true); // written back, the directory is rebuilt
    }
  });

  it('detects each record’s character set as marc4j’s per-record guess does: 8 UTF-8, 4 Latin-1, the rest MARC-8; every non-UTF-8 record gets W_CHARSET_MISMATCH (leader/09 says "a")', () => {
    const nonAscii = new Map<string, number[]>();
    broken.forEach((_, i) => {
      const r = ours(i);
      if (r.sourceBytes!.every((b) => b < 0x80)) return;
      nonAscii.set(r.sourceCharset!, [...(nonAscii.get(r.sourceCharset!) ?? []), i]);
    });
    expect(nonAscii.get('utf-8')).toEqual([320, 321, 322, 323, 324, 325, 326, 329]);
    expect(nonAscii.get('latin1')).toEqual([92, 267, 274, 373]);
    expect(nonAscii.get('marc8')).toHaveLength(70);
    expect([...nonAscii.keys()].sort()).toEqual(['latin1', 'marc8', 'utf-8']);
    const mismatched = broken.flatMap((_, i) => (ours(i).warnings.some((w) => w.code === 'W_CHARSET_MISMATCH') ? [i] : []));
    expect(mismatched).toEqual([...nonAscii.get('marc8')!, ...nonAscii.get('latin1')!].sort((a, b) => a - b));
    // nothing was replaced: no byte was invalid in the set chosen
    broken.forEach((_, i) => expect(ours(i).warnings.filter((w) => w.code === 'E_ENCODING')).toEqual([]));
  });

  it('186 of 383 records are equal field for field, indicator for indicator, subfield for subfield (after NFC)', () => {
    const equal = broken.filter((_, i) => text(ours(i).fields) === text(fixed[i]!.fields));
    expect(equal).toHaveLength(186);
  });

  it('346 of 383 are equal once marc4j’s content conventions are applied to our side (table in the file header)', () => {
    const needed = new Map<string, number>();
    const residual: number[] = [];
    broken.forEach((_, i) => {
      const mine = ours(i).fields;
      const theirs = text(fixed[i]!.fields);
      if (text(mine) === theirs) return;
      if (text(withConventions(mine, CONVENTIONS)) !== theirs) {
        residual.push(i);
        return;
      }
      // which conventions this record needs (each one is necessary: leaving it out breaks equality)
      const key = CONVENTIONS.filter((c) => text(withConventions(mine, CONVENTIONS.filter((x) => x !== c))) !== theirs).join('+');
      needed.set(key, (needed.get(key) ?? 0) + 1);
    });
    expect(Object.fromEntries(needed)).toEqual({
      entities: 132,
      'entities+emptySubfields': 4,
      emptySubfields: 9,
      'emptySubfields+upperCaseCodes': 3,
      controlNumberFirst: 5,
      'entities+upperCaseCodes': 3,
      'entities+emptySubfields+upperCaseCodes': 1,
      'entities+controlNumberFirst': 3,
    });
    expect(383 - residual.length).toBe(346);
    expect(residual).toEqual(Object.values(RESIDUAL).flatMap((r) => r.records).sort((a, b) => a - b));
  });

  it('ISO 5426 records (RESIDUAL.iso5426): our MARC-8 reading has ℓ/℗ where marc4j has grave/acute; mapping those back gives marc4j’s record exactly', () => {
    for (const i of RESIDUAL.iso5426.records) {
      const r = ours(i);
      expect(r.sourceCharset).toBe('marc8');
      expect(r.warnings.map((w) => w.code)).toContain('W_CHARSET_MISMATCH');
      const mine = text(withConventions(r.fields, CONVENTIONS));
      expect(mine).toMatch(/[℗ℓ]/);
      // ISO 5426 0xC1 = combining grave, 0xC2 = combining acute, written before the letter
      const asIso5426 = mine.replace(/ℓ(.)/gu, '$1\u0300').replace(/℗(.)/gu, '$1\u0301').normalize('NFC');
      expect(asIso5426).toBe(text(fixed[i]!.fields));
    }
  });

  it('MARC-8 CJK without ESC bytes (RESIDUAL.marc8WithoutEscapes): kept as the 7-bit text it is; marc4j guesses escapes back', () => {
    for (const i of RESIDUAL.marc8WithoutEscapes.records) {
      const r = ours(i);
      expect(r.sourceBytes!.includes(0x1b)).toBe(false);
      // 7-bit throughout, apart from record 303, whose romanised Japanese has real MARC-8 macrons (0xE5)
      expect(r.warnings.map((w) => w.code)).toEqual(i === 303 ? ['W_CHARSET_MISMATCH'] : []);
      const mine = text(r.fields);
      expect(mine).toMatch(/\$1[\s\S]*\(B/);
      expect(text(fixed[i]!.fields)).toMatch(/\p{Script=Han}|\p{Script=Katakana}/u);
    }
    // marc4j's guess destroys text that only looked like an escape
    expect(ours(311).subfieldValues('010', 'd')).toEqual(['CN$16.00']);
    expect(fixed[311]!.subfieldValues('010', 'd')).toEqual(['CN6.00']);
    expect(ours(356).subfieldValues('020', 'c')).toEqual(['$17.80']);
    expect(fixed[356]!.subfieldValues('020', 'c')).toEqual(['7.80']);
  });

  it('Latin-1 record 373 (RESIDUAL.latin1): 852 $b is "BØ Lydbok"; marc4j wrote "B_Lydbok"', () => {
    expect(ours(373).sourceCharset).toBe('latin1');
    expect(ours(373).subfieldValues('852', 'b')).toEqual(['BØ Lydbok']);
    expect(fixed[373]!.subfieldValues('852', 'b')).toEqual(['B_Lydbok']);
  });

  it('the directory realignment is used only when it is beyond doubt (variants of fixed record 92)', async () => {
    const raw = Buffer.from(fixed[92]!.sourceBytes!);
    const pad5 = (n: number) => String(n).padStart(5, '0');
    /** The bytes with leader/00-04 and 12-16 recomputed after the directory grew or shrank by `delta`. */
    const relengthen = (bytes: Buffer, delta: number): Buffer => {
      const out = Buffer.from(bytes);
      out.write(pad5(out.length), 0, 'latin1');
      out.write(pad5(Number(out.toString('latin1', 12, 17)) + delta), 12, 'latin1');
      return out;
    };
    // marc4j's other repair: a stray byte before a first tag starting "00" (directory 12n+1 bytes)
    const stray = relengthen(Buffer.concat([raw.subarray(0, 24), Buffer.from(' '), raw.subarray(24)]), 1);
    const [a] = await readIso2709All(stray, { mode: 'lenient' });
    expect(a!.kind).toBe('record');
    const record = (a as Extract<ReadItem, { kind: 'record' }>).record;
    expect(record.warnings.map((w) => w.message)).toEqual([
      'the directory is 121 bytes, not a multiple of 12; a stray byte 0x20 before the first tag was skipped, after which every entry matches the field terminators',
    ]);
    expect(record.fields).toEqual(fixed[92]!.fields);
    // a byte missing inside the directory (the third tag's first digit): no realignment fits, the record is rejected, not guessed
    const inner = relengthen(Buffer.concat([raw.subarray(0, 48), raw.subarray(49)]), -1);
    const [b] = await readIso2709All(inner, { mode: 'lenient' });
    expect(b).toMatchObject({ kind: 'reject', reject: { code: 'E_FIELD_BOUNDS' } });
  });

  it('skip mode rejects exactly the 16 repaired directories (E_DIRECTORY, raw bytes kept); strict mode stops at the first, record 92', async () => {
    const bytes = readFileSync(corpusPath(BROKEN));
    const skip = await readIso2709All(bytes, { mode: 'skip' });
    expect(skip).toHaveLength(383);
    const rejected = skip.flatMap((item, i) => (item.kind === 'reject' ? [[i, item.reject.code] as const] : []));
    expect(rejected).toEqual(SHORT_DIRECTORY.map((i) => [i, 'E_DIRECTORY']));
    for (const [i] of rejected) {
      const reject = (skip[i] as Extract<ReadItem, { kind: 'reject' }>).reject;
      expect(Buffer.from(reject.raw as Uint8Array).equals(Buffer.from(ours(i).sourceBytes!))).toBe(true);
    }
    let error: unknown;
    try {
      await readIso2709All(bytes, { mode: 'strict', file: BROKEN });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KitapError);
    expect(error).toMatchObject({ code: 'E_DIRECTORY', place: { file: BROKEN, index: 92, recordId: 'BTJ11184529X' } });
  });
});
