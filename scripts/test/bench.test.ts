import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readIso2709All } from '../../packages/marc/src/index.js';
import { ensureBenchFile, ensureConcatenated } from '../bench/bench-data.js';
import { median, parseGnuTimeRss, parseVmHwm, run } from '../bench/measure.js';
import { type BenchReport, SECTION_BEGIN, SECTION_END, renderMarkdown, renderText, replaceSection } from '../bench/report.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const temps: string[] = [];
const temp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'kitap-bench-'));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('bench data', () => {
  it('streams seeded records to disk, the same bytes every time, and reuses an unchanged file', async () => {
    const fixturesDir = join(root, 'scripts/fixtures');
    const a = ensureBenchFile(temp(), 300, 1, fixturesDir);
    const b = ensureBenchFile(temp(), 300, 1, fixturesDir);
    expect(a.generated).toBe(true);
    expect(readFileSync(a.path).equals(readFileSync(b.path))).toBe(true);
    expect(ensureBenchFile(dirname(a.path), 300, 1, fixturesDir).generated).toBe(false);
    expect(ensureBenchFile(dirname(a.path), 300, 2, fixturesDir).generated).toBe(true);

    const items = await readIso2709All(a.path, { mode: 'strict' });
    expect(items).toHaveLength(300);
    expect(a.bytes / 300).toBeGreaterThan(1700);

    const tripled = await ensureConcatenated(ensureBenchFile(dirname(a.path), 300, 1, fixturesDir), 3);
    expect(tripled.records).toBe(900);
    expect(readFileSync(tripled.path).length).toBe(a.bytes * 3);
  });
});

describe('measuring', () => {
  it('reads max RSS from GNU time and from /proc', () => {
    expect(parseGnuTimeRss('\tMaximum resident set size (kbytes): 51234\n')).toBe(51234);
    expect(parseVmHwm('VmPeak:\t  300000 kB\nVmHWM:\t   61440 kB\nVmRSS: 1 kB\n')).toBe(61440);
    expect(parseVmHwm('nothing')).toBeUndefined();
  });

  it('takes the median', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('times a command, sees its exit code and measures a process that allocates 100 MB', async () => {
    const script = 'const b = Buffer.alloc(100 * 1024 * 1024, 1); setTimeout(() => process.exit(b[5] === 1 ? 3 : 0), 200);';
    const result = await run(process.execPath, ['-e', script], { cwd: root, memory: true });
    expect(result.exitCode).toBe(3);
    expect(result.seconds).toBeGreaterThan(0.15);
    expect(result.maxRssKb).toBeGreaterThan(100 * 1024);
  });
});

describe('report', () => {
  const report: BenchReport = {
    rows: [
      { measure: 'full decode', kitap: '90,000 rec/s', peer: 'marcjs: 20,000 rec/s', ratio: '4.50×', target: '≥ 60,000 rec/s | ≥ 3×', result: 'pass' },
      { measure: 'peak memory', kitap: '80 MB', peer: '—', ratio: '—', target: '< 200 MB', result: 'pass' },
    ],
    machine: { cpu: 'Test CPU', cores: 2, ramGb: 4, os: 'Linux', node: 'v20', yaz: 'yaz 5.34.0', date: '2026-01-02T03:04:05Z', load: { start: 0.5, end: 3.1 } },
    records: 100_000,
    inputBytes: 200 * 2 ** 20,
    runs: 3,
    details: ['decode: `x` — 1.00, 1.10, 1.20 s'],
    problems: [],
  };

  it('prints the table with the machine and the date', () => {
    const text = renderText(report);
    expect(text).toMatch(/^measure\s+kitap\s+peer\s+ratio\s+target\s+result/);
    expect(text).toContain('90,000 rec/s');
    expect(text).toContain('CPU: Test CPU, 2 logical cores');
    expect(text).toContain('date: 2026-01-02T03:04:05Z');
    expect(text).toContain('other processes competed for the CPU');
  });

  it('writes a Markdown table whose cells may contain |', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('| measure | kitap | peer | ratio | target | result |');
    expect(md).toContain('≥ 60,000 rec/s \\| ≥ 3×');
    expect(md).toContain('- peer: yaz 5.34.0');
  });

  it('rewrites only the marked section of the page, and appends one when there is none', () => {
    const page = `# Benchmarks\n\nintro\n\n${SECTION_BEGIN}\nold\n${SECTION_END}\n\nafter\n`;
    const once = replaceSection(page, 'new');
    expect(once).toBe(`# Benchmarks\n\nintro\n\n${SECTION_BEGIN}\nnew\n${SECTION_END}\n\nafter\n`);
    expect(replaceSection(once, 'new')).toBe(once);
    expect(replaceSection('# B\n', 'x')).toBe(`# B\n\n${SECTION_BEGIN}\nx\n${SECTION_END}\n`);
    const doc = readFileSync(join(root, 'docs/benchmarks.md'), 'utf8');
    expect(doc).toContain(SECTION_BEGIN);
    expect(doc).toContain(SECTION_END);
  });
});
