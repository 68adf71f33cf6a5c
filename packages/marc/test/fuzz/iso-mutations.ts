/**
 * ISO2709-aware mutations: edits of the leader's structural digits and of
 * directory entries, delimiters in odd places, CR/LF/NUL between records.
 * They find record starts the simple way (the input's start and whatever
 * follows a 0x1D), so they still work on inputs other mutations damaged.
 */
import { type Mutation, concat } from './harness.js';
import type { Prng } from './prng.js';

/** Leader positions with structural meaning: length, indicator and code counts, base address, entry map. */
const LEADER_POSITIONS = [0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 15, 16, 20, 21, 22, 23];

function recordStarts(bytes: Uint8Array): number[] {
  const starts = bytes.length > 0 ? [0] : [];
  for (let i = bytes.indexOf(0x1d); i >= 0 && i + 1 < bytes.length; i = bytes.indexOf(0x1d, i + 1)) {
    let s = i + 1;
    while (s < bytes.length && (bytes[s] === 0x0a || bytes[s] === 0x0d || bytes[s] === 0x00)) s++;
    if (s < bytes.length) starts.push(s);
  }
  return starts;
}

/** Offset of a random directory entry of a random record, or undefined when there is none. */
function pickDirectoryEntry(bytes: Uint8Array, rng: Prng): number | undefined {
  return pickEntryOfRecord(bytes, rng)?.entry;
}

/** A random directory entry and the start of its record, or undefined when there is none. */
function pickEntryOfRecord(bytes: Uint8Array, rng: Prng): { start: number; entry: number } | undefined {
  const starts = recordStarts(bytes);
  if (starts.length === 0) return undefined;
  const start = rng.pick(starts);
  const dirEnd = bytes.indexOf(0x1e, start + 24);
  const entries = dirEnd < 0 ? 0 : Math.floor((dirEnd - start - 24) / 12);
  if (entries <= 0) return undefined;
  return { start, entry: start + 24 + 12 * rng.int(entries) };
}

/** Lowers the five-digit number at `at` by `by`, when it is five digits. */
function lowerLeaderNumber(out: Uint8Array, at: number, by: number): void {
  const text = Buffer.from(out.subarray(at, at + 5)).toString('latin1');
  if (/^\d{5}$/.test(text)) setLeaderNumber(out, at, 5, Number(text) - by);
}

/** A new value for a digit: another digit, one more or less, or something that is not a digit. */

function editDigit(current: number, rng: Prng): number {
  return rng.weighted<number>([
    [4, 0x30 + rng.int(10)],
    [3, current >= 0x30 && current <= 0x39 ? 0x30 + ((current - 0x30 + (rng.chance(0.5) ? 1 : 9)) % 10) : 0x30 + rng.int(10)],
    [2, rng.pick([0x20, 0x2d, 0x41, 0x78, 0x7c, 0x00, 0x1e, 0x1d, 0xd0])],
  ]);
}

function setLeaderNumber(out: Uint8Array, at: number, width: number, value: number): void {
  let v = Math.max(0, value);
  for (let i = at + width - 1; i >= at; i--) {
    out[i] = 0x30 + (v % 10);
    v = Math.floor(v / 10);
  }
}

