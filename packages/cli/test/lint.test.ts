import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { MarcRecord, dataField, subfields, writeIso2709, controlField, Leader } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { PROFILE_NAMES } from '@kitap/clean';
import { PROFILE_CHOICES } from '../src/commands/lint.js';
import { legacyIso2709, runCli, sampleRecord, tempDir } from './helpers.js';

/** Three records: one clean, one with an ISBN typo and a double space, one reusing the first one's inventory number. */
function catalog(dir: string): string {
  const clean = sampleRecord(1);
  const typo = new MarcRecord(Leader.DEFAULT, [
    controlField('001', 'KZ-000002'),
    dataField('020', ' ', ' ', subfields('a', '9786010313287')),
    dataField('245', '1', '0', subfields('a', 'Қан  мен тер /', 'c', 'Ә. Нұрпейісов.')),
    dataField('949', ' ', ' ', subfields('a', 'ЦГБ', 'i', 'КХ-2002', 'c', '900.00')),
  ]);
  const reused = new MarcRecord(Leader.DEFAULT, [
    controlField('001', 'KZ-000003'),
    dataField('245', '1', '0', subfields('a', 'Көшпенділер /', 'c', 'І. Есенберлин.')),
    dataField('949', ' ', ' ', subfields('a', 'ЦГБ', 'i', 'КХ-2002', 'c', '1200.00')),
  ]);
  const path = join(dir, 'catalog.mrc');
  writeFileSync(path, Buffer.concat([clean, typo, reused].map((r) => writeIso2709(r))));
  return path;
}

const RULES = ['--rule', 'isbn-checksum,subfield-whitespace', '--rule', 'inventory-number-unique'];

