import type { Severity } from '@kitap/core';
import type { Field, MarcRecord } from '@kitap/marc';
import type { z } from 'zod';

/** The MARC families a rule knows; RUSMARC is checked as `unimarc`. */
export type RuleFlavour = 'marc21' | 'unimarc';

/** Families group rules in docs and reports. */
export type RuleFamily = 'structure' | 'text' | 'identifiers' | 'punctuation' | 'codes' | 'classification' | 'names' | 'copies' | 'misprints';

export interface RuleMeta<O extends z.ZodType = z.ZodType> {
  /** Kebab-case id, equal to the file name. */
  id: string;
  family: RuleFamily;
  /** One sentence a cataloguer understands. */
  description: string;
  severity: Severity;
  /** True when the rule returns fixes the engine may apply without asking. */
  fixable: boolean;
  flavours: readonly RuleFlavour[];
  /** Options with their defaults; `schema.parse({})` must succeed. */
  options: O;
  /** Message templates by id; `{name}` is replaced by `data.name`. */
  messages: Readonly<Record<string, string>>;
}

/** One change to a record, as data. Field positions are indexes into `record.fields` as the rule saw it. */
export type FieldEdit =
  | { op: 'replace'; field: number; with: Field }
  | { op: 'remove'; field: number }
  | { op: 'insert'; at: number; with: Field }
  | { op: 'leader'; with: string };

/** A fix: edits applied together or not at all. */
export type Fix = readonly FieldEdit[];

/** What a rule says about a record. The engine turns it into a Finding with its place. */
export interface RuleReport {
  messageId: string;
  data?: Readonly<Record<string, string | number>>;
  /** Index of the field in `record.fields`; 'leader' for the leader; absent for the record as a whole. */
  field?: number | 'leader';
  subfield?: string;
  actual?: string;
  expected?: string;
  fix?: Fix;
}

export interface RuleContext<O> {
  flavour: RuleFlavour;
  options: O;
}

/** A rule that looks at one record at a time. It never changes the record. */
export interface RecordRule<O extends z.ZodType = z.ZodType> {
  kind: 'record';
  meta: RuleMeta<O>;
  check(record: MarcRecord, context: RuleContext<z.infer<O>>): RuleReport[];
}

/** A value a cross-record rule remembers about a record. */
export interface CrossKey {
  key: string;
  field: number;
  subfield?: string;
  value: string;
}

/** A word a cross-record rule counts, in a scope such as `245$a`. */
export interface CountedWord {
  scope: string;
  word: string;
  field: number;
  subfield?: string;
}

/**
 * A rule that needs the whole input (duplicate inventory or control numbers,
 * misprints). It gives keys or words for each record; the engine keeps them in
 * a disk-backed index and asks the rule for findings at the end.
 */
export interface CrossRecordRule<O extends z.ZodType = z.ZodType> {
  kind: 'cross';
  meta: RuleMeta<O>;
  /** `duplicates`: a key seen in two places is a finding at each later place; `misprints`: rare words near frequent ones. */
  strategy: 'duplicates' | 'misprints';
  keys?(record: MarcRecord, context: RuleContext<z.infer<O>>): CrossKey[];
  words?(record: MarcRecord, context: RuleContext<z.infer<O>>): CountedWord[];
  /** For `misprints`: how rare a word must be, and how frequent its neighbour, to be reported. */
  thresholds?(options: z.infer<O>): { rareMax: number; frequentMin: number };
}

export type Rule = RecordRule | CrossRecordRule;

/** Declares a record rule with its option types checked. */
export function defineRule<O extends z.ZodType>(rule: Omit<RecordRule<O>, 'kind'>): RecordRule<O> {
  return { kind: 'record', ...rule };
}

export function defineCrossRule<O extends z.ZodType>(rule: Omit<CrossRecordRule<O>, 'kind'>): CrossRecordRule<O> {
  return { kind: 'cross', ...rule };
}
