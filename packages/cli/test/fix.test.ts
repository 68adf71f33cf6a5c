import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Leader, MarcRecord, controlField, dataField, readIso2709All, subfields, writeIso2709 } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { legacyIso2709, runCli, sampleRecord, tempDir } from './helpers.js';

const RULES = ['--rule', 'isbn-checksum,subfield-whitespace'];

function dirty(n: number): MarcRecord {
  return new MarcRecord(Leader.DEFAULT, [
    controlField('001', `KZ-${n}`),
    dataField('020', ' ', ' ', subfields('a', '9786010313287', 'c', '1500 тг.')),
    dataField('245', '1', '0', subfields('a', ' Қан  мен тер /', 'c', 'Ә. Нұрпейісов.')),
  ]);
}

function catalog(dir: string): { path: string; records: Buffer[] } {
  const records = [writeIso2709(sampleRecord(1)), writeIso2709(dirty(2)), writeIso2709(sampleRecord(3)), writeIso2709(dirty(4))].map((b) => Buffer.from(b));
  const path = join(dir, 'catalog.mrc');
  writeFileSync(path, Buffer.concat(records));
  return { path, records };
}

describe('kitap fix', () => {
  it('writes the fixed records and keeps unchanged ones byte for byte', async () => {
    const dir = tempDir();
    const { path, records } = catalog(dir);
    const out = join(dir, 'fixed.mrc');
    const { code, stderr } = await runCli(['fix', path, '-o', out, ...RULES]);
    expect(code).toBe(0);
    expect(stderr).toContain('changed 2 records (4 changes)');
    expect(stderr).toContain('changes by rule: isbn-checksum 2, subfield-whitespace 2');
    const fixed = readFileSync(out);
    expect(fixed.subarray(0, records[0]!.length).equals(records[0]!)).toBe(true);
    const items = await readIso2709All(fixed);
    const second = items[1]!.kind === 'record' ? items[1]!.record : undefined;
    expect(second?.subfieldValues('020', 'z')).toEqual(['9786010313287']);
    expect(second?.subfieldValues('245', 'a')).toEqual(['Қан мен тер /']);
    const report = JSON.parse(readFileSync(`${out}.report.json`, 'utf8'));
    expect(report.counts).toMatchObject({ read: 4, written: 4, rejected: 0, changedRecords: 2, changes: 4 });
  });

  it('journals every change with record position and id, rule, field, before and after', async () => {
    const dir = tempDir();
    const { path } = catalog(dir);
    const out = join(dir, 'fixed.mrc');
    await runCli(['fix', path, '-o', out, ...RULES]);
    const lines = readFileSync(`${out}.journal.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'journal', tool: 'kitap fix', rules: ['subfield-whitespace', 'isbn-checksum'] });
    const changes = lines.filter((l) => l.type === 'change');
    expect(changes).toHaveLength(4);
    expect(changes[0]).toMatchObject({ index: 1, id: 'KZ-2', rule: 'subfield-whitespace', op: 'replace', tag: '245', beforeText: '=245  10$a Қан  мен тер /$cӘ. Нұрпейісов.', afterText: '=245  10$aҚан мен тер /$cӘ. Нұрпейісов.' });
    expect(changes.find((c) => c.rule === 'isbn-checksum')).toMatchObject({ afterText: '=020  \\\\$z9786010313287$c1500 тг.' });
    expect(lines.at(-1)).toMatchObject({ type: 'end', records: 4, changedRecords: 2, changes: 4 });
  });

  it('gives the same bytes when run twice, and fixing the fixed file changes nothing', async () => {
    const dir = tempDir();
    const { path } = catalog(dir);
    await runCli(['fix', path, '-o', join(dir, 'a.mrc'), ...RULES]);
    await runCli(['fix', path, '-o', join(dir, 'b.mrc'), ...RULES]);
    expect(readFileSync(join(dir, 'a.mrc')).equals(readFileSync(join(dir, 'b.mrc')))).toBe(true);
    // The journals differ only in the output file name they record (and so in the hash of their lines).
    const journal = (name: string): string =>
      readFileSync(join(dir, `${name}.mrc.journal.jsonl`), 'utf8')
        .replaceAll(`${name}.mrc`, 'OUT')
        .replace(/"linesSha256":"[0-9a-f]{64}"/u, '"linesSha256":"…"');
    expect(journal('a')).toBe(journal('b'));
    const again = await runCli(['fix', join(dir, 'a.mrc'), '-o', join(dir, 'c.mrc'), ...RULES]);
    expect(again.stderr).toContain('changed 0 records (0 changes)');
    expect(readFileSync(join(dir, 'c.mrc')).equals(readFileSync(join(dir, 'a.mrc')))).toBe(true);
  });

  it('undoes a fix byte for byte from the journal', async () => {
    const dir = tempDir();
    const { path } = catalog(dir);
    const out = join(dir, 'fixed.mrc');
    await runCli(['fix', path, '-o', out, ...RULES]);
    const restored = join(dir, 'restored.mrc');
    const { code, stderr } = await runCli(['fix', '--undo', `${out}.journal.jsonl`, out, '-o', restored]);
    expect(code).toBe(0);
    expect(stderr).toContain('byte for byte the input of the fix');
    expect(readFileSync(restored).equals(readFileSync(path))).toBe(true);
  });

  it('refuses a journal with a line removed, repeated or changed, and writes nothing', async () => {
    const dir = tempDir();
    const { path, out } = await fixLegacy(dir);
    const lines = readFileSync(`${out}.journal.jsonl`, 'utf8').split('\n');
    const rejected = lines.findIndex((l) => l.includes('"type":"rejected"'));
    expect(rejected).toBeGreaterThan(0);
    const damaged = {
      removed: lines.filter((_, i) => i !== rejected),
      repeated: [...lines.slice(0, rejected + 1), lines[rejected]!, ...lines.slice(rejected + 1)],
      changed: lines.map((l, i) => (i === rejected ? l.replace(/"code":"E_[A-Z_]+"/u, '"code":"E_OTHER"') : l)),
    };
    for (const [how, text] of Object.entries(damaged)) {
      const journal = join(dir, `${how}.jsonl`);
      writeFileSync(journal, text.join('\n'));
      const restored = join(dir, `${how}.mrc`);
      const run = await runCli(['fix', '--undo', journal, out, '-o', restored]);
      expect(run.code, how).toBe(2);
      expect(run.stderr).toMatch(/E_JOURNAL at .*: the journal is damaged: its lines are not the ones it was written with/);
      expect(existsSync(restored), how).toBe(false);
    }
  });

  it('warns, with exit 1, when a journal of an older kitap (no hash of its lines) restores a file that is not the input', async () => {
    const dir = tempDir();
    const { path, out } = await fixLegacy(dir);
    const older = readFileSync(`${out}.journal.jsonl`, 'utf8').replace(/,"linesSha256":"[0-9a-f]{64}"/u, '');
    const whole = join(dir, 'older.jsonl');
    writeFileSync(whole, older);
    const fine = await runCli(['fix', '--undo', whole, out, '-o', join(dir, 'fine.iso')]);
    expect(fine.code, fine.stderr).toBe(0);
    expect(readFileSync(join(dir, 'fine.iso')).equals(readFileSync(path))).toBe(true);
    const damaged = join(dir, 'older-damaged.jsonl');
    writeFileSync(damaged, older.split('\n').filter((l) => !l.includes('"type":"rejected"')).join('\n'));
    const run = await runCli(['fix', '--undo', damaged, out, '-o', join(dir, 'doubtful.iso')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('warning: this journal was written by an older kitap and cannot prove it is whole');
  });

  it('undoes a fix of a legacy-encoded file, putting back the records it rejected', async () => {
    const dir = tempDir();
    const { path, out, fix } = await fixLegacy(dir);
    expect(fix.code).toBe(1);
    expect(fix.stderr).toContain('rejected 1');
    const restored = join(dir, 'restored.iso');
    await runCli(['fix', '--undo', `${out}.journal.jsonl`, out, '-o', restored]);
    expect(readFileSync(restored).equals(readFileSync(path))).toBe(true);
  });

  it('says which record cannot be restored as MARCXML (a control character the fix removed), and writes nothing', async () => {
    const dir = tempDir();
    const path = join(dir, 'in.mrc');
    const bell = new MarcRecord(Leader.DEFAULT, [controlField('001', 'KZ-9'), dataField('245', '1', '0', subfields('a', 'Абай\u0007жолы /', 'c', 'М. Әуезов.'))]);
    writeFileSync(path, Buffer.concat([writeIso2709(sampleRecord(1)), writeIso2709(bell)]));
    const out = join(dir, 'fixed.xml');
    const fix = await runCli(['fix', path, '-o', out, '--rule', 'control-characters']);
    expect(fix.stderr).toContain('changed 1 records');
    const restored = join(dir, 'restored.xml');
    const undo = await runCli(['fix', '--undo', `${out}.journal.jsonl`, out, '-o', restored]);
    expect(undo.code).toBe(2);
    expect(undo.stderr).toMatch(/E_XML_ILLEGAL_CHAR at .*fixed\.xml, record 2, 245 \$a: record 2 cannot be restored as marcxml: .*A fix written as ISO2709/);
    expect(existsSync(restored)).toBe(false);
    // Written as ISO2709, the same fix is undone byte for byte.
    await runCli(['fix', path, '-o', join(dir, 'fixed.mrc'), '--rule', 'control-characters']);
    const back = await runCli(['fix', '--undo', join(dir, 'fixed.mrc.journal.jsonl'), join(dir, 'fixed.mrc'), '-o', join(dir, 'restored.mrc')]);
    expect(back.code).toBe(0);
    expect(readFileSync(join(dir, 'restored.mrc')).equals(readFileSync(path))).toBe(true);
  });

  it('refuses to undo onto a fixed file that was changed after the fix, and writes nothing', async () => {
    const dir = tempDir();
    const { path } = catalog(dir);
    const out = join(dir, 'fixed.mrc');
    await runCli(['fix', path, '-o', out, ...RULES]);
    const bytes = readFileSync(out);
    const at = bytes.indexOf(Buffer.from('1500.00'));
    expect(at).toBeGreaterThan(0);
    bytes.write('1600.00', at, 'utf8');
    writeFileSync(out, bytes);
    const restored = join(dir, 'restored.mrc');
    const { code, stderr } = await runCli(['fix', '--undo', `${out}.journal.jsonl`, out, '-o', restored]);
    expect(code).toBe(2);
    expect(stderr).toContain('E_JOURNAL');
    expect(existsSync(restored)).toBe(false);
  });

  it('never writes over its input', async () => {
    const dir = tempDir();
    const { path } = catalog(dir);
    const before = readFileSync(path);
    const { code, stderr } = await runCli(['fix', path, '-o', path, ...RULES]);
    expect(code).toBe(2);
    expect(stderr).toContain('never writes over its input');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('shows the changes as a mnemonic diff with --dry-run and writes nothing', async () => {
    const dir = tempDir();
    const { path } = catalog(dir);
    const { code, stdout, stderr } = await runCli(['fix', path, '--dry-run', ...RULES]);
    expect(code).toBe(0);
    expect(stdout).toContain('record 2 (id KZ-2) «Қан мен тер»');
    expect(stdout).toContain('  - =020  \\\\$a9786010313287$c1500 тг.');
    expect(stdout).toContain('  + =020  \\\\$z9786010313287$c1500 тг.');
    expect(stderr).toContain('dry run: nothing written');
    expect(existsSync(join(dir, 'catalog.mrc.journal.jsonl'))).toBe(false);
  });
});

/** A legacy (RK1048) file of two records and a cut-off third, fixed: the fix rejects the third and journals it. */
async function fixLegacy(dir: string): Promise<{ path: string; out: string; fix: Awaited<ReturnType<typeof runCli>> }> {
  const path = join(dir, 'legacy.iso');
  const b = legacyIso2709(sampleRecord(2), 'rk1048');
  writeFileSync(path, Buffer.concat([legacyIso2709(dirty(1), 'rk1048'), b, b.subarray(0, 50)]));
  const out = join(dir, 'fixed.mrc');
  const fix = await runCli(['fix', path, '--encoding', 'rk1048', '-o', out, ...RULES]);
  return { path, out, fix };
}

describe('kitap fix --dry-run', () => {
  it('rejects what a real run would (a field too long for ISO2709), and says so in its counts', async () => {
    const dir = tempDir();
    const input = join(dir, 'long.mrk');
    const long = 'Қазақ әдебиетінің тарихы '.repeat(260);
    writeFileSync(input, `=LDR  00000nam a2200000 i 4500\n=001  1\n=245  10$aАбай жолы\n\n=LDR  00000nam a2200000 i 4500\n=001  2\n=245  10$a${long}\n\n=LDR  00000nam a2200000 i 4500\n=001  3\n=245  10$aҚан мен тер\n`);
    const real = await runCli(['fix', input, '-o', join(dir, 'fixed.mrc'), '--rule', 'leader-codes']);
    const dry = await runCli(['fix', input, '--dry-run', '--rule', 'leader-codes']);
    expect(real.stderr).toMatch(/rejected 1 /);
    expect(dry.stderr).toMatch(/rejected 1\b/);
    expect(dry.stderr).toContain('E_FIELD_TOO_LONG');
    expect([real.code, dry.code]).toEqual([1, 1]);
  });
});
