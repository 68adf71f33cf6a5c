import type { Finding, Place, Severity } from '@kitap/core';
import { type Field, MarcRecord, detectFlavour, fieldsEqual } from '@kitap/marc';
import type { KeyIndex } from '@kitap/store';
import { type AppliedEdit, applyFixes, nonOverlapping } from './apply-fixes.js';
import { type CrossRecordData, CrossRecords } from './cross-records.js';
import { formatMessage } from './message.js';
import { recordId, recordTitle } from './record-label.js';
import type { CrossRecordRule, Fix, RecordRule, Rule, RuleContext, RuleFlavour, RuleReport } from './rule.js';

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

/** A record rule as the engine calls it: its severity and its context (made once, shared by every call). */
interface RunningRule {
  rule: RecordRule;
  severity: Severity;
  context: RuleContext<unknown>;
}

const LEADER = 'LDR';

/**
 * Runs rules over records. A rule only reports; the engine builds findings
 * with their places, applies non-overlapping fixes pass after pass until
 * nothing changes (at most 10 passes), and keeps every applied edit.
 */
export class Linter {
  /** The record rules that check each flavour, in rule order, with the context they are called with. */
  readonly #record: Readonly<Record<RuleFlavour, readonly RunningRule[]>>;
  /** The fixable ones among them. */
  readonly #fixers: Readonly<Record<RuleFlavour, readonly RunningRule[]>>;
  readonly #cross: CrossRecords;
  readonly #defaultFlavour: RuleFlavour;

  constructor(active: readonly ActiveRule[], defaultFlavour: RuleFlavour = 'marc21') {
    const running = (flavour: RuleFlavour): RunningRule[] =>
      active.flatMap((a) => (a.rule.kind === 'record' && a.rule.meta.flavours.includes(flavour) ? [{ rule: a.rule, severity: a.severity, context: { flavour, options: a.options } }] : []));
    this.#record = { marc21: running('marc21'), unimarc: running('unimarc') };
    this.#fixers = { marc21: this.#record.marc21.filter((r) => r.rule.meta.fixable), unimarc: this.#record.unimarc.filter((r) => r.rule.meta.fixable) };
    this.#cross = new CrossRecords(active.filter((a) => a.rule.kind === 'cross').map((a) => ({ active: a, rule: a.rule as CrossRecordRule })));
    this.#defaultFlavour = defaultFlavour;
  }

  get hasCrossRecordRules(): boolean {
    return this.#cross.size > 0;
  }

  flavourOf(record: MarcRecord): RuleFlavour {
    const f = detectFlavour(record);
    return f === 'unknown' ? this.#defaultFlavour : f;
  }

  /** Findings of the record rules for one record, in rule order. */
  lint(record: MarcRecord, flavour = this.flavourOf(record)): Finding[] {
    const findings: Finding[] = [];
    let label: string | undefined | null = null;
    const rules = this.#record[flavour];
    for (let r = 0; r < rules.length; r++) {
      const { rule, severity, context } = rules[r]!;
      const reports = rule.check(record, context);
      for (let i = 0; i < reports.length; i++) {
        label ??= recordTitle(record, flavour);
        findings.push(this.#finding(record, rule, severity, reports[i]!, label));
      }
    }
    return findings;
  }

  /** Applies the fixable rules' fixes until the record settles. */
  fix(record: MarcRecord, flavour = this.flavourOf(record)): FixResult {
    const fixers = this.#fixers[flavour];
    let leader = record.leader.value;
    let fields: readonly Field[] = fixers.length ? record.fields : [];
    let current = record;
    const changes: Change[] = [];
    let pass = 0;
    let unsettled = false;
    while (fixers.length) {
      const candidates: { rule: RecordRule; report: RuleReport; fix: Fix }[] = [];
      for (let r = 0; r < fixers.length; r++) {
        const { rule, context } = fixers[r]!;
        const reports = rule.check(current, context);
        for (let i = 0; i < reports.length; i++) {
          const report = reports[i]!;
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
    if (this.#cross.size > 0) this.#cross.collect(record, index, flavour);
  }

  /**
   * The cross-record rules' keys and words of one record as plain data, for a key index fed
   * elsewhere (`IndexBatch.record`); undefined when there are none.
   */
  crossRecordData(record: MarcRecord, flavour = this.flavourOf(record)): CrossRecordData | undefined {
    return this.#cross.size > 0 ? this.#cross.prepare(record, flavour) : undefined;
  }

  /** Findings of the cross-record rules, once every record has been collected. */
  crossFindings(index: KeyIndex): Generator<Finding> {
    return this.#cross.findings(index);
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
