import type { BranchDirectoryJson } from './branch-directory.js';

/**
 * The customer's library system: the central city library of Karaganda (ЦГБ)
 * with its departments and 20 branches (13 adult, 2 youth, 5 children's), as
 * the 2023 annual report lists them. The codes (`CGB`, `F04`…`F31`, `Y01`,
 * `Y02`, `D01`…`D15`) and department codes are kitap's own: a real
 * installation replaces them with its Web-RABIS department codes in the JSON
 * copy, `fixtures/branches/karaganda-cbs.json`, which must stay equal to this
 * constant (a test checks it).
 */
export const KARAGANDA_CBS: BranchDirectoryJson = {
  name: 'КГУ «ЦБС г. Караганды»',
  note: "Codes are kitap's own (CGB, F04…F31, Y01, Y02, D01…D15, department codes ABON…READ): replace them with the Web-RABIS department codes of your installation. Aliases are matched after normalisation (case, ё/е, punctuation, Latin look-alikes); spellings with a number and д./юн. markers are also read without an alias.",
  branches: [
    {
      code: 'CGB',
      name: 'Центральная городская библиотека',
      nameKz: 'Орталық қалалық кітапхана',
      kind: 'central',
      aliases: ['ЦГБ', 'ЦБ', 'ОҚК'],
      departments: [
        { code: 'ABON', name: 'Абонемент', aliases: ['аб.'] },
        { code: 'CHILD', name: 'Детский отдел', aliases: ['дет. отдел', 'Балалар бөлімі'] },
        { code: 'OOIF', name: 'ООИФ' },
        { code: 'KRAI', name: 'Отдел краеведения', aliases: ['краеведение', 'Өлкетану бөлімі'] },
        { code: 'READ', name: 'Читальный зал', aliases: ['чит. зал', 'Оқу залы'] },
      ],
    },
    { code: 'F04', name: 'Библиотека-филиал №4', nameKz: '№4 кітапхана-филиалы', kind: 'adult', number: 4, aliases: ['Ф-л №4'] },
    { code: 'F06', name: 'Библиотека-филиал №6', nameKz: '№6 кітапхана-филиалы', kind: 'adult', number: 6, aliases: ['Ф-л №6'] },
    { code: 'F07', name: 'Библиотека-филиал №7', nameKz: '№7 кітапхана-филиалы', kind: 'adult', number: 7, aliases: ['Ф-л №7'] },
    { code: 'F08', name: 'Библиотека-филиал №8', nameKz: '№8 кітапхана-филиалы', kind: 'adult', number: 8, aliases: ['Ф-л №8'] },
    { code: 'F11', name: 'Библиотека-филиал №11', nameKz: '№11 кітапхана-филиалы', kind: 'adult', number: 11, aliases: ['Ф-л №11'] },
    { code: 'F14', name: 'Библиотека-филиал №14', nameKz: '№14 кітапхана-филиалы', kind: 'adult', number: 14, aliases: ['Ф-л №14'] },
    { code: 'F15', name: 'Библиотека-филиал №15', nameKz: '№15 кітапхана-филиалы', kind: 'adult', number: 15, aliases: ['Ф-л №15'] },
    { code: 'F16', name: 'Библиотека-филиал №16', nameKz: '№16 кітапхана-филиалы', kind: 'adult', number: 16, aliases: ['Ф-л №16'] },
    { code: 'F22', name: 'Библиотека-филиал №22', nameKz: '№22 кітапхана-филиалы', kind: 'adult', number: 22, aliases: ['Ф-л №22'] },
    { code: 'F23', name: 'Библиотека-филиал №23', nameKz: '№23 кітапхана-филиалы', kind: 'adult', number: 23, aliases: ['Ф-л №23'] },
    { code: 'F27', name: 'Библиотека-филиал №27', nameKz: '№27 кітапхана-филиалы', kind: 'adult', number: 27, aliases: ['Ф-л №27'] },
    { code: 'F29', name: 'Библиотека-филиал №29', nameKz: '№29 кітапхана-филиалы', kind: 'adult', number: 29, aliases: ['Ф-л №29'] },
    { code: 'F31', name: 'Библиотека-филиал №31', nameKz: '№31 кітапхана-филиалы', kind: 'adult', number: 31, aliases: ['Ф-л №31'] },
    { code: 'Y01', name: 'Юношеская библиотека-филиал №1', nameKz: '№1 жасөспірімдер кітапхана-филиалы', kind: 'youth', number: 1, aliases: ['№1 юн.'] },
    { code: 'Y02', name: 'Юношеская библиотека-филиал №2', nameKz: '№2 жасөспірімдер кітапхана-филиалы', kind: 'youth', number: 2, aliases: ['№2 юн.'] },
    { code: 'D01', name: 'Детская библиотека-филиал №1', nameKz: '№1 балалар кітапхана-филиалы', kind: 'children', number: 1, aliases: ['№1 д.'] },
    { code: 'D05', name: 'Детская библиотека-филиал №5', nameKz: '№5 балалар кітапхана-филиалы', kind: 'children', number: 5, aliases: ['№5 д.'] },
    { code: 'D11', name: 'Детская библиотека-филиал №11', nameKz: '№11 балалар кітапхана-филиалы', kind: 'children', number: 11, aliases: ['№11 д.'] },
    { code: 'D12', name: 'Детская библиотека-филиал №12', nameKz: '№12 балалар кітапхана-филиалы', kind: 'children', number: 12, aliases: ['№12 д.'] },
    { code: 'D15', name: 'Детская библиотека-филиал №15', nameKz: '№15 балалар кітапхана-филиалы', kind: 'children', number: 15, aliases: ['№15 д.'] },
  ],
};
