import type { CopyStatus, BranchDirectory } from '@kitap/holdings';
import type { Act, ActType } from '../acts/act.js';
import type { InstructionId } from '../acts/instruction.js';
import type { LanguageGroup } from '../statistics/language-group.js';

/** The kinds of act as the reports name them. */
export const ACT_TYPE_NAMES: Readonly<Record<ActType, string>> = Object.freeze({
  'write-off': 'списание',
  transfer: 'передача',
});

/** Where an act was read from: a flat table of lines, or an XLSX laid out like the paper form. */
export const ACT_SOURCE_NAMES: Readonly<Record<Act['source'], string>> = Object.freeze({
  flat: 'таблица строк',
  form: 'форма акта',
});

/** The instructions by their short names, as the acts sheet shows them (the full titles are in `instructionFor`). */
export const INSTRUCTION_SHORT_NAMES: Readonly<Record<InstructionId, string>> = Object.freeze({
  'order-374': 'приказ № 374',
  'order-136-nk': 'приказ № 136-НҚ',
});

/** The copy statuses of the holdings in Russian, for the «экземпляр» column of the findings. */
export const COPY_STATUS_NAMES: Readonly<Record<CopyStatus, string>> = Object.freeze({
  available: 'в фонде',
  'on-loan': 'выдан',
  reserved: 'забронирован',
  'in-transit': 'в пути',
  bindery: 'в переплёте',
  lost: 'утерян',
  'not-available': 'недоступен',
  'written-off': 'списан',
  transferred: 'передан',
  group: 'групповой учёт',
});

/** The language groups of the balance in Russian. */
export const LANGUAGE_NAMES: Readonly<Record<LanguageGroup, string>> = Object.freeze({
  kaz: 'на казахском',
  other: 'на других языках',
});

/** A copy status in Russian; an unknown status as written, none as «в фонде» (the holdings' default). */
export function copyStatusName(status: string | undefined): string {
  if (status === undefined) return COPY_STATUS_NAMES.available;
  return (COPY_STATUS_NAMES as Readonly<Record<string, string>>)[status] ?? status;
}

/** A language group in Russian, or the code as written. */
export function languageName(language: string): string {
  return (LANGUAGE_NAMES as Readonly<Record<string, string>>)[language] ?? language;
}

/** A library's Russian name from the directory, or its code when the directory does not know it (or none is given). */
export function libraryName(code: string | undefined, branches: BranchDirectory | undefined): string {
  if (code === undefined || code === '') return '';
  return branches?.byCode(code)?.name ?? code;
}
