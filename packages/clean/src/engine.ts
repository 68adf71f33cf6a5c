import type { Finding, Place, Severity } from '@kitap/core';
import { type Field, MarcRecord, detectFlavour, fieldsEqual } from '@kitap/marc';
import type { KeyIndex } from '@kitap/store';
import { deletionKeys, typingDistance } from '@kitap/text';
import { type AppliedEdit, applyFixes, nonOverlapping } from './apply-fixes.js';
import { formatMessage } from './message.js';
import { recordId, recordTitle } from './record-label.js';
import type { CrossRecordRule, Fix, RecordRule, Rule, RuleFlavour, RuleReport } from './rule.js';

/** A rule switched on, with its severity and parsed options. */
export interface ActiveRule {
  rule: Rule;
  severity: Severity;
  options: unknown;
}

/** One applied change, as the journal keeps it. */
export interface Change extends AppliedEdit {
  pass: number;
  rule: string;
  messageId: string;
  message: string;
}

export interface FixResult {
  /** The fixed record; the input record itself when nothing changed (so it keeps its raw bytes). */
  record: MarcRecord;
  changes: Change[];
  passes: number;
  /** True when fixes were still coming after the last allowed pass. */
  unsettled: boolean;
}

export const MAX_PASSES = 10;

const LEADER = 'LDR';

/**
 * Runs rules over records. A rule only reports; the engine builds findings
 * with their places, applies non-overlapping fixes pass after pass until
 * nothing changes (at most 10 passes), and keeps every applied edit.
 */
export class Linter {
  readonly #record: { active: ActiveRule; rule: RecordRule }[];
  readonly #cross: { active: ActiveRule; rule: CrossRecordRule }[];
  readonly #defaultFlavour: RuleFlavour;

  constructor(active: readonly ActiveRule[], defaultFlavour: RuleFlavour = 'marc21') {
    this.#record = active.filter((a) => a.rule.kind === 'record').map((a) => ({ active: a, rule: a.rule as RecordRule }));
    this.#cross = active.filter((a) => a.rule.kind === 'cross').map((a) => ({ active: a, rule: a.rule as CrossRecordRule }));
    this.#defaultFlavour = defaultFlavour;
  }

  get hasCrossRecordRules(): boolean {
    return this.#cross.length > 0;
  }

  flavourOf(record: MarcRecord): RuleFlavour {
    const f = detectFlavour(record);
    return f === 'unknown' ? this.#defaultFlavour : f;
  }

