import { describe, expect, it } from 'vitest';
import { readMij } from '../../src/mij/reader.js';
import { controlField, dataField, subfields } from '../../src/record/field.js';
import { type Reader, chunksPulledForFirstItem, readAll, readInChunks, records, rejects, shape, strictError, utf8 } from '../marcxml/helpers.js';

const read: Reader = readMij;

const ABAI = {
  leader: '00000nam a2200000 i 4500',
  fields: [
    { '001': 'KZ-ЦГБ-000123' },
    { '245': { ind1: '1', ind2: '0', subfields: [{ a: 'Абай жолы :' }, { b: 'роман-эпопея /' }, { c: 'М. Әуезов.' }] } },
    { '949': { subfields: [{ a: 'ЦГБ' }, { b: 'КХ-00123' }, { c: '1500.00' }], ind2: ' ', ind1: ' ' } },
  ],
};
const TOLSTOY = {
  leader: '00000cam a2200000 i 4500',
  fields: [{ '001': 'RU-000124' }, { '245': { ind1: '1', ind2: '0', subfields: [{ a: 'Война и мир /' }, { c: 'Л. Н. Толстой.' }] } }],
};
const ABAI_FIELDS = [
  controlField('001', 'KZ-ЦГБ-000123'),
  dataField('245', '1', '0', subfields('a', 'Абай жолы :', 'b', 'роман-эпопея /', 'c', 'М. Әуезов.')),
  dataField('949', ' ', ' ', subfields('a', 'ЦГБ', 'b', 'КХ-00123', 'c', '1500.00')),
];

describe('readMij: the three layouts', () => {
  it('a single record object (pretty-printed)', async () => {
    const items = await readAll(read, utf8(JSON.stringify(ABAI, null, 2)));
    expect(records(items).map(shape)).toEqual([{ leader: '00000nam a2200000 i 4500', fields: ABAI_FIELDS }]);
    expect(records(items)[0]!.place).toEqual({ index: 0, offset: 0, line: 1, recordId: 'KZ-ЦГБ-000123' });
  });

  it('an array of records, element by element, each with its line and byte offset', async () => {
    const text = `[\n${JSON.stringify(ABAI, null, 2)},\n  ${JSON.stringify(TOLSTOY)}\n]\n`;
    const recs = records(await readAll(read, utf8(text), { file: 'c.json' }));
    expect(recs.map((r) => r.controlValue('001'))).toEqual(['KZ-ЦГБ-000123', 'RU-000124']);
    const at = text.indexOf('{"leader":"00000cam');
    expect(recs[1]!.place).toEqual({ file: 'c.json', index: 1, offset: Buffer.byteLength(text.slice(0, at)), line: text.slice(0, at).split('\n').length, recordId: 'RU-000124' });
  });

  it('NDJSON: one record per line', async () => {
    const text = `${JSON.stringify(ABAI)}\n\n${JSON.stringify(TOLSTOY)}\r\n`;
    const recs = records(await readAll(read, utf8(text)));
    expect(recs.map((r) => [r.controlValue('001'), r.place.line])).toEqual([
      ['KZ-ЦГБ-000123', 1],
      ['RU-000124', 3],
    ]);
  });

  it('records written one after another (concatenated objects, or several arrays)', async () => {
    const objects = `${JSON.stringify(ABAI, null, 1)}\n${JSON.stringify(TOLSTOY, null, 1)}`;
    expect(records(await readAll(read, utf8(objects))).map((r) => r.controlValue('001'))).toEqual(['KZ-ЦГБ-000123', 'RU-000124']);
    const arrays = `[${JSON.stringify(ABAI)}]\n[${JSON.stringify(TOLSTOY)}]`;
    expect(records(await readAll(read, utf8(arrays))).map((r) => r.controlValue('001'))).toEqual(['KZ-ЦГБ-000123', 'RU-000124']);
  });

  it('strings with escapes, brackets and braces inside values do not confuse the splitter', async () => {
    const tricky = { leader: '00000nam a2200000 i 4500', fields: [{ '500': { ind1: ' ', ind2: ' ', subfields: [{ a: 'a ] b } c , d [ e { "f" \\ g \u0001 😀' }] } }] };
    for (const text of [JSON.stringify([tricky, tricky]), `${JSON.stringify(tricky)}\n${JSON.stringify(tricky)}\n`]) {
      const recs = records(await readAll(read, utf8(text)));
      expect(recs).toHaveLength(2);
      expect(recs[1]!.subfieldValues('500', 'a')).toEqual(['a ] b } c , d [ e { "f" \\ g \u0001 😀']);
    }
  });

  it('streams arrays and NDJSON: the first record comes out after the first chunks', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ ...ABAI, fields: [{ '001': String(i) }, ...ABAI.fields.slice(1)] }));
    const array = [utf8('['), ...many.map((r, i) => utf8(`${i > 0 ? ',' : ''}\n${r}`)), utf8('\n]')];
    const ndjson = many.map((r) => utf8(`${r}\n`));
    for (const chunks of [array, ndjson]) {
      const { pulled, first } = await chunksPulledForFirstItem(read, chunks);
      expect(first?.kind).toBe('record');
      expect(pulled).toBeLessThanOrEqual(3);
    }
  });

  it('reads the same for every chunking (1, 7, 4096 bytes, whole) in each layout', async () => {
    const inputs = [
      JSON.stringify(ABAI, null, 2),
      `[${JSON.stringify(ABAI)},${JSON.stringify(TOLSTOY)},{"leader":1}]`,
      `${JSON.stringify(ABAI)}\n{"leader": broken\n${JSON.stringify(TOLSTOY)}\n`,
    ];
    for (const text of inputs) {
      const reads = await readInChunks(read, utf8(text));
      for (const r of reads) expect(r.items).toEqual(reads[0]!.items);
    }
  });

  it('an empty input or an empty array has no records and no rejects', async () => {
    expect(await readAll(read, utf8(''))).toEqual([]);
    expect(await readAll(read, utf8(' [ ] '))).toEqual([]);
  });
});

