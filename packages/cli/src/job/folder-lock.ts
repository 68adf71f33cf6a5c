import { closeSync, mkdirSync, openSync, readFileSync, rmSync, rmdirSync, statSync, writeSync } from 'node:fs';
import { KitapError } from '@kitap/core';

/**
 * What tells a process apart from a later one with the same id (after a reboot, or ids wrapping
 * round): the boot's id and the process's start time, on Linux; undefined where /proc is not there.
 */
export function processIdentity(pid: number): string | undefined {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (2nd field) is in parentheses and may hold spaces: fields are counted after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[19];
    return start === undefined ? undefined : `${boot}:${start}`;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Holder {
  pid: number;
  identity: string | undefined;
}

function readHolder(path: string): Holder | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const [pid, identity] = text.split('\n');
  return { pid: Number(pid), identity: identity === undefined || identity === '' ? undefined : identity };
}

/** Whether the process that wrote a lock still runs: its id is alive and, where it can be told, it is the same process. */
function holderAlive(holder: Holder): boolean {
  if (!Number.isInteger(holder.pid) || holder.pid <= 0 || !alive(holder.pid)) return false;
  if (holder.identity === undefined) return true;
  const now = processIdentity(holder.pid);
  return now === undefined || now === holder.identity;
}

/** A takeover guard older than this was left by a process that died taking over (a takeover takes microseconds). */
const GUARD_STALE_MS = 10_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * One `kitap migrate` at a time per folder (`<dir>/migrate.lock`), one `kitap harvest` per output
 * (`<out>.harvest.lock`): the lock holds the
 * running job's pid (and, on Linux, what tells that process apart from a
 * later one with the same pid). A lock left by a killed run — its process is
 * gone, or its pid now belongs to another process — is taken over. Taking
 * over is guarded by a directory made atomically (`<lock>.takeover`),
 * so of several runs that find the same stale lock only one takes it.
 * Returns the function that releases the lock (only while it is still ours).
 */
export function lockFolder(path: string, who = 'kitap migrate', where = 'in this folder'): () => void {
  const mine = `${process.pid}\n${processIdentity(process.pid) ?? ''}\n`;
  const guard = `${path}.takeover`;
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, mine);
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, 'utf8') === mine) rmSync(path, { force: true });
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    if (holder === undefined) continue; // removed in the meantime: try again
    if (holder.pid !== process.pid && holderAlive(holder)) {
      throw new KitapError('E_USAGE', `another ${who} (process ${holder.pid}) is working ${where}; wait for it or stop it first`, { file: path });
    }
    // A stale lock: taken over by whoever makes the guard; the others wait and look again.
    try {
      mkdirSync(guard);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS) rmdirSync(guard);
      } catch {
        // Gone already.
      }
      sleep(5);
      continue;
    }
    try {
      const again = readHolder(path);
      if (again !== undefined && again.pid === holder.pid && again.identity === holder.identity) rmSync(path, { force: true });
    } finally {
      rmdirSync(guard);
    }
  }
  throw new KitapError('E_OUTPUT', 'cannot take the folder lock', { file: path });
}
