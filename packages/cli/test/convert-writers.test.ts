import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const FT = Buffer.from([0x1e]);
const RT = Buffer.from([0x1d]);

/** One ISO2709 record: 001 and 245 $a `title` (bytes as given), leader/09 `coding`; directory lengths consistent. */
function iso(id: string, title: Buffer, coding = 'a'): Buffer {
  const data = Buffer.concat([Buffer.from(id), FT, Buffer.from('10\x1fa'), title, FT]);
  const dir = `001${String(id.length + 1).padStart(4, '0')}00000245${String(title.length + 5).padStart(4, '0')}${String(id.length + 1).padStart(5, '0')}`;
  const base = 24 + dir.length + 1;
  const leader = `${String(base + data.length + 1).padStart(5, '0')}nam ${coding}22${String(base).padStart(5, '0')}   4500`;
  return Buffer.concat([Buffer.from(leader + dir, 'latin1'), FT, data, RT]);
}

function lines(path: string): Record<string, unknown>[] {
  const text = readFileSync(path, 'utf8').trim();
  return text ? text.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : [];
}

describe('kitap convert: every writer gives the same outcome', () => {
  it('rejects a raw 0x1D / 0x1E / 0x1F read into a value of an unmodified UTF-8 record with E_DELIMITER_IN_DATA, in every output format', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.mrc');
    const good = iso('G1', Buffer.from('Абай жолы'));
    // a 0x1D inside 245 $a; a 0x1E inside 245 $a; a 0x1F inside the control field 001
    const rt = iso('X1', Buffer.from('AB\x1dCD'));
    const ft = iso('X2', Buffer.from('AB\x1eCD'));
    const sf = iso('X\x1f3', Buffer.from('ok'));
    writeFileSync(input, Buffer.concat([good, rt, ft, sf]));
    for (const to of ['iso2709', 'marcxml', 'mij', 'ndjson', 'mrk']) {
      const out = join(dir, `out.${to}`);
      const run = await runCli(['convert', input, '-o', out, '--to', to]);
      expect(run.code, to).toBe(1);
      const rejects = lines(`${out}.rejects.ndjson`);
      expect(rejects.map((r) => [r.code, r.index]), to).toEqual([
        ['E_DELIMITER_IN_DATA', 1],
        ['E_DELIMITER_IN_DATA', 2],
        ['E_DELIMITER_IN_DATA', 3],
      ]);
      expect(rejects.slice(0, 2).map((r) => r.tag), to).toEqual(['245', '245']);
      expect(rejects[2]!.tag, to).toBe('001');
      const report = JSON.parse(readFileSync(`${out}.report.json`, 'utf8'));
      expect(report.counts, to).toMatchObject({ read: 4, written: 1, rejected: 3 });
    }
    // the clean record is still copied byte for byte
    expect(readFileSync(join(dir, 'out.iso2709')).equals(good)).toBe(true);
  });

  it('gives the input record index (not the count written so far) in the reject file of every writer', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.json');
    const rec = (id: string, a: string): string =>
      `{"leader":"00000nam a2200000   4500","fields":[{"001":"${id}"},{"245":{"ind1":"1","ind2":"0","subfields":[{"a":"${a}"}]}}]}`;
    writeFileSync(input, `[${rec('J1', 'bad \\ud800')},\n${rec('J2', 'ok')},\n${rec('J3', 'bad \\udc00')},\n${rec('J4', 'ok')}]\n`);
    for (const to of ['iso2709', 'marcxml', 'mij', 'ndjson', 'mrk']) {
      const out = join(dir, `out.${to}`);
      const run = await runCli(['convert', input, '-o', out, '--to', to]);
      expect(run.code, to).toBe(1);
      expect(lines(`${out}.rejects.ndjson`).map((r) => [r.code, r.index]), to).toEqual([
        ['E_ENCODING', 0],
        ['E_ENCODING', 2],
      ]);
    }
  });

  it("writes leader/09 = 'a' in every output format for text converted to UTF-8 (cp1251 record, leader/09 blank)", async () => {
    const dir = tempDir();
    const input = join(dir, 'in.mrc');
    writeFileSync(input, iso('R1', Buffer.from('\xce\xf1\xed\xee\xe2\xfb', 'latin1'), ' ')); // "Основы" in cp1251
    const leaders: Record<string, string> = {};
    for (const to of ['iso2709', 'marcxml', 'mij', 'ndjson', 'mrk']) {
      const out = join(dir, `out.${to}`);
      const run = await runCli(['convert', input, '-o', out, '--to', to, '--encoding', 'cp1251']);
      expect(run.code, to).toBe(0);
      const text = readFileSync(out, 'latin1');
      leaders[to] = /\d{5}nam..22\d{5}/.exec(text)![0];
      expect(readFileSync(out, 'utf8'), to).toContain('Основы');
    }
    for (const [to, leader] of Object.entries(leaders)) expect(leader[9], to).toBe('a');
    // the text formats keep the leader's length and base address as read (informational there)
    expect(leaders.marcxml!.slice(0, 5)).toBe(readFileSync(input, 'latin1').slice(0, 5));
  });

  it("writes leader/09 = 'a' for an unmodified UTF-8 record whose leader/09 is blank, also on MARCXML's byte path", async () => {
    const dir = tempDir();
    const input = join(dir, 'in.mrc');
    writeFileSync(input, iso('U1', Buffer.from('Қазақ & <әдебиеті>'), ' '));
    for (const to of ['marcxml', 'mij', 'mrk']) {
      const out = join(dir, `out.${to}`);
      const run = await runCli(['convert', input, '-o', out, '--to', to, '--encoding', 'utf-8']);
      expect(run.code, to).toBe(0);
      expect(/\d{5}nam.(.)22/.exec(readFileSync(out, 'utf8'))![1], to).toBe('a');
    }
  });
});
