import { copyFields } from '@kitap/holdings';
import { Leader, MarcRecord, controlField, dataField, subfields } from '@kitap/marc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseSurvivor, dedupConfigSchema, mergeCluster } from '../src/index.js';

const config = dedupConfigSchema.parse({});

function book(id: string, copies: [string, string][], extra: ReturnType<typeof dataField>[] = []): MarcRecord {
  return new MarcRecord(Leader.DEFAULT, [
    controlField('001', id),
    controlField('003', 'KZ-KrCBS'),
    dataField('020', ' ', ' ', subfields('a', '978-601-03-1328-6')),
    dataField('245', '1', '0', subfields('a', 'Абай жолы /', 'c', 'М. Әуезов.')),
    ...extra,
    ...copies.map(([branch, inv]) => dataField('949', ' ', ' ', subfields('a', branch, 'i', inv, 'c', '1500.00'))),
  ]);
}

describe('merge', () => {
  it('does not repeat an ISBN the survivor has in another form, even one whose check digit is wrong', () => {
    const withIsbn = (id: string, isbn: string, copies: [string, string][]): MarcRecord =>
      new MarcRecord(Leader.DEFAULT, [controlField('001', id), dataField('020', ' ', ' ', subfields('a', isbn)), dataField('245', '1', '0', subfields('a', 'Абай жолы')), ...copies.map(([b, inv]) => dataField('949', ' ', ' ', subfields('a', b, 'i', inv)))]);
    const m = mergeCluster([withIsbn('1', '9786017000001', [['ЦГБ', '1']]), withIsbn('2', '978-601-7000-00-1', [['№4', '2'], ['№5', '3']])], config);
    expect(m.record.subfieldValues('020', 'a')).toEqual(['978-601-7000-00-1']);
  });
  it('does not bring a field linked to an 880 by $6 (its link number would point at the survivor\'s own 880)', () => {
    const survivor = book('200', [['№4', '2'], ['№11 д.', '3']], [dataField('880', '1', '0', subfields('6', '245-01', 'a', 'Abai zholy'))]);
    const other = book('100', [['ЦГБ', '1']], [dataField('700', '1', ' ', subfields('6', '880-01', 'a', 'Иванов, И.')), dataField('880', '1', ' ', subfields('6', '700-01', 'a', 'Ivanov, I.'))]);
    const m = mergeCluster([other, survivor], config);
    expect(m.record.controlValue('001')).toBe('200');
    expect(m.record.dataFields('700')).toEqual([]);
    expect(m.record.subfieldValues('880', '6')).toEqual(['245-01']);
  });

  it('keeps the record with most copies, moves every copy, brings missing fields, keeps the old 001 in 035 $z', () => {
    const a = book('100', [['ЦГБ', '1']], [dataField('650', ' ', '4', subfields('a', 'Қазақ әдебиеті'))]);
    const b = book('200', [['№4', '2'], ['№11 д.', '3']], [dataField('080', ' ', ' ', subfields('a', '821.512.122'))]);
    const m = mergeCluster([a, b], config);
    expect(m.survivor).toBe(1);
    expect(m.copiesIn).toBe(3);
    expect(m.copiesOut).toBe(3);
    expect(m.record.controlValue('001')).toBe('200');
    expect(m.record.subfieldValues('949', 'i')).toEqual(['2', '3', '1']);
    expect(m.record.subfieldValues('650', 'a')).toEqual(['Қазақ әдебиеті']);
    expect(m.record.subfieldValues('035', 'z')).toEqual(['(KZ-KrCBS)100']);
    expect(m.record.tags).toEqual(['001', '003', '020', '035', '245', '080', '650', '949', '949', '949']);
    expect(m.record.subfieldValues('020', 'a')).toHaveLength(1);
  });

  it('renumbers 852/876 links so each moved item stays with its location', () => {
    const loc = (n: string, branch: string) => dataField('852', ' ', ' ', subfields('8', n, 'b', branch));
    const item = (n: string, inv: string) => dataField('876', ' ', ' ', subfields('8', n, 'a', inv));
    const a = new MarcRecord(Leader.DEFAULT, [controlField('001', '1'), dataField('245', '1', '0', subfields('a', 'X')), loc('1', 'ЦГБ'), item('1', 'A1')]);
    const b = new MarcRecord(Leader.DEFAULT, [controlField('001', '2'), dataField('245', '1', '0', subfields('a', 'X')), loc('1', '№4'), item('1', 'B1')]);
    const m = mergeCluster([a, b], { ...config, layouts: ['852/876'] });
    const copies = copyFields(m.record, ['852/876']);
    expect(copies.map((c) => [c.inventoryNumber?.value, c.branch?.value])).toEqual([['A1', 'ЦГБ'], ['B1', '№4']]);
  });

  it('never loses a copy, whatever the cluster (property: copies in = copies out)', () => {
    const branch = fc.constantFrom('ЦГБ', '№4', '№11', '№11 д.', '№2 юн.');
    const copies = fc.array(fc.tuple(branch, fc.stringMatching(/^[0-9]{1,6}$/)), { maxLength: 4 });
    fc.assert(
      fc.property(fc.array(copies, { minLength: 2, maxLength: 5 }), fc.shuffledSubarray([...config.survivor], { minLength: 1 }), (clusterCopies, policy) => {
        const members = clusterCopies.map((c, i) => book(String(100 + i), c));
        const m = mergeCluster(members, { ...config, survivor: policy });
        const expected = clusterCopies.flat().map(([, inv]) => inv).sort();
        expect(m.record.subfieldValues('949', 'i').sort()).toEqual(expected);
        expect(m.record.subfieldValues('035', 'z')).toHaveLength(members.length - 1);
      }),
      { seed: 4242, numRuns: 300 },
    );
  });

  it('chooses by the configured policy, then the oldest control number, then position', () => {
    const a = book('300', [['ЦГБ', '1']]);
    const b = book('50', [['ЦГБ', '2']]);
    expect(chooseSurvivor([a, b], config)).toBe(1);
    expect(chooseSurvivor([a, b], { ...config, survivor: ['most-copies'] })).toBe(0);
  });
});
