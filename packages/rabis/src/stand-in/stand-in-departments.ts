import { KARAGANDA_CBS, type BranchDirectoryJson } from '@kitap/holdings';

/** A department of the stand-in's dictionary, without its id (ids are given by the server). */
export interface StandInDepartment {
  code: string;
  name: string;
  /** Web-RABIS has a `type` string whose values are not publicly known; the stand-in puts the library's kind, or `department` for a unit inside one. */
  type: string;
}

/**
 * The department dictionary the stand-in starts from: every library of a
 * branch directory (default `KARAGANDA_CBS`: the 21 libraries) and the units
 * inside them coded `<library>/<unit>` (`CGB/ABON`), the codes kitap's
 * inventory writes into `web-rabis.jsonl`. Departments met in preloaded data
 * are added to these.
 */
export function branchDepartments(directory: BranchDirectoryJson = KARAGANDA_CBS): StandInDepartment[] {
  const out: StandInDepartment[] = [];
  for (const b of directory.branches) {
    out.push({ code: b.code, name: b.name, type: b.kind });
    for (const d of b.departments ?? []) out.push({ code: `${b.code}/${d.code}`, name: `${b.name}, ${d.name}`, type: 'department' });
  }
  return out;
}
