/** What the benchmark ran on, and the peer tool (yaz) it compares with. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  ramGb: number;
  os: string;
  node: string;
  yaz: string;
  date: string;
  /** 1-minute load average when the run started and when it ended: above the core count, other work competed for the CPU. */
  load: { start: number; end: number };
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) return match[1]!.trim();
  } catch {
    // not Linux
  }
  return cpus()[0]?.model ?? 'unknown';
}

export function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** yaz's version: `yaz-marcdump -V` if it knows the option, else the Debian package version. */
export function yazVersion(): string {
  if (!commandExists('yaz-marcdump')) return 'not installed';
  const v = spawnSync('yaz-marcdump', ['-V'], { encoding: 'utf8' });
  const text = `${v.stdout ?? ''}${v.stderr ?? ''}`;
  const match = /(\d+\.\d+\.\d+)/.exec(text);
  if (v.status === 0 && match) return `yaz ${match[1]}`;
  const dpkg = spawnSync('dpkg-query', ['-W', '-f=${Version}', 'yaz'], { encoding: 'utf8' });
  return dpkg.status === 0 && dpkg.stdout ? `yaz ${dpkg.stdout.trim()} (Debian package)` : 'installed, version unknown';
}

export function loadAverage(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}

export function describeMachine(now: Date, loadAtStart: number): Machine {
  return {
    cpu: cpuModel(),
    cores: cpus().length,
    ramGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    yaz: yazVersion(),
    date: now.toISOString().replace(/\.\d+Z$/, 'Z'),
    load: { start: loadAtStart, end: loadAverage() },
  };
}

/**
 * Makes sure yaz-marcdump is there, installing Debian's `yaz` package when it
 * is not (as root, or through passwordless sudo). Says what it does; returns
 * false when the peer stays unavailable.
 */
export function ensureYaz(log: (line: string) => void): boolean {
  if (commandExists('yaz-marcdump')) return true;
  if (process.env.BENCH_NO_INSTALL === '1') {
    log('yaz-marcdump not found and BENCH_NO_INSTALL=1: the yaz peer is unavailable; its ratios are skipped.');
    return false;
  }
  if (!commandExists('apt-get')) {
    log('yaz-marcdump not found and there is no apt-get here: the yaz peer is unavailable; its ratios are skipped.');
    return false;
  }
  const asRoot = process.getuid?.() === 0;
  const sudo = !asRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!asRoot && !sudo) {
    log('yaz-marcdump not found, and installing it needs root (sudo apt-get install yaz): the yaz peer is unavailable; its ratios are skipped.');
    return false;
  }
  const prefix = sudo ? 'sudo ' : '';
  const script = `${prefix}apt-get update && ${prefix}DEBIAN_FRONTEND=noninteractive apt-get install -y yaz`;
  log(`yaz-marcdump not found: installing the Debian package: ${script}`);
  const result = spawnSync('sh', ['-c', script], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0 || !commandExists('yaz-marcdump')) {
    const tail = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n  ');
    log(`installing yaz failed (exit ${result.status}): the yaz peer is unavailable; its ratios are skipped.\n  ${tail}`);
    return false;
  }
  log(`installed: ${yazVersion()}`);
  return true;
}
