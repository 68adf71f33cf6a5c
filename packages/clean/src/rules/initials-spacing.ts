import type { DataField } from '@kitap/marc';
import { z } from 'zod';
import { defineRule, type RuleFlavour, type RuleReport } from '../rule.js';

/** An initial: a capital and at most one small letter ("Дж.", "Вс."), then a period. */
const INITIAL = String.raw`\p{Lu}\p{Ll}?\.`;

/** An initial stuck to the next capital: "М.О." or "М.Әуезов". */
const STUCK = new RegExp(String.raw`(?<!\p{L})(${INITIAL})(?=\p{Lu})`, 'gu');

/** A heading of a surname and initials only: "Әуезов М.О.", "Әуезов,М. О.", "Толстой, Л.Н.,". */
const SURNAME_INITIALS = new RegExp(String.raw`^(\p{Lu}[\p{L}'’\-]*)(\s*,\s*|\s+)((?:${INITIAL}\s*)*${INITIAL})([,;:]?)$`, 'u');

/** Which subfields hold names and statements in each flavour. */
const PLACES: Readonly<Record<RuleFlavour, { headings: Readonly<Record<string, string>>; statements: Readonly<Record<string, readonly string[]>> }>> = {
  // MARC21: the whole inverted name is in $a of 100/600/700; the statement of responsibility is 245 $c.
  marc21: { headings: { '100': 'a', '600': 'a', '700': 'a' }, statements: { '245': ['c'] } },
  // UNIMARC: the entry element is $a and the initials are $b of 600/700/701/702; statements are 200 $f and $g.
  unimarc: { headings: {}, statements: { '200': ['f', 'g'], '600': ['b'], '700': ['b'], '701': ['b'], '702': ['b'] } },
};

/** `PLACES` by tag: the heading subfield and the statement subfields of each tag, found with one look-up. */
const BY_TAG: Readonly<Record<RuleFlavour, ReadonlyMap<string, { heading: string | undefined; statement: readonly string[] | undefined }>>> = {
  marc21: byTag(PLACES.marc21),
  unimarc: byTag(PLACES.unimarc),
};

function byTag(places: (typeof PLACES)[RuleFlavour]): ReadonlyMap<string, { heading: string | undefined; statement: readonly string[] | undefined }> {
  const out = new Map<string, { heading: string | undefined; statement: readonly string[] | undefined }>();
  for (const tag of new Set([...Object.keys(places.headings), ...Object.keys(places.statements)])) out.set(tag, { heading: places.headings[tag], statement: places.statements[tag] });
  return out;
}

/** Initials with one space between them: "М.О." → "М. О.", "М.О.Әуезов" → "М. О. Әуезов". */
export function spaceInitials(text: string): string {
  return text.replace(STUCK, '$1 ');
}

/** An inverted MARC21 heading in the form "Surname, I. I."; undefined when it is not a surname with initials. */
function invertedHeading(value: string): { value: string; comma: boolean; spacing: boolean } | undefined {
  const m = SURNAME_INITIALS.exec(value);
  if (!m) return undefined;
  const [, surname, separator, initials, rest] = m as unknown as [string, string, string, string, string];
  const spaced = (initials.match(new RegExp(INITIAL, 'gu')) ?? []).join(' ');
  const fixed = `${surname}, ${spaced}${rest}`;
  return { value: fixed, comma: !separator.includes(','), spacing: spaced !== initials || (separator.includes(',') && separator !== ', ') };
}

/**
 * Initials written without spaces ("М.О.Әуезов") or a heading without the
 * comma after the surname ("Әуезов М.О.") file apart from the same person
 * written correctly, so one author appears under several headings. The fix
 * writes "Әуезов, М. О." in MARC21 headings, "М. О." in UNIMARC $b and
 * "М. О. Әуезов" in statements of responsibility.
 */
export default defineRule({
  meta: {
    id: 'initials-spacing',
    family: 'names',
    description: 'Initials in personal names and statements of responsibility are separated by spaces, and a MARC21 heading has a comma after the surname ("Әуезов, М. О.").',
    severity: 'warning',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({}),
    messages: {
      comma: 'No comma after the surname in {tag} ${code}: {actual}, expected {expected}',
      spacing: 'Initials not spaced in {tag} ${code}: {actual}, expected {expected}',
    },
  },
  check(record, { flavour }) {
    const places = BY_TAG[flavour];
    const reports: RuleReport[] = [];
    const fields = record.fields;
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (field.kind !== 'data') continue;
      const place = places.get(field.tag);
      if (place === undefined) continue;
      const { heading, statement } = place;
      // A family name (ind1 3) has no initials to space.
      if (heading !== undefined && field.ind1 === '3') continue;
      // Most names and statements have nothing to space: only a field that may is read whole.
      if (mayChange(field, heading, statement)) checkField(field, index, heading, statement, reports);
    }
    return reports;
  },
});

/** A period right before a capital: where `STUCK` can match, and where it cannot without one. */
const STUCK_HINT = /\.\p{Lu}/u;

/** Whether a heading may be surname and initials (`SURNAME_INITIALS`): it ends with a period, perhaps then , ; or :. */
function mayBeInverted(value: string): boolean {
  const last = value.charCodeAt(value.length - 1);
  if (last === 0x2e) return true;
  return (last === 0x2c || last === 0x3b || last === 0x3a) && value.charCodeAt(value.length - 2) === 0x2e;
}

/** False when no subfield of the field can change: no heading ends with an initial and no statement has ".X". */
function mayChange(field: DataField, heading: string | undefined, statement: readonly string[] | undefined): boolean {
  const subfields = field.subfields;
  for (let i = 0; i < subfields.length; i++) {
    const sf = subfields[i]!;
    if (sf.code === heading) {
      if (mayBeInverted(sf.value)) return true;
    } else if (statement?.includes(sf.code) && STUCK_HINT.test(sf.value)) return true;
  }
  return false;
}

/** The findings of one field, each with the whole field's repair as its fix. */
function checkField(field: DataField, index: number, heading: string | undefined, statement: readonly string[] | undefined, reports: RuleReport[]): void {
  const found: RuleReport[] = [];
  let changed = false;
  const subfields = field.subfields.map((sf) => {
    let value = sf.value;
    let comma = false;
    let spacing = false;
    if (sf.code === heading) {
      const h = invertedHeading(sf.value);
      if (h) ({ value, comma, spacing } = h);
    } else if (statement?.includes(sf.code)) {
      value = spaceInitials(sf.value);
      spacing = value !== sf.value;
    }
    if (value === sf.value) return sf;
    changed = true;
    const data = { tag: field.tag, code: sf.code, actual: sf.value, expected: value };
    const at = { field: index, subfield: sf.code, actual: sf.value, expected: value };
    if (comma) found.push({ messageId: 'comma', data, ...at });
    if (spacing) found.push({ messageId: 'spacing', data, ...at });
    return { code: sf.code, value };
  });
  if (!changed) return;
  const fixed: DataField = { ...field, subfields };
  // Every finding of the field carries the whole field's repair, so one pass settles it.
  for (const r of found) reports.push({ ...r, fix: [{ op: 'replace', field: index, with: fixed }] });
}