describe('kitap lint', () => {
  it('offers every profile kitap ships on the command line', () => {
    expect([...PROFILE_CHOICES].sort()).toEqual([...PROFILE_NAMES].sort());
  });

  it('never writes its report over its input, however the path is spelled', async () => {
    const dir = tempDir();
    const input = catalog(dir);
    const before = readFileSync(input);
    for (const output of [input, join(dir, '.', 'catalog.mrc')]) {
      const run = await runCli(['lint', input, '-o', output]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('E_USAGE');
    }
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it('groups findings by rule with counts and examples, and exits 1 when there are errors', async () => {
    const dir = tempDir();
    const { code, stdout, stderr } = await runCli(['lint', catalog(dir), ...RULES]);
    expect(code).toBe(1);
    expect(stdout).toContain('3 records checked, 0 unreadable (rejected), 2 with findings');
    expect(stdout).toContain('3 findings: 2 errors, 1 warnings, 0 info; 2 fixable');
    expect(stdout).toMatch(/error\s+isbn-checksum\s+1 \(1 fixable\)/);
    expect(stdout).toMatch(/record 2, byte \d+, id KZ-000002, 020 \$a: ISBN 9786010313287 in 020 \$a has a wrong check digit \(expected 6\)/);
    expect(stdout).toContain('Inventory number КХ-2002 is also used in record 2, id KZ-000002 (2 copies share it)');
    expect(stdout).toContain('«Қан мен тер»');
    expect(stderr).toContain('ledger read: in 3 = out 3 + rejected 0 (balanced)');
  });

  it('writes JSON: every finding in the one finding shape, and the totals with the ledger', async () => {
    const dir = tempDir();
    const out = join(dir, 'findings.json');
    const { code } = await runCli(['lint', catalog(dir), ...RULES, '-o', out]);
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.findings).toHaveLength(3);
    const dup = report.findings.find((f: { ruleId: string }) => f.ruleId === 'inventory-number-unique');
    expect(dup).toMatchObject({
      severity: 'error',
      place: { index: 2, recordId: 'KZ-000003', tag: '949', occurrence: 0, subfield: 'i' },
      related: { index: 1, recordId: 'KZ-000002', tag: '949', subfield: 'i' },
      actual: 'КХ-2002',
      label: 'Көшпенділер',
      fixable: false,
    });
    expect(report.summary).toMatchObject({ records: 3, rejected: 0, findings: 3, bySeverity: { error: 2, warning: 1, info: 0 } });
    expect(report.summary.ledger.stages.read).toMatchObject({ in: 3, out: 3, rejected: 0 });
  });

  it('writes a CSV a cataloguer opens in Excel: BOM, Russian headers, one row per finding', async () => {
    const dir = tempDir();
    const out = join(dir, 'findings.csv');
    await runCli(['lint', catalog(dir), ...RULES, '-o', out]);
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('Заглавие / title');
    expect(lines.some((l) => l.includes('Қан мен тер') && l.includes('9786010313286'))).toBe(true);
  });

  it('writes an XLSX workbook with the findings and a summary sheet', async () => {
    const dir = tempDir();
    const out = join(dir, 'findings.xlsx');
    await runCli(['lint', catalog(dir), ...RULES, '-o', out]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.getWorksheet('Findings')!;
    expect(sheet.rowCount).toBe(4);
    const rules = sheet.getColumn(2).values.slice(2);
    expect(rules.sort()).toEqual(['inventory-number-unique', 'isbn-checksum', 'subfield-whitespace']);
    const summary = book.getWorksheet('Summary')!;
    expect([2, 3, 4].map((r) => summary.getRow(r).getCell(1).value)).toEqual(['inventory-number-unique', 'isbn-checksum', 'subfield-whitespace']);
    expect([2, 3, 4].map((r) => summary.getRow(r).getCell(3).value)).toEqual([1, 1, 1]);
  });

  it('writes a self-contained HTML summary', async () => {
    const dir = tempDir();
    const out = join(dir, 'findings.html');
    await runCli(['lint', catalog(dir), ...RULES, '-o', out]);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Замечаний / findings</td><td>3');
    expect(html).not.toMatch(/<script|src="http/);
  });

  it('honours --max-warnings and exits 0 when only warnings within the limit are found', async () => {
    const dir = tempDir();
    const path = join(dir, 'spaces.mrc');
    writeFileSync(path, writeIso2709(new MarcRecord(Leader.DEFAULT, [dataField('245', '1', '0', subfields('a', 'Абай  жолы'))])));
    expect((await runCli(['lint', path, '--rule', 'subfield-whitespace'])).code).toBe(0);
    expect((await runCli(['lint', path, '--rule', 'subfield-whitespace', '--max-warnings', '0'])).code).toBe(1);
  });

  it('reads kitap.config.json or YAML: severities and options per rule', async () => {
    const dir = tempDir();
    const input = catalog(dir);
    const json = join(dir, 'kitap.config.json');
    writeFileSync(json, JSON.stringify({ profile: 'marc21', rules: { 'isbn-checksum': 'off', 'inventory-number-unique': { severity: 'warning', options: { layouts: ['910'] } } } }));
    const { stdout, code } = await runCli(['lint', input, '--config', json, '--rule', 'subfield-whitespace', '--rule', 'inventory-number-unique']);
    expect(code).toBe(0);
    expect(stdout).not.toContain('inventory-number-unique');
    const yaml = join(dir, 'kitap.config.yaml');
    writeFileSync(yaml, 'profile: kazakh-public-library\nrules:\n  subfield-whitespace: error\n');
    const second = await runCli(['lint', input, '--config', yaml, '--rule', 'subfield-whitespace']);
    expect(second.stdout).toMatch(/error\s+subfield-whitespace/);
  });

  it('refuses a config with an unknown rule or setting, naming the file', async () => {
    const dir = tempDir();
    const input = catalog(dir);
    const bad = join(dir, 'kitap.config.json');
    writeFileSync(bad, JSON.stringify({ rules: { 'isbn-chekcsum': 'off' } }));
    const r1 = await runCli(['lint', input, '--config', bad]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('E_CONFIG');
    expect(r1.stderr).toContain('unknown rule "isbn-chekcsum"');
    writeFileSync(bad, JSON.stringify({ rule: {} }));
    const r2 = await runCli(['lint', input, '--config', bad]);
    expect(r2.stderr).toMatch(/E_CONFIG.*kitap\.config\.json/);
    expect(r2.stderr).not.toMatch(/\n\s+at /);
  });

  it('puts unreadable records in a reject file and counts them in the ledger', async () => {
    const dir = tempDir();
    const path = join(dir, 'damaged.iso');
    const good = legacyIso2709(sampleRecord(1), 'rk1048');
    writeFileSync(path, Buffer.concat([good, good.subarray(0, 60)]));
    const out = join(dir, 'report.json');
    const { code, stderr } = await runCli(['lint', path, '--encoding', 'rk1048', '-o', out, '--rule', 'subfield-whitespace']);
    expect(code).toBe(1);
    expect(stderr).toContain('ledger read: in 2 = out 1 + rejected 1 (balanced)');
    const reject = JSON.parse(readFileSync(`${out}.rejects.ndjson`, 'utf8').trim());
    expect(reject).toMatchObject({ code: 'E_TRUNCATED', index: 1 });
    expect(existsSync(`${path}.rejects.ndjson`)).toBe(false);
  });
});
