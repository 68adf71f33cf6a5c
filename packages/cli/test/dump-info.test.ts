import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataField, encode, subfields, writeIso2709 } from '@kitap/marc';
import { ROOT, legacyIso2709, runBin, runCli, sampleRecord, tempDir } from './helpers.js';

describe('kitap dump', () => {
  it('prints mnemonic text on stdout and warnings on stderr', () => {
    const bytes = Buffer.concat([writeIso2709(sampleRecord(1)), Buffer.from('\r\n'), writeIso2709(sampleRecord(2))]);
    const run = runBin(['dump', '-'], bytes);
    expect(run.code).toBe(0);
    const text = run.stdout.toString('utf8');
    expect(text).toContain('=001  KZ-000001');
    expect(text).toContain('=100  1\\$aӘуезов, Мұхтар');
    expect(text).toContain('=949  \\\\$aЦГБ$bКХ-1002$c1500.00');
    expect(run.stderr).toContain('W_INTER_RECORD_BYTES');
  });
});

describe('kitap info', () => {
  it('tells the character set from the bytes and reports when leader/09 disagrees', async () => {
    const dir = tempDir();
    // cp1251 records whose leader/09 claims UTF-8 ('a'), as some IRBIS exports do.
    const russian = [0, 2, 4].map((n) => {
      const record = sampleRecord(n, 'Война и мир');
      record.replaceField(2, dataField('245', '1', '0', subfields('a', 'Война и мир /', 'c', 'Л. Н. Толстой ; сост. И. Иванов.')));
      return legacyIso2709(record, 'cp1251', 'a');
    });
    const path = join(dir, 'in.mrc');
    writeFileSync(path, Buffer.concat(russian));
    const run = await runCli(['info', path, '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ records: 3, rejected: 0, encodings: { cp1251: 3 }, leader09Disagreements: 3 });
    expect(run.code).toBe(1);
    const dump = await runCli(['dump', path, '--no-warnings']);
    expect(dump.stdout).toContain('=245  10$aВойна и мир /$cЛ. Н. Толстой ; сост. И. Иванов.');
  });

  it('summarises the bundled cp1251 sample', async () => {
    const run = await runCli(['info', join(ROOT, 'fixtures/sample/catalog-cp1251.iso'), '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.format).toBe('iso2709');
    expect(report.encodings).toEqual({ cp1251: report.records });
    expect(report.flavours).toEqual({ marc21: report.records });
    expect(report.tags[0]).toEqual({ tag: '001', count: report.records });
    expect(report.problems.map((p: { code: string }) => p.code)).toContain('E_TRUNCATED');
  });

  it('names the set a MARCXML file declares in its encodings, as convert does', async () => {
    const dir = tempDir();
    const xml = `<?xml version="1.0" encoding="KZ-1048"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim"><record><leader>00000nam a2200000 i 4500</leader><controlfield tag="001">K1</controlfield><datafield tag="245" ind1="1" ind2="0"><subfield code="a">Қазақ әдебиеті</subfield></datafield></record></collection>`;
    const path = join(dir, 'kz.xml');
    writeFileSync(path, encode(xml, 'rk1048'));
    const info = JSON.parse((await runCli(['info', path, '--format', 'json'])).stdout);
    expect(info.encodings).toEqual({ rk1048: 1 });
    const out = join(dir, 'out.mrc');
    expect((await runCli(['convert', path, '-o', out])).code).toBe(0);
    expect(JSON.parse(readFileSync(`${out}.report.json`, 'utf8')).encodings).toEqual({ rk1048: 1 });
  });

  it('counts what it read as kitap convert does: the rejected records are read too', async () => {
    const sample = join(ROOT, 'fixtures/sample/catalog-cp1251.iso');
    const info = JSON.parse((await runCli(['info', sample, '--format', 'json'])).stdout);
    expect(info.rejected).toBeGreaterThan(0);
    expect(info.read).toBe(info.records + info.rejected);
    const text = (await runCli(['info', sample])).stdout;
    expect(text).toContain(`records: ${info.read} read, ${info.rejected} rejected, `);
    const out = join(tempDir(), 'out.mrc');
    const convert = await runCli(['convert', sample, '-o', out]);
    // convert reads the same; it may reject more when writing (a value that ISO2709 cannot carry)
    expect(convert.stderr).toContain(`read ${info.read}, written `);
  });
});
