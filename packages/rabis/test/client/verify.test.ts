import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RabisError } from '../../src/client/rabis-error.js';
import type { RabisImportResult, RabisCard, RabisCopy } from '../../src/client/rabis-responses.js';
import { deliver } from '../../src/delivery/deliver.js';
import { type RabisVerifier, verify } from '../../src/delivery/verify.js';
import { writeJsonl } from './sample-records.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kitap-verify-'));
  dirs.push(dir);
  return dir;
}

const F04 = { code: 'F04', name: 'Библиотека-филиал №4' };
const D15 = { code: 'D15', name: 'Детская библиотека-филиал №15' };
const ABON = { code: 'CGB/ABON', name: 'Центральная городская библиотека, Абонемент' };
const AVAILABLE = { code: 'available', name: 'В фонде' };

function record(author: string, title: string, controlNumber: string, inv: { invNumber: string; department: { code: string; name: string } }[], year = '1961') {
  return {
    state: { code: 'Ebook.Imported' },
    author,
    title,
    sources: [{ title, responsibility: author, year }],
    publishings: [{ placeEdition: 'Алматы', publishingHouse: 'Жазушы', yearEdition: year }],
    siglas: [],
    inv: inv.map((copy) => ({ ...copy, state: AVAILABLE })),
    kitap: { action: 'create', controlNumber, sourceLines: [2] },
  };
}

/** A Web-RABIS holding the given copies and cards. */
function fakeRabis(copies: RabisCopy[], cards: Record<string, RabisCard>): RabisVerifier & { lookups: string[] } {
  const lookups: string[] = [];
  return {
    lookups,
    findCopy: async (invNumber) => {
      lookups.push(invNumber);
      return copies.find((copy) => copy.invNumber === invNumber);
    },
    card: async (id) => {
      const card = cards[String(id)];
      if (!card) throw new RabisError('E_RABIS_HTTP', `card: HTTP 404`, { status: 404 });
      return card;
    },
  };
}

