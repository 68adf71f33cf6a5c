/** An ISSN: its compact form (8 characters), whether its check digit is right, and the hyphenated form. */
export interface Issn {
  compact: string;
  valid: boolean;
  formatted: string;
}

const LEADING_ISSN = /^\s*(\d{4})[\s-]?(\d{3}[\dXx])(?![\dXx])/;

export function parseIssn(value: string): Issn | undefined {
  const m = LEADING_ISSN.exec(value);
  if (!m) return undefined;
  const compact = (m[1]! + m[2]!).toUpperCase();
  return { compact, valid: issnCheckDigit(compact.slice(0, 7)) === compact[7], formatted: `${compact.slice(0, 4)}-${compact.slice(4)}` };
}

export function issnCheckDigit(first7: string): string {
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += (8 - i) * Number(first7[i]);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}
