import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeStaleTempsOf } from '@kitap/core';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from './helpers.js';

/** Names in `dir` that start with `prefix`. */
const named = (dir: string, prefix: string): string[] => readdirSync(dir).filter((n) => n.startsWith(prefix));

async function until(test: () => boolean, ms = 20_000): Promise<void> {
  for (const start = Date.now(); !test(); ) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a run stopped by the user', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s removes lint\'s temporary report and key index, and exits %i', async (signal, code) => {
    const dir = tempDir();
    // Reading standard input that never ends keeps the run going until the signal.
    const child = spawn(process.execPath, [BIN, 'lint', '-', '--format', 'json', '-o', 'report.json'], { cwd: dir, env: { ...process.env, KITAP_NO_PROGRESS: '1' }, stdio: ['pipe', 'ignore', 'ignore'] });
    const index = `kitap-index-${child.pid}-`;
    await until(() => named(dir, '.report.json.').length > 0 && named(tmpdir(), index).length > 0);
    child.kill(signal);
    const status = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(status).toBe(code);
    expect(named(dir, '.report.json.')).toEqual([]);
    expect(existsSync(join(dir, 'report.json'))).toBe(false);
    expect(named(tmpdir(), index)).toEqual([]);
  });

  it('leaves temporary files of a killed run (SIGKILL) that the next run writing the same file removes', () => {
    const dir = tempDir();
    const target = join(dir, 'fixed.mrc');
    // The temporary file of a process that no longer runs (pid 2^22 + 1 is above Linux's limit), and one of this very process.
    const dead = join(dir, `.fixed.mrc.${2 ** 22 + 1}.0123abcd.tmp`);
    const mine = join(dir, `.fixed.mrc.${process.pid}.89abcdef.tmp`);
    const other = join(dir, `.other.mrc.${2 ** 22 + 1}.0123abcd.tmp`);
    for (const p of [dead, mine, other]) writeFileSync(p, 'partial');
    expect(removeStaleTempsOf(target)).toBe(1);
    expect([existsSync(dead), existsSync(mine), existsSync(other)]).toEqual([false, true, true]);
  });
});
