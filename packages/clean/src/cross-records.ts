import type { Finding, Place } from '@kitap/core';
import type { DataField, Field, MarcRecord } from '@kitap/marc';
import type { IndexKey, IndexPlace, IndexWord, KeyIndex } from '@kitap/store';
import { deletionKeys, typingDistance } from '@kitap/text';
import type { ActiveRule } from './engine.js';
import { formatMessage } from './message.js';
import { titleParts, titleText } from './record-label.js';
import type { CrossRecordRule, RuleFlavour } from './rule.js';

type LabelledPlace = Place & { label?: string };

/** A cross-record rule as `prepare` calls it: its context, made once, and `rule\0scope` for each of its scopes. */
interface RunningCrossRule {
  rule: CrossRecordRule;
  id: string;
  context: { flavour: RuleFlavour; options: unknown };
  scopes: Map<string, string>;
}

/** One record's share of the key index (see CrossRecords.prepare). */
export interface CrossRecordData {
  place: unknown;
  keys: IndexKey[];
  words: IndexWord[];
}

/**
 * What every place of a record shares, as the key index keeps it for the record, flat (quick to
 * turn into JSON and back): the record's tags in field order — one string when every tag has three
 * characters (as in ISO2709), else the list — for the tag and occurrence of a field; the parts of its
 * title (see record-label.ts), made into the label only for a finding; then its place (file, index,
 * offset, id) as name and value pairs, in order.
 */
type RecordPlace = [tags: string | string[], titleMain: string | null, titleRest: string | null, ...place: (string | number)[]];

/**
 * The cross-record rules of a linter: each record's keys and words go to a
 * key index with the record's place (one row per record), and the findings
 * are read from the index once every record is in.
 */
export class CrossRecords {
  readonly #rules: readonly { active: ActiveRule; rule: CrossRecordRule }[];
  /** The rules that check each flavour, with the context they are called with and their scopes, made once. */
  readonly #running: Readonly<Record<RuleFlavour, readonly RunningCrossRule[]>>;

  constructor(rules: readonly { active: ActiveRule; rule: CrossRecordRule }[]) {
    this.#rules = rules;
    const running = (flavour: RuleFlavour): RunningCrossRule[] =>
      rules.flatMap(({ active, rule }) => (rule.meta.flavours.includes(flavour) ? [{ rule, id: rule.meta.id, context: { flavour, options: active.options }, scopes: new Map<string, string>() }] : []));
    this.#running = { marc21: running('marc21'), unimarc: running('unimarc') };
  }

  get size(): number {
    return this.#rules.length;
  }

  /** Feeds the keys and words of one record into the index. */
  collect(record: MarcRecord, index: KeyIndex, flavour: RuleFlavour): void {
    const prepared = this.prepare(record, flavour);
    if (prepared) index.addRecord(prepared.place, prepared.keys, prepared.words);
  }

  /**
   * What the index needs of one record, as plain data (so a worker thread can make it): the place
   * its findings share, its keys and its words; undefined when it has none.
   */
  prepare(record: MarcRecord, flavour: RuleFlavour): CrossRecordData | undefined {
    let keys: IndexKey[] | undefined;
    let words: IndexWord[] | undefined;
    const running = this.#running[flavour];
    for (let r = 0; r < running.length; r++) {
      const { rule, id, context, scopes } = running[r]!;
      if (rule.keys) for (const k of rule.keys(record, context)) (keys ??= []).push({ rule: id, key: k.key, value: k.value, field: k.field, subfield: k.subfield });
      if (rule.words) {
        for (const w of rule.words(record, context)) {
          let scope = scopes.get(w.scope);
          if (scope === undefined) {
            scope = `${id}\u0000${w.scope}`;
            scopes.set(w.scope, scope);
          }
          (words ??= []).push({ scope, word: w.word, field: w.field, subfield: w.subfield });
        }
      }
    }
    if (keys === undefined && words === undefined) return undefined;
    return { place: recordPlace(record, flavour), keys: keys ?? [], words: words ?? [] };
  }

