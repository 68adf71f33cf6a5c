import type { Field } from '@kitap/marc';
import type { FieldEdit, Fix } from './rule.js';

/** An edit as it was applied: positions before (`index`) and after (`newIndex`) the pass. */
export interface AppliedEdit {
  op: FieldEdit['op'];
  /** Position in the field list before the pass (replace, remove). */
  index?: number;
  /** Position in the field list after the pass (replace, insert). */
  newIndex?: number;
  tag: string;
  before: Field | string | null;
  after: Field | string | null;
}

function touches(edit: FieldEdit): string {
  switch (edit.op) {
    case 'replace':
    case 'remove':
      return `f${edit.field}`;
    case 'insert':
      return `i${edit.at}`;
    case 'leader':
      return 'L';
  }
}

/** The fixes that do not overlap an earlier one (ESLint's rule: the first fix on a field wins, the rest wait for the next pass). */
export function nonOverlapping<T extends { fix: Fix }>(candidates: readonly T[]): T[] {
  const taken = new Set<string>();
  const chosen: T[] = [];
  for (const c of candidates) {
    const keys = c.fix.map(touches);
    if (keys.some((k) => taken.has(k)) || new Set(keys).size !== keys.length) continue;
    for (const k of keys) taken.add(k);
    chosen.push(c);
  }
  return chosen;
}

/**
 * Applies non-overlapping fixes to a field list at once and returns the new
 * list and, per fix, the edits as applied (with positions before and after).
 */
export function applyFixes(leader: string, fields: readonly Field[], fixes: readonly Fix[]): { leader: string; fields: Field[]; applied: AppliedEdit[][] } {
  const replaced = new Map<number, { fix: number; edit: AppliedEdit; with: Field }>();
  const removed = new Map<number, AppliedEdit>();
  const inserts = new Map<number, { edit: AppliedEdit; with: Field }[]>();
  const applied: AppliedEdit[][] = fixes.map(() => []);
  let newLeader = leader;
  fixes.forEach((fix, n) => {
    for (const e of fix) {
      if (e.op === 'leader') {
        applied[n]!.push({ op: 'leader', tag: 'LDR', before: newLeader, after: e.with });
        newLeader = e.with;
      } else if (e.op === 'replace') {
        const edit: AppliedEdit = { op: 'replace', index: e.field, tag: e.with.tag, before: fields[e.field]!, after: e.with };
        replaced.set(e.field, { fix: n, edit, with: e.with });
        applied[n]!.push(edit);
      } else if (e.op === 'remove') {
        const before = fields[e.field]!;
        const edit: AppliedEdit = { op: 'remove', index: e.field, tag: before.tag, before, after: null };
        removed.set(e.field, edit);
        applied[n]!.push(edit);
      } else {
        const edit: AppliedEdit = { op: 'insert', tag: e.with.tag, before: null, after: e.with };
        const list = inserts.get(e.at) ?? [];
        list.push({ edit, with: e.with });
        inserts.set(e.at, list);
        applied[n]!.push(edit);
      }
    }
  });
  const out: Field[] = [];
  const insertAt = (i: number): void => {
    for (const ins of inserts.get(i) ?? []) {
      ins.edit.newIndex = out.length;
      out.push(ins.with);
    }
  };
  for (let i = 0; i < fields.length; i++) {
    insertAt(i);
    if (removed.has(i)) continue;
    const r = replaced.get(i);
    if (r) {
      r.edit.newIndex = out.length;
      out.push(r.with);
    } else out.push(fields[i]!);
  }
  insertAt(fields.length);
  return { leader: newLeader, fields: out, applied };
}

/**
 * Undoes one pass: from the field list after it and its applied edits, the
 * list before it. Throws when the list does not hold what the edits left
 * (the file was changed after the fix).
 */
export function revertPass(leader: string, fields: readonly Field[], edits: readonly AppliedEdit[], same: (a: Field, b: Field) => boolean): { leader: string; fields: Field[] } {
  let oldLeader = leader;
  const dropped = new Set<number>();
  const restored = new Map<number, Field>();
  const reinserted: { index: number; field: Field }[] = [];
  for (const e of [...edits].reverse()) {
    if (e.op === 'leader') {
      if (oldLeader !== e.after) throw new Error(`the leader is ${JSON.stringify(oldLeader)}, the journal expects ${JSON.stringify(e.after)}`);
      oldLeader = e.before as string;
    } else if (e.op === 'insert') {
      check(e.newIndex!, e.after as Field);
      dropped.add(e.newIndex!);
    } else if (e.op === 'replace') {
      check(e.newIndex!, e.after as Field);
      restored.set(e.newIndex!, e.before as Field);
    } else reinserted.push({ index: e.index!, field: e.before as Field });
  }
  const out: Field[] = [];
  fields.forEach((f, i) => {
    if (!dropped.has(i)) out.push(restored.get(i) ?? f);
  });
  for (const r of reinserted.sort((a, b) => a.index - b.index)) out.splice(r.index, 0, r.field);
  return { leader: oldLeader, fields: out };

  function check(i: number, expected: Field): void {
    const actual = fields[i];
    if (!actual || !same(actual, expected)) throw new Error(`field ${i + 1} (${actual?.tag ?? 'missing'}) is not what the journal says the fix left (${expected.tag})`);
  }
}