describe('readMij: problems in each mode', () => {
  it('a bad NDJSON line is a reject with its line; the other lines are read', async () => {
    const text = `${JSON.stringify(ABAI)}\n{"leader": "00000nam a2200000 i 4500", "fields": [}\n${JSON.stringify(TOLSTOY)}\n`;
    for (const mode of ['skip', 'lenient'] as const) {
      const items = await readAll(read, utf8(text), { mode, file: 'x.ndjson' });
      expect(items.map((i) => i.kind)).toEqual(['record', 'reject', 'record']);
      expect(rejects(items)[0]).toMatchObject({ code: 'E_JSON', place: { file: 'x.ndjson', index: 1, line: 2 }, raw: '{"leader": "00000nam a2200000 i 4500", "fields": [}' });
    }
    const error = await strictError(read, utf8(text));
    expect(error).toMatchObject({ code: 'E_JSON', place: { index: 1, line: 2 } });
  });

  it('a bad element of an array is a reject; the next elements are read', async () => {
    const text = `[\n${JSON.stringify(ABAI)},\n{"leader": "00000nam a2200000 i 4500", "fields": [{"245": {"ind1": "1", "ind2": "0", "subfields": [{"a": 5}]}}]},\n${JSON.stringify(TOLSTOY)}\n]`;
    const items = await readAll(read, utf8(text));
    expect(items.map((i) => i.kind)).toEqual(['record', 'reject', 'record']);
    expect(rejects(items)[0]).toMatchObject({ code: 'E_JSON', place: { index: 1, line: 3, tag: '245' } });
  });

  it('structure that is not MARC-in-JSON: E_JSON', async () => {
    const bad = [
      '[1]',
      '{"leader": "00000nam a2200000 i 4500"}',
      '{"leader": "00000nam a2200000 i 4500", "fields": {}}',
      '{"leader": "00000nam a2200000 i 4500", "fields": [{"001": "a", "003": "b"}]}',
      '{"leader": "00000nam a2200000 i 4500", "fields": [{"001": 123}]}',
      '{"leader": "00000nam a2200000 i 4500", "fields": [{"245": {"ind1": "1", "ind2": "0"}}]}',
      '{"leader": 5, "fields": []}',
    ];
    for (const text of bad) {
      expect(rejects(await readAll(read, utf8(text)))[0]?.code, text).toBe('E_JSON');
      expect((await strictError(read, utf8(text))).code, text).toBe('E_JSON');
    }
  });

  it('bad tags, indicators and codes: the domain codes', async () => {
    const cases: [string, string][] = [
      ['{"24": {"ind1": " ", "ind2": " ", "subfields": [{"a": "x"}]}}', 'E_TAG'],
      ['{"245": {"ind1": "á", "ind2": " ", "subfields": [{"a": "x"}]}}', 'E_INDICATOR'],
      ['{"245": {"ind1": " ", "ind2": " ", "ind3": "0", "subfields": [{"a": "x"}]}}', 'E_INDICATOR'],
      ['{"245": {"ind1": " ", "ind2": " ", "subfields": [{"ab": "x"}]}}', 'E_SUBFIELD_CODE'],
    ];
    for (const [field, code] of cases) {
      const text = `{"leader": "00000nam a2200000 i 4500", "fields": [${field}]}`;
      expect(rejects(await readAll(read, utf8(text)))[0]?.code, field).toBe(code);
    }
  });

  it('missing leader or indicators: lenient repairs with warnings; strict refuses', async () => {
    const text = '{"fields": [{"245": {"subfields": [{"a": "Абай жолы"}]}}], "_id": "x"}';
    const [rec] = records(await readAll(read, utf8(text)));
    expect(rec!.leader.value).toBe('00000nam a2200000 i 4500');
    expect(rec!.fields).toEqual([dataField('245', ' ', ' ', subfields('a', 'Абай жолы'))]);
    expect(rec!.warnings.map((w) => w.code)).toEqual(['W_CONTENT_IGNORED', 'W_INDICATORS_MISSING', 'W_INDICATORS_MISSING', 'W_LEADER_MISSING']);
    const error = await strictError(read, utf8(text));
    expect(error.code).toBe('E_INDICATOR');
    expect(error.message).toBe('Field 245 has no ind1.');
  });

  it('raw control characters in strings (invalid JSON): lenient keeps them with W_CONTROL_CHARACTER; strict E_JSON at their line', async () => {
    const text = '{\n"leader": "00000nam a2200000 i 4500",\n"fields": [{"245": {"ind1": "1", "ind2": "0", "subfields": [{"a": "Абай\nжолы"}]}}]}';
    const [rec] = records(await readAll(read, utf8(text)));
    expect(rec!.subfieldValues('245', 'a')).toEqual(['Абай\nжолы']);
    expect(rec!.warnings[0]).toMatchObject({ code: 'W_CONTROL_CHARACTER', place: { line: 3 } });
    expect(await strictError(read, utf8(text))).toMatchObject({ code: 'E_JSON', place: { line: 3 } });
  });

  it('text that is not JSON, and JSON cut short', async () => {
    const items = await readAll(read, utf8(`this is not json\n${JSON.stringify(ABAI)}\n{"leader": "00000`));
    expect(items.map((i) => (i.kind === 'record' ? 'record' : i.reject.code))).toEqual(['E_JSON', 'record', 'E_TRUNCATED']);
    expect(rejects(items)[1]!.raw).toBe('{"leader": "00000');
  });

  it('bytes that are not UTF-8: lenient replaces them, strict E_ENCODING', async () => {
    const bytes = Buffer.concat([utf8('{"leader": "00000nam a2200000 i 4500", "fields": [{"001": "'), Buffer.from([0xff]), utf8('"}]}')]);
    const [rec] = records(await readAll(read, bytes));
    expect(rec!.controlValue('001')).toBe('\ufffd');
    expect((await strictError(read, bytes)).code).toBe('E_ENCODING');
  });
});

describe('readMij: --encoding marc8', () => {
  it('stops at once with E_USAGE saying where MARC-8 is read (MARC-in-JSON is never MARC-8)', async () => {
    const run = async (): Promise<void> => {
      for await (const _ of readMij(utf8('{"leader":"00000nam a2200000 i 4500","fields":[{"001":"1"}]}'), { encoding: 'marc8' }));
    };
    await expect(run()).rejects.toMatchObject({ code: 'E_USAGE', message: expect.stringContaining('MARC-8 is read from ISO2709 and mnemonic text only') });
  });
});
