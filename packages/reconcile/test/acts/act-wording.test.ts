import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dottedDate } from '@kitap/holdings';
import { parseActDate } from '../../src/acts/act-date.js';
import { normalizeActNumber } from '../../src/acts/act-number.js';
import { resolveActLibrary } from '../../src/acts/act-party.js';
import { parseActReason } from '../../src/acts/act-reason.js';
import { parseActType } from '../../src/acts/act-type.js';
import { splitAuthorTitle } from '../../src/acts/author-title.js';
import { BRANCHES } from './act-fixtures.js';

describe('act dates', () => {
  it('reads ISO, dotted and the form\'s words', () => {
    expect(parseActDate('2023-10-10')).toBe('2023-10-10');
    expect(parseActDate('10.10.2023')).toBe('2023-10-10');
    expect(parseActDate('10.10.2023 г.')).toBe('2023-10-10');
    expect(parseActDate('«20» декабря 2023 г.')).toBe('2023-12-20');
    expect(parseActDate('3 мая 2024 года')).toBe('2024-05-03');
    expect(parseActDate('15 марта 2023')).toBe('2023-03-15');
  });

  it('gives nothing for dates not on the calendar, two-digit years and words that are no month', () => {
    expect(parseActDate('31.04.2023')).toBeUndefined();
    expect(parseActDate('29.02.2023')).toBeUndefined();
    expect(parseActDate('10.10.23')).toBeUndefined();
    expect(parseActDate('10 мартобря 2023')).toBeUndefined();
    expect(parseActDate('')).toBeUndefined();
  });

  it('reads back every calendar date written dotted', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2030, 11, 31)), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(parseActDate(dottedDate(iso))).toBe(iso);
        expect(parseActDate(`${dottedDate(iso)} г.`)).toBe(iso);
      }),
    );
  });
});

describe('act wording', () => {
  it('reads the reasons as acts and the annual report word them', () => {
    expect(parseActReason('ветхость')).toBe('worn');
    expect(parseActReason('по причине: ветхость.')).toBe('worn');
    expect(parseActReason('устарелость')).toBe('outdated');
    expect(parseActReason('устарелость по содержанию')).toBe('outdated');
    expect(parseActReason('дефектность')).toBe('worn');
    expect(parseActReason('недостача')).toBe('shortage');
    expect(parseActReason('утеряно читателями')).toBe('lost');
    expect(parseActReason('стихийное бедствие')).toBe('disaster');
    expect(parseActReason('прочие')).toBe('other');
    expect(parseActReason('передано в другие ведомства')).toBe('transferred');
    expect(parseActReason('lost')).toBe('lost');
    expect(parseActReason('по приказу директора')).toBeUndefined();
  });

  it('tells write-offs from transfers in a column and in a form title', () => {
    expect(parseActType('write-off')).toBe('write-off');
    expect(parseActType('transfer')).toBe('transfer');
    expect(parseActType('Списание')).toBe('write-off');
    expect(parseActType('об исключении документов из библиотечного фонда')).toBe('write-off');
    expect(parseActType('приема-передачи документов')).toBe('transfer');
    expect(parseActType('приёма-передачи')).toBe('transfer');
    expect(parseActType('қабылдау-беру актісі')).toBe('transfer');
    expect(parseActType('продажа')).toBeUndefined();
  });

  it('drops the number sign from act numbers', () => {
    expect(normalizeActNumber(' № 17 ')).toBe('17');
    expect(normalizeActNumber('№17-с')).toBe('17-с');
    expect(normalizeActNumber('N 5/2')).toBe('5/2');
    expect(normalizeActNumber('')).toBe('');
  });

  it('splits the form\'s «Автор, заглавие» column', () => {
    expect(splitAuthorTitle('Мұқанов С. Ботакөз')).toEqual({ author: 'Мұқанов С.', title: 'Ботакөз' });
    expect(splitAuthorTitle('Толстой Л. Н. Война и мир')).toEqual({ author: 'Толстой Л. Н.', title: 'Война и мир' });
    expect(splitAuthorTitle('Әуезов М.О. Абай жолы')).toEqual({ author: 'Әуезов М.О.', title: 'Абай жолы' });
    expect(splitAuthorTitle('Салтыков-Щедрин М. Е. Сказки')).toEqual({ author: 'Салтыков-Щедрин М. Е.', title: 'Сказки' });
    expect(splitAuthorTitle('Қазақ әдебиетінің тарихы')).toEqual({ title: 'Қазақ әдебиетінің тарихы' });
  });
});

describe('act libraries', () => {
  it('resolves the libraries of the system, with or without a department', () => {
    expect(resolveActLibrary('Библиотека-филиал № 15 д.', BRANCHES)).toBe('D15');
    expect(resolveActLibrary('№15', BRANCHES)).toBe('F15');
    expect(resolveActLibrary('Ф-л №4', BRANCHES)).toBe('F04');
    expect(resolveActLibrary('ООИФ ЦГБ', BRANCHES)).toBe('CGB');
    expect(resolveActLibrary('ЦГБ, отдел краеведения', BRANCHES)).toBe('CGB');
    expect(resolveActLibrary('ООИФ', BRANCHES)).toBe('CGB');
  });

  it('does not take an outside institution for a library of the system', () => {
    expect(resolveActLibrary('РГУ Учреждение ЕЦ-166/17', BRANCHES)).toBeUndefined();
    expect(resolveActLibrary('РГУ «Учреждение ЕЦ-166/17»', BRANCHES)).toBeUndefined();
    expect(resolveActLibrary('Детский отдел областной библиотеки им. Гоголя', BRANCHES)).toBeUndefined();
    expect(resolveActLibrary('', BRANCHES)).toBeUndefined();
  });
});
