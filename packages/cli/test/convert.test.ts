import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MarcRecord, controlField, dataField, readIso2709All, subfields, writeIso2709 } from '@kitap/marc';
import { runConvert } from '../src/commands/convert.js';
import { runBin, runCli, sampleRecord, tempDir } from './helpers.js';

function file(records: Uint8Array[]): Buffer {
  return Buffer.concat(records);
}

describe('kitap convert', () => {
  it('converts ISO2709 to MARCXML and back with a balanced ledger and a report', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.mrc');
    writeFileSync(input, file([0, 1, 2, 3].map((n) => writeIso2709(sampleRecord(n)))));
    const toXml = await runCli(['convert', input, '-o', join(dir, 'out.xml')]);
    expect(toXml.code).toBe(0);
    expect(readFileSync(join(dir, 'out.xml'), 'utf8')).toContain('Абай жолы /');
    const back = await runCli(['convert', join(dir, 'out.xml'), '-o', join(dir, 'back.mrc')]);
    expect(back.code).toBe(0);
    expect(readFileSync(join(dir, 'back.mrc')).equals(readFileSync(input))).toBe(true);
    const report = JSON.parse(readFileSync(join(dir, 'out.xml.report.json'), 'utf8'));
    expect(report.counts).toMatchObject({ read: 4, written: 4, rejected: 0 });
    expect(report.ledger.balanced).toBe(true);
    expect(report.input.format).toBe('iso2709');
    expect(report.input.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(toXml.stderr).toContain('read: in 4 = out 4 + rejected 0 (balanced)');
  });

  it('puts a truncated last record in the rejects with its offset and exact bytes, and exits 1', async () => {
    const dir = tempDir();
    const good = [0, 1, 2].map((n) => writeIso2709(sampleRecord(n)));
    const cut = writeIso2709(sampleRecord(3)).subarray(0, 60);
    writeFileSync(join(dir, 'in.mrc'), file([...good, cut]));
    const run = await runCli(['convert', join(dir, 'in.mrc'), '-o', join(dir, 'out.mrc')]);
    expect(run.code).toBe(1);
    const lines = readFileSync(join(dir, 'out.mrc.rejects.ndjson'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    const reject = JSON.parse(lines[0]!);
    expect(reject).toMatchObject({ code: 'E_TRUNCATED', index: 3, offset: good.reduce((s, g) => s + g.length, 0) });
    expect(Buffer.from(reject.rawBase64, 'base64').equals(Buffer.from(cut))).toBe(true);
    const items = await readIso2709All(join(dir, 'out.mrc'));
    expect(items.filter((i) => i.kind === 'record')).toHaveLength(3);
    const report = JSON.parse(readFileSync(join(dir, 'out.mrc.report.json'), 'utf8'));
    expect(report.counts).toMatchObject({ read: 4, written: 3, rejected: 1 });
    expect(report.rejectsByCode).toEqual({ E_TRUNCATED: 1 });
  });

  it('saves every repair and notice with its place in the warnings file', async () => {
    const dir = tempDir();
    const records = [0, 1, 2].map((n) => Buffer.from(writeIso2709(sampleRecord(n))));
    records[2]!.write('0001X', 12, 'latin1'); // base address not a number: repaired in lenient mode
    writeFileSync(join(dir, 'in.mrc'), Buffer.concat([records[0]!, Buffer.from('\r\n'), records[1]!, records[2]!]));
    const run = await runCli(['convert', join(dir, 'in.mrc'), '-o', join(dir, 'out.mrc')]);
    expect(run.code).toBe(0);
    const warnings = readFileSync(join(dir, 'out.mrc.warnings.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(warnings.map((w) => [w.code, w.index])).toEqual([
      ['W_INTER_RECORD_BYTES', 1],
      ['E_BASE_ADDRESS', 2],
    ]);
    expect(warnings[1]).toMatchObject({ recordId: 'KZ-000002', file: join(dir, 'in.mrc') });
    const report = JSON.parse(readFileSync(join(dir, 'out.mrc.report.json'), 'utf8'));
    expect(report.counts).toMatchObject({ read: 3, written: 3, rejected: 0, repaired: 1 });
  });

  it('in strict mode stops at the first problem naming the file, record and byte, without a stack trace', async () => {
    const dir = tempDir();
    const records = [0, 1, 2].map((n) => Buffer.from(writeIso2709(sampleRecord(n))));
    records[1]!.write('0001X', 12, 'latin1'); // base address not a number
    writeFileSync(join(dir, 'in.mrc'), file(records));
    const run = await runCli(['convert', join(dir, 'in.mrc'), '-o', join(dir, 'out.mrc'), '--mode', 'strict']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/E_BASE_ADDRESS at .*in\.mrc, record 2, byte \d+/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'out.mrc'))).toBe(false);
  });

  it('gives the same output, rejects and report bytes on a re-run', async () => {
    const dir = tempDir();
    const records = [0, 1, 2, 3, 4].map((n) => Buffer.from(writeIso2709(sampleRecord(n))));
    writeFileSync(join(dir, 'in.mrc'), Buffer.concat([...records, records[0]!.subarray(0, 30)]));
    const names = ['out.xml', 'out.xml.rejects.ndjson', 'out.xml.warnings.ndjson', 'out.xml.report.json'];
    await runCli(['convert', join(dir, 'in.mrc'), '-o', join(dir, 'out.xml')]);
    const first = names.map((n) => readFileSync(join(dir, n)));
    await runCli(['convert', join(dir, 'in.mrc'), '-o', join(dir, 'out.xml')]);
    names.forEach((n, i) => expect(readFileSync(join(dir, n)).equals(first[i]!)).toBe(true));
  });

  it('rejects a record it cannot write, keeping its text, and goes on with the rest', async () => {
    const dir = tempDir();
    const ok = '{"leader":"00000nam a2200000 i 4500","fields":[{"001":"KZ-1"},{"245":{"ind1":"1","ind2":"0","subfields":[{"a":"Абай жолы"}]}}]}';
    const bad = '{"leader":"00000nam a2200000 i 4500","fields":[{"001":"KZ-2"},{"245":{"ind1":"1","ind2":"0","subfields":[{"a":"Абай\\ud800"}]}}]}';
    writeFileSync(join(dir, 'in.ndjson'), `${ok}\n${bad}\n${ok}\n`);
    const run = await runCli(['convert', join(dir, 'in.ndjson'), '-o', join(dir, 'out.mrc')]);
    expect(run.code).toBe(1);
    const [reject] = readFileSync(join(dir, 'out.mrc.rejects.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(reject).toMatchObject({ code: 'E_ENCODING', index: 1 });
    expect(reject.rawText).toContain('KZ-2');
    const report = JSON.parse(readFileSync(join(dir, 'out.mrc.report.json'), 'utf8'));
    expect(report.counts).toMatchObject({ read: 3, written: 2, rejected: 1 });
  });

  it('reports a usage error with exit 2', async () => {
    const run = await runCli(['convert', 'x.mrc']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '-o, --output <out>'");
  });

  it('reports a missing input file clearly', async () => {
    const dir = tempDir();
    const run = await runCli(['convert', join(dir, 'nope.mrc'), '-o', join(dir, 'out.mrc')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/E_INPUT.*nope\.mrc/);
  });

  it('reports an output it cannot write, naming it, with exit 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.mrc'), writeIso2709(sampleRecord(1)));
    const run = await runCli(['convert', join(dir, 'in.mrc'), '-o', join(dir, 'missing-folder', 'out.mrc')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/E_OUTPUT at .*missing-folder.*out\.mrc: cannot write the file: its folder does not exist/);
  });

  it('says an output that is a folder, or a report whose folder is missing, is an output problem, before writing anything', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.mrc'), writeIso2709(sampleRecord(1)));
    mkdirSync(join(dir, 'adir'));
    const folder = await runCli(['convert', join(dir, 'in.mrc'), '-o', join(dir, 'adir')]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/E_OUTPUT at .*adir: cannot write the file: it is a folder/);
    const report = await runCli(['convert', join(dir, 'in.mrc'), '-o', join(dir, 'out.mrc'), '--report', join(dir, 'nodir', 'r.json')]);
    expect(report.code).toBe(2);
    expect(report.stderr).toMatch(/E_OUTPUT at .*nodir.*r\.json: cannot write the report: its folder does not exist/);
    expect(readdirSync(dir).sort()).toEqual(['adir', 'in.mrc']);
  });

  it('rejects a record it would write with an ESC in a value (E_ESC_IN_DATA, its bytes kept); kitap migrate\'s conversion keeps it for the clean-up', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.mrc');
    // A stray MARC-8 escape left in a UTF-8 record, and a directory length off by one (a lenient repair: the record is written anew).
    const withEsc = Buffer.from(writeIso2709(new MarcRecord('00000nam a2200000 i 4500', [controlField('001', 'KZ-7'), dataField('245', '1', '0', subfields('a', 'Абай\u001b(N жолы'))]), { keepEsc: true }));
    withEsc.write(String(Number(withEsc.toString('latin1', 39, 43)) + 1).padStart(4, '0'), 39, 'latin1'); // 245's length
    writeFileSync(input, Buffer.concat([writeIso2709(sampleRecord(1)), withEsc]));
    const run = await runCli(['convert', input, '-o', join(dir, 'out.mrc'), '--from', 'iso2709', '--encoding', 'utf-8']);
    expect(run.code).toBe(1);
    const [reject] = readFileSync(join(dir, 'out.mrc.rejects.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(reject).toMatchObject({ code: 'E_ESC_IN_DATA', index: 1 });
    expect(Buffer.from(reject.rawBase64, 'base64').equals(withEsc)).toBe(true);
    const io = { out: () => undefined, err: () => undefined, exitCode: 0 };
    const kept = await runConvert({ input, output: join(dir, 'kept.mrc'), from: 'iso2709', encoding: 'utf-8', mode: 'lenient', keepEsc: true }, io);
    expect(kept.counts).toMatchObject({ read: 2, written: 2, rejected: 0 });
    const back = await readIso2709All(join(dir, 'kept.mrc'), { encoding: 'utf-8', mode: 'strict' });
    expect(back[1]!.kind === 'record' && back[1]!.record.subfieldValues('245', 'a')).toEqual(['Абай\u001b(N жолы']);
  });

  it('never writes over its input, however the output path is spelled (./, absolute, a symbolic link)', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.mrc');
    const bytes = file([0, 1].map((n) => writeIso2709(sampleRecord(n))));
    writeFileSync(input, bytes);
    symlinkSync(input, join(dir, 'link.mrc'));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      for (const output of ['./in.mrc', input, join(dir, 'link.mrc'), 'sub/../in.mrc']) {
        const run = await runCli(['convert', 'in.mrc', '-o', output, '--to', 'marcxml']);
        expect(run.code, output).toBe(2);
        expect(run.stderr).toContain('E_USAGE');
      }
    } finally {
      process.chdir(cwd);
    }
    expect(readFileSync(input).equals(bytes)).toBe(true);
  });

  it('writes through a symbolic link, leaving the link in place', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'in.mrc'), file([0, 1].map((n) => writeIso2709(sampleRecord(n)))));
    writeFileSync(join(dir, 'target.xml'), 'old');
    symlinkSync(join(dir, 'target.xml'), join(dir, 'out.xml'));
    const run = await runCli(['convert', join(dir, 'in.mrc'), '-o', join(dir, 'out.xml')]);
    expect(run.code).toBe(0);
    expect(lstatSync(join(dir, 'out.xml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'target.xml'), 'utf8')).toContain('Абай жолы /');
  });

  it('validates only into /dev/null: the device stays a device, the side files go beside the input', async () => {
    const dir = tempDir();
    const input = join(dir, 'in.mrc');
    writeFileSync(input, file([0, 1, 2].map((n) => writeIso2709(sampleRecord(n)))));
    const run = await runCli(['convert', input, '-o', '/dev/null', '--mode', 'strict']);
    expect(run.code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(existsSync('/dev/null.report.json')).toBe(false);
    expect(JSON.parse(readFileSync(`${input}.report.json`, 'utf8')).counts).toMatchObject({ read: 3, written: 3, rejected: 0 });
  });

  it('works as a filter on stdin and stdout (built binary)', () => {
    const input = file([0, 1].map((n) => writeIso2709(sampleRecord(n))));
    const dir = tempDir();
    const run = runBin(['convert', '-', '-o', '-', '--to', 'mrk', '--report', join(dir, 'r.json'), '--rejects', join(dir, 'rej.ndjson'), '--warnings', join(dir, 'w.ndjson')], input);
    expect(run.code).toBe(0);
    expect(run.stdout.toString('utf8')).toContain('=245  10$aҚан мен тер /$cқұраст. Ә. Нұрпейісов.');
    expect(run.stderr).toContain('read 2, written 2, rejected 0');
  });
});

describe('kitap --help', () => {
  it.each(['convert', 'dump', 'info'])('%s has help with an example', async (command) => {
    const run = await runCli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain(`kitap ${command}`);
  });
});
