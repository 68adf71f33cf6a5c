import { type Field, MarcRecord, mrkEncoder } from '@kitap/marc';

const encoder = mrkEncoder();

/** One field (or a leader value) as a line of mnemonic text, `=245  10$aАбай жолы`, for journals and diffs. */
export function fieldMnemonic(value: Field | string | null): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return `=LDR  ${value}`;
  try {
    // Only the newlines around the record go (the encoder puts one between records): a value's trailing space stays.
    const lines = String(encoder.encode(new MarcRecord(undefined, [value]), 0)).replace(/^\n+|\n+$/g, '').split('\n');
    return lines.slice(1).join('\n');
  } catch {
    return JSON.stringify(value);
  }
}