export const ISO_MUTATIONS: Mutation[] = [
  {
    name: 'leader digit edit',
    apply(bytes, rng) {
      const starts = recordStarts(bytes);
      if (starts.length === 0) return bytes;
      const out = Uint8Array.from(bytes);
      const start = rng.pick(starts);
      const n = rng.range(1, 3);
      for (let k = 0; k < n; k++) {
        const at = start + rng.pick(LEADER_POSITIONS);
        if (at < out.length) out[at] = editDigit(out[at]!, rng);
      }
      return out;
    },
  },
  {
    name: 'leader number off by a little',
    apply(bytes, rng) {
      const starts = recordStarts(bytes);
      if (starts.length === 0) return bytes;
      const start = rng.pick(starts);
      if (start + 24 > bytes.length) return bytes;
      const out = Uint8Array.from(bytes);
      const [at, width] = rng.pick([[0, 5], [12, 5]] as const);
      const text = Buffer.from(out.subarray(start + at, start + at + width)).toString('latin1');
      const value = /^\d+$/.test(text) ? Number(text) : 0;
      const delta = rng.pick([-13, -12, -2, -1, 1, 2, 12, 13, rng.range(-500, 500), 99_999 - value]);
      setLeaderNumber(out, start + at, width, value + delta);
      return out;
    },
  },
  {
    name: 'directory entry edit',
    apply(bytes, rng) {
      const entry = pickDirectoryEntry(bytes, rng);
      if (entry === undefined) return bytes;
      const out = Uint8Array.from(bytes);
      const n = rng.range(1, 3);
      for (let k = 0; k < n; k++) {
        const part = rng.weighted<[number, number]>([
          [1, [0, 3]], // tag
          [3, [3, 4]], // length
          [3, [7, 5]], // offset
        ]);
        const at = entry + part[0] + rng.int(part[1]);
        out[at] = part[0] === 0 ? rng.pick([0x30 + rng.int(10), 0x41 + rng.int(26), 0x20, 0x00, 0x7f, 0xc3]) : editDigit(out[at]!, rng);
      }
      return out;
    },
  },
  {
    name: 'directory entry number off by a little',
    apply(bytes, rng) {
      const entry = pickDirectoryEntry(bytes, rng);
      if (entry === undefined) return bytes;
      const out = Uint8Array.from(bytes);
      const [at, width] = rng.chance(0.5) ? [3, 4] : [7, 5];
      const text = Buffer.from(out.subarray(entry + at, entry + at + width)).toString('latin1');
      const value = /^\d+$/.test(text) ? Number(text) : 0;
      setLeaderNumber(out, entry + at, width, value + rng.pick([-2, -1, 1, 2, rng.range(-50, 50)]));
      return out;
    },
  },
  {
    name: 'directory entry removed or duplicated',
    apply(bytes, rng) {
      const entry = pickDirectoryEntry(bytes, rng);
      if (entry === undefined) return bytes;
      const copy = Uint8Array.from(bytes.subarray(entry, entry + 12));
      return rng.chance(0.5)
        ? concat([bytes.subarray(0, entry), bytes.subarray(entry + 12)])
        : concat([bytes.subarray(0, entry), copy, bytes.subarray(entry)]);
    },
  },
  {
    // A writer that lost a field's entry but recounted the leader: the field's bytes are covered by no entry.
    name: 'directory entry dropped, leader recounted',
    apply(bytes, rng) {
      const picked = pickEntryOfRecord(bytes, rng);
      if (picked === undefined || picked.start + 24 > bytes.length) return bytes;
      const out = concat([bytes.subarray(0, picked.entry), bytes.subarray(picked.entry + 12)]);
      lowerLeaderNumber(out, picked.start, 12);
      lowerLeaderNumber(out, picked.start + 12, 12);
      return out;
    },
  },
  {
    name: 'delimiter insertion',
    apply(bytes, rng) {
      const d = rng.pick([0x1d, 0x1e, 0x1f]);
      const at = rng.int(bytes.length + 1);
      return rng.chance(0.4) && at < bytes.length
        ? concat([bytes.subarray(0, at), Uint8Array.of(d), bytes.subarray(at + 1)])
        : concat([bytes.subarray(0, at), Uint8Array.of(d), bytes.subarray(at)]);
    },
  },
  {
    name: 'delimiter removal',
    apply(bytes, rng) {
      const positions: number[] = [];
      for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x1d && bytes[i]! <= 0x1f) positions.push(i);
      if (positions.length === 0) return bytes;
      const at = rng.pick(positions);
      return rng.chance(0.5) ? concat([bytes.subarray(0, at), bytes.subarray(at + 1)]) : concat([bytes.subarray(0, at), Uint8Array.of(rng.pick([0x1d, 0x1e, 0x1f, 0x20, 0x61])), bytes.subarray(at + 1)]);
    },
  },
  {
    name: 'CR/LF/NUL between records',
    apply(bytes, rng) {
      const ends: number[] = [0, bytes.length];
      for (let i = bytes.indexOf(0x1d); i >= 0; i = bytes.indexOf(0x1d, i + 1)) ends.push(i + 1);
      const at = rng.chance(0.85) ? rng.pick(ends) : rng.int(bytes.length + 1);
      const junk = rng.pick([[0x0a], [0x0d, 0x0a], [0x0d], [0x00], [0x1a], [0x0a, 0x0a], [0x00, 0x00, 0x00, 0x00], [0x0d, 0x0a, 0x1a]]);
      return concat([bytes.subarray(0, at), Uint8Array.from(junk), bytes.subarray(at)]);
    },
  },
  {
    name: 'garbage between records',
    apply(bytes, rng) {
      const ends: number[] = [0, bytes.length];
      for (let i = bytes.indexOf(0x1d); i >= 0; i = bytes.indexOf(0x1d, i + 1)) ends.push(i + 1);
      const at = rng.pick(ends);
      const junk = rng.pick(['x', '12345', '00042', ' \n', '<?xml?>', '99999nam', '\x1d', '\x1e\x1d', '00026nam  2200025   4500\x1e\x1d']);
      return concat([bytes.subarray(0, at), Buffer.from(junk, 'latin1'), bytes.subarray(at)]);
    },
  },
];
