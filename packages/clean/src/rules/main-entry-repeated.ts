import { type DataField, subfieldValue } from '@kitap/marc';
import { z } from 'zod';
import { defineRule, type RuleReport, type RuleFlavour } from '../rule.js';

/** Where each flavour keeps the main entry and its added entries, and the subfields that make up the name. */
const TAGS: Readonly<Record<RuleFlavour, { main: string; added: string; name: readonly string[]; relators: readonly string[]; authorRelators: readonly string[] }>> = {
  // MARC21: 100 main entry, 700 added entry; the name is $a; $e relator term, $4 relator code.
  marc21: { main: '100', added: '700', name: ['a'], relators: ['e', '4'], authorRelators: ['aut', 'автор', 'авт'] },
  // UNIMARC: 700 primary responsibility, 701 alternative responsibility; the name is $a (entry element) and $b (initials, forenames); $4 relator code (070 author).
  unimarc: { main: '700', added: '701', name: ['a', 'b'], relators: ['4'], authorRelators: ['070', 'aut', 'автор', 'авт'] },
};

/** Whitespace other than single spaces: what `\s+` → " " changes. */
const ODD_SPACE = /[^\S ]|\s\s/;
/** A comma or period with a space before it or none after it: what `\s*([,.])\s*` → "$1 " changes once spaces are single. */
const ODD_PUNCTUATION = /\s[,.]|[,.](?! )/;
/** Characters that end a name and are dropped. */
const TRAILING = /[\s.,;:/]/u;

/**
 * A name as it is compared: case, trailing punctuation, ё/е and spaces do not matter. (NFC, lower
 * case, ё → е, whitespace runs → one space, one space after "," and "." and none before, no space or
 * punctuation at the end; each replacement is made only where a quick test says it changes something.)
 */
export function normaliseName(value: string): string {
  let name = value.normalize('NFC').toLowerCase();
  if (name.includes('ё')) name = name.replaceAll('ё', 'е');
  if (ODD_SPACE.test(name)) name = name.replace(/\s+/g, ' ');
  if (ODD_PUNCTUATION.test(name)) name = name.replace(/\s*([,.])\s*/g, '$1 ');
  if (name.length > 0 && TRAILING.test(name[name.length - 1]!)) name = name.replace(/[\s.,;:/]+$/u, '');
  return name.trim();
}

function nameKey(field: DataField, codes: readonly string[]): string | undefined {
  const parts = codes.map((c) => normaliseName(subfieldValue(field, c) ?? ''));
  return parts[0] === '' ? undefined : parts.join('|');
}

/**
 * The subfields of the added entry that the main entry does not have
 * (compared as names), leaving out author relators the main entry implies;
 * none means the added entry says nothing more.
 */
function extraSubfields(added: DataField, main: DataField, flavour: RuleFlavour): string[] {
  const { name, relators, authorRelators } = TAGS[flavour];
  const mainValues = new Set(main.subfields.map((sf) => `${sf.code}\u0000${normaliseName(sf.value)}`));
  return added.subfields
    .filter((sf) => {
      if (name.includes(sf.code) || mainValues.has(`${sf.code}\u0000${normaliseName(sf.value)}`)) return false;
      return !(relators.includes(sf.code) && authorRelators.includes(normaliseName(sf.value)));
    })
    .map((sf) => `$${sf.code} ${sf.value}`);
}

/**
 * The author of the main entry does not need an added entry as well: the
 * repeat shows the same name twice in the catalog's index and counts the
 * person twice in statistics. A repeat that says more (another role, a title
 * in $t, an authority link) may be deliberate and is only reported.
 */
export default defineRule({
  meta: {
    id: 'main-entry-repeated',
    family: 'names',
    description: 'The main-entry name (100 in MARC21, 700 in UNIMARC) must not be repeated as an added entry (700 in MARC21, 701 in UNIMARC).',
    severity: 'warning',
    fixable: true,
    flavours: ['marc21', 'unimarc'],
    options: z.object({}),
    messages: {
      repeated: 'Main entry {name} ({main}) is repeated as an added entry in {added}; the added entry is removed',
      repeatedWithMore: 'Main entry {name} ({main}) is repeated as an added entry in {added}, which says more ({extra}): check which one is meant',
    },
  },
  check(record, { flavour }) {
    const { main, added, name } = TAGS[flavour];
    const fields = record.fields;
    // Most records have no added entry at all, or no main entry: then there is nothing to compare.
    let mainIndex = -1;
    let hasAdded = false;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      if (f.kind !== 'data') continue;
      if (f.tag === added) hasAdded = true;
      else if (mainIndex < 0 && f.tag === main) mainIndex = i;
    }
    if (mainIndex < 0 || !hasAdded) return [];
    const mainField = fields[mainIndex] as DataField;
    const key = nameKey(mainField, name);
    if (key === undefined) return [];
    let display: string | undefined;
    const reports: RuleReport[] = [];
    for (let index = 0; index < fields.length; index++) {
      const field = fields[index]!;
      if (field.tag !== added || field.kind !== 'data' || nameKey(field, name) !== key) continue;
      display ??= name
        .map((c) => subfieldValue(mainField, c)?.replace(/[\s,;:/]+$/u, ''))
        .filter((v) => v)
        .join(' ');
      const data = { name: display, main: `${main} $a`, added: `${added} $a` };
      const extra = extraSubfields(field, mainField, flavour);
      const actual = subfieldValue(field, 'a')!;
      if (extra.length === 0) reports.push({ messageId: 'repeated', data, field: index, subfield: 'a', actual, fix: [{ op: 'remove', field: index }] });
      else reports.push({ messageId: 'repeatedWithMore', data: { ...data, extra: extra.join(' ') }, field: index, subfield: 'a', actual });
    }
    return reports;
  },
});
