import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';
import { holdsCopy, recordWithCopies, useStandIns } from './rabis-stand-ins.js';

const standIn = useStandIns();

const jsonl = (records: unknown[]) => `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;
const ebook = (title: string, author: string, cn: string, invs: string[]) => ({
  title,
  author,
  inv: invs.map((invNumber) => ({ invNumber, department: { code: 'CGB' } })),
  kitap: { controlNumber: cn },
});

/** A record whose copies are all in the library F04. */
function marc(cn: string, title: string, invs: string[]): Uint8Array {
  return recordWithCopies(cn, title, invs.map((inv) => ({ library: 'F04', inv })));
}

describe('kitap rabis push: records sharing a control number (merged branch catalogs)', () => {
  it('refuses, before sending, a different record whose control number an earlier record of the file holds: failed with its line, exit 1', async () => {
    const server = await standIn();
    const dir = tempDir();
    const file = join(dir, 'web-rabis.jsonl');
    writeFileSync(
      file,
      jsonl([
        ebook('Абай жолы', 'Әуезов М.', 'KRG-000101', ['CGB-1001']),
        ebook('Война и мир', 'Толстой Л.', 'KRG-000102', ['CGB-1002', 'CGB-1003']),
        // Another branch's record that came in with the same 001 as "Абай жолы".
        ebook('Көшпенділер', 'Есенберлин І.', 'KRG-000101', ['F04-2001', 'F04-2002']),
      ]),
    );
    const push = await runCli(['rabis', 'push', file, '--url', server.url]);
    expect(push.code).toBe(1);
    expect(push.stderr).toContain('records: in 3 = confirmed 2 + failed 1 + pending 0 (balanced)');
    expect(push.stderr).toContain('copies: in 5 = confirmed 3 + failed 2 + pending 0 (balanced)');
    expect(push.stderr).toMatch(/failed: line 3 \(KRG-000101\): E_RABIS_DUPLICATE_KEY: control number KRG-000101 is already used by a different record "Абай жолы" at line 1 of this file/);
    expect(await holdsCopy(server, 'CGB-1001')).toBe(true);
    expect(await holdsCopy(server, 'F04-2001')).toBe(false);

    // A second run keeps the refusal, and --retry-failed does not send it while "Абай жолы" holds the number.
    const again = await runCli(['rabis', 'push', file, '--url', server.url, '--retry-failed']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('records: in 3 = confirmed 2 + failed 1 + pending 0 (balanced)');
    expect(await holdsCopy(server, 'F04-2001')).toBe(false);
  });

  it('refuses a different record whose control number a record of an earlier run of the log holds', async () => {
    const server = await standIn();
    const dir = tempDir();
    const file = join(dir, 'web-rabis.jsonl');
    const log = join(dir, 'delivery.sqlite');
    writeFileSync(file, jsonl([ebook('Қара сөздер', 'Абай Құнанбайұлы', 'KRG-000201', ['CGB-3001'])]));
    expect((await runCli(['rabis', 'push', file, '--url', server.url, '--log', log])).code).toBe(0);
    // The next export of the merged catalog: another record under the same number.
    const next = join(dir, 'web-rabis-2.jsonl');
    writeFileSync(next, jsonl([ebook('Преступление и наказание', 'Достоевский Ф.', 'KRG-000201', ['Y01-4001'])]));
    const push = await runCli(['rabis', 'push', next, '--url', server.url, '--log', log]);
    expect(push.code).toBe(1);
    expect(push.stderr).toContain('records: in 1 = confirmed 0 + failed 1 + pending 0 (balanced)');
    expect(push.stderr).toMatch(/E_RABIS_DUPLICATE_KEY: control number KRG-000201 is already used by a different record "Қара сөздер" of an earlier run/);
    expect(await holdsCopy(server, 'Y01-4001')).toBe(false);
  });

  it('ISO2709: a second record with the same 001 fails with its record number and byte offset', async () => {
    const server = await standIn();
    const dir = tempDir();
    const file = join(dir, 'records.mrc');
    const first = marc('KIL-000007', 'Ақбілек', ['700101']);
    const second = marc('KIL-000007', 'Евгений Онегин', ['700102', '700103']);
    writeFileSync(file, Buffer.concat([first, second]));
    const push = await runCli(['rabis', 'push', file, '--url', server.url]);
    expect(push.code).toBe(1);
    expect(push.stderr).toContain('records: in 2 = confirmed 1 + failed 1 + pending 0 (balanced)');
    expect(push.stderr).toContain('copies: in 3 = confirmed 1 + failed 2 + pending 0 (balanced)');
    expect(push.stderr).toContain(`failed: record 2, byte ${first.length} (KIL-000007): E_RABIS_DUPLICATE_KEY`);
    expect(await holdsCopy(server, '700102')).toBe(false);
  });
});

describe('kitap rabis push: the same record repeated', () => {
  it('JSONL: sends it once and counts every line: in 3 = confirmed 1 + duplicates 2, exit 0', async () => {
    const server = await standIn();
    const dir = tempDir();
    const file = join(dir, 'web-rabis.jsonl');
    const line = ebook('Абай жолы', 'Әуезов М.', 'D1', ['D-1']);
    writeFileSync(file, jsonl([line, line, line]));
    const push = await runCli(['rabis', 'push', file, '--url', server.url]);
    expect(push.code).toBe(0);
    expect(push.stderr).toContain('records: in 3 = confirmed 1 + failed 0 + pending 0 + duplicates 2 (balanced)');
    expect(push.stderr).toContain('copies: in 3 = confirmed 1 + failed 0 + pending 0 + duplicates 2 (balanced)');
    expect(push.stderr).toContain('duplicates: 2 lines repeat a record already in the file');
    expect(await holdsCopy(server, 'D-1')).toBe(true);
    // Run again: the same ledger, nothing sent.
    const again = await runCli(['rabis', 'push', file, '--url', server.url]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('records: in 3 = confirmed 1 + failed 0 + pending 0 + duplicates 2 (balanced)');
  });

  it('ISO2709: the same bytes twice are sent once and counted: in 2 = confirmed 1 + duplicates 1', async () => {
    const server = await standIn();
    const dir = tempDir();
    const file = join(dir, 'records.mrc');
    const record = marc('KIL-000042', 'Шолпанның күнәсі', ['700420']);
    writeFileSync(file, Buffer.concat([record, record]));
    const push = await runCli(['rabis', 'push', file, '--url', server.url]);
    expect(push.code).toBe(0);
    expect(push.stderr).toContain('records: in 2 = confirmed 1 + failed 0 + pending 0 + duplicates 1 (balanced)');
    expect(push.stderr).toContain('duplicates: 1 records repeat a record already in the file');
  });
});
