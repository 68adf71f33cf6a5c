/**
 * The frame parser's WebAssembly fast path for the usual record
 * (usual-frame.ts, frame-wasm.ts) must give exactly what the full parser
 * gives, and leave every other record to it.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ParsedFrame, parseFrame } from '../../src/iso2709/parse-frame.js';
import { usualFrame } from '../../src/iso2709/usual-frame.js';
import { writeIso2709 } from '../../src/iso2709/writer.js';
import { controlField, dataField, subfields } from '../../src/record/field.js';
import { Leader } from '../../src/record/leader.js';
import { MarcRecord } from '../../src/record/record.js';
import { recordArb } from '../fuzz/arbitraries.js';
import { ISO_MUTATIONS } from '../fuzz/iso-mutations.js';
import { GENERIC_MUTATIONS, type Mutation, mutate } from '../fuzz/harness.js';
import { Prng } from '../fuzz/prng.js';

/** What the full parser (no text hint, so no fast path) says of the frame. */
function fullParse(bytes: Buffer): Omit<ParsedFrame, 'textGeneration' | 'textSeen' | 'usual'> {
  const { textGeneration: _g, textSeen: _s, usual: _u, ...rest } = parseFrame(Buffer.from(bytes));
  return rest;
}

function hinted(bytes: Buffer): 'ascii' | 'valid' | undefined {
  return isAscii(bytes) ? 'ascii' : isUtf8(bytes) ? 'valid' : undefined;
}

function abai(): Buffer {
  return Buffer.from(
    writeIso2709(
      new MarcRecord(Leader.DEFAULT, [
        controlField('001', 'KZ-000042'),
        controlField('008', '240101s2019    kz            000 1 kaz d'),
        dataField('100', '1', ' ', subfields('a', 'Әуезов, М.')),
        dataField('245', '1', '0', subfields('a', 'Абай жолы :', 'b', 'роман-эпопея /', 'c', 'М. Әуезов.')),
        dataField('852', ' ', ' ', subfields('a', 'ЦБС Караганды', 'b', '№15 д.', 'p', 'KX-000123')),
      ]),
    ),
  );
}

describe('the usual record in one WebAssembly call', () => {
  it('parses a Kazakh record as the full parser does', () => {
    const bytes = abai();
    const usual = usualFrame(bytes, false, true);
    expect(usual).toBeDefined();
    const { textGeneration: _g, textSeen: _s, usual: _u, ...rest } = usual!;
    expect(rest).toEqual(fullParse(bytes));
    expect(rest.fields.map((f) => [f.tag, f.data])).toEqual([['001', false], ['008', false], ['100', true], ['245', true], ['852', true]]);
  });

  it('leaves a record with something to report to the full parser', () => {
    const cases: [string, (bytes: Buffer) => void][] = [
      ['a control character in a value', (b) => (b[b.indexOf(Buffer.from('ЦБС'))] = 0x07)],
      ['a subfield delimiter in a control field', (b) => (b[b.indexOf(Buffer.from('KZ-'))] = 0x1f)],
      ['an indicator that is not printable', (b) => (b[b.indexOf(Buffer.from('10\x1fa', 'latin1'))] = 0x09)],
      ['text before the first delimiter', (b) => (b[b.indexOf(Buffer.from('10\x1fa', 'latin1')) + 2] = 0x41)],
      ['a directory length counted wrong', (b) => (b[24 + 12 * 3 + 6] = b[24 + 12 * 3 + 6]! + 1)],
      ['a leader with one indicator', (b) => (b[10] = 0x31)],
    ];
    for (const [name, damage] of cases) {
      const bytes = abai();
      damage(bytes);
      expect(usualFrame(bytes, false, true), name).toBeUndefined();
    }
  });

  it('leaves a record with bytes no directory entry covers to the full parser, which finds them', () => {
    const whole = abai();
    const entry = 24 + 12 * 2; // 100's entry: its field lies between 008 and 245
    const bytes = Buffer.concat([whole.subarray(0, entry), whole.subarray(entry + 12)]);
    bytes.write(String(bytes.length).padStart(5, '0'), 0, 'latin1');
    bytes.write(String(Number(whole.toString('latin1', 12, 17)) - 12).padStart(5, '0'), 12, 'latin1');
    expect(usualFrame(bytes, false, true)).toBeUndefined();
    const full = fullParse(bytes);
    expect(full.fields.map((f) => f.tag)).toEqual(['001', '008', '245', '852']);
    const start = bytes.indexOf(Buffer.from('1 \x1faӘуезов'));
    expect(full.orphans).toEqual([{ start, end: bytes.indexOf(0x1e, start) + 1 }]);
    // the hinted parse (which tries the fast path first) finds the same
    const { textGeneration: _g, textSeen: _s, usual: _u, ...hinted } = parseFrame(Buffer.from(bytes), 'valid');
    expect(hinted).toEqual(full);
  });

  it('agrees with the full parser on any well-formed record', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        const bytes = Buffer.from(writeIso2709(record));
        const usual = usualFrame(bytes, isAscii(bytes), true);
        expect(usual).toBeDefined();
        const { textGeneration: _g, textSeen: _s, usual: _u, ...rest } = usual!;
        expect(rest).toEqual(fullParse(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the full parser on damaged records', () => {
    const seeds = fc.sample(recordArb, { seed: 4242, numRuns: 40 }).map((r) => writeIso2709(r));
    const mutations: [number, Mutation][] = [...GENERIC_MUTATIONS.map((m): [number, Mutation] => [2, m]), ...ISO_MUTATIONS.map((m): [number, Mutation] => [4, m])];
    let usualCount = 0;
    let orphanCount = 0;
    for (let i = 0; i < 1500; i++) {
      const rng = new Prng(9000 + i);
      const { bytes } = mutate(seeds[i % seeds.length]!, rng, mutations);
      const frame = Buffer.from(bytes);
      const text = hinted(frame);
      if (text === undefined) continue;
      const usual = usualFrame(frame, text === 'ascii', true);
      if (fullParse(frame).orphans) orphanCount++; // such a record is never usual: the comparison below would fail
      if (!usual) continue;
      usualCount++;
      const { textGeneration: _g, textSeen: _s, usual: _u, ...rest } = usual;
      expect(rest, `mutant ${i}: ${frame.toString('base64')}`).toEqual(fullParse(frame));
    }
    expect(usualCount).toBeGreaterThan(50); // mutants the fast path took: the comparison means something
    expect(orphanCount).toBeGreaterThan(50); // mutants with bytes no entry covers: the fast path was offered some
  });
});
