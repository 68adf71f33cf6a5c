/**
 * Seeded mutation fuzzing of every reader.
 *
 * Seeds are well-formed records (fast-check, Kazakh and Russian content, see
 * arbitraries.ts) and, when ../shared/corpus is present, real records (pymarc
 * marc.dat, marc4j chabon.mrc, rusmarc TEST1.ISO). Each mutant is read in
 * lenient, skip and strict mode, and:
 * - lenient and skip never throw; strict throws nothing but a KitapError, and
 *   exactly where skip has its first reject (same code);
 * - no read of one mutant takes longer than READ_TIME_LIMIT_MS;
 * - ISO2709: records (`sourceBytes`) and rejects (`raw`) are the input's own
 *   bytes in order, and with the skipped CR/LF/NUL between them cover the input
 *   exactly once; non-empty input gives at least one item;
 * - text formats: items in input order, consecutive indexes, at least one item
 *   when the input visibly holds a record;
 * - every record read leniently is written by writeIso2709 (or refused with a
 *   documented code) and what is written reads back strictly as the same record;
 *   records read from the text formats go through their own format's encoder
 *   too, and those of every second text mutant (and of every fourth ISO2709
 *   mutant) through every encoder (encoderFor: iso2709, marcxml, mij, ndjson,
 *   mrk) — each either refuses with a documented code or writes what reads back;
 * - on a subset, the mutant read in random chunks (coalesceBytes: 0 for
 *   ISO2709) gives exactly what the whole read gives.
 *
 * The seed is in the test names; KITAP_FUZZ_SEED, KITAP_FUZZ_ISO and
 * KITAP_FUZZ_TEXT (mutant counts) replay or lengthen a run. A failure prints
 * the mutant's bytes as base64.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readIso2709All } from '../../src/iso2709/reader.js';
import { writeIso2709 } from '../../src/iso2709/writer.js';
import { marcXmlEncoder } from '../../src/marcxml/writer.js';
import { mijEncoder } from '../../src/mij/writer.js';
import { mrkEncoder } from '../../src/mrk/writer.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../src/formats.js';
import type { RecordEncoder } from '../../src/read-types.js';
import type { MarcRecord } from '../../src/record/record.js';
import { HAS_CORPUS, corpusPath } from '../corpus/corpus.js';
import { sampleRecords } from './arbitraries.js';
import {
  GENERIC_MUTATIONS,
  type Mutation,
  READERS,
  type Reader,
  checkIsoAccounting,
  checkModes,
  checkTextAccounting,
  checkWriteBack,
  concat,
  describeError,
  mutate,
  readAll,
  report,
  someChunking,
  summary,
  tokenMutation,
} from './harness.js';
import { ISO_MUTATIONS } from './iso-mutations.js';
import { Prng } from './prng.js';

const SEED = Number(process.env['KITAP_FUZZ_SEED'] ?? 0x6b6974);
const ISO_MUTANTS = Number(process.env['KITAP_FUZZ_ISO'] ?? 10_000);
const TEXT_MUTANTS = Number(process.env['KITAP_FUZZ_TEXT'] ?? 2_000);
/** Mutants per test (so progress shows and a slow batch is visible). */
const BATCH = 1_000;
/** Every n-th mutant is also read in random chunks. */
const CHUNK_EVERY = 8;
/** Every n-th ISO2709 mutant's lenient records are also written in the text formats (and read back). */
const CROSS_EVERY = 4;
const TEXT_OUTPUTS: OutputFormat[] = ['marcxml', 'mij', 'ndjson', 'mrk'];
/** Every n-th text mutant's lenient records go through every encoder; the others through their own format's and ISO2709's. */
const TEXT_CROSS_EVERY = 2;
/** Failing mutants shown in a failure message (all are counted). */
const SHOWN = 5;

const CORPUS_FILES = ['pymarc/test/marc.dat', 'marc4j/test/resources/chabon.mrc', 'rusmarc/tests/data/TEST1.ISO'];

const generated = sampleRecords(SEED, 120);

/** Records (and rejects) of the corpus files, as bytes, and as records. */
const corpus: { bytes: Uint8Array[]; records: MarcRecord[] } = { bytes: [], records: [] };
if (HAS_CORPUS) {
  for (const file of CORPUS_FILES) {
    const items = await readIso2709All(readFileSync(corpusPath(file)), { mode: 'lenient' });
    for (const item of items.slice(0, 40)) {
      if (item.kind === 'record') {
        corpus.bytes.push(item.record.sourceBytes!);
        corpus.records.push(item.record);
      } else corpus.bytes.push(item.reject.raw as Uint8Array);
    }
  }
}

