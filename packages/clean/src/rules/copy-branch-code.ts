import { COPY_LAYOUTS, type CopyLayout, LAYOUT_SPECS, copyFields } from '@kitap/holdings';
import { type DataField, type Field, subfieldValue } from '@kitap/marc';
import { LATIN_TO_CYRILLIC } from '@kitap/text';
import { z } from 'zod';
import { defineRule, type RuleReport } from '../rule.js';

/**
 * The customer's 21 libraries as their copies name them (the sigla of the
 * central library and of each branch). "№11" and "№11 д." are two different
 * libraries, as are "№15" and "№15 д.": the suffix is part of the code.
 */
export const KARAGANDA_BRANCHES = [
  'ЦГБ',
  '№4', '№6', '№7', '№8', '№11', '№14', '№15', '№16', '№22', '№23', '№27', '№29', '№31',
  '№1 юн.', '№2 юн.',
  '№1 д.', '№5 д.', '№11 д.', '№12 д.', '№15 д.',
] as const;

/** A code as a person would read it: no case, no spaces, Latin look-alikes as Cyrillic. */
function looseKey(code: string): string {
  return [...code.replace(/\s+/gu, '').toUpperCase()].map((c) => LATIN_TO_CYRILLIC[c] ?? c).join('').replace(/^N(?=\d)/u, '№').replace(/^(?=\d)/u, '№');
}

/**
 * A copy without a library code (sigla) belongs to no library: it is missing
 * from every branch's stock check and cannot be lent between branches. A code
 * outside the library system's list ("№11д", "Ф-4", "ЦГБ " with a Latin letter)
 * splits one library's stock in two. Not fixable: a person must say where the
 * copy is; a near miss is shown as a suggestion.
 */
export default defineRule({
  meta: {
    id: 'copy-branch-code',
    family: 'copies',
    description: 'Every copy must carry the code (sigla) of a library of the system, from the configured list.',
    severity: 'error',
    fixable: false,
    flavours: ['marc21', 'unimarc'],
    options: z.object({
      layouts: z.array(z.enum(COPY_LAYOUTS)).default([...COPY_LAYOUTS]),
      /** Known library codes; an empty list only checks that a code is present. */
      branches: z.array(z.string()).default([...KARAGANDA_BRANCHES]),
    }),
    messages: {
      missing: 'Copy in {tag} has no library code (sigla) in {where}',
      unknown: 'Unknown library code {value} in {tag} ${code}',
      similar: 'Unknown library code {value} in {tag} ${code}, probably {expected}',
    },
  },
  check(record, { options }) {
    const prepared = prepare(options);
    // Most records have every copy in a known library: proved in one pass over the fields, with nothing made.
    if (allCopiesKnown(record.fields, prepared)) return [];
    const { known, loose } = prepared;
    const reports: RuleReport[] = [];
    const seen = new Set<string>();
    for (const copy of copyFields(record, options.layouts)) {
      const spec = LAYOUT_SPECS[copy.layout];
      const branch = copy.branch;
      if (!branch || branch.value.trim() === '') {
        const tag = (record.fields[copy.field] as DataField).tag;
        const where = spec.locationTag ? `${spec.locationTag} $${spec.branch}` : `${tag} $${spec.branch}`;
        reports.push({ messageId: 'missing', data: { tag, where }, field: copy.field, ...(spec.locationTag ? {} : { subfield: spec.branch }) });
        continue;
      }
      if (known.size === 0) continue;
      const code = branch.value.trim().replace(/\s+/gu, ' ');
      if (known.has(code)) continue;
      // Several 876 items share one 852: its code is reported once.
      const place = `${branch.field}$${branch.code}`;
      if (seen.has(place)) continue;
      seen.add(place);
      const tag = (record.fields[branch.field] as DataField).tag;
      const data = { value: branch.value, tag, code: branch.code };
      const at = { field: branch.field, subfield: branch.code, actual: branch.value };
      const suggestion = loose.get(looseKey(code));
      if (suggestion !== undefined) reports.push({ messageId: 'similar', data: { ...data, expected: suggestion }, ...at, expected: suggestion });
      else reports.push({ messageId: 'unknown', data, ...at });
    }
    return reports;
  },
});

/** What the check needs from one options object, worked out once. */
interface Prepared {
  /** The configured codes as compared: trimmed, inner spaces made single. */
  known: ReadonlySet<string>;
  /** The configured codes by their loose key, for suggestions. */
  loose: ReadonlyMap<string, string>;
  /** The non-blank codes of `known`: a value equal to one of them is a known, present code as it stands. */
  exact: ReadonlySet<string>;
  /** The branch subfield of each copy tag whose layout keeps the branch in the copy field itself. */
  branchCodes: ReadonlyMap<string, string>;
  /** Whether 852/876 is among the layouts. */
  holdings: boolean;
}

const preparedFor = new WeakMap<object, Prepared>();

function prepare(options: { layouts: readonly CopyLayout[]; branches: readonly string[] }): Prepared {
  let p = preparedFor.get(options);
  if (p === undefined) {
    const known = new Set(options.branches.map((b) => b.trim().replace(/\s+/gu, ' ')));
    const loose = new Map(options.branches.map((b) => [looseKey(b), b.trim()]));
    const exact = new Set([...known].filter((b) => b.trim() !== ''));
    const branchCodes = new Map<string, string>();
    let holdings = false;
    for (const layout of options.layouts) {
      const spec = LAYOUT_SPECS[layout];
      if (spec.locationTag) holdings = true;
      else branchCodes.set(spec.tag, spec.branch);
    }
    p = { known, loose, exact, branchCodes, holdings };
    preparedFor.set(options, p);
  }
  return p;
}

/**
 * True when every copy surely has a present code from the list (any non-blank code when the list is
 * empty), so the check has nothing to report: each copy field's own branch subfield is one, and for
 * 852/876 every 852 holds one and every 876 finds its 852 (by $8, or as the only 852). False sends
 * the record through the full check, which also finds what this cannot tell quickly.
 */
function allCopiesKnown(fields: readonly Field[], p: Prepared): boolean {
  const anyCode = p.known.size === 0;
  let locations = 0;
  let dataLocations = 0;
  let locationLinks: (string | undefined)[] | undefined;
  let itemLinks: (string | undefined)[] | undefined;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const tag = f.tag;
    if (p.holdings && tag === '852') {
      locations++;
      if (f.kind !== 'data') continue;
      dataLocations++;
      const b = subfieldValue(f, 'b');
      if (b === undefined || !(anyCode ? b.trim() !== '' : p.exact.has(b))) return false;
      (locationLinks ??= []).push(subfieldValue(f, '8'));
    } else if (p.holdings && tag === '876') {
      if (f.kind === 'data') (itemLinks ??= []).push(subfieldValue(f, '8'));
    } else if (f.kind === 'data') {
      const code = p.branchCodes.get(tag);
      if (code === undefined) continue;
      const b = subfieldValue(f, code);
      if (b === undefined || !(anyCode ? b.trim() !== '' : p.exact.has(b))) return false;
    }
  }
  if (itemLinks === undefined) return true;
  const onlyLocation = locations === 1 && dataLocations === 1;
  for (let i = 0; i < itemLinks.length; i++) {
    const link = itemLinks[i];
    if (!((link !== undefined && locationLinks !== undefined && locationLinks.includes(link)) || onlyLocation)) return false;
  }
  return true;
}
