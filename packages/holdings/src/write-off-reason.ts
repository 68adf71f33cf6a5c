import { foldForMatch, foldScripts } from '@kitap/text';

/**
 * Why a copy left the fund, as the customer's statistics count write-offs:
 * worn (физически устаревшая), outdated (морально устаревшая), transferred to
 * libraries of other bodies, shortage found at a stock check, lost by readers,
 * natural disaster, other.
 */
export const WRITE_OFF_REASONS = ['worn', 'outdated', 'transferred', 'shortage', 'lost', 'disaster', 'other'] as const;
/** One of WRITE_OFF_REASONS. */
export type WriteOffReason = (typeof WRITE_OFF_REASONS)[number];

// Word stems in the folded form (lower case, ё → е, Kazakh letters as their Russian look-alikes:
// «жоғалған» → «жогалган»). Checked in this order: «морально устаревшая» must not be read as worn,
// «передано в другие библиотеки» must not be read as other.
const STEMS: readonly (readonly [WriteOffReason, readonly RegExp[]])[] = [
  ['outdated', [/морал/, /устарел[а-я]* по содерж/, /устаревш[а-я]* по содерж/, /мазмуны ескир/]],
  ['worn', [/ветх/, /физич/, /изнош/, /износ/, /физикалык/, /тоз/]],
  ['transferred', [/передач/, /передан/, /в друг[а-я]* библиотек/, /берилд/, /беру/, /баска китапхана/]],
  ['shortage', [/недостач/, /жетиспе/, /кем шык/]],
  ['lost', [/утер/, /утрат/, /утрач/, /потер/, /жогал/]],
  ['disaster', [/стихийн/, /бедстви/, /апат/]],
  ['other', [/проч/, /друго/, /други/, /иное/, /иные/, /баска/, /озге/]],
];

/**
 * The reason for a write-off from an act's wording or an export's column:
 * the English codes themselves, or the Russian and Kazakh words of acts —
 * «ветхость», «физически устаревшая», «изношенность» → worn; «морально
 * устаревшая», «устарела по содержанию» → outdated; «передача», «передано в
 * другие библиотеки» → transferred; «недостача» → shortage; «утеряно
 * читателями», «утрата» → lost; «стихийное бедствие» → disaster; «прочие»,
 * «другое» → other. Undefined when nothing matches (and for a bare
 * «устаревшая», which could be either worn or outdated).
 */
export function parseWriteOffReason(text: string): WriteOffReason | undefined {
  const folded = foldScripts(foldForMatch(text));
  if (folded === '') return undefined;
  if ((WRITE_OFF_REASONS as readonly string[]).includes(folded)) return folded as WriteOffReason;
  for (const [reason, stems] of STEMS) if (stems.some((stem) => stem.test(folded))) return reason;
  return undefined;
}
