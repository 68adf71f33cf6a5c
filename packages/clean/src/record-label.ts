import { type DataField, type MarcRecord, subfieldValue } from '@kitap/marc';
import type { RuleFlavour } from './rule.js';

/** The record's control number (001), when it has one. */
export function recordId(record: MarcRecord): string | undefined {
  const id = record.controlValue('001');
  return id === undefined || id.trim() === '' ? undefined : id.trim();
}

/** A short title for people: 245 $a $b (MARC21) or 200 $a $e (UNIMARC), without ISBD punctuation at the end. */
export function recordTitle(record: MarcRecord, flavour: RuleFlavour): string | undefined {
  const field = record.dataFields(flavour === 'marc21' ? '245' : '200')[0];
  if (!field) return undefined;
  return titleText(...titleParts(field, flavour));
}

/** The subfields a title is made of: 245 $a and $b (MARC21), 200 $a and $e (UNIMARC). */
export function titleParts(field: DataField, flavour: RuleFlavour): [string | undefined, string | undefined] {
  return [subfieldValue(field, 'a'), subfieldValue(field, flavour === 'marc21' ? 'b' : 'e')];
}

/** The short title of those parts: one line, without ISBD punctuation at the end, at most 120 characters. */
export function titleText(main: string | undefined, rest: string | undefined): string | undefined {
  const text = [main, rest].filter((v) => v !== undefined).join(' ').replace(/\s+/gu, ' ').replace(/[\s/:;,.=]+$/u, '').trim();
  return text === '' ? undefined : text.length > 120 ? text.slice(0, 119) + '…' : text;
}
