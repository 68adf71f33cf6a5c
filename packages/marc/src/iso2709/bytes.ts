/** ISO2709 delimiters. */
export const RECORD_TERMINATOR = 0x1d;
export const FIELD_TERMINATOR = 0x1e;
export const SUBFIELD_DELIMITER = 0x1f;

export const LEADER_LENGTH = 24;
export const DIRECTORY_ENTRY_LENGTH = 12;
export const MAX_RECORD_LENGTH = 99_999;
export const MAX_FIELD_LENGTH = 9_999;

/** Bytes tolerated (with a warning) between records: CR, LF, NUL and DOS end-of-file. */
export function isInterRecordByte(byte: number): boolean {
  return byte === 0x0a || byte === 0x0d || byte === 0x00 || byte === 0x1a;
}

export function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

/** Parses `length` ASCII digits at `start`, or returns -1. */
export function readDigits(bytes: Uint8Array, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const b = bytes[i];
    if (b === undefined || b < 0x30 || b > 0x39) return -1;
    value = value * 10 + (b - 0x30);
  }
  return value;
}

/** Tags made of three digits, made once: directory tags are shared strings, not one allocation each. */
const DIGIT_TAGS: readonly string[] = Array.from({ length: 1000 }, (_, k) => String(k).padStart(3, '0'));

/** A directory entry's tag from its three bytes. */
export function tagOf(t0: number, t1: number, t2: number): string {
  const d0 = t0 - 0x30;
  const d1 = t1 - 0x30;
  const d2 = t2 - 0x30;
  if (d0 >= 0 && d0 <= 9 && d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9) return DIGIT_TAGS[d0 * 100 + d1 * 10 + d2]!;
  return String.fromCharCode(t0, t1, t2);
}
