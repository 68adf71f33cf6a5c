import type { WriteOffReason } from '@kitap/holdings';
import type { SubjectGroup } from './subject-group.js';

/**
 * The Russian row and column names of the annual report's withdrawal table
 * (выбытие из фонда), for the XLSX and HTML reports: the total and Kazakh
 * rows, a row per reason, a column per subject group.
 */
export const WITHDRAWAL_LABELS: {
  readonly title: string;
  readonly total: string;
  readonly kazakh: string;
  readonly byReason: string;
  readonly copies: string;
  readonly sum: string;
  readonly byGroup: string;
  readonly branch: string;
  readonly reasons: Readonly<Record<WriteOffReason, string>>;
  readonly groups: Readonly<Record<SubjectGroup, string>>;
} = Object.freeze({
  title: 'Выбытие документов из библиотечного фонда',
  total: 'Выбыло всего',
  kazakh: 'в т.ч. на казахском языке',
  byReason: 'в том числе по причинам',
  copies: 'Всего, экз.',
  sum: 'Сумма, тг',
  byGroup: 'по отраслям знаний, экз.',
  branch: 'Библиотека',
  reasons: Object.freeze({
    worn: 'ветхость',
    outdated: 'устарелость по содержанию',
    transferred: 'передано в другие ведомства',
    shortage: 'недостача при проверке фонда',
    lost: 'утеряно читателями',
    disaster: 'стихийное бедствие',
    other: 'прочие причины',
  }),
  groups: Object.freeze({
    opl: 'ОПЛ',
    en: 'ЕН',
    tech: 'Техника',
    agri: 'С/х',
    arts_sport: 'Искусство/Спорт',
    philology: 'Филология',
    fiction: 'Художественная литература',
  }),
});
