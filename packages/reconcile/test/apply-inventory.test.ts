import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BranchDirectory, COPY_MAPPERS, KARAGANDA_CBS, parseInventoryNumber } from '@kitap/holdings';
import { type WebRabisEbook } from '@kitap/inventory';
import { readIso2709All } from '@kitap/marc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApplyResult, DEFAULT_SUBJECT_RULES, type HoldingCopy, applyActs, findingsJson, readHoldings, runAudit } from '../src/index.js';
import { type ActRow, ROOT, fileLines, recordFrames, writeActs } from './apply-support.js';

const BIN = join(ROOT, 'packages/cli/dist/bin.js');
const branches = BranchDirectory.fromJson(KARAGANDA_CBS);
const inventoryNumbers = { branchPrefixes: 'strip' } as const;
const INSTITUTION = 'РГУ «Учреждение ЕЦ-166/17»';
const AS_OF = '2025-06-30';

function keyOf(number: string): string {
  const parsed = parseInventoryNumber(number, inventoryNumbers, branches);
  if (!parsed.ok) throw new Error(number);
  return parsed.value.key;
}

async function copiesOf(path: string): Promise<HoldingCopy[]> {
  const out: HoldingCopy[] = [];
  for await (const item of readHoldings(path, { branches, inventoryNumbers, rules: DEFAULT_SUBJECT_RULES, layouts: ['852/876'] })) {
    if (item.kind === 'problem') throw new Error(item.finding.message);
    out.push(item.copy);
  }
  return out;
}

