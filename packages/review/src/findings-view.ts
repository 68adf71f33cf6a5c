import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { type FileView, fileProblem } from './file-problem.js';
import { type FileStamp, sameStamp, stampOf } from './file-stamp.js';

/** The filter value for findings that name no branch (an act total, a line whose copy was not found). */
export const NO_BRANCH = '-';

const copySchema = z.object({ inventoryNumber: z.string(), branch: z.string().optional(), record: z.string().optional(), status: z.string().optional() }).loose();
/** A finding as `findingsJson` of @kitap/reconcile writes it (`FindingJson`); only what the page shows is checked. */
const findingSchema = z
  .object({
    code: z.string(),
    severity: z.string(),
    message: z.string(),
    act: z.object({ file: z.string(), number: z.string(), date: z.string(), branch: z.string().optional() }).loose().optional(),
    file: z.string().optional(),
    line: z.number().optional(),
    inventoryNumber: z.string().optional(),
    copy: copySchema.optional(),
    copies: z.array(copySchema).optional(),
    actual: z.string().optional(),
    expected: z.string().optional(),
  })
  .loose();
const findingsFileSchema = z.object({ findings: z.array(findingSchema), totals: z.record(z.string(), z.unknown()).optional() }).loose();
type FindingData = z.infer<typeof findingSchema>;

/** A finding as the page shows it. */
export interface FindingView {
  /** Its position in `findings.json` (1-based). */
  number: number;
  code: string;
  severity: string;
  message: string;
  /** The branches of the copies it is about (none when it names no copy). */
  branches: string[];
  /** The act, its file named without its folder. */
  act: { file: string; number: string; date: string } | null;
  line: number | null;
  inventoryNumber: string | null;
  records: string[];
  actual: string | null;
  expected: string | null;
}

export interface FindingsQuery {
  page: number;
  size: number;
  code?: string | undefined;
  severity?: string | undefined;
  /** A branch code, or `NO_BRANCH`. */
  branch?: string | undefined;
  /** An act file's name (without its folder). */
  act?: string | undefined;
}

export interface Facet {
  value: string;
  count: number;
}

export interface FindingsPage {
  /** The values each filter can take, with how many findings have them (over the whole file). */
  facets: { code: Facet[]; severity: Facet[]; branch: Facet[]; act: Facet[] };
  totals: Record<string, unknown>;
  total: number;
  matching: number;
  page: number;
  pages: number;
  size: number;
  findings: FindingView[];
}

interface LoadedFindings {
  stamp: FileStamp;
  findings: FindingView[];
  totals: Record<string, unknown>;
  facets: FindingsPage['facets'];
}

/** `findings.json` of the audit, read once per version of the file, filtered and paged for the page. */
export class FindingsFile {
  #loaded: LoadedFindings | undefined;

  constructor(readonly path: string) {}

  async page(query: FindingsQuery): Promise<FileView<FindingsPage>> {
    let loaded: LoadedFindings;
    try {
      const loadedOrProblem = await this.#load();
      if ('state' in loadedOrProblem) return loadedOrProblem;
      loaded = loadedOrProblem;
    } catch (error) {
      return fileProblem(this.path, error);
    }
    const matching = loaded.findings.filter(
      (f) =>
        (!query.code || f.code === query.code) &&
        (!query.severity || f.severity === query.severity) &&
        (!query.branch || (query.branch === NO_BRANCH ? f.branches.length === 0 : f.branches.includes(query.branch))) &&
        (!query.act || f.act?.file === query.act),
    );
    const size = Math.max(1, Math.min(500, Math.floor(query.size)));
    const pages = Math.max(1, Math.ceil(matching.length / size));
    const page = Math.max(1, Math.min(pages, Math.floor(query.page)));
    return {
      file: basename(this.path),
      state: 'ok',
      facets: loaded.facets,
      totals: loaded.totals,
      total: loaded.findings.length,
      matching: matching.length,
      page,
      pages,
      size,
      findings: matching.slice((page - 1) * size, page * size),
    };
  }

  async #load(): Promise<LoadedFindings | { file: string; state: 'unreadable'; error: string }> {
    const stamp = stampOf(await stat(this.path));
    if (sameStamp(this.#loaded?.stamp, stamp)) return this.#loaded!;
    const parsed = findingsFileSchema.safeParse(JSON.parse(await readFile(this.path, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { file: basename(this.path), state: 'unreadable', error: `not the findings of kitap reconcile: ${issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'unknown shape'}` };
    }
    const findings = parsed.data.findings.map(findingView);
    this.#loaded = { stamp, findings, totals: parsed.data.totals ?? {}, facets: facetsOf(findings) };
    return this.#loaded;
  }
}

function findingView(f: FindingData, i: number): FindingView {
  const copies = f.copies ?? (f.copy ? [f.copy] : []);
  // The copies' libraries; a finding about an act as a whole (no copy) counts for the act's library.
  const fromCopies = [...new Set(copies.map((c) => c.branch).filter((b): b is string => b !== undefined && b !== ''))].sort();
  const branches = fromCopies.length === 0 && f.act?.branch ? [f.act.branch] : fromCopies;
  return {
    number: i + 1,
    code: f.code,
    severity: f.severity,
    message: f.message,
    branches,
    act: f.act ? { file: basename(f.act.file), number: f.act.number, date: f.act.date } : null,
    line: f.line ?? null,
    inventoryNumber: f.inventoryNumber ?? copies[0]?.inventoryNumber ?? null,
    records: [...new Set(copies.map((c) => c.record).filter((r): r is string => r !== undefined))],
    actual: f.actual ?? null,
    expected: f.expected ?? null,
  };
}

function facetsOf(findings: readonly FindingView[]): FindingsPage['facets'] {
  const code = new Map<string, number>();
  const severity = new Map<string, number>();
  const branch = new Map<string, number>();
  const act = new Map<string, number>();
  const count = (m: Map<string, number>, v: string): void => void m.set(v, (m.get(v) ?? 0) + 1);
  for (const f of findings) {
    count(code, f.code);
    count(severity, f.severity);
    if (f.branches.length === 0) count(branch, NO_BRANCH);
    for (const b of f.branches) count(branch, b);
    if (f.act) count(act, f.act.file);
  }
  const sorted = (m: Map<string, number>): Facet[] => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([value, n]) => ({ value, count: n }));
  return { code: sorted(code), severity: sorted(severity), branch: sorted(branch), act: sorted(act) };
}
