// Writes docs/codes.md from the one list of codes in @kitap/core.
// A test checks the committed page is up to date.
import { writeFileSync } from 'node:fs';
import { CODES } from '../packages/core/src/index.js';

export function codesMarkdown(): string {
  const rows = Object.entries(CODES).map(([code, sentence]) => `| \`${code}\` | ${code.startsWith('W_') ? 'warning' : 'error'} | ${sentence} |`);
  return [
    '# Reject, warning and error codes',
    '',
    'Every reject file line, warning, report and CLI error carries one of these',
    'stable codes. `E_` codes are errors: in `strict` mode they stop the run, in',
    '`skip` mode the record goes to the rejects; in `lenient` mode a safe repair is',
    'applied (and the code is kept as a warning on the record) or, when no safe',
    'repair exists, the record goes to the rejects. `W_` codes are warnings: the',
    'record was read, and what was done is said in the message.',
    '',
    'Generated from `packages/core/src/codes.ts` by `tsx scripts/gen-codes-doc.ts`.',
    '',
    '| code | kind | meaning |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../docs/codes.md', import.meta.url), codesMarkdown());
}