function dayBefore(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

describe('applying acts to the output of kitap inventory (the 1C export of the sample, every copy active)', () => {
  let dir: string;
  let records: string;
  let jsonl: string;
  let actsFile: string;
  let result: ApplyResult;
  let rows: ActRow[];
  // The copies the acts name, by role.
  const pick: Record<string, HoldingCopy> = {};
  const lineOf = (n: number): number => n + 2;
  const out = (name: string): string => join(dir, name);

  beforeAll(async () => {
    if (!existsSync(BIN)) throw new Error(`build the CLI first (pnpm build): ${BIN} is missing`);
    dir = mkdtempSync(join(tmpdir(), 'kitap-apply-'));
    const inventory = join(dir, 'inventory');
    const run = spawnSync(process.execPath, [BIN, 'inventory', join(ROOT, 'fixtures/inventory/export-cp1251.csv'), '--catalog', join(ROOT, 'fixtures/sample/catalog-utf8.mrc'), '--out', inventory], {
      cwd: ROOT,
      env: { ...process.env, KITAP_NO_PROGRESS: '1' },
      encoding: 'utf8',
    });
    // 1: the export has rejected rows on purpose.
    expect(run.status, run.stderr).toBe(1);
    records = join(inventory, 'records.mrc');
    jsonl = join(inventory, 'web-rabis.jsonl');

    const listed = new Set(readFileSync(jsonl, 'utf8').trim().split('\n').flatMap((l) => (JSON.parse(l) as WebRabisEbook).inv.map((i) => keyOf(i.invNumber))));
    const copies = await copiesOf(records);
    const used = new Set<string>();
    const take = (role: string, where: (c: HoldingCopy) => boolean): void => {
      const copy = copies.find((c) => !used.has(c.key) && c.dateReceived !== undefined && c.dateReceived < '2020-01-01' && where(c));
      if (copy === undefined) throw new Error(`no copy for ${role}`);
      used.add(copy.key);
      pick[role] = copy;
    };
    const inventoryCopy = (branch?: string) => (c: HoldingCopy) => listed.has(c.key) && c.status === 'available' && (branch === undefined || c.branch === branch);
    for (const role of ['w1', 'w3', 'w4', 'r1', 'f1']) take(role, inventoryCopy());
    take('w2', inventoryCopy('CGB'));
    take('t1', inventoryCopy('CGB'));
    take('t2', inventoryCopy('CGB'));
    take('m1', inventoryCopy('F07'));
    take('m2', inventoryCopy('F11'));
    take('s1', inventoryCopy('CGB'));
    take('s2', inventoryCopy('F14'));
    // A copy the catalog record had before the inventory: in records.mrc, not in web-rabis.jsonl.
    take('cat', (c) => !listed.has(c.key) && c.branch === 'F15');

    const p = (role: string): number => pick[role]!.price!;
    const n = (role: string): string => pick[role]!.inventoryNumber;
    const w = (role: string, extra: Partial<ActRow> = {}): ActRow => ({ number: '1', date: '2023-03-01', type: 'write-off', reason: 'ветхость', from: 'ЦГБ', inventoryNumber: n(role), price: p(role), ...extra });
    rows = [
      w('w1', { inventoryNumber: `ЦГБ-${n('w1')}` }), // 0: another spelling, the same key
      w('w2'), // 1
      w('w3', { inventoryNumber: n('w3').padStart(7, '0') }), // 2
      w('w4', { price: p('w4') + 10_000 }), // 3: PRICE_MISMATCH, applied at the act's price
      w('cat'), // 4
      { ...w('w1'), inventoryNumber: 'б/н', price: 10_000 }, // 5: INVENTORY_NUMBER_INVALID
      { ...w('w1'), inventoryNumber: '999999', price: 10_000 }, // 6: ACT_LINE_UNMATCHED
      { number: 'ПП-1', date: '2023-04-01', type: 'transfer', reason: 'передача', from: 'ЦГБ', to: INSTITUTION, inventoryNumber: n('t1'), price: p('t1') }, // 7
      { number: 'ПП-1', date: '2023-04-01', type: 'transfer', reason: 'передача', from: 'ЦГБ', to: INSTITUTION, inventoryNumber: n('t2'), price: p('t2') }, // 8
      { number: 'ПП-2', date: '2023-05-01', type: 'transfer', from: 'Ф-л №7', to: 'ООИФ ЦГБ', inventoryNumber: n('m1'), price: p('m1') }, // 9: F07 → CGB
      { number: 'ПП-3', date: '2023-05-02', type: 'transfer', from: 'Ф-л №11', to: 'Ф-л №4', inventoryNumber: n('m2'), price: p('m2') }, // 10: F11 → F04
      { number: 'ПП-4', date: '2023-06-01', type: 'transfer', from: 'Ф-л №4', to: 'ЦГБ', inventoryNumber: n('m2'), price: p('m2') }, // 11: then F04 → CGB
      { number: 'ПП-5', date: '2023-05-03', type: 'transfer', from: 'Ф-л №8', to: 'Ф-л №22', inventoryNumber: n('s1'), price: p('s1') }, // 12: the copy is at CGB
      { number: 'ПП-6', date: '2023-05-04', type: 'transfer', from: 'Ф-л №6', to: 'Ф-л №14', inventoryNumber: n('s2'), price: p('s2') }, // 13: already at F14
      { number: 'ПП-7', date: '2023-05-05', type: 'transfer', from: 'ЦГБ', to: 'Ф-л №4', inventoryNumber: n('w2'), price: p('w2') }, // 14: written off by act 1
      { number: '2', date: '2023-09-01', type: 'write-off', reason: 'недостача', from: 'ЦГБ', inventoryNumber: n('w1'), price: p('w1') }, // 15: written off twice
      { number: '3', date: dayBefore(pick.r1!.dateReceived!), type: 'write-off', reason: 'ветхость', from: 'ЦГБ', inventoryNumber: n('r1'), price: p('r1') }, // 16: before receipt
      { number: '4', date: '2026-01-10', type: 'write-off', reason: 'ветхость', from: 'ЦГБ', inventoryNumber: n('f1'), price: p('f1') }, // 17: after asOf
    ];
    mkdirSync(join(dir, 'acts'));
    actsFile = join(dir, 'acts', 'acts.csv');
    writeActs(actsFile, rows);
    result = await applyActs({ records, jsonl, acts: [actsFile], outRecords: out('records.mrc'), outJsonl: out('web-rabis.jsonl'), layouts: ['852/876'], branches, inventoryNumbers, asOf: AS_OF });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('applies exactly the lines that match one active copy, and gives every other line its reason', () => {
    const outcome = new Map<number, string>();
    for (const a of result.applied) outcome.set(a.line, `applied ${a.kind}`);
    for (const n of result.notApplied) outcome.set(n.line, n.code);
    expect([...outcome].sort(([a], [b]) => a - b)).toEqual(
      [
        'applied write-off',
        'applied write-off',
        'applied write-off',
        'applied write-off',
        'applied write-off',
        'INVENTORY_NUMBER_INVALID',
        'ACT_LINE_UNMATCHED',
        'applied transfer-out',
        'applied transfer-out',
        'applied move',
        'applied move',
        'applied move',
        'W_ACT_NOT_APPLIED_NOT_AT_SENDER',
        'W_ACT_NOT_APPLIED_ALREADY_MOVED',
        'W_ACT_NOT_APPLIED_WITHDRAWN',
        'COPY_WRITTEN_OFF_TWICE',
        'ACT_BEFORE_RECEIPT',
        'W_ACT_NOT_APPLIED_FUTURE',
      ].map((what, n) => [lineOf(n), what]),
    );
    expect(result.notApplied.find((n) => n.code === 'COPY_WRITTEN_OFF_TWICE')?.related).toEqual({ file: actsFile, line: lineOf(0) });
    expect(result.notApplied.find((n) => n.code === 'W_ACT_NOT_APPLIED_WITHDRAWN')?.related).toEqual({ file: actsFile, line: lineOf(1) });
    for (const n of result.notApplied) expect(n.file).toBe(actsFile);
  });

  it('counts: act lines in = applied + not applied, records and copies in = out, money withdrawn to the tiyn', async () => {
    const items = await readIso2709All(records);
    const copiesIn = items.reduce((sum, item) => sum + (item.kind === 'record' ? item.record.tags.filter((t) => t === '876').length : 0), 0);
    const price = (role: string): number => pick[role]!.price!;
    const writtenOff = price('w1') + price('w2') + price('w3') + price('w4') + 10_000 + price('cat');
    const transferredOut = price('t1') + price('t2');
    const changedRecords = new Set(['w1', 'w2', 'w3', 'w4', 'cat', 't1', 't2', 'm1', 'm2'].map((r) => pick[r]!.index)).size;
    expect(result.counts).toEqual({
      acts: 11,
      lines: 18,
      applied: 10,
      notApplied: 8,
      records: { in: items.length, out: items.length, changed: changedRecords, unreadable: 0 },
      copies: { in: copiesIn, out: copiesIn, changed: 9 },
      webRabis: { documents: { in: items.length, out: items.length }, copies: { in: 3925, out: 3925 }, changed: 8, notListed: 1 },
    });
    expect(result.withdrawn).toEqual({ copies: 7, sum: writtenOff + transferredOut, writtenOff: { copies: 5, sum: writtenOff }, transferredOut: { copies: 2, sum: transferredOut } });
    expect(result.moved).toBe(3);
    const act1 = result.byAct.find((a) => a.number === '1')!;
    expect(act1).toMatchObject({ lines: 7, applied: 5, notApplied: 2, withdrawn: { copies: 5, sum: writtenOff }, moved: 0 });
    expect(result.byAct.reduce((s, a) => s + a.lines, 0)).toBe(18);
    expect(result.problems).toEqual([]);
  });

  it('writes every record no act touches byte for byte, and only the touched ones anew', async () => {
    const before = await recordFrames(records);
    const after = await recordFrames(out('records.mrc'));
    expect(after.length).toBe(before.length);
    const touched = new Set(result.applied.map((a) => a.copy.index));
    for (let i = 0; i < before.length; i++) {
      if (touched.has(i)) expect(after[i]!.equals(before[i]!), `record ${i}`).toBe(false);
      else expect(after[i]!.equals(before[i]!), `record ${i}`).toBe(true);
    }
    const lines = { before: fileLines(jsonl), after: fileLines(out('web-rabis.jsonl')) };
    expect(lines.after.length).toBe(lines.before.length);
    const listedTouched = new Set(['w1', 'w2', 'w3', 'w4', 't1', 't2', 'm1', 'm2'].map((r) => pick[r]!.index));
    for (let i = 0; i < lines.before.length; i++) expect(lines.after[i] === lines.before[i], `jsonl line ${i + 1}`).toBe(!listedTouched.has(i));
  });

  it('gives the copies their status, the act and the reason in MARC, and the same state and department in web-rabis.jsonl', async () => {
    const items = await readIso2709All(out('records.mrc'));
    const copy = (role: string) => {
      const item = items[pick[role]!.index]!;
      if (item.kind !== 'record') throw new Error('reject');
      return COPY_MAPPERS['852/876'].read(item.record).find((c) => c.copy.inventoryNumber === pick[role]!.inventoryNumber)!.copy;
    };
    // The export's own note (if any) first, then the acts'.
    const actNotes = (role: string, count: number): string[] => (copy(role).notes ?? []).slice(-count);
    expect(copy('w1')).toMatchObject({ status: 'written-off', branch: pick.w1!.branch });
    expect(actNotes('w1', 1)).toEqual(['Списан: акт № 1 от 01.03.2023, ветхость']);
    expect(copy('cat')).toMatchObject({ status: 'written-off', branch: '№15' });
    expect(actNotes('cat', 1)).toEqual(['Списан: акт № 1 от 01.03.2023, ветхость']);
    expect(copy('t1')).toMatchObject({ status: 'transferred', branch: 'CGB' });
    expect(actNotes('t1', 1)).toEqual([`Передан: акт № ПП-1 от 01.04.2023, ЦГБ → ${INSTITUTION}`]);
    expect(copy('m1')).toMatchObject({ status: 'available', branch: 'CGB' });
    expect(actNotes('m1', 1)).toEqual(['Передан: акт № ПП-2 от 01.05.2023, Ф-л №7 → ЦГБ']);
    expect(copy('m2')).toMatchObject({ status: 'available', branch: 'CGB' });
    expect(actNotes('m2', 2)).toEqual(['Передан: акт № ПП-3 от 02.05.2023, Ф-л №11 → Ф-л №4', 'Передан: акт № ПП-4 от 01.06.2023, Ф-л №4 → ЦГБ']);
    for (const role of ['s1', 's2', 'r1', 'f1']) expect(copy(role)).toMatchObject({ status: 'available', branch: pick[role]!.branch });

    const docs = fileLines(out('web-rabis.jsonl')).map((l) => JSON.parse(l) as WebRabisEbook);
    const inv = (role: string) => docs[pick[role]!.index]!.inv.find((i) => i.invNumber === pick[role]!.inventoryNumber)!;
    expect(inv('w1').state).toEqual({ code: 'written-off', name: 'Списан' });
    expect(inv('t1').state).toEqual({ code: 'transferred', name: 'Передан' });
    expect(inv('m1')).toMatchObject({ state: { code: 'available' }, department: { code: 'CGB', name: 'Центральная городская библиотека' } });
    expect(docs[pick.m1!.index]!.siglas).toContainEqual({ sigla: 'CGB' });

    // Every copy web-rabis.jsonl lists reads the same from both files: status and library.
    const marc = new Map((await copiesOf(out('records.mrc'))).map((c) => [c.key, c]));
    const fromJsonl = await copiesOf(out('web-rabis.jsonl'));
    expect(fromJsonl.length).toBeGreaterThan(3000);
    for (const c of fromJsonl) expect([c.inventoryNumber, c.status, c.branch]).toEqual([c.inventoryNumber, marc.get(c.key)?.status ?? 'available', marc.get(c.key)?.branch]);
  });

  it('writes the same bytes on a second run, and changes nothing when applied to its own output', async () => {
    const again = await applyActs({ records, jsonl, acts: [actsFile], outRecords: out('again.mrc'), outJsonl: out('again.jsonl'), layouts: ['852/876'], branches, inventoryNumbers, asOf: AS_OF });
    expect(readFileSync(out('again.mrc')).equals(readFileSync(out('records.mrc')))).toBe(true);
    expect(readFileSync(out('again.jsonl')).equals(readFileSync(out('web-rabis.jsonl')))).toBe(true);
    expect(again).toEqual(result);

    const twice = await applyActs({ records: out('records.mrc'), jsonl: out('web-rabis.jsonl'), acts: [actsFile], outRecords: out('twice.mrc'), outJsonl: out('twice.jsonl'), layouts: ['852/876'], branches, inventoryNumbers, asOf: AS_OF });
    expect(twice.counts.applied).toBe(0);
    expect(readFileSync(out('twice.mrc')).equals(readFileSync(out('records.mrc')))).toBe(true);
    expect(readFileSync(out('twice.jsonl')).equals(readFileSync(out('web-rabis.jsonl')))).toBe(true);
  });

  it('leaves the audit nothing to say about applied withdrawals, while every line not applied is still reported', async () => {
    const audit = async (holdings: string) => {
      const found = await runAudit({ holdings, acts: [actsFile], asOf: AS_OF, branches, inventoryNumbers, rules: DEFAULT_SUBJECT_RULES, layouts: ['852/876'] });
      return findingsJson(found)
        .findings.map((f) => `${f.line ?? ''} ${f.code}`)
        .sort();
    };
    const stillActive = (n: number): string[] => [`${lineOf(n)} WRITTEN_OFF_STILL_ACTIVE`];
    const before = await audit(records);
    for (const n of [0, 1, 2, 3, 4]) expect(before).toContain(stillActive(n)[0]);
    for (const n of [7, 8]) expect(before).toContain(`${lineOf(n)} TRANSFERRED_OUT_STILL_ACTIVE`);
    for (const n of [9, 11]) expect(before).toContain(`${lineOf(n)} TRANSFER_LOCATION_MISMATCH`);
    // Line 10 is the first move of a copy line 11 sends on: only its last move says where it must be.
    expect(before).not.toContain(`${lineOf(10)} TRANSFER_LOCATION_MISMATCH`);

    const after = await audit(out('records.mrc'));
    // Act 4 is dated after the holdings (its date finding is at its first line); line 10, the first move of a copy
    // moved twice, says nothing about where the copy is at the end.
    const want = [
      `${lineOf(3)} PRICE_MISMATCH`,
      `${lineOf(5)} INVENTORY_NUMBER_INVALID`,
      `${lineOf(6)} ACT_LINE_UNMATCHED`,
      `${lineOf(12)} TRANSFER_LOCATION_MISMATCH`,
      `${lineOf(14)} COPY_MOVED_AFTER_WITHDRAWAL`, // it moves a copy act 1 wrote off
      `${lineOf(15)} COPY_WRITTEN_OFF_TWICE`,
      `${lineOf(16)} ACT_BEFORE_RECEIPT`,
      `${lineOf(16)} WRITTEN_OFF_STILL_ACTIVE`,
      `${lineOf(17)} ACT_AFTER_HOLDINGS`,
    ].sort();
    expect(after).toEqual(want);
    // The same audit on web-rabis.jsonl, which has no prices or dates received (no PRICE_MISMATCH, ACT_BEFORE_RECEIPT)
    // and does not list the catalog's own copy (line 4).
    const onJsonl = await audit(out('web-rabis.jsonl'));
    expect(onJsonl).toEqual([...want.filter((f) => !/PRICE_MISMATCH|ACT_BEFORE_RECEIPT/.test(f)), `${lineOf(4)} ACT_LINE_UNMATCHED`].sort());
  });
});
