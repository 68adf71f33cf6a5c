import { type Field, controlField, dataField, fieldsEqual, subfields } from '@kitap/marc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Fix, Linter, MAX_PASSES, applyFixes, defineRule, nonOverlapping, resolveRules, revertPass } from '../src/index.js';
import { parseMrk } from './rule-tester.js';

const field = (tag: string, value: string): Field => (tag < '010' ? controlField(tag, value) : dataField(tag, ' ', ' ', subfields('a', value)));

describe('applying fixes', () => {
  it('applies replace, remove and insert edits against the list the rule saw, and reverts them', () => {
    const fields = [field('001', 'x'), field('245', 'Абай жолы'), field('500', 'note'), field('650', 'Қазақ әдебиеті')];
    const fixes: Fix[] = [
      [{ op: 'replace', field: 1, with: field('245', 'Абай жолы.') }],
      [{ op: 'remove', field: 2 }],
      [{ op: 'insert', at: 3, with: field('600', 'Абай') }],
      [{ op: 'leader', with: '00000cam a2200000 i 4500' }],
    ];
    const result = applyFixes('00000nam a2200000 i 4500', fields, fixes);
    expect(result.fields.map((f) => f.tag)).toEqual(['001', '245', '600', '650']);
    expect(result.leader).toBe('00000cam a2200000 i 4500');
    const back = revertPass(result.leader, result.fields, result.applied.flat(), fieldsEqual);
    expect(back.leader).toBe('00000nam a2200000 i 4500');
    expect(back.fields).toEqual(fields);
  });

  it('defers a fix that touches a field an earlier fix already changes (ESLint’s rule)', () => {
    const a = { fix: [{ op: 'replace', field: 1, with: field('245', 'a') }] as Fix };
    const b = { fix: [{ op: 'remove', field: 1 }] as Fix };
    const c = { fix: [{ op: 'replace', field: 2, with: field('500', 'c') }] as Fix };
    expect(nonOverlapping([a, b, c])).toEqual([a, c]);
  });

  it('reverts any set of non-overlapping edits exactly (property)', () => {
    const tags = fc.constantFrom('020', '245', '260', '300', '500', '650', '700', '949');
    fc.assert(
      fc.property(fc.array(fc.tuple(tags, fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 12 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom('replace', 'remove', 'insert'), fc.string({ maxLength: 4 })), { maxLength: 10 }), (raw, edits) => {
        const fields = raw.map(([t, v]) => field(t, v));
        const fixes: Fix[] = edits.map(([n, op, v]) => {
          const i = n % (fields.length + (op === 'insert' ? 1 : 0));
          if (op === 'replace') return [{ op, field: i % fields.length, with: field('999', v) }];
          if (op === 'remove') return [{ op, field: i % fields.length }];
          return [{ op: 'insert', at: i, with: field('998', v) }];
        });
        const chosen = nonOverlapping(fixes.map((fix) => ({ fix }))).map((c) => c.fix);
        const result = applyFixes('L'.repeat(24), fields, chosen);
        const back = revertPass(result.leader, result.fields, result.applied.flat(), fieldsEqual);
        expect(back.fields).toEqual(fields);
      }),
      { seed: 20261126, numRuns: 500 },
    );
  });
});

describe('the fix loop', () => {
  it('stops after MAX_PASSES when a rule never settles, and says so', async () => {
    const restless = defineRule({
      meta: { id: 'restless', family: 'text', description: 'Always wants one more exclamation mark.', severity: 'info', fixable: true, flavours: ['marc21'], options: z.object({}), messages: { more: 'More' } },
      check(record) {
        const i = record.fields.findIndex((f) => f.tag === '500');
        const f = record.fields[i];
        if (!f || f.kind !== 'data') return [];
        return [{ messageId: 'more', field: i, fix: [{ op: 'replace', field: i, with: { ...f, subfields: [{ code: 'a', value: f.subfields[0]!.value + '!' }] } }] }];
      },
    });
    const linter = new Linter([{ rule: restless, severity: 'info', options: {} }]);
    const result = linter.fix(await parseMrk('=245  10$aТест\n=500  \\\\$aЕщё'));
    expect(result.passes).toBe(MAX_PASSES);
    expect(result.unsettled).toBe(true);
    expect(result.changes).toHaveLength(MAX_PASSES);
  });

  it('returns the very same record object when nothing changes, so its raw bytes are written back', async () => {
    const { rules } = resolveRules({}, ['subfield-whitespace']);
    const record = await parseMrk('=245  10$aАбай жолы');
    expect(new Linter(rules).fix(record).record).toBe(record);
  });

  it('rejects an unknown message id from a rule loudly (a bug in the rule, not in the data)', async () => {
    const broken = defineRule({
      meta: { id: 'broken', family: 'text', description: 'Reports a message it does not declare.', severity: 'info', fixable: false, flavours: ['marc21'], options: z.object({}), messages: { known: 'Known' } },
      check: () => [{ messageId: 'unknown' }],
    });
    const linter = new Linter([{ rule: broken, severity: 'info', options: {} }]);
    await expect(parseMrk('=245  10$aX').then((r) => linter.lint(r))).rejects.toThrow(/unknown message id "unknown"/);
  });
});

describe('profiles and config', () => {
  it('runs every rule of the customer profile with its default severity', () => {
    const { profile, rules } = resolveRules({});
    expect(profile.name).toBe('kazakh-public-library');
    expect(rules.length).toBeGreaterThanOrEqual(3);
  });

  it('turns rules off, changes severities and validates options with the rule’s schema', () => {
    const { rules } = resolveRules({ rules: { 'subfield-whitespace': 'off', 'isbn-checksum': { severity: 'warning' } } });
    expect(rules.find((r) => r.rule.meta.id === 'subfield-whitespace')).toBeUndefined();
    expect(rules.find((r) => r.rule.meta.id === 'isbn-checksum')?.severity).toBe('warning');
    expect(() => resolveRules({ rules: { 'inventory-number-unique': { options: { layouts: ['999'] } } } })).toThrow(/options of rule "inventory-number-unique": layouts.0/);
    expect(() => resolveRules({ profile: 'koha' })).toThrow(/unknown profile "koha"/);
  });
});
