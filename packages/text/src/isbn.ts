/** What an ISBN string is: its digits (X for 10), kind, whether its check digit is right, and its ISBN-13. */
export interface Isbn {
  /** Digits only, hyphens and spaces removed (upper-case X kept). */
  compact: string;
  kind: 10 | 13;
  valid: boolean;
  /** The ISBN-13 form (978 prefix for an ISBN-10), when valid. */
  isbn13: string | undefined;
}

// An ISBN at the start of a subfield: digits with hyphens or spaces, optional X, then anything (a qualifier).
const LEADING_ISBN = /^\s*((?:\d[\s-]?){9}[\dXx](?:[\s-]?\d){0,3})/;

/** The ISBN at the start of a value such as `978-601-7130-43-6 (в пер.)`, or undefined. */
export function parseIsbn(value: string): Isbn | undefined {
  const m = LEADING_ISBN.exec(value);
  if (!m) return undefined;
  const compact = m[1]!.replace(/[\s-]/g, '').toUpperCase();
  if (compact.length === 10) {
    const valid = isbn10CheckDigit(compact.slice(0, 9)) === compact[9];
    return { compact, kind: 10, valid, isbn13: valid ? isbn10To13(compact) : undefined };
  }
  if (compact.length === 13 && !compact.includes('X')) {
    const valid = isbn13CheckDigit(compact.slice(0, 12)) === compact[12];
    return { compact, kind: 13, valid, isbn13: valid ? compact : undefined };
  }
  return undefined;
}

export function isbn10CheckDigit(first9: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (10 - i) * Number(first9[i]);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

export function isbn13CheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (i % 2 === 0 ? 1 : 3) * Number(first12[i]);
  return String((10 - (sum % 10)) % 10);
}

/** `5020177777` → `9785020177777` (the ISBN-10 must be valid). */
export function isbn10To13(isbn10: string): string {
  const body = '978' + isbn10.slice(0, 9);
  return body + isbn13CheckDigit(body);
}
