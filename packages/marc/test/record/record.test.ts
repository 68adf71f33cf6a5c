import { describe, expect, it } from 'vitest';
import marcjs from 'marcjs';
import {
  Leader,
  MarcRecord,
  controlField,
  dataField,
  fromMarcjs,
  readIso2709All,
  subfields,
  toMarcjs,
  withSubfieldValue,
  withoutSubfields,
  writeIso2709,
} from '../../src/index.js';

function record(): MarcRecord {
  return new MarcRecord(Leader.DEFAULT, [
    controlField('001', 'KZ-1'),
    dataField('245', '1', '0', subfields('a', 'Абай жолы /', 'c', 'М. Әуезов.')),
    dataField('949', ' ', ' ', subfields('a', 'ЦГБ', 'b', 'КХ-1')),
    dataField('949', ' ', ' ', subfields('a', '№11 д.', 'b', 'КХ-2')),
  ]);
}

describe('Leader', () => {
  it('names its positions', () => {
    const leader = new Leader('01234cam a2200301 i 4500');
    expect(leader).toMatchObject({ recordLength: 1234, recordStatus: 'c', typeOfRecord: 'a', bibliographicLevel: 'm', characterCoding: 'a', indicatorCount: 2, subfieldCodeLength: 2, baseAddress: 301, encodingLevel: ' ', descriptiveCatalogingForm: 'i', entryMap: '4500' });
    expect(leader.with(5, 'd').recordStatus).toBe('d');
    expect(() => new Leader('short')).toThrow(RangeError);
  });
});

describe('MarcRecord', () => {
  it('finds fields by tag, pattern and subfield', () => {
    const r = record();
    expect(r.get('949')).toHaveLength(2);
    expect(r.get('9XX')).toHaveLength(2);
    expect(r.get(/^2/)).toHaveLength(1);
    expect(r.subfieldValues('949', 'a')).toEqual(['ЦГБ', '№11 д.']);
    expect(r.controlValue('001')).toBe('KZ-1');
    expect(r.first('245')?.kind).toBe('data');
  });

  it('tells control from data fields by kind', () => {
    const [f001, f245] = record().fields;
    expect(f001?.kind).toBe('control');
    expect(f245?.kind).toBe('data');
  });

  it('adds, inserts in tag order, replaces and removes fields, and knows it was modified', async () => {
    const [item] = await readIso2709All(writeIso2709(record()));
    if (item?.kind !== 'record') throw new Error('expected a record');
    const r = item.record;
    expect(r.modified).toBe(false);
    expect(r.raw).toBeDefined();
    r.insertField(dataField('100', '1', ' ', subfields('a', 'Әуезов, Мұхтар')));
    expect(r.tags).toEqual(['001', '100', '245', '949', '949']);
    expect(r.modified).toBe(true);
    expect(r.raw).toBeUndefined();
    const copy = r.dataFields('949')[1]!;
    r.replaceField(copy, withSubfieldValue(copy, 'b', 'КХ-3'));
    expect(r.subfieldValues('949', 'b')).toEqual(['КХ-1', 'КХ-3']);
    r.replaceField(r.dataFields('245')[0]!, withoutSubfields(r.dataFields('245')[0]!, 'c'));
    expect(r.subfieldValues('245', 'c')).toEqual([]);
    expect(r.removeFields('949')).toBe(2);
    expect(r.removeField(0)).toBe(true);
    expect(r.tags).toEqual(['100', '245']);
  });

  it('decodes only the fields asked for', async () => {
    const [item] = await readIso2709All(writeIso2709(record()));
    if (item?.kind !== 'record') throw new Error('expected a record');
    expect(item.record.tags).toEqual(['001', '245', '949', '949']);
    expect(item.record.subfieldValues('245', 'a')).toEqual(['Абай жолы /']);
  });
});

describe('marcjs interop', () => {
  it('converts to a marcjs record and back without loss', () => {
    const ours = record();
    const theirs = toMarcjs(ours);
    expect(theirs).toBeInstanceOf(marcjs.Record);
    expect(theirs.fields[1]).toEqual(['245', '10', 'a', 'Абай жолы /', 'c', 'М. Әуезов.']);
    const back = fromMarcjs(theirs);
    expect(back.fields).toEqual(ours.fields);
    expect(back.leader.value).toBe(ours.leader.value);
  });
});
