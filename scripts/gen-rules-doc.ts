// Writes docs/rules/README.md (the index of lint rules) from the rules' meta.
// A test checks the committed page is up to date: run `tsx scripts/gen-rules-doc.ts` after adding a rule.
import { writeFileSync } from 'node:fs';
import { PROFILES, RULES } from '../packages/clean/src/index.js';

const FLAVOURS = { marc21: 'MARC21', unimarc: 'UNIMARC' } as const;

export function rulesMarkdown(): string {
  const rows = RULES.map(
    (r) => `| [${r.meta.id}](${r.meta.id}.md) | ${r.meta.family} | ${r.meta.severity} | ${r.meta.fixable ? 'yes' : 'no'} | ${r.meta.flavours.map((f) => FLAVOURS[f]).join(', ')} | ${r.meta.description} |`,
  );
  const profiles = Object.values(PROFILES).map((p) => `- \`${p.name}\`: ${p.description}`);
  return [
    '# Rules of `kitap lint` and `kitap fix`',
    '',
    'Each rule has its own page: why it exists, its options, and examples that run',
    'as tests. Fixable rules are repaired by `kitap fix` (every change goes to the',
    'journal); the others need a person. Severities are the defaults; a profile or',
    '`kitap.config.json` changes them (see [lint](../lint.md)).',
    '',
    `${RULES.length} rules, ${RULES.filter((r) => r.meta.fixable).length} of them fixable.`,
    '',
    '| rule | family | severity | fixable | flavours | what it checks |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    '## Profiles',
    '',
    ...profiles,
    '',
    'Generated from the rules\' `meta` by `tsx scripts/gen-rules-doc.ts`.',
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../docs/rules/README.md', import.meta.url), rulesMarkdown());
}
