import { COPY_LAYOUTS, LAYOUT_SPECS, copyFields } from '@kitap/holdings';
import type { DataField } from '@kitap/marc';
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
    const known = new Set(options.branches.map((b) => b.trim().replace(/\s+/gu, ' ')));
    const loose = new Map(options.branches.map((b) => [looseKey(b), b.trim()]));
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
