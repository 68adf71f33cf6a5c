/**
 * Chunk invariance for every format: the same file read whole and in chunks of
 * 1, 7, 4096 and 65536 bytes (splitIntoChunks; for ISO2709 also with
 * `coalesceBytes: 0`, so the framer sees the raw chunk boundaries) gives the
 * same items — records with their places and warnings, rejects with their
 * codes, places and raw bytes — in lenient and skip mode, and the same records
 * and the same error in strict mode.
 *
 * Files: generated records (Kazakh and Russian content) written by each
 * encoder; the same with defects put in (so rejects and repairs are compared
 * too); and, when ../shared/corpus is present, real files of each format.
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KitapError } from '@kitap/core';
import { splitIntoChunks } from '../../src/byte-input.js';
import { type InputFormat, type OutputFormat, encoderFor, readRecords } from '../../src/formats.js';
import type { ReadItem, ReadMode } from '../../src/read-types.js';
import type { MarcRecord } from '../../src/record/record.js';
import { HAS_CORPUS, corpusPath } from '../corpus/corpus.js';
import { sampleRecords } from './arbitraries.js';
import { summary } from './harness.js';

const SEED = Number(process.env['KITAP_FUZZ_SEED'] ?? 0x6b6974);
const SIZES = [1, 7, 4096, 65536];

const records = sampleRecords(SEED + 1, 40);

function serialise(format: OutputFormat, recs: readonly MarcRecord[]): string | Uint8Array {
  const encoder = encoderFor(format);
  const parts: Uint8Array[] = [Buffer.from(encoder.header, 'utf8')];
  recs.forEach((record, i) => {
    const part = encoder.encode(record, i);
    parts.push(typeof part === 'string' ? Buffer.from(part, 'utf8') : part);
  });
  parts.push(Buffer.from(encoder.footer, 'utf8'));
  return Buffer.concat(parts);
}

const text = (format: OutputFormat): string => Buffer.from(serialise(format, records)).toString('utf8');

/** Replaces the n-th occurrence of `what` (n from 0). */
function replaceNth(source: string, what: string, n: number, by: string): string {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = source.indexOf(what, at + 1);
    if (at < 0) throw new Error(`no occurrence ${n} of ${JSON.stringify(what)}`);
  }
  return source.slice(0, at) + by + source.slice(at + what.length);
}

/** ISO2709 with CR/LF and NUL between records, a bad base address, a record cut short, garbage. */
function dirtyIso(): Uint8Array {
  const parts = records.map((r) => Buffer.from(serialise('iso2709', [r])));
  const bad = Buffer.from(parts[3]!);
  bad.write('99999', 12, 'latin1'); // base address
  const cut = parts[7]!.subarray(0, parts[7]!.length - 10); // no terminator: framed with the next record or truncated
  const stray = Buffer.from(parts[9]!);
  stray[stray.length - 5] = 0x1d; // a record terminator inside a value
  const badDir = Buffer.from(parts[12]!);
  badDir.write('x', 24 + 4, 'latin1'); // a directory length that is not a number
  return Buffer.concat([
    parts[0]!, Buffer.from('\r\n'), parts[1]!, parts[2]!, bad, Buffer.from([0, 0]), ...parts.slice(4, 7), cut, parts[8]!, stray,
    Buffer.from('garbage'), ...parts.slice(10, 12), badDir, ...parts.slice(13), Buffer.from('\n\x1a'), parts[0]!.subarray(0, 40),
  ]);
}

function dirtyXml(): string {
  let xml = text('marcxml');
  xml = replaceNth(xml, '<subfield code="', 3, '<subfield code="" x="');
  xml = replaceNth(xml, '</record>', 5, '</recor>');
  xml = replaceNth(xml, '<record>', 9, '<!-- a comment with <record> in it --><record>');
  xml = replaceNth(xml, '<record>', 12, 'stray text<record>');
  xml = replaceNth(xml, '<leader>', 15, '<leader>\n');
  xml = replaceNth(xml, ' ind1="', 20, ' ind3="1" ind1="');
  xml = replaceNth(xml, '</subfield>', 30, '<![CDATA[ <cdata> & ]]></subfield>');
  return xml.slice(0, -40);
}

function dirtyJson(ndjson: boolean): string {
  let json = text(ndjson ? 'ndjson' : 'mij');
  json = replaceNth(json, '"leader":', 2, '"leadr":');
  json = replaceNth(json, '"ind1":', 5, '"ind1":1,"x":');
  json = replaceNth(json, '{"leader"', 8, 'not json\n{"leader"');
  json = replaceNth(json, '"subfields":[', 11, '"subfields":[{"ab":"x"},');
  json = replaceNth(json, '"fields":[', 14, '"fields":[{"245":"\n"},');
  json = json.replaceAll('}\n{', '}\r\n\n{');
  return json.slice(0, -25);
}

function dirtyMrk(): string {
  let mrk = text('mrk');
  mrk = replaceNth(mrk, '\n=', 3, '\nnot a field line\n=');
  mrk = replaceNth(mrk, '=LDR  ', 5, '=LDR ');
  mrk = replaceNth(mrk, '\n=', 20, '\n# a comment\n=');
  mrk = replaceNth(mrk, '\n\n', 8, '\n\n\n\n');
  mrk = replaceNth(mrk, '$', 40, '$$');
  mrk = replaceNth(mrk, '=LDR  ', 12, '=LDR  {esc}(N');
  mrk = mrk.replaceAll('\n', (m) => m).replace(/\n/g, (_, i: number) => (i % 3 === 0 ? '\r\n' : '\n'));
  return `\uFEFF${mrk.slice(0, -20)}`;
}

