import { describe, expect, it } from 'vitest';
import { type Copy, copySchema, copyValue, parseDate, parseWriteOffReason, withCopyValue } from '../src/index.js';

// A copy of «Абай жолы» written off from the children's branch №15 д. by act 17 of 10.10.2023.
const written: Copy = {
  inventoryNumber: '48213',
  barcode: '2000000000039',
  branch: '№15 д.',
  department: 'Абонемент',
  status: 'written-off',
  price: 120000,
  dateReceived: '1987-03-12',
  accessionBatch: '1987/14',
  source: 'Покупка',
  callNumber: '84(5Каз)-44 Ә 95',
  writeOff: { act: '17', date: '2023-10-10', reason: 'worn' },
  notes: ['Ветхий переплёт', 'Нет титульного листа'],
};

describe('copySchema', () => {
  it('accepts a complete copy', () => {
    expect(copySchema.parse(written)).toEqual(written);
  });

  it('rejects unknown keys, empty strings, fractional tiyn and impossible dates', () => {
    expect(copySchema.safeParse({ ...written, shelf: 'A1' }).success).toBe(false);
    expect(copySchema.safeParse({ ...written, inventoryNumber: '' }).success).toBe(false);
    expect(copySchema.safeParse({ ...written, price: 1200.5 }).success).toBe(false);
    expect(copySchema.safeParse({ ...written, price: -100 }).success).toBe(false);
    expect(copySchema.safeParse({ ...written, dateReceived: '10.10.2023' }).success).toBe(false);
    expect(copySchema.safeParse({ ...written, writeOff: { date: '2023-02-29' } }).success).toBe(false);
    expect(copySchema.safeParse({ ...written, writeOff: { reason: 'ветхость' } }).success).toBe(false);
    expect(copySchema.safeParse({ ...written, status: 'missing' }).success).toBe(false);
    expect(copySchema.safeParse({ ...written, copies: 0 }).success).toBe(false);
  });
});

describe('copyValue and withCopyValue', () => {
  it('give each value as text: price as 1200.00, dates ISO, notes joined', () => {
    expect(copyValue(written, 'price')).toBe('1200.00');
    expect(copyValue(written, 'writeOff.reason')).toBe('worn');
    expect(copyValue(written, 'writeOff.date')).toBe('2023-10-10');
    expect(copyValue(written, 'notes')).toBe('Ветхий переплёт; Нет титульного листа');
    expect(copyValue(written, 'transfer.act')).toBeUndefined();
    expect(copyValue({ status: 'group', copies: 12 }, 'copies')).toBe('12');
  });

  it('set values from text, refusing text that is not a value of the property', () => {
    expect(withCopyValue({}, 'price', '1 200,00')).toEqual({ price: 120000 });
    expect(withCopyValue({}, 'price', 'бесплатно')).toBeUndefined();
    expect(withCopyValue({}, 'dateReceived', '19870312')).toEqual({ dateReceived: '1987-03-12' });
    expect(withCopyValue({ transfer: { act: '5' } }, 'transfer.to', '№4')).toEqual({ transfer: { act: '5', to: '№4' } });
    expect(withCopyValue({}, 'status', 'утерян')).toBeUndefined();
    expect(withCopyValue({}, 'copies', '0')).toBeUndefined();
    expect(withCopyValue({ notes: ['a'] }, 'notes', 'b')).toEqual({ notes: ['a', 'b'] });
  });
});

describe('parseDate', () => {
  it('reads ISO, DD.MM.YYYY and YYYYMMDD dates', () => {
    expect(parseDate('2023-10-10')).toBe('2023-10-10');
    expect(parseDate('10.10.2023')).toBe('2023-10-10');
    expect(parseDate('5.1.2006')).toBe('2006-01-05');
    expect(parseDate('20061223')).toBe('2006-12-23');
    expect(parseDate(' 20.01.2006 0:00:00 ')).toBe('2006-01-20');
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
  });

  it('rejects two-digit years, impossible dates and other text', () => {
    expect(parseDate('5.1.06')).toBeUndefined();
    expect(parseDate('31.04.2020')).toBeUndefined();
    expect(parseDate('29.02.2023')).toBeUndefined();
    expect(parseDate('1900-02-29')).toBeUndefined();
    expect(parseDate('00000000')).toBeUndefined();
    expect(parseDate('2023-13-01')).toBeUndefined();
    expect(parseDate('10/10/2023')).toBeUndefined();
    expect(parseDate('')).toBeUndefined();
  });
});

describe('parseWriteOffReason', () => {
  it('reads the words of Russian and Kazakh acts', () => {
    expect(parseWriteOffReason('ветхость')).toBe('worn');
    expect(parseWriteOffReason('Физически устаревшая')).toBe('worn');
    expect(parseWriteOffReason('изношенность')).toBe('worn');
    expect(parseWriteOffReason('морально устаревшая')).toBe('outdated');
    expect(parseWriteOffReason('устарела по содержанию')).toBe('outdated');
    expect(parseWriteOffReason('Передано в другие библиотеки')).toBe('transferred');
    expect(parseWriteOffReason('передача')).toBe('transferred');
    expect(parseWriteOffReason('недостача')).toBe('shortage');
    expect(parseWriteOffReason('утеряно читателями')).toBe('lost');
    expect(parseWriteOffReason('утрата')).toBe('lost');
    expect(parseWriteOffReason('стихийное бедствие')).toBe('disaster');
    expect(parseWriteOffReason('прочие')).toBe('other');
    expect(parseWriteOffReason('другое')).toBe('other');
    expect(parseWriteOffReason('оқырмандар жоғалтқан')).toBe('lost');
    expect(parseWriteOffReason('моральдық ескірген')).toBe('outdated');
  });

  it('reads the English codes and leaves unknown or ambiguous wording undefined', () => {
    expect(parseWriteOffReason('shortage')).toBe('shortage');
    expect(parseWriteOffReason('Disaster')).toBe('disaster');
    expect(parseWriteOffReason('устаревшая')).toBeUndefined();
    expect(parseWriteOffReason('по решению комиссии')).toBeUndefined();
    expect(parseWriteOffReason('')).toBeUndefined();
  });
});
