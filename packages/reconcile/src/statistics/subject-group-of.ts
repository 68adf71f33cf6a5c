import { bbkClass, udcClass } from './classification-index.js';
import type { SubjectGroup } from './subject-group.js';
import { DEFAULT_SUBJECT_RULES, type SubjectRules } from './subject-rules.js';

/**
 * How a copy's subject group was decided, for auditors who ask "why is this
 * book in ЕН?". `by: 'bbk'` or `'udc'`: the first usable index of that kind
 * decided — by the rule at position `rule` (0-based, in the resolved mapping)
 * whose prefix `prefix` matched, or, when `rule` is absent, because no rule
 * claims the class and it falls to ОПЛ. `by: 'none'`: the record has no
 * usable BBK or UDC index, so the copy is counted in ОПЛ.
 */
export interface SubjectHow {
  by: 'bbk' | 'udc' | 'none';
  /** The index as written in the record. */
  index?: string;
  /** The class number compared with the prefixes (BBK without periods, UDC with them). */
  key?: string;
  /** Position of the deciding rule in the mapping. */
  rule?: number;
  /** The deciding rule's prefix as written in the mapping. */
  prefix?: string;
}

/** A subject group and how it was decided. */
export interface SubjectDecision {
  group: SubjectGroup;
  how: SubjectHow;
}

/** The classification of a copy's record: BBK indexes and UDC notations as written, first the main one. */
export interface ClassificationFacts {
  bbk?: readonly string[];
  udc?: readonly string[];
}

interface Matcher {
  /** BBK: main without periods; UDC: main with periods. */
  key: string;
  /** Length that decides which prefix is the longest: digits (and a letter) of the key. */
  weight: number;
  /** UDC only: the notation needs a form subdivision. */
  form: boolean;
  rule: number;
  prefix: string;
  group: SubjectGroup;
}

interface CompiledRules {
  bbk: Matcher[];
  udc: Matcher[];
}

const compiled = new WeakMap<SubjectRules, CompiledRules>();

/** Longest first; a UDC prefix that needs a form subdivision before a plain one of the same length; then mapping order. */
function byPrecedence(a: Matcher, b: Matcher): number {
  return b.weight - a.weight || Number(b.form) - Number(a.form) || a.rule - b.rule;
}

function compile(rules: SubjectRules): CompiledRules {
  let done = compiled.get(rules);
  if (done) return done;
  const bbk: Matcher[] = [];
  const udc: Matcher[] = [];
  rules.forEach((rule, position) => {
    for (const prefix of rule.bbk ?? []) {
      const cls = bbkClass(prefix);
      if (cls) bbk.push({ key: cls.main, weight: cls.main.length, form: false, rule: position, prefix, group: rule.group });
    }
    for (const prefix of rule.udc ?? []) {
      const form = prefix.trim().endsWith('-');
      const cls = udcClass(form ? prefix.trim().slice(0, -1) : prefix);
      if (cls) udc.push({ key: cls.main, weight: cls.main.replaceAll('.', '').length, form, rule: position, prefix, group: rule.group });
    }
  });
  done = { bbk: bbk.sort(byPrecedence), udc: udc.sort(byPrecedence) };
  compiled.set(rules, done);
  return done;
}

function decided(by: 'bbk' | 'udc', index: string, key: string, matcher: Matcher | undefined): SubjectDecision {
  if (!matcher) return { group: 'opl', how: { by, index, key } };
  return { group: matcher.group, how: { by, index, key, rule: matcher.rule, prefix: matcher.prefix } };
}

/**
 * The subject group of a copy from its record's classification: the first
 * usable BBK index decides (the longest matching prefix of the mapping; ОПЛ
 * when none matches); a record without one is decided by its first usable
 * UDC notation the same way; a record with neither is ОПЛ. Indexes are read
 * as catalogs write them (see `bbkClass`, `udcClass`): `84(5Каз)-44` →
 * fiction, `81.2Каз-2` → philology, `63.3(5Каз)` → ОПЛ, `821.512.122-31` →
 * fiction, `94(574)` → ОПЛ.
 */
export function subjectGroupOf(facts: ClassificationFacts, rules: SubjectRules = DEFAULT_SUBJECT_RULES): SubjectDecision {
  const { bbk, udc } = compile(rules);
  for (const index of facts.bbk ?? []) {
    const cls = bbkClass(index);
    if (!cls) continue;
    return decided('bbk', index, cls.main, bbk.find((m) => cls.main.startsWith(m.key)));
  }
  for (const index of facts.udc ?? []) {
    const cls = udcClass(index);
    if (!cls) continue;
    return decided('udc', index, cls.main, udc.find((m) => (cls.form || !m.form) && cls.main.startsWith(m.key)));
  }
  return { group: 'opl', how: { by: 'none' } };
}
