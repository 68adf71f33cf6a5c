import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Linter, RULES } from '../src/index.js';
import { rulesMarkdown } from '../../../scripts/gen-rules-doc.js';
import { lintRecords, parseMrkRecords, toMrk } from './rule-tester.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const docsDir = join(root, 'docs/rules');

/** The ```mrk blocks under a `## <heading>` of a rule's page. */
function blocks(markdown: string, heading: string): string[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith(heading + '\n'));
  if (!section) return [];
  return [...section.matchAll(/```mrk\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

const FLAVOUR_NAMES = { marc21: 'MARC21', unimarc: 'UNIMARC' } as const;

describe('every rule has its docs page and its tests, and the page examples hold', () => {
  it('has no page or test without a rule', () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    const pages = readdirSync(docsDir).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.slice(0, -3));
    expect(pages.filter((p) => !ids.has(p))).toEqual([]);
    const tests = readdirSync(join(root, 'packages/clean/test/rules')).map((f) => f.replace(/\.test\.ts$/, ''));
    expect(tests.filter((t) => !ids.has(t))).toEqual([]);
  });

  it('has docs/rules/README.md up to date (run: tsx scripts/gen-rules-doc.ts)', () => {
    expect(readFileSync(join(docsDir, 'README.md'), 'utf8')).toBe(rulesMarkdown());
  });

  for (const rule of RULES) {
    describe(rule.meta.id, () => {
      const page = join(docsDir, `${rule.meta.id}.md`);
      it('has docs/rules/<id>.md and packages/clean/test/rules/<id>.test.ts', () => {
        expect(existsSync(page), `${page} is missing`).toBe(true);
        expect(existsSync(join(root, 'packages/clean/test/rules', `${rule.meta.id}.test.ts`))).toBe(true);
      });
      if (!existsSync(page)) return;
      const md = readFileSync(page, 'utf8');
      it('states the meta as the code has it', () => {
        expect(md.startsWith(`# ${rule.meta.id}\n\n${rule.meta.description}\n`)).toBe(true);
        const flavours = rule.meta.flavours.map((f) => FLAVOUR_NAMES[f]).join(', ');
        expect(md).toContain(`| ${rule.meta.family} | ${rule.meta.severity} | ${rule.meta.fixable ? 'yes' : 'no'} | ${flavours} |`);
      });
      it('reports the Bad example and nothing in the Good one', async () => {
        const bad = blocks(md, 'Bad');
        const good = blocks(md, 'Good');
        expect(bad.length, 'a ## Bad example').toBeGreaterThan(0);
        expect(good.length, 'a ## Good example').toBeGreaterThan(0);
        for (const b of bad) expect((await lintRecords(rule, b)).length).toBeGreaterThan(0);
        for (const g of good) expect((await lintRecords(rule, g)).map((f) => f.message)).toEqual([]);
      });
      if (rule.meta.fixable) {
        it('fixes the Bad example into the Fixed one', async () => {
          const bad = blocks(md, 'Bad');
          const fixed = blocks(md, 'Fixed');
          expect(fixed.length, 'a fixable rule needs a ## Fixed example').toBe(bad.length);
          const linter = new Linter([{ rule, severity: rule.meta.severity, options: rule.meta.options.parse({}) }]);
          for (const [i, b] of bad.entries()) {
            const got = (await parseMrkRecords(b)).map((r) => toMrk(linter.fix(r).record));
            const want = (await parseMrkRecords(fixed[i]!)).map(toMrk);
            expect(got).toEqual(want);
          }
        });
      }
    });
  }
});
