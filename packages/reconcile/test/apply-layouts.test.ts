import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BranchDirectory, COPY_MAPPERS, KARAGANDA_CBS, type MapperLayout } from '@kitap/holdings';
import { type DataField, MarcRecord, controlField, dataField, fieldText, readIso2709All, subfields, writeIso2709 } from '@kitap/marc';
import { afterAll, describe, expect, it } from 'vitest';
import { type ApplyResult, applyActs } from '../src/index.js';
import { type ActRow, writeActs } from './apply-support.js';

const branches = BranchDirectory.fromJson(KARAGANDA_CBS);
const base = mkdtempSync(join(tmpdir(), 'kitap-apply-layouts-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function record(id: string, copyFields: readonly DataField[]): MarcRecord {
  return new MarcRecord('00000nam a2200000 i 4500', [controlField('001', id), dataField('245', '1', '0', subfields('a', 'Абай жолы')), ...copyFields]);
}

/** Applies `rows` to `records` written to a fresh folder; returns the result and the records read back. */
async function apply(records: readonly MarcRecord[], rows: readonly ActRow[], layouts: readonly MapperLayout[]): Promise<{ result: ApplyResult; out: MarcRecord[] }> {
  const dir = mkdtempSync(join(base, 'case-'));
  writeFileSync(join(dir, 'in.mrc'), Buffer.concat(records.map((r) => writeIso2709(r))));
  mkdirSync(join(dir, 'acts'));
  writeActs(join(dir, 'acts', 'acts.csv'), rows);
  const result = await applyActs({ records: join(dir, 'in.mrc'), acts: [join(dir, 'acts')], outRecords: join(dir, 'out.mrc'), layouts, branches, inventoryNumbers: { branchPrefixes: 'strip' }, asOf: '2025-06-30' });
  const out = (await readIso2709All(join(dir, 'out.mrc'))).map((item) => {
    if (item.kind !== 'record') throw new Error(item.reject.message);
    return item.record;
  });
  return { result, out };
}

/** The copy fields as text, `tag ind1ind2 $a…`. */
function lines(r: MarcRecord, tags: readonly string[]): string[] {
  return r.fields.filter((f) => tags.includes(f.tag)).map((f) => (f.kind === 'data' ? `${f.tag} ${f.ind1}${f.ind2}${f.subfields.map((s) => `$${s.code}${s.value}`).join('')}` : `${f.tag} ${fieldText(f)}`));
}

const moveRow = (inventoryNumber: string, from: string, to: string): ActRow => ({ number: 'ПП-1', date: '2023-05-01', type: 'transfer', from, to, inventoryNumber });
const writeOffRow = (inventoryNumber: string): ActRow => ({ number: '7', date: '2023-03-17', type: 'write-off', reason: 'морально устаревшая', from: 'ЦГБ', inventoryNumber });

describe('applying acts through the copy layouts', () => {
  // Two items sharing one location, a note in the location, a subfield the mapper does not know.
  const shared = record('r1', [
    dataField('852', ' ', ' ', subfields('8', '1', 'b', 'ЦГБ', 'c', 'Абонемент', 'x', 'шкаф 3')),
    dataField('876', ' ', ' ', subfields('8', '1.1', 'a', '1001', 'c', '120.00', 'j', 'available')),
    dataField('876', ' ', ' ', subfields('8', '1.2', 'a', '1002', 'c', '80.00', 'j', 'on-loan', 'q', 'неизвестно')),
  ]);

  it('852/876: a write-off rewrites the item only, keeping the shared location, its note and the unknown subfield', async () => {
    const { result, out } = await apply([shared], [writeOffRow('1002')], ['852/876']);
    expect(result.counts.applied).toBe(1);
    expect(lines(out[0]!, ['852', '876'])).toEqual([
      '852   $81$bЦГБ$cАбонемент$xшкаф 3',
      '876   $81.1$a1001$c120.00$javailable',
      '876   $81.2$a1002$c80.00$xСписан: акт № 7 от 17.03.2023, устарелость по содержанию$jwritten-off$qнеизвестно',
    ]);
    const copies = COPY_MAPPERS['852/876'].read(out[0]!);
    expect(copies[1]!.copy).toMatchObject({ inventoryNumber: '1002', branch: 'ЦГБ', department: 'Абонемент', status: 'written-off', notes: ['шкаф 3', 'Списан: акт № 7 от 17.03.2023, устарелость по содержанию'] });
    expect(copies[1]!.unmapped).toEqual([{ tag: '876', code: 'q', value: 'неизвестно' }]);
  });

  it('852/876: a copy moved out of a shared location gets a location of its own; the other copy stays', async () => {
    const { result, out } = await apply([shared], [moveRow('1001', 'ЦГБ', 'Ф-л №4')], ['852/876']);
    expect(result.counts).toMatchObject({ applied: 1, copies: { in: 2, out: 2, changed: 1 } });
    expect(lines(out[0]!, ['852', '876'])).toEqual([
      '852   $81$bЦГБ$cАбонемент$xшкаф 3',
      '852   $82.1$bF04$xшкаф 3',
      '876   $82.1$a1001$c120.00$xПередан: акт № ПП-1 от 01.05.2023, ЦГБ (Абонемент) → Ф-л №4$javailable',
      '876   $81.2$a1002$c80.00$jon-loan$qнеизвестно',
    ]);
    // The mapper lists copies by their first field, so the moved copy now comes after the one that kept the location.
    const copies = COPY_MAPPERS['852/876'].read(out[0]!);
    expect(copies.map((c) => [c.copy.inventoryNumber, c.copy.branch, c.copy.department]).sort()).toEqual([
      ['1001', 'F04', undefined],
      ['1002', 'ЦГБ', 'Абонемент'],
    ]);
  });

  it('IRBIS 910: a transfer to another institution is written off (6) with the act in $w, as IRBIS has no code for it', async () => {
    const irbis = record('r2', [dataField('910', ' ', ' ', subfields('a', '0', 'b', '2001', 'd', 'ЦГБ', 'e', '50.00'))]);
    const { result, out } = await apply([irbis], [{ number: 'ПП-7', date: '2023-10-11', type: 'transfer', from: 'ЦГБ', to: 'РГУ «Учреждение ЕЦ-166/17»', inventoryNumber: '2001' }], ['910']);
    expect(result.counts.applied).toBe(1);
    expect(lines(out[0]!, ['910'])).toEqual(['910   $a6$b2001$dЦГБ$e50.00$wПП-7']);
    // The date, the institution and the note have no place in 910: counted, never silently.
    expect(result.notInMarc).toEqual({ notes: 1, 'transfer.date': 1, 'transfer.from': 1, 'transfer.institution': 1 });
  });

  it('949 has no status: a write-off is not applied (W_ACT_NOT_APPLIED_LAYOUT) and the record is left as it was, a move is', async () => {
    const local = record('r3', [dataField('949', ' ', ' ', subfields('a', '№4', 'i', '3001', 'c', '10.00')), dataField('949', ' ', ' ', subfields('a', '№4', 'i', '3002', 'c', '10.00'))]);
    const { result, out } = await apply([local], [writeOffRow('3001'), moveRow('3002', 'Ф-л №4', 'ЦГБ')], ['949']);
    expect(result.notApplied.map((n) => [n.line, n.code])).toEqual([[2, 'W_ACT_NOT_APPLIED_LAYOUT']]);
    expect(result.counts).toMatchObject({ lines: 2, applied: 1, notApplied: 1 });
    expect(lines(out[0]!, ['949'])).toEqual(['949   $a№4$i3001$c10.00', '949   $aCGB$i3002$c10.00']);
  });

  it('Koha 952: a move changes the home and the current library', async () => {
    const koha = record('r4', [dataField('952', ' ', ' ', subfields('a', 'F07', 'b', 'F07', 'i', '4001', 'g', '30.00', '7', '0'))]);
    const { out } = await apply([koha], [moveRow('4001', 'Ф-л №7', 'ЦГБ')], ['952']);
    const copy = COPY_MAPPERS['952'].read(out[0]!)[0]!.copy;
    expect(copy).toMatchObject({ branch: 'CGB', currentBranch: 'CGB', status: 'available', notes: ['Передан: акт № ПП-1 от 01.05.2023, Ф-л №7 → ЦГБ'] });
    // 952 has no place for the transfer's facts: the note keeps them.
    expect(copy.transfer).toBeUndefined();
  });
});
