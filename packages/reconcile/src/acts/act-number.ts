/**
 * Act numbers as acts and tables write them: «17», «№ 17», «№17-с», «N 5/2».
 * The number sign is not part of the number.
 */

const NUMBER_SIGN = /^(?:№|N[oº°]?\.?|#)\s*/u;

/** The act number without the number sign and surrounding spaces ('' when there is none). */
export function normalizeActNumber(text: string): string {
  return text.trim().replace(NUMBER_SIGN, '').replace(/\s+/gu, ' ').trim();
}
