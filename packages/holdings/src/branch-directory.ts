import { readFile } from 'node:fs/promises';
import { KitapError } from '@kitap/core';
import { z } from 'zod';
import { normalizeBranchSpelling, parseBranchSpelling } from './branch-spelling.js';

/** A unit inside a library that holds copies (абонемент, читальный зал, ООИФ…). */
export interface Department {
  /** The department's code (its sigla), unique inside its library. */
  code: string;
  name: string;
  /** Other spellings met in exports, matched after normalisation. */
  aliases?: string[];
}

/** The kinds of library a system has; the kind is what "д." or "юн." in a spelling says. */
export type BranchKind = 'central' | 'adult' | 'youth' | 'children';

/** One library of the system. */
export interface Branch {
  /**
   * The code copies carry for this library (its sigla). The codes shipped in
   * `KARAGANDA_CBS` are kitap's own; an installation puts its Web-RABIS
   * department codes here.
   */
  code: string;
  /** The Russian name, as reports for library staff show it. */
  name: string;
  nameKz?: string;
  kind: BranchKind;
  /** The branch number ("№15" of "№15 д."); none for the central library. */
  number?: number;
  /** Spellings checked before parsing, after normalisation (case, ё/е, punctuation, look-alikes). */
  aliases: string[];
  departments?: Department[];
}

/** A branch directory as written in JSON: `aliases` may be left out. */
export interface BranchDirectoryJson {
  /** The library system's name. */
  name: string;
  /** Free text for whoever edits the file. */
  note?: string;
  branches: (Omit<Branch, 'aliases'> & { aliases?: string[] })[];
}

const code = z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u, 'a code is letters and digits (and _ . -), no spaces');
const text = z.string().trim().min(1);

const departmentSchema = z.strictObject({
  code,
  name: text,
  aliases: z.array(text).optional(),
});

const branchSchema = z.strictObject({
  code,
  name: text,
  nameKz: text.optional(),
  kind: z.enum(['central', 'adult', 'youth', 'children']),
  number: z.number().int().positive().optional(),
  aliases: z.array(text).default([]),
  departments: z.array(departmentSchema).optional(),
});

type Spelling = { key: string; owner: number; explicit: boolean; path: (string | number)[]; text: string };

/**
 * A library system's branches as a JSON file holds them (`--branches <file>`):
 * codes unique (ignoring case), one library per kind and number (and one
 * central library without a number), and no two
 * spellings (aliases and names) of different libraries — nor two aliases of
 * one library — the same after normalisation. The same rules hold for the
 * departments inside each library.
 */
export const branchDirectorySchema = z
  .strictObject({
    name: text,
    note: z.string().optional(),
    branches: z.array(branchSchema).min(1),
  })
  .superRefine((dir, ctx) => {
    const codes = new Map<string, number>();
    const numbers = new Map<string, number>();
    const spellings = new Map<string, Spelling>();
    const addSpelling = (s: Spelling): void => {
      if (s.key === '') {
        ctx.addIssue({ code: 'custom', path: s.path, message: `«${s.text}» has no letters or digits to match on` });
        return;
      }
      const seen = spellings.get(s.key);
      if (seen === undefined) spellings.set(s.key, s);
      else if (seen.owner !== s.owner || (seen.explicit && s.explicit)) {
        ctx.addIssue({ code: 'custom', path: s.path, message: `«${s.text}» is the same spelling as «${seen.text}» (${formatPath(seen.path)}) after normalisation` });
      }
    };
    dir.branches.forEach((b, i) => {
      const upper = b.code.toUpperCase();
      const first = codes.get(upper);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['branches', i, 'code'], message: `code "${b.code}" is already used by branches[${first}]` });
      else codes.set(upper, i);
      // Parsing finds a library by kind and number, and "ЦГБ" by the one central library without a number.
      if (b.number !== undefined || b.kind === 'central') {
        const slot = `${b.kind} ${b.number ?? '-'}`;
        const other = numbers.get(slot);
        if (other !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['branches', i, 'number'], message: `branches[${other}] is already the ${b.kind} library ${b.number === undefined ? 'without a number' : `№${b.number}`}` });
        } else numbers.set(slot, i);
      }
      addSpelling({ key: normalizeBranchSpelling(b.name), owner: i, explicit: false, path: ['branches', i, 'name'], text: b.name });
      if (b.nameKz !== undefined) addSpelling({ key: normalizeBranchSpelling(b.nameKz), owner: i, explicit: false, path: ['branches', i, 'nameKz'], text: b.nameKz });
      b.aliases.forEach((a, j) => addSpelling({ key: normalizeBranchSpelling(a), owner: i, explicit: true, path: ['branches', i, 'aliases', j], text: a }));
      checkDepartments(b.departments ?? [], i, ctx);
    });
  });

