import type { AppliedEdit } from '@kitap/clean';
import type { Warning } from '@kitap/core';
import { Leader, type MarcRecord, detectFlavour, parseCharsetName, unimarcCharsetsToUtf8 } from '@kitap/marc';

/** What marking a record written in UTF-8 did: the 100 fields it replaced (for a journal), and a warning when it could not. */
export interface Utf8Marking {
  edits: AppliedEdit[];
  warning?: Warning;
}

/** Input encodings whose text the text readers (MARCXML, MARC-in-JSON, mnemonic) convert from a legacy set. */
const LEGACY_TEXT_ENCODING = /^(?!auto$|utf-?8$)/i;

/**
 * The character set a record was read in, as reports count it: an ISO2709 record's (detected or
 * given), a MARCXML record's declared legacy set, else the `--encoding` given for text formats,
 * else UTF-8.
 */
export function readInCharset(record: MarcRecord, encoding: string): string {
  if (record.sourceCharset !== undefined) return record.sourceCharset;
  if (record.textCharset !== undefined) return parseCharsetName(record.textCharset) ?? record.textCharset;
  return LEGACY_TEXT_ENCODING.test(encoding) ? (parseCharsetName(encoding) ?? encoding) : 'utf-8';
}

/**
 * A UNIMARC/RUSMARC record whose text was converted from a legacy set and is
 * written in UTF-8 (as `kitap convert` and `kitap fix` write): its 100 $a/26-29
 * is set to "50  " (30-33 blank) instead of naming the old set ("0189": cp1251),
 * so that the next system does not read the UTF-8 bytes as cp1251. When its
 * 100 $a is missing or too short for it, nothing is invented: the warning says
 * so (W_UNIMARC_CHARSET_NOT_SET). `readIn` is the set the record was read in
 * (`readInCharset` of the record as read: a record a fix changed has no source
 * of its own). Returns the fields replaced and the warning, if any.
 */
export function markWrittenInUtf8(record: MarcRecord, readIn: string): Utf8Marking {
  const charset = readIn;
  if (charset === 'utf-8' || detectFlavour(record) !== 'unimarc') return { edits: [] };
  const before = record.fields.slice();
  const outcome = unimarcCharsetsToUtf8(record);
  const edits: AppliedEdit[] = [];
  record.fields.forEach((field, index) => {
    if (field !== before[index]) edits.push({ op: 'replace', index, newIndex: index, tag: field.tag, before: before[index]!, after: field });
  });
  if (outcome.kind !== 'missing' && outcome.kind !== 'short') return { edits };
  const warning: Warning = {
    code: 'W_UNIMARC_CHARSET_NOT_SET',
    message:
      outcome.kind === 'missing'
        ? `the record is UNIMARC, read in ${charset} and written in UTF-8, but has no 100 $a to say so (positions 26-29, "50  "); none was added`
        : `the record is UNIMARC, read in ${charset} and written in UTF-8, but ${outcome.othersSet ? 'the $a of one of its 100 fields has' : 'its 100 $a has'} ${outcome.length} characters, too few for positions 26-29 ("50  "); ${outcome.othersSet ? 'that one was left as it is (the other 100 was set)' : 'it was left as it is'}`,
    place: { ...record.place, tag: '100' },
  };
  return { edits, warning };
}

/**
 * Leader/09 set to "a" (UTF-8) on a record about to be written in UTF-8 by a writer that keeps the
 * leader as it is (MARCXML, mnemonic text, MARC-in-JSON; the ISO2709 writer sets it itself): the
 * leader edit for a journal, or undefined when the leader already says so.
 */
export function markLeaderUtf8(record: MarcRecord): AppliedEdit | undefined {
  const before = record.leader.value;
  if (before.charAt(9) === 'a') return undefined;
  record.leader = new Leader(`${before.slice(0, 9)}a${before.slice(10)}`);
  return { op: 'leader', tag: 'LDR', before, after: record.leader.value };
}
