/**
 * The libraries an act names — «Библиотека-филиал № 15 д.», «Ф-л №4»,
 * «ООИФ ЦГБ» — as branch codes of the directory. The directory reads library
 * spellings; an act also names a department with its library («ООИФ ЦГБ»,
 * «ЦГБ, отдел краеведения») or a department alone when its name is found in
 * one library only («ООИФ»): the copy then goes to that library.
 */
import { normalizeBranchSpelling, type Branch, type BranchDirectory } from '@kitap/holdings';
import { cachedByText } from './text-cache.js';

// Words that only say "department" or "library" around a department's name.
const FILLER = new Set(['отдел', 'отделе', 'отдела', 'в', 'во', 'библиотека', 'библиотеки', 'г', 'фонд']);

function words(text: string): string[] {
  return normalizeBranchSpelling(text).split(' ').filter((w) => w !== '');
}

/** The index of `part` as a run of whole words inside `whole`, or -1. */
function indexOfWords(whole: readonly string[], part: readonly string[]): number {
  if (part.length === 0) return -1;
  for (let i = 0; i + part.length <= whole.length; i++) if (part.every((w, j) => whole[i + j] === w)) return i;
  return -1;
}

/** The library a department spelling inside `text` points at, or undefined. */
function byDepartment(text: string, branches: BranchDirectory): Branch | undefined {
  const all = words(text);
  const candidates = new Set<Branch>();
  for (const branch of branches.branches) {
    for (const department of branch.departments ?? []) {
      for (const spelling of [department.name, ...(department.aliases ?? [])]) {
        const part = words(spelling);
        const at = indexOfWords(all, part);
        if (at < 0) continue;
        const rest = [...all.slice(0, at), ...all.slice(at + part.length)].filter((w) => !FILLER.has(w));
        if (rest.length === 0) candidates.add(branch);
        else if (branches.resolve(rest.join(' '))?.code === branch.code) return branch;
      }
    }
  }
  // A department alone names a library only when no other library has a department spelled so.
  return candidates.size === 1 ? [...candidates][0] : undefined;
}

/**
 * The branch code of the library `text` names, or undefined when it names no
 * library of the directory (an outside institution, or a spelling the
 * directory cannot place for sure).
 */
export function resolveActLibrary(text: string, branches: BranchDirectory): string | undefined {
  let resolve = resolvers.get(branches);
  if (resolve === undefined) {
    resolve = cachedByText((t) => {
      const s = t.trim();
      return s === '' ? undefined : (branches.resolve(s) ?? byDepartment(s, branches))?.code;
    });
    resolvers.set(branches, resolve);
  }
  return resolve(text);
}

// One cache per directory: an act file names a handful of libraries and institutions on thousands of rows.
const resolvers = new WeakMap<BranchDirectory, (text: string) => string | undefined>();
