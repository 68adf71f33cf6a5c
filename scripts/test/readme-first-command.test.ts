import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The README's first command: the line after «# 1.» in its «Two commands» block. */
function firstCommand(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = readme.slice(readme.indexOf('## Two commands'));
  const match = /# 1\.[^\n]*\n([^\n]+)\n/.exec(block);
  if (!match) throw new Error('README has no «# 1.» command');
  return match[1]!.trim();
}

/**
 * The README promises that its first command, on a fresh clone, installs,
 * builds and runs the main job on the bundled sample. This runs it, word for
 * word, in a copy of the project's files (what `git ls-files` names: no
 * node_modules, no dist, no out), as a new user would.
 */
describe("the README's first command", () => {
  const copy = mkdtempSync(join(tmpdir(), 'kitap-readme-'));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('installs, builds and migrates the bundled sample in a fresh copy, and says where the report is', () => {
    const command = firstCommand();
    expect(command).toContain('demo');
    const tracked = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const file of tracked) {
      if (!existsSync(join(ROOT, file))) continue;
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(ROOT, file), join(copy, file));
    }
    expect(existsSync(join(copy, 'node_modules'))).toBe(false);
    const run = spawnSync('sh', ['-c', command], { cwd: copy, encoding: 'utf8', env: { ...process.env, KITAP_NO_PROGRESS: '1', npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' } });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stderr).toContain(`Open the report: ${join(copy, 'out/migration/report.html')}`);
    const ledger = JSON.parse(readFileSync(join(copy, 'out/migration/ledger.json'), 'utf8')) as { balanced: boolean };
    expect(ledger.balanced).toBe(true);
    for (const f of ['records.mrc', 'web-rabis.jsonl', 'report.html', 'report.xlsx', 'review.xlsx', 'journal.jsonl']) expect(existsSync(join(copy, 'out/migration', f)), f).toBe(true);
  }, 600_000);
});
