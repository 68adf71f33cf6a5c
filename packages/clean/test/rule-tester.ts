import { type MarcRecord, mrkEncoder, readMrk } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import type { Finding } from '@kitap/core';
import { KeyIndex } from '@kitap/store';
import { Linter, type Rule, type RuleFlavour } from '../src/index.js';

/** A case in mnemonic text (MarcEdit .mrk): `=245  10$aАбай жолы /$cМ. Әуезов.`; no `=LDR` line gives a default leader. */
export interface ValidCase {
  name?: string;
  record: string;
  options?: Record<string, unknown>;
  /** Default: detected from the record's tags. */
  flavour?: RuleFlavour;
}

export interface ExpectedError {
  messageId: string;
  tag?: string;
  occurrence?: number;
  subfield?: string;
  /** The exact message, when the case wants to pin the wording. */
  message?: string;
  actual?: string;
  expected?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** The record after `kitap fix`, in mnemonic text; `null` when this case has nothing to fix. Required for fixable rules. */
  output?: string | null;
}

/** The leader a case gets when it has no `=LDR` line: a MARC21 book in UTF-8. */
export const DEFAULT_LEADER = '00000nam a2200000 i 4500';

export async function parseMrk(text: string): Promise<MarcRecord> {
  const items = [];
  const body = text.trim();
  const withLeader = body.startsWith('=LDR') ? body : `=LDR  ${DEFAULT_LEADER}\n${body}`;
  for await (const item of readMrk(Buffer.from(withLeader + '\n'), { mode: 'strict' })) items.push(item);
  if (items.length !== 1 || items[0]!.kind !== 'record') throw new Error(`a test case must hold exactly one record:\n${text}`);
  const record = items[0]!.record;
  record.place = { index: 0 };
  return record;
}

export function toMrk(record: MarcRecord): string {
  return String(mrkEncoder().encode(record, 0)).trim();
}

/**
 * ESLint's RuleTester for MARC: `valid` cases must give no finding; `invalid`
 * cases must give exactly the expected findings and, for a fixable rule, the
 * exact fixed record. Fixing the fixed record again must change nothing, message
 * ids must exist, and options must not be mutated.
 */
export function testRule(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    it('has a well-formed meta', () => {
      expect(rule.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.meta.description.length).toBeGreaterThan(10);
      expect(() => rule.meta.options.parse({})).not.toThrow();
      expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
      expect(cases.valid.length, 'at least one valid case').toBeGreaterThan(0);
      expect(cases.invalid.length, 'at least one invalid case').toBeGreaterThan(0);
    });
    if (rule.kind !== 'record') return;
    cases.valid.forEach((c, n) => {
      it(`valid ${n + 1}: ${c.name ?? firstLine(c.record)}`, async () => {
        const { linter, record, flavour } = await setUp(c);
        expect(linter.lint(record, flavour).map((f) => f.message)).toEqual([]);
      });
    });
    cases.invalid.forEach((c, n) => {
      it(`invalid ${n + 1}: ${c.name ?? firstLine(c.record)}`, async () => {
        for (const e of c.errors) expect(Object.keys(rule.meta.messages), `message id "${e.messageId}" is not in meta.messages`).toContain(e.messageId);
        const { linter, record, flavour } = await setUp(c);
        const findings = linter.lint(record, flavour);
        expect(
          findings.map((f) => pick(f, c.errors[findings.indexOf(f)])),
          `findings of ${rule.meta.id}`,
        ).toEqual(c.errors.map((e) => ({ ...e })));
        if (rule.meta.fixable) {
          expect(c.output, `a fixable rule's invalid case needs "output" (null when nothing is fixed)`).not.toBeUndefined();
        } else {
          expect(c.output ?? null, 'a rule that is not fixable has no output').toBeNull();
          expect(findings.every((f) => !f.fixable), 'a rule that is not fixable returned a fix').toBe(true);
        }
        const once = linter.fix(record, flavour);
        if (c.output === null || c.output === undefined) {
          expect(once.changes.map((ch) => ch.message)).toEqual([]);
          return;
        }
        expect(once.unsettled).toBe(false);
        expect(toMrk(once.record)).toBe(toMrk(await parseMrk(c.output)));
        const twice = linter.fix(once.record, flavour);
        expect(twice.changes.map((ch) => ch.message), 'fixing twice changes nothing more').toEqual([]);
      });
    });
  });

  async function setUp(c: ValidCase): Promise<{ linter: Linter; record: MarcRecord; flavour: RuleFlavour }> {
    const options = deepFreeze(rule.meta.options.parse(c.options ?? {}));
    const linter = new Linter([{ rule, severity: rule.meta.severity, options }]);
    const record = await parseMrk(c.record);
    return { linter, record, flavour: c.flavour ?? linter.flavourOf(record) };
  }
}