function batches(total: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (let from = 0; from < total; from += BATCH) out.push({ from, to: Math.min(total, from + BATCH) });
  return out;
}

/** KITAP_FUZZ_DUMP=file appends every failing mutant's report there (for triage of long runs). */
const DUMP = process.env['KITAP_FUZZ_DUMP'];

function fail(format: string, failures: string[], count: number): void {
  if (failures.length === 0) return;
  if (DUMP) appendFileSync(DUMP, failures.map((f) => `${f}\n\n`).join(''));
  expect.fail(`${failures.length} of ${count} ${format} mutants break an invariant; the first ${Math.min(SHOWN, failures.length)}:\n\n${failures.slice(0, SHOWN).join('\n\n')}`);
}

/** The rng of mutant n: every mutant can be replayed alone. */
function rngFor(format: string, n: number): Prng {
  let h = SEED >>> 0;
  for (const c of format) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return new Prng(Math.imul(h ^ n, 0x9e3779b1) >>> 0);
}

// ---------------------------------------------------------------------------
// ISO2709

const isoSeeds: Uint8Array[] = [...generated.map((r) => writeIso2709(r)), ...corpus.bytes];

const ISO_WEIGHTED: [number, Mutation][] = [
  ...GENERIC_MUTATIONS.map((m): [number, Mutation] => [m.name === 'truncation' ? 2 : 3, m]),
  ...ISO_MUTATIONS.map((m): [number, Mutation] => [m.name.startsWith('leader') || m.name.startsWith('directory') ? 5 : 3, m]),
];

function isoBase(rng: Prng): Uint8Array {
  const n = rng.weighted([[11, 1], [5, 2], [3, 3], [1, 5]]);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(rng.pick(isoSeeds));
    if (i < n - 1 && rng.chance(0.25)) parts.push(Uint8Array.from(rng.pick([[0x0a], [0x0d, 0x0a], [0x00]])));
  }
  return concat(parts);
}

async function checkIsoMutant(input: Uint8Array, rng: Prng, chunked: boolean, crossFormats: boolean): Promise<string[]> {
  const problems: string[] = [];
  const reader = READERS.iso2709;
  const lenient = await readAll(reader, input, { mode: 'lenient' });
  const skip = await readAll(reader, input, { mode: 'skip' });
  const strict = await readAll(reader, input, { mode: 'strict' });
  checkModes(lenient, skip, strict, problems);
  if (lenient.error === undefined) checkIsoAccounting(input, lenient.items, problems, 'lenient');
  if (skip.error === undefined) checkIsoAccounting(input, skip.items, problems, 'skip');
  for (const [n, item] of lenient.items.entries()) {
    if (item.kind !== 'record') continue;
    await checkWriteBack(item.record, 'iso2709', problems, `lenient record ${n}`);
    if (crossFormats) for (const format of TEXT_OUTPUTS) await checkWriteBack(item.record, format, problems, `lenient record ${n}`);
  }
  if (chunked && lenient.error === undefined) {
    const { label, chunks } = someChunking(input, rng);
    const again = await readAll(reader, chunks, { mode: 'lenient', coalesceBytes: 0 });
    if (again.error !== undefined) problems.push(`read in ${label} threw ${describeError(again.error)}`);
    else if (!isDeepStrictEqual(summary(again.items), summary(lenient.items))) problems.push(`read in ${label} (coalesceBytes: 0) differs from the whole read`);
  }
  return problems;
}

describe(`ISO2709 mutation fuzzer (seed ${SEED}, ${ISO_MUTANTS} mutants, ${isoSeeds.length} seed records${HAS_CORPUS ? '' : ', no corpus'})`, () => {
  it('has seeds from generated records and the corpus', () => {
    expect(generated.length).toBe(120);
    if (HAS_CORPUS) expect(corpus.bytes.length).toBeGreaterThan(20);
  });

  it.each(batches(ISO_MUTANTS))('mutants $from-$to: typed errors only, no hang, every byte accounted for, lenient records write back', async ({ from, to }) => {
    const failures: string[] = [];
    for (let n = from; n < to; n++) {
      const rng = rngFor('iso2709', n);
      const { bytes, steps } = mutate(isoBase(rng), rng, ISO_WEIGHTED);
      const problems = await checkIsoMutant(bytes, rng, n % CHUNK_EVERY === 0, n % CROSS_EVERY === 0);
      if (problems.length > 0) failures.push(report('ISO2709', SEED, n, steps, bytes, problems));
    }
    fail('ISO2709', failures, to - from);
  });
});