interface Case {
  name: string;
  format: InputFormat;
  bytes: Uint8Array;
}

const bytesOf = (s: string | Uint8Array): Uint8Array => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s);

const cases: Case[] = [
  { name: 'iso2709 (written)', format: 'iso2709', bytes: bytesOf(serialise('iso2709', records)) },
  { name: 'iso2709 (with defects)', format: 'iso2709', bytes: dirtyIso() },
  { name: 'marcxml (written)', format: 'marcxml', bytes: bytesOf(text('marcxml')) },
  { name: 'marcxml (with defects)', format: 'marcxml', bytes: bytesOf(dirtyXml()) },
  { name: 'mij array (written)', format: 'mij', bytes: bytesOf(text('mij')) },
  { name: 'mij array (with defects)', format: 'mij', bytes: bytesOf(dirtyJson(false)) },
  { name: 'ndjson (written)', format: 'mij', bytes: bytesOf(text('ndjson')) },
  { name: 'ndjson (with defects)', format: 'mij', bytes: bytesOf(dirtyJson(true)) },
  { name: 'mrk (written)', format: 'mrk', bytes: bytesOf(text('mrk')) },
  { name: 'mrk (with defects)', format: 'mrk', bytes: bytesOf(dirtyMrk()) },
];

const CORPUS_CASES: [string, InputFormat][] = [
  ['pymarc/test/marc.dat', 'iso2709'],
  ['rusmarc/tests/data/TEST1.ISO', 'iso2709'],
  ['pymarc/test/bad_records.mrc', 'iso2709'],
  ['marc4j/test/resources/chabon.xml', 'marcxml'],
  ['Catmandu-MARC/t/broken.xml', 'marcxml'],
  ['marc4j/test/resources/1474920681_KOHA_LFL_6_with_comment.xml', 'marcxml'],
  ['marc4j/test/resources/illegal-marc-in-json.json', 'mij'],
  ['marc4j/test/resources/summerland-marc-in-json-indented.json', 'mij'],
  ['Catmandu-MARC/t/test.ndj', 'mij'],
  ['marc4j/test/resources/brkrtest.mrk', 'mrk'],
  ['marc4j/test/resources/u17_marc4j.mrk8', 'mrk'],
  ['Catmandu-MARC/t/camel.mrk', 'mrk'],
];
if (HAS_CORPUS) for (const [file, format] of CORPUS_CASES) cases.push({ name: file, format, bytes: readFileSync(corpusPath(file)) });

interface Outcome {
  items: unknown[];
  error?: { code: string; message: string; place: unknown };
}

async function read(bytes: Uint8Array, chunks: Uint8Array | Uint8Array[], format: InputFormat | 'auto', mode: ReadMode, coalesceBytes?: number): Promise<Outcome> {
  const items: ReadItem[] = [];
  const options = coalesceBytes === undefined ? { format, mode } : { format, mode, coalesceBytes };
  try {
    for await (const item of readRecords(chunks, options)) items.push(item);
  } catch (error) {
    if (!(error instanceof KitapError)) throw error;
    return { items: summary(items), error: { code: error.code, message: error.message, place: error.place } };
  }
  void bytes;
  return { items: summary(items) };
}

function chunkings(c: Case): { label: string; coalesce?: number; chunks: Uint8Array[] }[] {
  const out: { label: string; coalesce?: number; chunks: Uint8Array[] }[] = [];
  for (const size of SIZES) {
    const chunks = [...splitIntoChunks(c.bytes, size)];
    out.push({ label: `${size}-byte chunks`, chunks });
    if (c.format === 'iso2709') out.push({ label: `${size}-byte chunks, coalesceBytes 0`, coalesce: 0, chunks });
  }
  return out;
}

describe('chunk invariance: whole file = chunks of 1, 7, 4096, 65536 bytes', () => {
  it('has its cases (and some defects really are rejects)', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(HAS_CORPUS ? 22 : 10);
    for (const c of cases.filter((x) => x.name.includes('defects'))) {
      const whole = await read(c.bytes, c.bytes, c.format, 'lenient');
      expect(whole.items.some((i) => (i as { kind: string }).kind === 'reject'), c.name).toBe(true);
    }
  });

  describe.each(cases)('$name', (c) => {
    it.each<ReadMode>(['lenient', 'skip', 'strict'])('%s mode', async (mode) => {
      const whole = await read(c.bytes, c.bytes, c.format, mode);
      if (mode !== 'strict') expect(whole.items.length).toBeGreaterThan(0);
      for (const { label, coalesce, chunks } of chunkings(c)) {
        const chunked = await read(c.bytes, chunks, c.format, mode, coalesce);
        if (!isDeepStrictEqual(chunked, whole)) expect(chunked, `${c.name}, ${mode}, ${label}`).toEqual(whole);
      }
    });

    it('format auto: sniffed the same way whatever the chunks', async () => {
      const whole = await read(c.bytes, c.bytes, c.format, 'lenient');
      for (const size of SIZES) {
        const chunked = await read(c.bytes, [...splitIntoChunks(c.bytes, size)], 'auto', 'lenient');
        if (!isDeepStrictEqual(chunked, whole)) expect(chunked, `${c.name}, auto, ${size}-byte chunks`).toEqual(whole);
      }
    });
  });
});