function pick(finding: { messageId?: string; message: string; place: { tag?: string; occurrence?: number; subfield?: string }; actual?: string; expected?: string }, like: ExpectedError | undefined): ExpectedError {
  const out: ExpectedError = { messageId: finding.messageId ?? '?' };
  if (!like) return { ...out, message: finding.message, ...finding.place };
  if (like.tag !== undefined && finding.place.tag !== undefined) out.tag = finding.place.tag;
  if (like.occurrence !== undefined && finding.place.occurrence !== undefined) out.occurrence = finding.place.occurrence;
  if (like.subfield !== undefined && finding.place.subfield !== undefined) out.subfield = finding.place.subfield;
  if (like.message !== undefined) out.message = finding.message;
  if (like.actual !== undefined && finding.actual !== undefined) out.actual = finding.actual;
  if (like.expected !== undefined && finding.expected !== undefined) out.expected = finding.expected;
  return out;
}

function firstLine(text: string): string {
  const lines = text.trim().split('\n').filter((l) => !l.startsWith('=LDR') && !l.startsWith('=001') && !l.startsWith('=008'));
  return (lines[0] ?? text).trim().slice(0, 60);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Records in mnemonic text separated by blank lines; each gets a default leader when it has none, and its index. */
export async function parseMrkRecords(text: string): Promise<MarcRecord[]> {
  const out: MarcRecord[] = [];
  for (const chunk of text.trim().split(/\n\s*\n/)) {
    const record = await parseMrk(chunk);
    record.place = { index: out.length };
    out.push(record);
  }
  return out;
}

/** Runs a rule (record or cross-record) over several records and returns every finding. */
export async function lintRecords(rule: Rule, text: string, options: Record<string, unknown> = {}): Promise<Finding[]> {
  const linter = new Linter([{ rule, severity: rule.meta.severity, options: rule.meta.options.parse(options) }]);
  const records = await parseMrkRecords(text);
  const findings: Finding[] = [];
  const index = new KeyIndex();
  try {
    for (const r of records) {
      findings.push(...linter.lint(r));
      linter.collect(r, index);
    }
    findings.push(...linter.crossFindings(index));
  } finally {
    index.close();
  }
  return findings;
}

export interface CrossCase {
  name?: string;
  /** Several records in mnemonic text, separated by blank lines. */
  records: string;
  options?: Record<string, unknown>;
}

export interface CrossInvalidCase extends CrossCase {
  /** Expected findings; `index` is the record's position (0-based) and `related` the position of the record it collides with. */
  errors: (ExpectedError & { index: number; related?: number })[];
}

/** The tester for cross-record rules: findings over a whole small catalog. */
export function testCrossRule(rule: Rule, cases: { valid: CrossCase[]; invalid: CrossInvalidCase[] }): void {
  describe(rule.meta.id, () => {
    it('is a cross-record rule with a well-formed meta', () => {
      expect(rule.kind).toBe('cross');
      expect(rule.meta.fixable).toBe(false);
      expect(() => rule.meta.options.parse({})).not.toThrow();
    });
    cases.valid.forEach((c, n) => {
      it(`valid ${n + 1}: ${c.name ?? 'no finding'}`, async () => {
        expect((await lintRecords(rule, c.records, c.options)).map((f) => f.message)).toEqual([]);
      });
    });
    cases.invalid.forEach((c, n) => {
      it(`invalid ${n + 1}: ${c.name ?? c.errors[0]?.messageId}`, async () => {
        for (const e of c.errors) expect(Object.keys(rule.meta.messages)).toContain(e.messageId);
        const findings = await lintRecords(rule, c.records, c.options);
        expect(
          findings.map((f, i) => {
            const like = c.errors[i];
            const got = { ...pick(f, like), index: f.place.index ?? -1 } as ExpectedError & { index: number; related?: number };
            if (like?.related !== undefined && f.related?.index !== undefined) got.related = f.related.index;
            return got;
          }),
        ).toEqual(c.errors);
      });
    });
  });
}