// ---------------------------------------------------------------------------
// text formats

interface TextFormat {
  name: string;
  reader: Reader;
  /** Encoders whose output seeds the fuzzer. */
  encoders: (() => RecordEncoder)[];
  tokens: string[];
  /** Whether the input visibly holds a record (so the read must give at least one item). */
  expectSome(input: Uint8Array): boolean;
  /** Two items may have the same offset (see checkTextAccounting). */
  sharedOffsets?: boolean;
  /** Encoders lenient records always go through (the format's own, and ISO2709). */
  outputs: OutputFormat[];
}

const XML_TOKENS = [
  '<', '>', '</', '/>', '&', '&amp;', '&#0;', '&#x1F;', '&#13;', '&#xD800;', '&bogus;', '"', "'", '=',
  '<record>', '</record>', '<record xmlns="http://www.loc.gov/MARC21/slim">', '<record/>', '<leader>', '</leader>',
  '<leader>00000nam a2200000 i 4500</leader>', '<datafield tag="245" ind1="1" ind2="0">', '<datafield tag="245">', '</datafield>',
  '<subfield code="a">', '<subfield>', '</subfield>', '<controlfield tag="001">', '</controlfield>', ' ind3="x"', ' code=""', ' tag="24"',
  '<!--', '-->', '<!-- x -->', '<![CDATA[', ']]>', '<?pi x?>', '<marc:record xmlns:marc="http://www.loc.gov/MARC21/slim">', '</marc:record>',
  '<collection xmlns="http://www.loc.gov/MARC21/slim">', '</collection>', '\uFEFF', '<?xml version="1.0" encoding="windows-1251"?>',
  '&lt;record&gt;', '<identifier>x</identifier>', 'Қ', '\u0000', '\r\n', '\r', '\t',
];
const JSON_TOKENS = [
  '{', '}', '[', ']', '"', ',', ':', '\\', '\\u', '\\ud800', '\\u0000', '\n', '\r\n', '"leader"', '"leader":"00000nam a2200000 i 4500",',
  '"fields"', '"fields":[]', '"ind1"', '"ind2":"x",', '"subfields"', '"subfields":[{"a":"x"}]', 'null', 'true', '1e400', '-0', '{"a":"x"}',
  '{"001":"x"}', '"245"', ' ', '\t', '"_id":1,', '"ind3":"1",', 'Ә', '{"leader":"00000nam a2200000 i 4500","fields":[]}\n', '[]', '][',
];
const MRK_TOKENS = [
  '\n', '\r\n', '\n\n', '\r', '=LDR  ', '=LDR  00000nam a2200000 i 4500\n', '=245  10$a', '=245  $a', '=245  1$a', '=001  ', '=008 ', '$', '$$', '{', '}',
  '{dollar}', '{esc}', '{esc}(N', '{esc}s', '{esc}p', '{acute}', '{lcub}', '{rcub}', '{bsol}', '{nonexistent}', '{Lstrok}', '{copy}', '\\', '#', '=',
  ' ', '  ', '=FMT  BK', '=LKR  $aX', 'Ң', '\uFEFF', '=24', '=LDR  00000nam a2200000 i 4500\n=001  x\n\n',
];

function hasContentLine(input: Uint8Array): boolean {
  const lines = Buffer.from(input).toString('utf8').split('\n');
  return lines.some((line, i) => {
    let text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (i === 0 && text.startsWith('\uFEFF')) text = text.slice(1);
    return text.trim() !== '' && !text.startsWith('#');
  });
}