  /** Findings of the cross-record rules, once every record has been collected. */
  *findings(index: KeyIndex): Generator<Finding> {
    for (const { active, rule } of this.#rules) {
      const template = (id: string): string => rule.meta.messages[id] ?? id;
      if (rule.strategy === 'duplicates') {
        for (const group of index.duplicates(rule.meta.id)) {
          const { label: _firstLabel, ...related } = placeIn(group.entries[0]!);
          const first = describe(related);
          for (const entry of group.entries.slice(1)) {
            const { label, ...place } = placeIn(entry);
            const data = { value: entry.value, first, count: group.entries.length };
            const f: Finding = {
              ruleId: rule.meta.id,
              messageId: 'duplicate',
              severity: active.severity,
              message: formatMessage(template('duplicate'), data),
              place,
              actual: entry.value,
              related,
              fixable: false,
            };
            if (label !== undefined) f.label = label;
            yield f;
          }
        }
      } else {
        const thresholds = rule.thresholds?.(active.options) ?? { rareMax: 1, frequentMin: 5 };
        for (const n of index.nearWords(thresholds.rareMax, thresholds.frequentMin, deletionKeys, typingDistance)) {
          if (!n.scope.startsWith(`${rule.meta.id}\u0000`)) continue;
          const { label, ...place } = placeIn(n.rarePlace);
          const data = { word: n.rare, suggestion: n.frequent, count: n.frequentCount };
          const f: Finding = {
            ruleId: rule.meta.id,
            messageId: 'misprint',
            severity: active.severity,
            message: formatMessage(template('misprint'), data),
            place,
            actual: n.rare,
            expected: n.frequent,
            fixable: false,
          };
          if (label !== undefined) f.label = label;
          yield f;
        }
      }
    }
  }

}

/** The place of a record, its title's parts and its tags, in one pass over its fields. */
function recordPlace(record: MarcRecord, flavour: RuleFlavour): RecordPlace {
  const fields = record.fields;
  const titleTag = flavour === 'marc21' ? '245' : '200';
  let idField: Field | undefined;
  let titleField: DataField | undefined;
  let tags = '';
  let threeCharacterTags = true;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const tag = f.tag;
    if (tag.length === 3) tags += tag;
    else threeCharacterTags = false;
    if (idField === undefined && tag === '001') idField = f;
    if (titleField === undefined && tag === titleTag && f.kind === 'data') titleField = f;
  }
  // As recordId and recordTitle read them: the first 001 (if a control field), the first 245 or 200 data field.
  const [main, rest] = titleField === undefined ? [] : titleParts(titleField, flavour);
  const out: RecordPlace = [threeCharacterTags ? tags : fields.map((f) => f.tag), main ?? null, rest ?? null];
  const at: Place = { ...record.place };
  const id = idField?.kind === 'control' ? idField.value.trim() : '';
  if (id !== '') at.recordId = id;
  for (const name in at) {
    const value = at[name as keyof Place];
    if (value !== undefined) out.push(name, value);
  }
  return out;
}

/** The tag of field `field` in a record's tags as kept. */
function tagAt(tags: string | string[], field: number): string | undefined {
  if (typeof tags !== 'string') return tags[field];
  return field >= 0 && field * 3 < tags.length ? tags.slice(field * 3, field * 3 + 3) : undefined;
}

/** How many fields before `field` have the tag `tag`. */
function occurrenceOf(tags: string | string[], field: number, tag: string): number {
  let occurrence = 0;
  if (typeof tags !== 'string') {
    for (let i = 0; i < field; i++) if (tags[i] === tag) occurrence++;
  } else for (let i = 0; i < field; i++) if (tags.startsWith(tag, i * 3)) occurrence++;
  return occurrence;
}

/** The place of a key or word: its record's place with the tag, the occurrence of the tag and the subfield. */
function placeIn(where: IndexPlace): LabelledPlace {
  const kept = where.place as RecordPlace;
  const tags = kept[0];
  const place: Record<string, string | number> = {};
  for (let i = 3; i < kept.length; i += 2) place[kept[i] as string] = kept[i + 1] as string | number;
  const label = titleText(kept[1] ?? undefined, kept[2] ?? undefined);
  if (label !== undefined) place.label = label;
  const tag = tagAt(tags, where.field);
  if (tag !== undefined) {
    place.tag = tag;
    place.occurrence = occurrenceOf(tags, where.field, tag);
  }
  if (where.subfield !== undefined) place.subfield = where.subfield;
  return place as LabelledPlace;
}

function describe(place: Place): string {
  const parts: string[] = [];
  if (place.index !== undefined) parts.push(`record ${place.index + 1}`);
  if (place.recordId !== undefined) parts.push(`id ${place.recordId}`);
  return parts.join(', ') || 'an earlier record';
}
