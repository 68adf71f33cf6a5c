/**
 * The dirty catalog (fixtures/lint/): one planted defect per rule of the
 * customer's profile, every family covered. Lint must find every planted
 * defect and nothing anywhere else; the clean twin must give no finding at
 * all; fix must repair every fixable plant and touch no other record.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../packages/core/src/index.js';
import { Linter, RULES, resolveRules } from '../../packages/clean/src/index.js';
import { type MarcRecord, readMrk } from '../../packages/marc/src/index.js';
import { KeyIndex } from '../../packages/store/src/index.js';
import { type Plant, buildLintFixtures } from '../fixtures/lint-fixtures.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const built = buildLintFixtures();

async function read(file: string): Promise<MarcRecord[]> {
  const out: MarcRecord[] = [];
  for await (const item of readMrk(join(root, 'fixtures/lint', file), { mode: 'strict', file })) {
    if (item.kind === 'record') out.push(item.record);
  }
  return out;
}

function lintAll(records: readonly MarcRecord[]): Finding[] {
  const { profile, rules } = resolveRules({ profile: 'kazakh-public-library' });
  const linter = new Linter(rules, profile.flavour);
  const index = new KeyIndex();
  try {
    const findings = records.flatMap((r) => {
      linter.collect(r, index);
      return linter.lint(r);
    });
    return [...findings, ...linter.crossFindings(index)];
  } finally {
    index.close();
  }
}

const plants = JSON.parse(readFileSync(join(root, 'fixtures/lint/planted.json'), 'utf8')) as Plant[];

describe('fixtures/lint', () => {
  it('is what scripts/fixtures/lint-fixtures.ts generates (run pnpm fixtures after changing it)', () => {
    for (const f of built.files) expect(readFileSync(join(root, 'fixtures', f.path)).equals(Buffer.from(f.bytes)), f.path).toBe(true);
  });

  it('plants a defect for every rule of the kazakh-public-library profile, in every family', () => {
    const { rules } = resolveRules({ profile: 'kazakh-public-library' });
    expect(plants.map((p) => p.rule).sort()).toEqual(rules.map((r) => r.rule.meta.id).sort());
    expect(new Set(plants.map((p) => p.family))).toEqual(new Set(RULES.map((r) => r.meta.family)));
    expect(new Set(plants.map((p) => p.index)).size).toBe(plants.length);
  });

  it('gives no finding at all on the clean catalog (Kazakh and Russian, MARC21 and RUSMARC)', async () => {
    const clean = await read('clean.mrk');
    expect(clean).toHaveLength(94);
    expect(lintAll(clean).map((f) => `${(f.place.index ?? 0) + 1} ${f.ruleId}: ${f.message}`)).toEqual([]);
  });

  it('finds every planted defect in the dirty catalog, and nothing in records without one', async () => {
    const findings = lintAll(await read('dirty.mrk'));
    const missed = plants.filter((p) => !findings.some((f) => f.place.index === p.index && f.ruleId === p.rule));
    expect(missed.map((p) => `record ${p.index + 1}: ${p.rule} (${p.what})`)).toEqual([]);
    const planted = new Set(plants.map((p) => p.index));
    expect(findings.filter((f) => !planted.has(f.place.index ?? -1)).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  });

  it('fixes every fixable planted defect, touching no other record, and settles', async () => {
    const { profile, rules } = resolveRules({ profile: 'kazakh-public-library' });
    const linter = new Linter(rules, profile.flavour);
    const fixable = new Set(rules.filter((r) => r.rule.meta.fixable).map((r) => r.rule.meta.id));
    const dirty = await read('dirty.mrk');
    const planted = new Map(plants.map((p) => [p.index, p]));
    const fixed = dirty.map((r, i) => {
      const result = linter.fix(r);
      expect(result.unsettled, `record ${i + 1} settles`).toBe(false);
      if (!planted.has(i)) expect(result.changes, `record ${i + 1} has no planted defect`).toEqual([]);
      return result.record;
    });
    for (const p of plants.filter((p) => fixable.has(p.rule))) {
      const after = linter.lint(fixed[p.index]!).filter((f) => f.ruleId === p.rule && f.fixable);
      expect(after.map((f) => f.message), `record ${p.index + 1}: ${p.rule} after fix`).toEqual([]);
    }
  });
});