const TEXT_FORMATS: TextFormat[] = [
  {
    name: 'MARCXML',
    reader: READERS.marcxml,
    encoders: [() => marcXmlEncoder(), () => marcXmlEncoder({ pretty: false })],
    tokens: XML_TOKENS,
    sharedOffsets: true,
    outputs: ['marcxml', 'iso2709'],
    expectSome(input) {
      // the encoder's header intact, then a record element, and nothing that could hide it (comments, CDATA, processing instructions, namespaces)
      const text = Buffer.from(input).toString('latin1');
      const header = '<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n';
      const rest = text.slice(header.length);
      return text.startsWith(header) && rest.includes('<record>') && !/<!|<\?|xmlns/.test(rest);
    },
  },
  {
    name: 'MARC-in-JSON',
    reader: READERS.mij,
    encoders: [() => mijEncoder({ ndjson: true }), () => mijEncoder({ ndjson: true }), () => mijEncoder({ ndjson: false })],
    tokens: JSON_TOKENS,
    outputs: ['ndjson', 'iso2709'],
    expectSome(input) {
      return /[^\s[\],]/.test(Buffer.from(input).toString('latin1'));
    },
  },
  {
    name: 'mnemonic',
    reader: READERS.mrk,
    encoders: [() => mrkEncoder(), () => mrkEncoder(), () => mrkEncoder({ eol: '\r\n' })],
    tokens: MRK_TOKENS,
    outputs: ['mrk', 'iso2709'],
    expectSome: hasContentLine,
  },
];

/** Records for the text seeds: generated ones and (re-encoded) corpus records. */
const textRecords: MarcRecord[] = [...generated, ...corpus.records];

function textBase(format: TextFormat, rng: Prng): Uint8Array {
  const encoder = rng.pick(format.encoders)();
  const n = rng.weighted([[6, 1], [3, 2], [1, 3]]);
  let text = encoder.header;
  for (let i = 0; i < n; i++) {
    try {
      const part = encoder.encode(rng.pick(textRecords), i);
      text += typeof part === 'string' ? part : Buffer.from(part).toString('utf8');
    } catch {
      // a corpus record this format cannot carry: leave it out
    }
  }
  return Buffer.from(text + encoder.footer, 'utf8');
}

async function checkTextMutant(format: TextFormat, input: Uint8Array, rng: Prng, chunked: boolean, crossFormats: boolean): Promise<string[]> {
  const problems: string[] = [];
  const lenient = await readAll(format.reader, input, { mode: 'lenient' });
  const skip = await readAll(format.reader, input, { mode: 'skip' });
  const strict = await readAll(format.reader, input, { mode: 'strict' });
  checkModes(lenient, skip, strict, problems);
  const expectSome = format.expectSome(input);
  if (lenient.error === undefined) checkTextAccounting(input, lenient.items, problems, 'lenient', expectSome, format.sharedOffsets);
  if (skip.error === undefined) checkTextAccounting(input, skip.items, problems, 'skip', expectSome, format.sharedOffsets);
  const outputs = crossFormats ? OUTPUT_FORMATS : format.outputs;
  for (const [n, item] of lenient.items.entries()) {
    if (item.kind !== 'record') continue;
    for (const output of outputs) await checkWriteBack(item.record, output, problems, `lenient record ${n}`);
  }
  if (chunked && lenient.error === undefined) {
    const { label, chunks } = someChunking(input, rng);
    const again = await readAll(format.reader, chunks, { mode: 'lenient' });
    if (again.error !== undefined) problems.push(`read in ${label} threw ${describeError(again.error)}`);
    else if (!isDeepStrictEqual(summary(again.items), summary(lenient.items))) problems.push(`read in ${label} differs from the whole read`);
  }
  return problems;
}

for (const format of TEXT_FORMATS) {
  const weighted: [number, Mutation][] = [...GENERIC_MUTATIONS.map((m): [number, Mutation] => [2, m]), [8, tokenMutation(`${format.name} token`, format.tokens)]];
  describe(`${format.name} mutation fuzzer (seed ${SEED}, ${TEXT_MUTANTS} mutants)`, () => {
    it.each(batches(TEXT_MUTANTS))('mutants $from-$to: typed errors only, no hang, every record accounted for, lenient records write back', async ({ from, to }) => {
      const failures: string[] = [];
      for (let n = from; n < to; n++) {
        const rng = rngFor(format.name, n);
        const { bytes, steps } = mutate(textBase(format, rng), rng, weighted);
        const problems = await checkTextMutant(format, bytes, rng, n % CHUNK_EVERY === 0, n % TEXT_CROSS_EVERY === 0);
        if (problems.length > 0) failures.push(report(format.name, SEED, n, steps, bytes, problems));
      }
      fail(format.name, failures, to - from);
    });
  });
}
