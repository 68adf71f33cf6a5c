/**
 * Test-only helpers: a minimal ISO2709 splitter (records framed by 0x1D,
 * fields located by the directory) so the charset tests do not depend on the
 * reader, plus corpus paths.
 */
import { existsSync, readFileSync } from 'node:fs';

export const CORPUS = '/work/shared/corpus';

export function corpusFile(rel: string): string {
  return `${CORPUS}/${rel}`;
}

export function hasCorpus(rel: string): boolean {
  return existsSync(corpusFile(rel));
}

export function readCorpus(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(corpusFile(rel)));
}

export interface RawField {
  tag: string;
  /** data bytes without the 0x1E terminator */
  start: number;
  end: number;
}

export interface RawRecord {
  bytes: Uint8Array;
  leader: string;
  fields: RawField[];
}

export function splitRecords(file: Uint8Array): RawRecord[] {
  const records: RawRecord[] = [];
  let s = 0;
  for (let i = 0; i < file.length; i++) {
    if (file[i] !== 0x1d) continue;
    let from = s;
    while (from < i && (file[from] === 0x0a || file[from] === 0x0d || file[from] === 0x00)) from++;
    if (i - from > 24) records.push(parseRecord(file.subarray(from, i + 1)));
    s = i + 1;
  }
  return records;
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

function parseRecord(bytes: Uint8Array): RawRecord {
  const leader = ascii(bytes, 0, 24);
  const base = Number.parseInt(leader.slice(12, 17), 10);
  const fields: RawField[] = [];
  for (let d = 24; d + 12 <= bytes.length && bytes[d] !== 0x1e; d += 12) {
    const entry = ascii(bytes, d, d + 12);
    const tag = entry.slice(0, 3);
    const len = Number.parseInt(entry.slice(3, 7), 10);
    const off = Number.parseInt(entry.slice(7, 12), 10);
    const start = base + off;
    let end = start + len;
    if (bytes[end - 1] === 0x1e) end--;
    if (Number.isFinite(start) && end <= bytes.length && start <= end) fields.push({ tag, start, end });
  }
  return { bytes, leader, fields };
}

/** Subfields of a decoded data field: [code, value][] (the indicators are dropped). */
export function subfields(text: string): [string, string][] {
  return text
    .split('\u001f')
    .slice(1)
    .map((s) => [s.slice(0, 1), s.slice(1)] as [string, string]);
}

/** Subfields of each datafield in a MARCXML file, in document order: tag → list of [code, value][]. */
export function xmlDatafields(xml: string): { tag: string; subfields: [string, string][] }[] {
  const out: { tag: string; subfields: [string, string][] }[] = [];
  const fieldRe = /<(?:marc:)?datafield tag="([^"]*)"[^>]*>([\s\S]*?)<\/(?:marc:)?datafield>/g;
  for (let m = fieldRe.exec(xml); m; m = fieldRe.exec(xml)) {
    const subs: [string, string][] = [];
    const subRe = /<(?:marc:)?subfield code="([^"]*)">([\s\S]*?)<\/(?:marc:)?subfield>/g;
    const body = m[2] ?? '';
    for (let s = subRe.exec(body); s; s = subRe.exec(body)) subs.push([unescapeXml(s[1] ?? ''), unescapeXml(s[2] ?? '')]);
    out.push({ tag: m[1] ?? '', subfields: subs });
  }
  return out;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_, d: string) => String.fromCodePoint(Number.parseInt(d, 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
