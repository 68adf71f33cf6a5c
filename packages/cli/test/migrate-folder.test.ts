import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockFolder, processIdentity } from '../src/job/folder-lock.js';
import { removeStaleTempFiles } from '@kitap/core';
import { ROOT, runCli, tempDir } from './helpers.js';

describe('the migration folder', () => {
  it('lets one kitap migrate work in it at a time, and takes over the lock of a killed one', async () => {
    const dir = tempDir();
    const lock = join(dir, 'migrate.lock');
    const release = lockFolder(lock);
    expect(readFileSync(lock, 'utf8').split('\n')[0]).toBe(String(process.pid));
    release();
    expect(existsSync(lock)).toBe(false);

    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(lock, `${other.pid}\n`);
      expect(() => lockFolder(lock)).toThrow(/another kitap migrate \(process \d+\) is working in this folder/);
    } finally {
      other.kill('SIGKILL');
      await new Promise((r) => other.on('exit', r));
    }
    // Its process is gone now: the lock is stale and is taken over.
    const again = lockFolder(lock);
    expect(readFileSync(lock, 'utf8').split('\n')[0]).toBe(String(process.pid));
    again();
  });

  it.runIf(processIdentity(process.pid) !== undefined)('takes over a lock whose process id now belongs to another process (after a reboot), not one whose process still runs', async () => {
    const lock = join(tempDir(), 'migrate.lock');
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await new Promise((r) => setTimeout(r, 50));
      writeFileSync(lock, `${other.pid}\n${processIdentity(other.pid!)}\n`);
      expect(() => lockFolder(lock)).toThrow(/another kitap migrate/);
      // The same process id, written by a process of an earlier boot: not this one.
      writeFileSync(lock, `${other.pid}\n00000000-0000-0000-0000-000000000000:1\n`);
      const release = lockFolder(lock);
      expect(readFileSync(lock, 'utf8').split('\n')[0]).toBe(String(process.pid));
      release();
      expect(existsSync(lock)).toBe(false);
    } finally {
      other.kill('SIGKILL');
      await new Promise((r) => other.on('exit', r));
    }
  });

  it('releases only a lock that is still its own', () => {
    const lock = join(tempDir(), 'migrate.lock');
    const release = lockFolder(lock);
    writeFileSync(lock, '12345\n');
    release();
    expect(readFileSync(lock, 'utf8')).toBe('12345\n');
  });

  it('removes the temporary files a killed run left, and nothing else', () => {
    // Process ids above any kernel's pid_max (4,194,304 at most), so surely not running (a low one
    // such as 77 can be a kernel thread on the machine that runs the tests).
    const dir = tempDir();
    mkdirSync(join(dir, 'work', 'convert'), { recursive: true });
    writeFileSync(join(dir, 'work', 'convert', '.catalog.mrc.4194999.0a1b2c3d.tmp'), 'half');
    writeFileSync(join(dir, 'work', 'convert', 'catalog.mrc'), 'whole');
    writeFileSync(join(dir, '.ledger.json.4194998.deadbeef.tmp'), '{');
    writeFileSync(join(dir, '.hidden-but-mine'), 'keep');
    expect(removeStaleTempFiles(dir)).toBe(2);
    expect(existsSync(join(dir, 'work', 'convert', 'catalog.mrc'))).toBe(true);
    expect(existsSync(join(dir, '.hidden-but-mine'))).toBe(true);
    expect(existsSync(join(dir, 'work', 'convert', '.catalog.mrc.4194999.0a1b2c3d.tmp'))).toBe(false);
  });

  it('says plainly when --catalog or --inventory is a folder, or the catalog is not MARC, before any stage', async () => {
    const dir = tempDir();
    const inventory = join(ROOT, 'fixtures/sample/migration/inventory-1c.csv');
    const folder = await runCli(['migrate', '--catalog', dir, '--inventory', inventory, '--out', join(dir, 'out')]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/E_INPUT at .*: the catalog \(--catalog\) is a folder; give the file/);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'a list of books, not MARC\n');
    const notMarc = await runCli(['migrate', '--catalog', text, '--inventory', inventory, '--out', join(dir, 'out2')]);
    expect(notMarc.code).toBe(2);
    expect(notMarc.stderr).toMatch(/the catalog \(--catalog\) is not a MARC file kitap recognises/);
    expect(notMarc.stderr).not.toContain('give --from');
  }, 60_000);
});
