import { z } from 'zod';
import { bbkClass, udcClass } from './classification-index.js';
import { SUBJECT_GROUPS, type SubjectGroup } from './subject-group.js';

/**
 * One rule of the subject-group mapping: copies whose BBK class starts with
 * one of `bbk`, or whose UDC class starts with one of `udc`, belong to
 * `group`. A UDC prefix ending in `-` needs a form subdivision after the
 * number: `821-` is «821… with a form subdivision» (`821.512.122-31`, a
 * novel), which is fiction, while `821.512.122` alone is not.
 */
export interface SubjectRule {
  group: SubjectGroup;
  /** BBK class prefixes: `84`, `63.3`, `32.97`, or an old letter class `Ш5`. */
  bbk?: string[];
  /** UDC class prefixes: `61`, `82.0`, `821-`. */
  udc?: string[];
}

/** A whole mapping: rules in order (on a tie between equally long prefixes the earlier rule wins). */
export type SubjectRules = readonly SubjectRule[];

/**
 * The defaults of the customer's statistics (accounting.md; not confirmed
 * against the 2025 forms, hence configurable). BBK: 2, 5 → ЕН; 3 → Техника;
 * 4 → С/х; 75, 85 → Искусство/Спорт; 80–83 → Филология; 84 → fiction. UDC:
 * 5, 61 → ЕН; 62, 66–69 → Техника; 63 → С/х; 7 → Искусство/Спорт; 80, 81,
 * 82.0 → Филология; 821 with a form subdivision → fiction. Anything else is
 * ОПЛ (no rule needed: ОПЛ is what no rule claims).
 */
export const DEFAULT_SUBJECT_RULES: SubjectRules = Object.freeze([
  Object.freeze({ group: 'en', bbk: ['2', '5'], udc: ['5', '61'] }),
  Object.freeze({ group: 'tech', bbk: ['3'], udc: ['62', '66', '67', '68', '69'] }),
  Object.freeze({ group: 'agri', bbk: ['4'], udc: ['63'] }),
  Object.freeze({ group: 'arts_sport', bbk: ['75', '85'], udc: ['7'] }),
  Object.freeze({ group: 'philology', bbk: ['80', '81', '82', '83'], udc: ['80', '81', '82.0'] }),
  Object.freeze({ group: 'fiction', bbk: ['84'], udc: ['821-'] }),
] satisfies SubjectRule[]);

/** True when the prefix is a bare BBK class number: `84`, `63.3`, `Ш5` — no qualifiers such as `(5Каз)`. */
export function isBbkPrefix(prefix: string): boolean {
  // Latin look-alikes (a Latin T in `T3`) are read as the Cyrillic letter, as in indexes.
  return /^(?:\d+(?:\.\d+)*|[А-ЯЁABCEHKMOPTXY](?:\d+(?:\.\d+)*)?)$/u.test(prefix.trim()) && bbkClass(prefix) !== undefined;
}

/** True when the prefix is a bare UDC class number, with an optional `-` at the end: `61`, `82.0`, `821-`. */
export function isUdcPrefix(prefix: string): boolean {
  return /^\d+(?:\.\d+)*-?$/u.test(prefix.trim()) && udcClass(prefix.replace(/-$/u, '')) !== undefined;
}

const bbkPrefix = z.string().refine(isBbkPrefix, { message: 'not a BBK class number such as "84", "63.3" or "Ш5" (no qualifiers like "(5Каз)")' });
const udcPrefix = z.string().refine(isUdcPrefix, { message: 'not a UDC class number such as "61", "82.0" or "821-" (a trailing "-" means: with a form subdivision)' });

/** zod schema of one rule of a mapping file. */
export const subjectRuleSchema = z
  .strictObject({
    group: z.enum(SUBJECT_GROUPS),
    bbk: z.array(bbkPrefix).optional(),
    udc: z.array(udcPrefix).optional(),
  })
  .refine((rule) => (rule.bbk?.length ?? 0) + (rule.udc?.length ?? 0) > 0, { message: 'a rule needs at least one "bbk" or "udc" prefix' });

/**
 * zod schema of a subject-group mapping file (`--subjects <file>`):
 * `{ "defaults": true, "rules": [ { "group": "en", "bbk": ["88"] } ] }`.
 * The rules come first; with `defaults` (true unless set to false) the
 * default rules follow them, so a file only has to say what differs. Parses
 * to the resolved rule list that `subjectGroupOf` takes.
 */
export const subjectGroupsSchema = z
  .strictObject({
    defaults: z.boolean().default(true),
    rules: z.array(subjectRuleSchema),
  })
  .transform((file): SubjectRules => {
    const rules: SubjectRule[] = file.rules.map((r) => ({
      group: r.group,
      ...(r.bbk !== undefined ? { bbk: r.bbk } : {}),
      ...(r.udc !== undefined ? { udc: r.udc } : {}),
    }));
    return file.defaults ? [...rules, ...DEFAULT_SUBJECT_RULES] : rules;
  });

/** A mapping file as written (before the defaults are added). */
export type SubjectGroupsFile = z.input<typeof subjectGroupsSchema>;
