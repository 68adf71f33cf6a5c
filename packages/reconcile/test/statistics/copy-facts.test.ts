import type { Copy } from '@kitap/holdings';
import { Leader, MarcRecord, controlField, dataField, subfields } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { copyFacts, languageGroupOf, subjectGroupOf } from '../../src/statistics/index.js';

/** A MARC21 008 for a book of 1961 whose language (35-37) is `language`. */
function fixed008(language: string): string {
  const head = '850101s1961    ku            000 1 ';
  expect(head).toHaveLength(35);
  return `${head}${language} d`;
}

const copy: Copy = { inventoryNumber: '48213', branch: 'D15', price: 120000, status: 'written-off', dateReceived: '1987-03-12' };

describe('copyFacts from MARC21', () => {
  const abai = new MarcRecord(Leader.DEFAULT, [
    controlField('001', '000300004'),
    controlField('008', fixed008('kaz')),
    dataField('041', '0', ' ', subfields('a', 'kaz')),
    dataField('080', ' ', ' ', subfields('a', '821.512.122-31')),
    dataField('084', ' ', ' ', subfields('a', '84(5Каз)-44', '2', 'rubbk')),
    dataField('100', '1', ' ', subfields('a', 'Әуезов, М.')),
    dataField('245', '1', '0', subfields('a', 'Абай жолы :', 'b', 'роман-эпопея /', 'c', 'М. Әуезов.')),
  ]);

  it('pulls BBK, UDC, languages, title and the copy’s branch and price', () => {
    expect(copyFacts(abai, copy)).toEqual({
      bbk: ['84(5Каз)-44'],
      udc: ['821.512.122-31'],
      languages: ['kaz'],
      title: 'Абай жолы роман-эпопея',
      inventoryNumber: '48213',
      branch: 'D15',
      price: 120000,
    });
    const facts = copyFacts(abai, copy);
    expect(subjectGroupOf(facts).group).toBe('fiction');
    expect(languageGroupOf(facts)).toBe('kaz');
  });

  it('takes 084 as BBK when $2 names a BBK table or is absent, not when it names another scheme', () => {
    const record = new MarcRecord(Leader.DEFAULT, [
      controlField('008', fixed008('rus')),
      dataField('084', ' ', ' ', subfields('a', '34.9', '2', 'kssu')),
      dataField('084', ' ', ' ', subfields('a', '63.3(5Каз)6', '2', 'rubbkm')),
      dataField('084', ' ', ' ', subfields('a', '84(5Каз)6')),
      dataField('245', '1', '0', subfields('a', 'Көшпенділер')),
    ]);
    const facts = copyFacts(record, {});
    expect(facts.bbk).toEqual(['63.3(5Каз)6', '84(5Каз)6']);
    expect(subjectGroupOf(facts)).toMatchObject({ group: 'opl', how: { by: 'bbk', index: '63.3(5Каз)6' } });
    // Coded Russian (a translation): the Kazakh letters of the title do not matter.
    expect(languageGroupOf(facts)).toBe('other');
    expect(facts).not.toHaveProperty('branch');
  });

  it('splits packed 041 codes and skips a blank fixed-field language, falling back to the title', () => {
    const packed = new MarcRecord(Leader.DEFAULT, [
      controlField('008', fixed008('rus')),
      dataField('041', '0', ' ', subfields('a', 'ruskaz')),
      dataField('245', '1', '0', subfields('a', 'Русско-казахский словарь')),
    ]);
    expect(copyFacts(packed, copy).languages).toEqual(['rus', 'kaz']);
    expect(languageGroupOf(copyFacts(packed, copy))).toBe('kaz');

    const uncoded = new MarcRecord(Leader.DEFAULT, [
      controlField('008', fixed008('   ')),
      dataField('245', '1', '0', subfields('a', 'Қазақ халық ертегілері')),
    ]);
    expect(copyFacts(uncoded, copy)).toMatchObject({ languages: [], bbk: [], udc: [] });
    expect(languageGroupOf(copyFacts(uncoded, copy))).toBe('kaz');
    expect(subjectGroupOf(copyFacts(uncoded, copy))).toEqual({ group: 'opl', how: { by: 'none' } });
  });
});

describe('copyFacts from RUSMARC', () => {
  it('pulls 686 BBK, 675 UDC, 101 languages and the 200 title', () => {
    const record = new MarcRecord(Leader.DEFAULT, [
      controlField('001', 'RU\\KRG\\12345'),
      dataField('100', ' ', ' ', subfields('a', '20230110d1961    k  y0rusy50      ca')),
      dataField('101', '0', ' ', subfields('a', 'rus')),
      dataField('200', '1', ' ', subfields('a', 'Война и мир', 'e', 'роман', 'h', 'Т. 1')),
      dataField('675', ' ', ' ', subfields('a', '821.161.1-31')),
      dataField('686', ' ', ' ', subfields('a', '84(2Рос=Рус)1', '2', 'rubbk')),
      dataField('700', ' ', '1', subfields('a', 'Толстой', 'b', 'Л. Н.')),
      dataField('801', ' ', '0', subfields('a', 'KZ', 'b', 'KrCBS')),
    ]);
    const facts = copyFacts(record, { inventoryNumber: 'ЦГБ-0048213', branch: 'CGB', price: 250000 });
    expect(facts).toEqual({
      bbk: ['84(2Рос=Рус)1'],
      udc: ['821.161.1-31'],
      languages: ['rus'],
      title: 'Война и мир роман Т. 1',
      inventoryNumber: 'ЦГБ-0048213',
      branch: 'CGB',
      price: 250000,
    });
    expect(subjectGroupOf(facts).group).toBe('fiction');
    expect(languageGroupOf(facts)).toBe('other');
  });

  it('groups by UDC when the record has no BBK', () => {
    const record = new MarcRecord(Leader.DEFAULT, [
      dataField('101', '0', ' ', subfields('a', 'kaz')),
      dataField('200', '1', ' ', subfields('a', 'Қарағанды облысының тарихы')),
      dataField('675', ' ', ' ', subfields('a', '94(574.31)')),
      dataField('801', ' ', '0', subfields('a', 'KZ')),
    ]);
    const facts = copyFacts(record, copy);
    expect(subjectGroupOf(facts)).toMatchObject({ group: 'opl', how: { by: 'udc', index: '94(574.31)' } });
    expect(languageGroupOf(facts)).toBe('kaz');
  });
});
