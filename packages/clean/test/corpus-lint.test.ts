import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readIso2709All } from '@kitap/marc';
import { KeyIndex } from '@kitap/store';
import { describe, expect, it } from 'vitest';
import { Linter, resolveRules } from '../src/index.js';

/*
 * Regression: `kitap lint` of Catmandu-MARC's bu_bibs.mrc (100 records) failed
 * with "This database connection is busy executing a query": its vocabulary
 * gives the probable-misprint rule more deletion keys than the key index
 * wrote in one batch, and the batch was written while the words were still
 * being read. The cross-record rules are run here the way `kitap lint` runs
 * them: every record into a key index, then the findings read from it.
 */

/** The shared real-world corpus, read-only, beside the project (absent on users' clones). */
const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const FILE = `${CORPUS}Catmandu-MARC/t/bu_bibs.mrc`;
const HAS_FILE = existsSync(FILE);
if (!HAS_FILE) console.warn(`${FILE} is absent: the corpus lint test is skipped`);

async function crossFindings(only?: string[]) {
  const { rules } = resolveRules({}, only);
  const linter = new Linter(rules);
  const index = new KeyIndex();
  try {
    for (const item of await readIso2709All(FILE, { file: FILE })) if (item.kind === 'record') linter.collect(item.record, index);
    return [...linter.crossFindings(index)];
  } finally {
    index.close();
  }
}

describe.skipIf(!HAS_FILE)('the cross-record rules on Catmandu-MARC/t/bu_bibs.mrc', () => {
  it('find the probable misprints without failing', async () => {
    const findings = await crossFindings(['probable-misprint']);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.ruleId).toBe('probable-misprint');
      expect(f.actual).toBeTypeOf('string');
      expect(f.expected).toBeTypeOf('string');
    }
  });

  it('run with every rule of the default profile', async () => {
    const findings = await crossFindings();
    expect(findings.filter((f) => f.ruleId === 'probable-misprint')).toEqual(await crossFindings(['probable-misprint']));
  });
});
