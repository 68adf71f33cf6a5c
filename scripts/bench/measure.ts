/**
 * Runs a command and measures its wall time and peak memory (max RSS): with
 * GNU time (`/usr/bin/time -v -o FILE`) when present, else by polling
 * /proc/<pid>/status for VmHWM while the process runs.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunResult {
  seconds: number;
  /** Peak resident set size in kilobytes, when it could be measured. */
  maxRssKb?: number;
  exitCode: number;
  /** The last lines of stderr, for messages when the command fails. */
  stderrTail: string;
  /** stdout, unless it went to a file. */
  stdout: string;
}

export interface RunOptions {
  cwd: string;
  /** Send stdout to this file (as a shell `>` would). */
  stdoutFile?: string;
  /** Measure max RSS. */
  memory?: boolean;
}

const GNU_TIME = '/usr/bin/time';

export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

/** "Maximum resident set size (kbytes): 123456" from `time -v`. */
export function parseGnuTimeRss(text: string): number | undefined {
  const match = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** "VmHWM:    123456 kB" from /proc/<pid>/status. */
export function parseVmHwm(status: string): number | undefined {
  const match = /^VmHWM:\s*(\d+)\s*kB/m.exec(status);
  return match ? Number(match[1]) : undefined;
}

let timeFileCounter = 0;

export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const useGnuTime = options.memory === true && hasGnuTime();
  const timeFile = join(tmpdir(), `kitap-bench-time-${process.pid}-${timeFileCounter++}.txt`);
  const [cmd, argv] = useGnuTime ? [GNU_TIME, ['-v', '-o', timeFile, command, ...args]] : [command, [...args]];
  const outFd = options.stdoutFile ? openSync(options.stdoutFile, 'w') : undefined;
  const started = process.hrtime.bigint();
  const child = spawn(cmd, argv, { cwd: options.cwd, stdio: ['ignore', outFd ?? 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-4000);
  });
  let polledKb: number | undefined;
  const poll =
    options.memory === true && !useGnuTime
      ? setInterval(() => {
          try {
            const kb = parseVmHwm(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (kb !== undefined && (polledKb === undefined || kb > polledKb)) polledKb = kb;
          } catch {
            // the process has just exited
          }
        }, 20)
      : undefined;
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      if (poll) clearInterval(poll);
      if (outFd !== undefined) closeSync(outFd);
      reject(error);
    });
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (poll) clearInterval(poll);
      if (outFd !== undefined) closeSync(outFd);
      let maxRssKb = polledKb;
      if (useGnuTime) {
        try {
          maxRssKb = parseGnuTimeRss(readFileSync(timeFile, 'utf8'));
        } catch {
          maxRssKb = undefined;
        }
        rmSync(timeFile, { force: true });
      }
      const result: RunResult = { seconds, exitCode: code ?? -1, stderrTail: stderr.split('\n').slice(-12).join('\n'), stdout };
      if (maxRssKb !== undefined) result.maxRssKb = maxRssKb;
      resolve(result);
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