describe('verify', () => {
  it('finds copies that are missing, in another department or on another record', async () => {
    const dir = tempDir();
    const file = join(dir, 'web-rabis.jsonl');
    writeJsonl(file, [
      record('Әуезов М.', 'Абай жолы', 'KRG-000001', [
        { invNumber: '000123', department: F04 },
        { invNumber: '000124', department: F04 },
      ]),
      record('Толстой Л.', 'Война и мир', 'KRG-000002', [{ invNumber: '000200', department: D15 }]),
      record('Есенберлин І.', 'Көшпенділер', 'KRG-000003', [{ invNumber: '000300', department: ABON }]),
    ]);
    appendFileSync(file, '{"title": "Ұлпан", "inv": [\n');
    const rabis = fakeRabis(
      [
        { id: 1, ebookId: 501, invNumber: '000123', department: { id: 4, code: 'F04', name: 'Библиотека-филиал №4' } },
        { id: 2, ebookId: 502, invNumber: '000200', department: { id: 4, code: 'F04', name: 'Библиотека-филиал №4' } },
        { id: 3, ebookId: 501, invNumber: '000300', department: { id: 9, code: 'CGB/ABON', name: 'Абонемент' } },
      ],
      { '501': { title: 'Абай жолы' }, '502': { title: 'ВОЙНА И МИР' } },
    );
    const report = await verify(file, { client: rabis });
    expect(report.counts).toEqual({ records: 4, unreadable: 1, copies: 4, ok: 1, missing: 1, wrong: 2, wrongDepartment: 1, wrongRecord: 1 });
    expect(report.findings.map((f) => [f.ruleId, f.place.line, f.place.recordId, f.label])).toEqual([
      ['RABIS_COPY_MISSING', 1, 'KRG-000001', 'Абай жолы'],
      ['RABIS_COPY_WRONG_DEPARTMENT', 2, 'KRG-000002', 'Война и мир'],
      ['RABIS_COPY_WRONG_RECORD', 3, 'KRG-000003', 'Көшпенділер'],
      ['RABIS_RECORD_UNREADABLE', 4, undefined, undefined],
    ]);
    const [missing, department, wrongRecord] = report.findings;
    expect(missing).toMatchObject({ severity: 'error', expected: '000124', message: 'inventory number 000124 is not in Web-RABIS' });
    expect(department).toMatchObject({ actual: 'F04 «Библиотека-филиал №4»', expected: 'D15 «Детская библиотека-филиал №15»' });
    expect(wrongRecord).toMatchObject({ actual: 'record 501 «Абай жолы»', expected: '«Көшпенділер»' });
  });

  it('catches a copy on another edition with the same title, by the id the delivery log recorded', async () => {
    const dir = tempDir();
    const file = join(dir, 'web-rabis.jsonl');
    const logPath = join(dir, 'delivery.sqlite');
    writeJsonl(file, [
      record('Әуезов М.', 'Абай жолы', 'KRG-000010', [{ invNumber: '000410', department: F04 }], '1961'),
      record('Әуезов М.', 'Абай жолы', 'KRG-000011', [{ invNumber: '000411', department: F04 }], '1977'),
    ]);
    let id = 700;
    await deliver(file, {
      client: { importBatch: async (records): Promise<RabisImportResult[]> => records.map(() => ({ id: id++, status: 'created' })) },
      logPath,
      target: 'memory',
    });
    // Both copies ended up on the 1961 edition (id 700): the titles agree, the ids do not.
    const rabis = fakeRabis(
      [
        { invNumber: '000410', ebookId: 700, department: F04 },
        { invNumber: '000411', ebookId: 700, department: F04 },
      ],
      { '700': { title: 'Абай жолы' }, '701': { title: 'Абай жолы' } },
    );
    const withoutLog = await verify(file, { client: rabis });
    expect(withoutLog.counts.wrongRecord).toBe(0);
    const withLog = await verify(file, { client: rabis, logPath });
    expect(withLog.counts).toMatchObject({ copies: 2, ok: 1, wrongRecord: 1 });
    expect(withLog.findings[0]).toMatchObject({ ruleId: 'RABIS_COPY_WRONG_RECORD', actual: 'record 700', expected: 'record 701', place: { line: 2, recordId: 'KRG-000011' } });
  });

  it('compares departments by name when Web-RABIS gives no code, ignoring case', async () => {
    const dir = tempDir();
    const file = join(dir, 'web-rabis.jsonl');
    writeJsonl(file, [record('Абай Құнанбайұлы', 'Қара сөздер', 'KRG-000020', [{ invNumber: '000500', department: F04 }, { invNumber: '000501', department: D15 }])]);
    const rabis = fakeRabis(
      [
        { invNumber: '000500', department: { name: 'БИБЛИОТЕКА-ФИЛИАЛ №4' } },
        { invNumber: '000501', department: { name: 'Библиотека-филиал №4' } },
      ],
      {},
    );
    const report = await verify(file, { client: rabis });
    expect(report.counts).toMatchObject({ copies: 2, ok: 1, wrongDepartment: 1 });
    expect(report.findings[0]?.expected).toBe('D15 «Детская библиотека-филиал №15»');
  });

  it('reports a file that cannot be read as E_INPUT', async () => {
    const rabis = fakeRabis([], {});
    await expect(verify(join(tempDir(), 'no-such.jsonl'), { client: rabis })).rejects.toMatchObject({ code: 'E_INPUT' });
  });

  it('stops with the client error when Web-RABIS cannot be asked', async () => {
    const dir = tempDir();
    const file = join(dir, 'web-rabis.jsonl');
    writeJsonl(file, [record('Мүсірепов Ғ.', 'Ұлпан', 'KRG-000030', [{ invNumber: '000600', department: F04 }])]);
    const failing: RabisVerifier = {
      findCopy: () => Promise.reject(new RabisError('E_RABIS_NETWORK', 'copy lookup: connection error ECONNREFUSED (after 6 attempts)', { transient: true })),
      card: () => Promise.reject(new Error('not reached')),
    };
    await expect(verify(file, { client: failing })).rejects.toMatchObject({ rabisCode: 'E_RABIS_NETWORK' });
  });

  it('looks every copy up once however many are checked at a time', async () => {
    const dir = tempDir();
    const file = join(dir, 'web-rabis.jsonl');
    const records = Array.from({ length: 120 }, (_, i) =>
      record('Пушкин А.', 'Евгений Онегин', `KRG-${String(100 + i).padStart(6, '0')}`, [{ invNumber: String(700_000 + i), department: D15 }]),
    );
    writeJsonl(file, records);
    const rabis = fakeRabis(
      records.map((_, i) => ({ invNumber: String(700_000 + i), department: D15 })),
      {},
    );
    const progress: number[] = [];
    const report = await verify(file, { client: rabis, concurrency: 5, onProgress: (n) => progress.push(n) });
    expect(report.counts).toMatchObject({ copies: 120, ok: 120 });
    expect(rabis.lookups.sort()).toEqual(records.map((_, i) => String(700_000 + i)).sort());
    expect(progress.at(-1)).toBe(120);
  });
});
