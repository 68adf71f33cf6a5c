/**
 * Which instruction on accounting and write-off of the library fund an act
 * follows, by its date: order No. 374 of 7 Dec 2015 (as amended by order
 * No. 367 of 19 Dec 2022) up to 17 Apr 2025 inclusive, the instruction of
 * order No. 136-НҚ of 2 Apr 2025 after it. Rules are versioned by these ids.
 */
import { isIsoDate } from '@kitap/holdings';

/** The ids of the instructions kitap knows, oldest first. */
export type InstructionId = 'order-374' | 'order-136-nk';

/** An instruction and the act dates it covers (ISO, inclusive; a missing end is open). */
export interface Instruction {
  id: InstructionId;
  /** Its title for reports, as library staff know it. */
  title: string;
  from?: string;
  to?: string;
}

/** The last day acts follow order No. 374. */
export const ORDER_374_LAST_DAY = '2025-04-17';

const ORDER_374: Instruction = Object.freeze({
  id: 'order-374',
  title: 'Инструкция по учету и списанию библиотечного фонда государственных библиотек, приказ № 374 от 07.12.2015 (в ред. приказа № 367 от 19.12.2022)',
  to: ORDER_374_LAST_DAY,
});

const ORDER_136_NK: Instruction = Object.freeze({
  id: 'order-136-nk',
  title: 'Инструкция по учету и списанию библиотечного фонда государственных библиотек, приказ № 136-НҚ от 02.04.2025',
  from: '2025-04-18',
});

/**
 * The instruction an act dated `date` (ISO YYYY-MM-DD) follows. Acts older
 * than order 374 are labelled with it too: kitap knows no earlier rules.
 * Throws RangeError for a date that is not a real ISO date (check act dates
 * first: `checkActs` reports them as ACT_DATE_INVALID).
 */
export function instructionFor(date: string): Instruction {
  if (!isIsoDate(date)) throw new RangeError(`instructionFor needs an ISO date (YYYY-MM-DD), got "${date}"`);
  return { ...(date <= ORDER_374_LAST_DAY ? ORDER_374 : ORDER_136_NK) };
}
