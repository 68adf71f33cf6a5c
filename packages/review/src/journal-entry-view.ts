import type { JournalLineData } from './journal-line.js';
import { type TextChange, textChange } from './text-diff.js';

export type JournalEntryKind = 'change' | 'merge' | 'removed' | 'rejected' | 'unreadable';

/** A record as the page names it: its number (1-based, in the input of that part of the journal) and its 001. */
export interface RecordRef {
  number: number;
  id: string | null;
}

/** One entry of the journal as the page shows it. */
export interface JournalEntryView {
  /** The line in `journal.jsonl` (1-based). */
  line: number;
  /** The part of the journal it belongs to (0-based, see `JournalSection`). */
  section: number;
  kind: JournalEntryKind;
  record: RecordRef | null;
  /** The rule id of a change; `merge`, `merged-away`, the reject code, or `unreadable` otherwise. */
  rule: string;
  message: string;
  tag: string | null;
  op: string | null;
  /** The field (or leader) before and after, in mnemonic text; null for an insert's before or a removal's after. */
  before: string | null;
  after: string | null;
  /** Where before and after differ, for highlighting. */
  change: TextChange | null;
}

/** A displayable line, or null for the lines that structure the journal (header, end, original bytes). */
export function journalEntryView(data: JournalLineData, line: number, section: number): JournalEntryView | null {
  const base = { line, section, tag: null, op: null, before: null, after: null, change: null };
  switch (data.type) {
    case 'change':
      return {
        ...base,
        kind: 'change',
        record: { number: data.index + 1, id: data.id ?? null },
        rule: data.rule,
        message: data.message,
        tag: data.tag,
        op: data.op,
        before: data.beforeText,
        after: data.afterText,
        change: data.beforeText !== null && data.afterText !== null ? textChange(data.beforeText, data.afterText) : null,
      };
    case 'merge': {
      const away = data.mergedAway.map((i) => i + 1);
      const copies = data.copies === undefined ? '' : `; ${data.copies} ${data.copies === 1 ? 'copy' : 'copies'} now on it`;
      return {
        ...base,
        kind: 'merge',
        record: { number: data.survivor + 1, id: null },
        rule: 'merge',
        message: `Cluster ${data.cluster}: record${away.length === 1 ? '' : 's'} ${away.join(', ')} merged into record ${data.survivor + 1}${copies}`,
      };
    }
    case 'removed':
      return {
        ...base,
        kind: 'removed',
        record: { number: data.index + 1, id: data.id ?? null },
        rule: 'merged-away',
        message: `Record ${data.index + 1}${data.id ? ` (001 ${data.id})` : ''} merged into record ${data.into + 1}; its copies moved there`,
      };
    case 'rejected':
      return {
        ...base,
        kind: 'rejected',
        record: data.index === undefined ? null : { number: data.index + 1, id: null },
        rule: data.code,
        message: `Record ${data.index === undefined ? '(position unknown)' : data.index + 1} could not be read or written (${data.code}); kept in the journal with its bytes`,
      };
    default:
      return null;
  }
}

export function unreadableEntry(line: number, section: number, error: string): JournalEntryView {
  return { line, section, kind: 'unreadable', record: null, rule: 'unreadable', message: `Line ${line} cannot be read: ${error}`, tag: null, op: null, before: null, after: null, change: null };
}