function checkDepartments(departments: readonly z.output<typeof departmentSchema>[], branch: number, ctx: z.RefinementCtx): void {
  const codes = new Map<string, number>();
  const spellings = new Map<string, { path: (string | number)[]; text: string }>();
  departments.forEach((d, i) => {
    const base = ['branches', branch, 'departments', i];
    const upper = d.code.toUpperCase();
    const first = codes.get(upper);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: [...base, 'code'], message: `department code "${d.code}" is already used by departments[${first}]` });
    else codes.set(upper, i);
    const names: [string, (string | number)[]][] = [[d.name, [...base, 'name']], ...(d.aliases ?? []).map((a, j): [string, (string | number)[]] => [a, [...base, 'aliases', j]])];
    for (const [spelling, path] of names) {
      const key = normalizeBranchSpelling(spelling);
      const seen = spellings.get(key);
      if (key === '') ctx.addIssue({ code: 'custom', path, message: `«${spelling}» has no letters or digits to match on` });
      else if (seen) ctx.addIssue({ code: 'custom', path, message: `«${spelling}» is the same spelling as «${seen.text}» (${formatPath(seen.path)}) after normalisation` });
      else spellings.set(key, { path, text: spelling });
    }
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out === '' ? '' : '.'}${String(p)}`;
  return out || '(top)';
}

function toBranch(b: z.output<typeof branchSchema>): Branch {
  const out: Branch = { code: b.code, name: b.name, kind: b.kind, aliases: b.aliases };
  if (b.nameKz !== undefined) out.nameKz = b.nameKz;
  if (b.number !== undefined) out.number = b.number;
  if (b.departments !== undefined) {
    out.departments = b.departments.map((d) => (d.aliases === undefined ? { code: d.code, name: d.name } : { code: d.code, name: d.name, aliases: d.aliases }));
  }
  return out;
}

// Distinct spellings in one run are few; the cap only keeps a file full of junk from growing memory.
const CACHE_LIMIT = 10_000;

/**
 * The libraries of a system and the ways exports spell them. `resolve` turns
 * a spelling from a branch column into a library — by code, then by the
 * explicit aliases, then by reading the number and the kind markers — and
 * never guesses: a spelling it cannot place gives undefined, and the caller
 * rejects the row naming the spelling.
 */
export class BranchDirectory {
  /** The library system's name. */
  readonly name: string;
  /** The libraries, in the order of the file. */
  readonly branches: readonly Branch[];
  readonly #byCode = new Map<string, Branch>();
  readonly #bySpelling = new Map<string, Branch>();
  readonly #byNumber = new Map<string, Branch>();
  readonly #departments = new Map<Branch, { byCode: Map<string, Department>; bySpelling: Map<string, Department> }>();
  readonly #cache = new Map<string, Branch | undefined>();

  private constructor(name: string, branches: Branch[]) {
    this.name = name;
    this.branches = branches;
    for (const b of branches) {
      this.#byCode.set(b.code.toUpperCase(), b);
      for (const s of [b.name, ...(b.nameKz === undefined ? [] : [b.nameKz]), ...b.aliases]) this.#bySpelling.set(normalizeBranchSpelling(s), b);
      if (b.number !== undefined || b.kind === 'central') this.#byNumber.set(`${b.kind} ${b.number ?? '-'}`, b);
      const byCode = new Map<string, Department>();
      const bySpelling = new Map<string, Department>();
      for (const d of b.departments ?? []) {
        byCode.set(d.code.toUpperCase(), d);
        for (const s of [d.name, ...(d.aliases ?? [])]) bySpelling.set(normalizeBranchSpelling(s), d);
      }
      this.#departments.set(b, { byCode, bySpelling });
    }
  }

  /** A directory from parsed JSON; throws `KitapError('E_CONFIG')` naming the path of each problem (`branches[3].aliases[1]: …`). */
  static fromJson(data: unknown, file?: string): BranchDirectory {
    const parsed = branchDirectorySchema.safeParse(data);
    if (!parsed.success) {
      const issues = parsed.error.issues;
      const shown = issues.slice(0, 5).map((i) => `${formatPath(i.path)}: ${i.message}`);
      if (issues.length > shown.length) shown.push(`and ${issues.length - shown.length} more`);
      throw new KitapError('E_CONFIG', `branch directory${file === undefined ? '' : ` ${file}`}: ${shown.join('; ')}`, file === undefined ? {} : { file });
    }
    return new BranchDirectory(parsed.data.name, parsed.data.branches.map(toBranch));
  }

  /** Reads a branch directory JSON file (`--branches <file>`): `E_INPUT` when it cannot be read, `E_CONFIG` when it is not a valid directory. */
  static async load(path: string): Promise<BranchDirectory> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new KitapError('E_INPUT', `cannot read the branch directory ${path}: ${(error as Error).message}`, { file: path });
    }
    let data: unknown;
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new KitapError('E_CONFIG', `branch directory ${path} is not JSON: ${(error as Error).message}`, { file: path });
    }
    return BranchDirectory.fromJson(data, path);
  }

  /** The library with this code, ignoring case. */
  byCode(code: string): Branch | undefined {
    return this.#byCode.get(code.trim().toUpperCase());
  }

  /**
   * The library a spelling names ("Ф-л №4", "ДБФ №15", "№1 юн.", "ОҚК", "F04"),
   * or undefined when it names none or cannot be told for sure ("№1" when the
   * system has no adult branch №1; "№11" is never "№11 д.").
   */
  resolve(text: string): Branch | undefined {
    if (this.#cache.has(text)) return this.#cache.get(text);
    const found = this.#resolve(text);
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(text, found);
    return found;
  }

  #resolve(text: string): Branch | undefined {
    if (text.trim() === '') return undefined;
    const byCode = this.byCode(text);
    if (byCode) return byCode;
    const byAlias = this.#bySpelling.get(normalizeBranchSpelling(text));
    if (byAlias) return byAlias;
    const parsed = parseBranchSpelling(text);
    if (parsed === undefined) return undefined;
    return this.#byNumber.get(parsed.kind === 'central' ? 'central -' : `${parsed.kind} ${parsed.number}`);
  }

  /** The department of `branch` with this code, name or alias (after normalisation), or undefined. */
  department(branch: Branch, text: string): Department | undefined {
    const index = this.#departments.get(branch) ?? this.#departments.get(this.byCode(branch.code) ?? branch);
    if (index === undefined || text.trim() === '') return undefined;
    return index.byCode.get(text.trim().toUpperCase()) ?? index.bySpelling.get(normalizeBranchSpelling(text));
  }
}
