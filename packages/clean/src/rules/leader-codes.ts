import { z } from 'zod';
import { defineRule, type RuleFlavour, type RuleReport } from '../rule.js';
import { listCodes, showCode } from '../tables/code-names.js';

/** One coded leader position: its number, its name and the values it may hold. */
interface LeaderPosition {
  position: number;
  name: string;
  values: string;
}

/** MARC 21 Bibliographic, Leader (https://www.loc.gov/marc/bibliographic/bdleader.html). */
const MARC21: readonly LeaderPosition[] = [
  { position: 5, name: 'record status', values: 'acdnp' },
  { position: 6, name: 'type of record', values: 'acdefgijkmoprt' },
  { position: 7, name: 'bibliographic level', values: 'abcdims' },
  { position: 17, name: 'encoding level', values: ' 1234578uz' },
  { position: 18, name: 'descriptive cataloguing form', values: ' acinu' },
];

/** Obsolete OCLC encoding levels (I, K, L, M, J), still common in records copied from WorldCat. */
const OCLC_ENCODING_LEVELS = 'IJKLM';

/** Leader/06 values of MARC 21 records that are not bibliographic: authority, holdings, community information. */
const NOT_BIBLIOGRAPHIC: Readonly<Record<string, string>> = {
  z: 'authority data',
  u: 'holdings data',
  v: 'holdings data',
  x: 'holdings data',
  y: 'holdings data',
  q: 'community information',
};

/** UNIMARC Bibliographic (3rd ed. and updates) and RUSMARC, Record Label. */
const UNIMARC: readonly LeaderPosition[] = [
  { position: 5, name: 'record status', values: 'cdnop' },
  { position: 6, name: 'type of record', values: 'abcdefgijklmr' },
  { position: 7, name: 'bibliographic level', values: 'acims' },
  { position: 17, name: 'encoding level', values: ' 123' },
  { position: 18, name: 'descriptive cataloguing form', values: ' in' },
];

function pad(position: number): string {
  return String(position).padStart(2, '0');
}

/**
 * The leader's coded positions tell every system what a record is: a new or
 * deleted record (05), a book or a map (06), a monograph or a serial (07), how
 * complete it is (17, 18). A wrong code sends the record to the wrong format in
 * OPAC displays, in exports and in union catalogs, or makes it be taken for a
 * deleted record. Only a person can tell which code is right, so nothing is fixed.
 */
export default defineRule({
  meta: {
    id: 'leader-codes',
    family: 'structure',
    description: 'Leader positions 05, 06, 07, 17 and 18 must hold codes the format defines.',
    severity: 'error',
    fixable: false,
    flavours: ['marc21', 'unimarc'],
    options: z.object({
      allowOclcEncodingLevels: z.boolean().default(false),
    }),
    messages: {
      invalid: 'Unexpected {actual} in leader/{position} ({name}), expected {allowed}',
      notBibliographic: 'Leader/06 is "{actual}" ({kind}), not a bibliographic record',
    },
  },
  check(record, { flavour, options }) {
    const leader = record.leader;
    const type = leader.at(6);
    const other = flavour === 'marc21' ? NOT_BIBLIOGRAPHIC[type] : undefined;
    // The other positions mean something else in such a record: say only what it is.
    if (other !== undefined) return [{ messageId: 'notBibliographic', data: { actual: type, kind: other }, field: 'leader', actual: type }];
    const reports: RuleReport[] = [];
    for (const p of positions(flavour, options.allowOclcEncodingLevels)) {
      const actual = leader.at(p.position);
      if (p.values.includes(actual)) continue;
      const allowed = listCodes([...p.values]);
      reports.push({
        messageId: 'invalid',
        data: { actual: showCode(actual), position: pad(p.position), name: p.name, allowed },
        field: 'leader',
        actual,
        expected: allowed,
      });
    }
    return reports;
  },
});

function positions(flavour: RuleFlavour, oclc: boolean): readonly LeaderPosition[] {
  if (flavour === 'unimarc') return UNIMARC;
  if (!oclc) return MARC21;
  return MARC21.map((p) => (p.position === 17 ? { ...p, values: p.values + OCLC_ENCODING_LEVELS } : p));
}
