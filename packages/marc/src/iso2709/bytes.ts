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
