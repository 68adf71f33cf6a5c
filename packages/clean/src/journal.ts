import type { Field } from '@kitap/marc';
import type { Change } from './engine.js';

/** The first line of a journal: what was fixed, from what, with which rules. */
export interface JournalHeader {
  type: 'journal';
  version: 1;
  tool: 'kitap fix' | 'kitap merge';
  /** The input's hash is in the end line: it is known only once the input has been read. */
  input: { path: string };
  output: { path: string; format: string };
  profile: string;
  rules: string[];
}

/**
 * A record whose output bytes differ from its input bytes (fixed, repaired or
 * re-encoded): its original bytes, so `kitap fix --undo` can give them back
 * byte for byte.
 */
export interface JournalOriginal {
  type: 'original';
  /** Position in the input. */
  index: number;
  /** Position in the fixed output. */
  outputIndex: number;
  id?: string;
  offset?: number;
  charset: string;
  sha256: string;
  /** sha256 of the record's bytes in the fixed output. */
  outputSha256: string;
  base64: string;
}

/** One applied change: record position and id, rule, field, before and after. */
export interface JournalChange {
  type: 'change';
  index: number;
  outputIndex: number;
  id?: string;
  pass: number;
  rule: string;
  messageId: string;
  message: string;
  op: Change['op'];
  tag: string;
  /** Position of the field before the pass (replace, remove). */
  fieldIndex?: number;
  /** Position of the field after the pass (replace, insert). */
  newFieldIndex?: number;
  /** The field (or leader) before and after, as data; null for an insert's before or a remove's after. */
  before: Field | string | null;
  after: Field | string | null;
  /** The same in mnemonic text, for people. */
  beforeText: string | null;
  afterText: string | null;
}

/**
 * A record the fix could not read or write, kept with its bytes (or text) so
 * that undo puts it back where it was: before output record `beforeOutput`.
 */
export interface JournalRejected {
  type: 'rejected';
  beforeOutput: number;
  code: string;
  index?: number;
  base64?: string;
  text?: string;
}

/** A record a merge folded into another one: its bytes, so undo puts it back before output record `beforeOutput`. */
export interface JournalRemoved {
  type: 'removed';
  beforeOutput: number;
  index: number;
  id?: string;
  /** The survivor it was merged into (its position in the input). */
  into: number;
  base64: string;
}

export type JournalLine = JournalHeader | JournalOriginal | JournalChange | JournalRejected | JournalRemoved;