  /** Findings of the record rules for one record, in rule order. */
  lint(record: MarcRecord, flavour = this.flavourOf(record)): Finding[] {
    const findings: Finding[] = [];
    let label: string | undefined | null = null;
    for (const { active, rule } of this.#record) {
      if (!rule.meta.flavours.includes(flavour)) continue;
      for (const report of rule.check(record, { flavour, options: active.options })) {
        label ??= recordTitle(record, flavour);
        findings.push(this.#finding(record, rule, active.severity, report, label));
      }
    }
    return findings;
  }

  /** Applies the fixable rules' fixes until the record settles. */
  fix(record: MarcRecord, flavour = this.flavourOf(record)): FixResult {
    const fixers = this.#record.filter(({ rule }) => rule.meta.fixable && rule.meta.flavours.includes(flavour));
    let leader = record.leader.value;
    let fields: readonly Field[] = fixers.length ? record.fields : [];
    let current = record;
    const changes: Change[] = [];
    let pass = 0;
    let unsettled = false;
    while (fixers.length) {
      const candidates: { rule: RecordRule; report: RuleReport; fix: Fix }[] = [];
      for (const { active, rule } of fixers) {
        for (const report of rule.check(current, { flavour, options: active.options })) {
          if (report.fix && report.fix.length && !isNoop(report.fix, leader, fields)) candidates.push({ rule, report, fix: report.fix });
        }
      }
      if (candidates.length === 0) break;
      if (pass === MAX_PASSES) {
        unsettled = true;
        break;
      }
      pass++;
      const chosen = nonOverlapping(candidates);
      const result = applyFixes(leader, fields, chosen.map((c) => c.fix));
      chosen.forEach((c, n) => {
        const message = formatMessage(c.rule.meta.messages[c.report.messageId] ?? c.report.messageId, c.report.data);
        for (const edit of result.applied[n]!) changes.push({ ...edit, pass, rule: c.rule.meta.id, messageId: c.report.messageId, message });
      });
      leader = result.leader;
      fields = result.fields;
      current = new MarcRecord(leader, fields);
    }
    if (changes.length === 0) return { record, changes, passes: 0, unsettled };
    current.place = record.place;
    current.warnings.push(...record.warnings);
    return { record: current, changes, passes: pass, unsettled };
  }

  /** Feeds the cross-record rules' keys and words of one record into the index. */
  collect(record: MarcRecord, index: KeyIndex, flavour = this.flavourOf(record)): void {
    if (this.#cross.length === 0) return;
    // What every place of this record shares (file, index, offset, id, title) and each field's
    // occurrence of its tag are worked out once per record, and only when a place is needed.
    let base: (Place & { label?: string }) | undefined;
    let occurrences: number[] | undefined;
    let tags: string[] | undefined;
    const where = (field: number, subfield: string | undefined): Place & { label?: string } => {
      if (base === undefined) {
        base = { ...record.place };
        const id = recordId(record);
        if (id !== undefined) base.recordId = id;
        const label = recordTitle(record, flavour);
        if (label !== undefined) base.label = label;
        tags = record.tags;
        occurrences = occurrencesOf(tags);
      }
      const place: Place & { label?: string } = { ...base };
      const tag = tags![field];
      if (tag !== undefined) {
        place.tag = tag;
        place.occurrence = occurrences![field]!;
      }
      if (subfield !== undefined) place.subfield = subfield;
      return place;
    };
    for (const { active, rule } of this.#cross) {
      if (!rule.meta.flavours.includes(flavour)) continue;
      const context = { flavour, options: active.options };
      for (const k of rule.keys?.(record, context) ?? []) {
        index.addKey(rule.meta.id, { key: k.key, index: record.place.index ?? 0, place: where(k.field, k.subfield), value: k.value });
      }
      for (const w of rule.words?.(record, context) ?? []) index.countWord(`${rule.meta.id}\u0000${w.scope}`, w.word, () => where(w.field, w.subfield));
    }
  }

  /** Findings of the cross-record rules, once every record has been collected. */
  *crossFindings(index: KeyIndex): Generator<Finding> {
    for (const { active, rule } of this.#cross) {
      const template = (id: string): string => rule.meta.messages[id] ?? id;
      if (rule.strategy === 'duplicates') {
        for (const group of index.duplicates(rule.meta.id)) {
          const first = group.entries[0]!.place as Place & { label?: string };
          const { label: _firstLabel, ...related } = first;
          for (const entry of group.entries.slice(1)) {
            const { label, ...place } = entry.place as Place & { label?: string };
            const data = { value: entry.value, first: describe(related), count: group.entries.length };
            const f: Finding = {
              ruleId: rule.meta.id,
              messageId: 'duplicate',
              severity: active.severity,
              message: formatMessage(template('duplicate'), data),
              place,
              actual: entry.value,
              related,
              fixable: false,
            };
            if (label !== undefined) f.label = label;
            yield f;
          }
        }
      } else {
        const thresholds = rule.thresholds?.(active.options) ?? { rareMax: 1, frequentMin: 5 };
        const near = index.nearWords(thresholds.rareMax, thresholds.frequentMin, deletionKeys, typingDistance);
        for (const n of near) {
          if (!n.scope.startsWith(`${rule.meta.id}\u0000`)) continue;
          const { label, ...place } = n.rarePlace as Place & { label?: string };
          const data = { word: n.rare, suggestion: n.frequent, count: n.frequentCount };
          const f: Finding = {
            ruleId: rule.meta.id,
            messageId: 'misprint',
            severity: active.severity,
            message: formatMessage(template('misprint'), data),
            place,
            actual: n.rare,
            expected: n.frequent,
            fixable: false,
          };
          if (label !== undefined) f.label = label;
          yield f;
        }
      }
    }
  }

  #finding(record: MarcRecord, rule: RecordRule, severity: Severity, report: RuleReport, label: string | undefined): Finding {
    if (!(report.messageId in rule.meta.messages)) throw new Error(`rule ${rule.meta.id} reported an unknown message id "${report.messageId}"`);
    const finding: Finding = {
      ruleId: rule.meta.id,
      messageId: report.messageId,
      severity,
      message: formatMessage(rule.meta.messages[report.messageId]!, report.data),
      place: placeOf(record, report.field, report.subfield),
      fixable: report.fix !== undefined && report.fix.length > 0,
    };
    if (report.actual !== undefined) finding.actual = report.actual;
    if (report.expected !== undefined) finding.expected = report.expected;
    if (label !== undefined) finding.label = label;
    return finding;
  }
}

function describe(place: Place): string {
  const parts: string[] = [];
  if (place.index !== undefined) parts.push(`record ${place.index + 1}`);
  if (place.recordId !== undefined) parts.push(`id ${place.recordId}`);
  return parts.join(', ') || 'an earlier record';
}

/** For each field, its 0-based occurrence among the fields with the same tag. */
function occurrencesOf(tags: readonly string[]): number[] {
  const seen = new Map<string, number>();
  return tags.map((t) => {
    const n = seen.get(t) ?? 0;
    seen.set(t, n + 1);
    return n;
  });
}

/** The place of a field (by index) in a record: tag and occurrence of that tag. */
export function placeOf(record: MarcRecord, field: number | 'leader' | undefined, subfield?: string, tags?: readonly string[]): Place {
  const place: Place = { ...record.place };
  const id = recordId(record);
  if (id !== undefined) place.recordId = id;
  if (field === 'leader') place.tag = LEADER;
  else if (field !== undefined) {
    const all = tags ?? record.tags;
    const tag = all[field];
    if (tag !== undefined) {
      place.tag = tag;
      let occurrence = 0;
      for (let i = 0; i < field; i++) if (all[i] === tag) occurrence++;
      place.occurrence = occurrence;
    }
  }
  if (subfield !== undefined) place.subfield = subfield;
  return place;
}

/** A fix whose every edit leaves things as they are would loop forever; it is ignored. */
function isNoop(fix: Fix, leader: string, fields: readonly Field[]): boolean {
  return fix.every((e) => {
    if (e.op === 'leader') return e.with === leader;
    if (e.op === 'replace') return fields[e.field] !== undefined && fieldsEqual(fields[e.field]!, e.with);
    return false;
  });
}
