import { type Field, MarcRecord, mrkEncoder } from '@kitap/marc';

const encoder = mrkEncoder();

/** One field (or a leader value) as a line of mnemonic text, `=245  10$aАбай жолы`, for journals and diffs. */
export function fieldMnemonic(value: Field | string | null): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return `=LDR  ${value}`;
  try {
    const lines = String(encoder.encode(new MarcRecord(undefined, [value]), 0)).trim().split('\n');
    return lines.slice(1).join('\n');
  } catch {
    return JSON.stringify(value);
  }
}
