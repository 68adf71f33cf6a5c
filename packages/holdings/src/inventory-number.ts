import { KitapError } from '@kitap/core';
import { LATIN_TO_CYRILLIC } from '@kitap/text';
import { z } from 'zod';
import type { BranchDirectory } from './branch-directory.js';

/*
 * Inventory numbers are stamped in every copy and unique across the library
 * system, but every source writes them its own way: "0048213", "48213",
 * "ЦГБ-48213", "Ф4/12345", "12345а", "12345-а", "12345 a", "ИНВ 48213",
 * "№ 48213", "48 213", "D15-00312". Parsing gives each a `key`: two copies
 * have the same number exactly when their keys are equal.
 */

/**
 * How inventory numbers are compared (the `inventoryNumbers` part of the
 * project config). The defaults suit a system whose numbers are written with
 * noise around them; `branchPrefixes: 'strip'` is for a system where all
 * branches draw from one sequence, so "ЦГБ-48213" and "48213" are one copy.
 */
export const inventoryNumberOptionsSchema = z
  .strictObject({
    /** Words removed before the number, ignoring case (and Latin look-alikes when `foldLookalikes`). */
    prefixes: z.array(z.string().min(1)).default(['инв', 'инв.', 'inv', '№']),
    /** A leading branch code ("ЦГБ-", "Ф4/", "D15-"): part of the key (`keep`: branches number their copies apart) or dropped (`strip`: one sequence for the system). */
    branchPrefixes: z.enum(['keep', 'strip']).default('keep'),
    /** Characters that may stand between the parts of a number; whitespace always may. */
    separators: z.string().default(' -/._'),
    leadingZeros: z.enum(['strip', 'keep']).default('strip'),
    /** A letter suffix ("48213а") makes a different copy (`keep`) or is ignored in the key (`drop`). */
    suffix: z.enum(['keep', 'drop']).default('keep'),
    /** Latin letters in a suffix or branch code are read as the Cyrillic letters they look like ("12345a" is "12345а"). */
    foldLookalikes: z.boolean().default(true),
    /** A regular expression (Unicode) the key must match, else the number is invalid; anchor it (`^…$`) to test the whole key. */
    pattern: z.string().optional(),
    /** Bounds on the number of digits (after leading zeros are stripped, when they are). */
    minDigits: z.number().int().min(1).max(15).default(1),
    maxDigits: z.number().int().min(1).max(15).default(12),
  })
  .superRefine((o, ctx) => {
    if (o.minDigits > o.maxDigits) ctx.addIssue({ code: 'custom', path: ['minDigits'], message: `minDigits (${o.minDigits}) is above maxDigits (${o.maxDigits})` });
    if (o.pattern !== undefined) {
      try {
        new RegExp(o.pattern, 'u');
      } catch (error) {
        ctx.addIssue({ code: 'custom', path: ['pattern'], message: `not a regular expression: ${(error as Error).message}` });
      }
    }
  });

/** Options as written in a config (every field may be left out). */
export type InventoryNumberOptions = z.input<typeof inventoryNumberOptionsSchema>;
/** Options with their defaults filled in. */
export type ResolvedInventoryNumberOptions = z.output<typeof inventoryNumberOptionsSchema>;

/** An inventory number as read, and the key comparisons use. */
export interface InventoryNumber {
  /** The text as the source had it. */
  raw: string;
  /** Same key ⇔ same copy number: "ЦГБ-48213а" → "ЦГБ-48213а" (branch kept), "0048213" → "48213". */
  key: string;
  /** The number's digits, without thousands separators (and without leading zeros, when they are stripped). */
  digits: string;
  /** The words removed in front ("Инв. №"), as written. */
  prefix?: string;
  /** The branch code in front: the directory's code when one was given ("CGB" for "ЦГБ-"), else the code as normalised text ("Ф4"). */
  branch?: string;
  /** The letter suffix, lower case, Latin look-alikes made Cyrillic ("а" for "12345-A"). */
  suffix?: string;
}

/** The result of parsing one inventory number: the number, or why it is none (`EMPTY`: nothing written; `INVALID`: something that is not a number). */
export type InventoryNumberResult = { ok: true; value: InventoryNumber } | { ok: false; code: 'INVALID' | 'EMPTY'; reason: string };

/** The widest range `expandInventoryRange` expands; a wider one is an error (a typo is likelier than 10,001 copies in one row). */
export const MAX_INVENTORY_RANGE = 10_000;

interface Prepared {
  options: ResolvedInventoryNumberOptions;
  prefixes: { folded: string; endsWithLetter: boolean }[];
  /** The longest prefix word. */
  prefixLength: number;
  /** Whether a prefix word starts with a digit (then a cell of digits may hold one). */
  digitPrefix: boolean;
  /** The first characters of the prefix words, folded. */
  prefixStarts: Set<string>;
  separators: Set<string>;
  /** The separator between the branch and the number in a key. */
  join: string;
  pattern: RegExp | undefined;
}

const preparedCache = new WeakMap<object, Prepared>();
const preparedByText = new Map<string, Prepared>();
let preparedDefaults: Prepared | undefined;

function prepare(options: InventoryNumberOptions | undefined): Prepared {
  if (options === undefined) return (preparedDefaults ??= build({}));
  let found = preparedCache.get(options);
  if (!found) {
    // A caller may build an equal options object for every number: prepare each distinct one once.
    const text = JSON.stringify(options);
    found = preparedByText.get(text);
    if (!found) {
      found = build(options);
      if (preparedByText.size >= 64) preparedByText.clear();
      preparedByText.set(text, found);
    }
    preparedCache.set(options, found);
  }
  return found;
}

function build(input: InventoryNumberOptions): Prepared {
  const parsed = inventoryNumberOptionsSchema.safeParse(input);
  if (!parsed.success) {
    throw new KitapError('E_CONFIG', `inventory number options: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ')}`);
  }
  const options = parsed.data;
  const fold = options.foldLookalikes;
  const prefixes = options.prefixes
    .map((p) => ({ folded: foldPrefix(clean(p), fold), endsWithLetter: LETTER.test(p.at(-1) ?? '') }))
    .sort((a, b) => b.folded.length - a.folded.length);
  const separators = new Set(options.separators);
  return {
    options,
    prefixes,
    prefixLength: Math.max(0, ...prefixes.map((x) => x.folded.length)),
    digitPrefix: prefixes.some((x) => /^[0-9]/.test(x.folded)),
    prefixStarts: new Set(prefixes.map((x) => x.folded.slice(0, 1))),
    separators,
    join: separators.has('-') ? '-' : (options.separators[0] ?? ' '),
    pattern: options.pattern === undefined ? undefined : new RegExp(options.pattern, 'u'),
  };
}

const LETTER = /[\p{L}\p{M}]/u;
const CYRILLIC = /[\u0400-\u052f]/u;
/** The most letters in a row a branch code written in front of a number has (without a directory to ask). */
const MAX_CODE_LETTERS = 5;
// Printable ASCII without tabs or line breaks: nothing for `clean` to do.
const PLAIN = /^[\x20-\x7e]*$/;
const ONLY_DIGITS = /^[0-9]+$/;
const COMBINING = /[\u0300-\u036f]/;

/** What kind of character `ch` is inside a number: digit, letter, separator, or none of these. */
function charType(ch: string, separators: ReadonlySet<string>): 'digits' | 'letters' | 'sep' | undefined {
  const c = ch.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39) return 'digits';
  if (ch === ' ' || separators.has(ch)) return 'sep';
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x410 && c <= 0x44f)) return 'letters';
  return c > 0x7f && LETTER.test(ch) ? 'letters' : undefined;
}

/** NFC, every dash as "-", every space as " ". */
function clean(text: string): string {
  if (PLAIN.test(text)) return text;
  // Only combining marks change under NFC in the text numbers are written in.
  return (COMBINING.test(text) ? text.normalize('NFC') : text)
    .replace(/[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d]/g, '-')
    .replace(/[\s\u00a0\u2007\u202f]/g, ' ');
}

const LATIN_LOOKALIKE = new RegExp(`[${Object.keys(LATIN_TO_CYRILLIC).join('')}]`, 'g');

/** Lower case, with Latin look-alikes read as Cyrillic; one UTF-16 unit out for each in, so indexes line up. */
function foldPrefix(text: string, lookalikes: boolean): string {
  const mapped = lookalikes ? text.replace(LATIN_LOOKALIKE, (ch) => LATIN_TO_CYRILLIC[ch]!) : text;
  const lower = mapped.toLowerCase();
  if (lower.length === mapped.length) return lower;
  // A letter whose lower case is longer ("İ"): keep it as it is.
  let out = '';
  for (let i = 0; i < mapped.length; i++) {
    const ch = mapped[i]!;
    const l = ch.toLowerCase();
    out += l.length === 1 ? l : ch;
  }
  return out;
}

/** Latin letters in a suffix, read as the Cyrillic letter each looks like: "B" is "в", but "b" is "б". */
const SUFFIX_LOOKALIKES: Readonly<Record<string, string>> = {
  A: 'а', a: 'а', B: 'в', b: 'б', C: 'с', c: 'с', E: 'е', e: 'е', H: 'н', K: 'к', k: 'к', M: 'м',
  O: 'о', o: 'о', P: 'р', p: 'р', T: 'т', X: 'х', x: 'х', Y: 'у', y: 'у',
};

/** Spellings that say a copy has no number. */
const NO_NUMBER = new Set(['б/н', 'б/н.', 'без номера']);
const NO_NUMBER_LENGTH = Math.max(...[...NO_NUMBER].map((s) => s.length));

/** The prefix words at the start of `text` (cleaned), and where the rest begins. */
function skipPrefixes(text: string, p: Prepared): { end: number; rest: number } {
  const isSep = (ch: string | undefined): boolean => ch !== undefined && (ch === ' ' || p.separators.has(ch));
  let pos = 0;
  let end = 0;
  while (isSep(text[pos])) pos++;
  // Most numbers start with no prefix word at all: look at one character before folding the text.
  if (!p.prefixStarts.has(foldPrefix(text.slice(pos, pos + 1), p.options.foldLookalikes))) return { end, rest: pos };
  // Prefix words are short: fold only the head of the text.
  const folded = foldPrefix(text.slice(0, p.prefixLength * 4 + 8), p.options.foldLookalikes);
  for (let matched = true; matched; ) {
    matched = false;
    for (const prefix of p.prefixes) {
      if (prefix.folded === '' || !folded.startsWith(prefix.folded, pos)) continue;
      const after = text[pos + prefix.folded.length];
      if (prefix.endsWithLetter && after !== undefined && LETTER.test(after)) continue;
      pos += prefix.folded.length;
      end = pos;
      while (isSep(text[pos])) pos++;
      matched = true;
      break;
    }
  }
  return { end, rest: pos };
}

type Run = { type: 'digits' | 'letters' | 'sep'; text: string };

function invalid(reason: string): InventoryNumberResult {
  return { ok: false, code: 'INVALID', reason };
}

/**
 * A branch code written in front of a number, as normalised text: upper case,
 * leading zeros gone, look-alikes made Cyrillic in a Cyrillic code, and
 * separators gone between letters and digits ("Ф-04" → "Ф4") but kept, as
 * `join`, between two runs of letters or of digits, which would otherwise merge.
 */
function normalizeBranchCode(runs: readonly Run[], lookalikes: boolean, join: string): string {
  let out = '';
  let previous: Run['type'] | undefined;
  let separated = false;
  for (const run of runs) {
    if (run.type === 'sep') {
      separated = true;
      continue;
    }
    if (separated && previous === run.type) out += join;
    separated = false;
    previous = run.type;
    if (run.type === 'digits') {
      out += run.text.replace(/^0+(?=[0-9])/, '');
      continue;
    }
    const upper = run.text.toUpperCase();
    const cyrillic = CYRILLIC.test(upper) || [...upper].every((ch) => LATIN_TO_CYRILLIC[ch] !== undefined);
    out += lookalikes && cyrillic ? [...upper].map((ch) => LATIN_TO_CYRILLIC[ch] ?? ch).join('') : upper;
  }
  return out;
}

/**
 * Reads one inventory number as a source wrote it. The key is idempotent
 * (`parse(key).key === key` with the same options and directory), two
 * spellings of one number get one key, and different digits never share one.
 * With a branch directory, a branch code in front is resolved to the
 * directory's code ("ЦГБ-48213" and "CGB-48213" agree) and an unknown one
 * makes the number invalid when branch prefixes are kept; without one, a
 * code is up to five letters in a row, with digits of up to three ("Ф4",
 * "D15"). Two numbers ("48213-48217": a range, see `expandInventoryRange`),
 * zero, letters other than a one- or two-letter suffix after the number, and
 * any character that is neither a letter, a digit nor a separator make it
 * `INVALID`; nothing but prefix words, or "б/н", make it `EMPTY`. Throws
 * `KitapError('E_CONFIG')` when the options are not valid.
 */
export function parseInventoryNumber(raw: string, options?: InventoryNumberOptions, branches?: BranchDirectory): InventoryNumberResult {
  const p = prepare(options);
  const o = p.options;
  // Most cells are plain digits.
  if (ONLY_DIGITS.test(raw) && !p.digitPrefix) return finish(raw, p, raw, undefined, undefined, undefined);
  const text = clean(raw).trim();
  if (text === '') return { ok: false, code: 'EMPTY', reason: 'no inventory number' };
  if (text.length <= NO_NUMBER_LENGTH && NO_NUMBER.has(foldPrefix(text, o.foldLookalikes))) return { ok: false, code: 'EMPTY', reason: `«${raw.trim()}» says the copy has no number` };
  const { end, rest } = skipPrefixes(text, p);
  const prefix = end > 0 ? text.slice(0, end) : undefined;

  const runs: Run[] = [];
  for (const ch of text.slice(rest)) {
    const type = charType(ch, p.separators);
    if (type === undefined) return invalid(`unexpected character «${ch}» in «${raw.trim()}»`);
    const last = runs.at(-1);
    if (last && last.type === type) last.text += ch;
    else runs.push({ type, text: ch });
  }
  while (runs.at(-1)?.type === 'sep') runs.pop();
  if (runs.length === 0) return { ok: false, code: 'EMPTY', reason: `only «${raw.trim()}», no number` };
  if (!runs.some((r) => r.type === 'digits')) return invalid(`no digits in «${raw.trim()}»`);

  // A letter suffix: right after the digits, or after one separator ("12345а", "12345-а", "12345 a").
  let endRun = runs.length;
  let suffixRun: Run | undefined;
  if (runs[endRun - 1]!.type === 'letters') {
    if (runs[endRun - 2]?.type === 'digits') endRun -= 1;
    else if (runs[endRun - 2]?.type === 'sep' && runs[endRun - 3]?.type === 'digits') endRun -= 2;
    else return invalid(`letters after the number in «${raw.trim()}»`);
    suffixRun = runs.at(-1)!;
    if ([...suffixRun.text].length > 2) return invalid(`«${suffixRun.text}» after the number is not a letter suffix`);
  }

  // The number, with thousands written apart by single spaces ("48 213", "1 048 213").
  let start = endRun - 1;
  const groups = [runs[start]!.text];
  while (
    start >= 2 &&
    runs[start - 1]!.text === ' ' &&
    runs[start - 2]!.type === 'digits' &&
    groups[0]!.length === 3 &&
    runs[start - 2]!.text.length <= 3 &&
    (start < 3 || runs[start - 3]!.type === 'sep')
  ) {
    groups.unshift(runs[start - 2]!.text);
    start -= 2;
  }

  // Whatever stands before the number is a branch code ("ЦГБ-", "Ф4/", "D15-").
  const left = runs.slice(0, start);
  while (left.at(-1)?.type === 'sep') left.pop();
  let branch: string | undefined;
  if (left.length > 0) {
    const written = left.map((r) => r.text).join('');
    if (left[0]!.type !== 'letters' || left.some((r) => r.type === 'digits' && r.text.length > 3)) {
      return left.every((r) => r.type !== 'letters')
        ? invalid(`two numbers in «${raw.trim()}»${/-/.test(text) ? ' (a range? see expandInventoryRange)' : ''}`)
        : invalid(`«${written}» before the number in «${raw.trim()}» is not a branch code`);
    }
    const known = branches?.byCode(written) ?? branches?.resolve(written);
    if (known) branch = known.code;
    else if (branches && o.branchPrefixes === 'keep') return invalid(`«${written}» before the number in «${raw.trim()}» is not a library the branch directory knows`);
    // A code is short ("ЦГБ", "ООИФ", "D15"); a word ("Инвентарный 48213") is not one.
    else if (left.some((r) => r.type === 'letters' && [...r.text].length > MAX_CODE_LETTERS)) return invalid(`«${written}» before the number in «${raw.trim()}» is not a branch code`);
    else branch = normalizeBranchCode(left, o.foldLookalikes, p.join);
  }

  return finish(raw, p, groups.join(''), prefix, branch, suffixRun?.text);
}

/** The last steps of `parseInventoryNumber`, once the parts are found: zeros, digit bounds, suffix, key, pattern. */
function finish(raw: string, p: Prepared, written: string, prefix: string | undefined, branch: string | undefined, suffixText: string | undefined): InventoryNumberResult {
  const o = p.options;
  let digits = written;
  if (/^0+$/.test(digits)) return invalid(`«${raw.trim()}» is zero, not an inventory number`);
  if (o.leadingZeros === 'strip') digits = digits.replace(/^0+/, '');
  if (digits.length < o.minDigits || digits.length > o.maxDigits) {
    return invalid(`«${raw.trim()}» has ${digits.length} digits; inventory numbers have ${o.minDigits === o.maxDigits ? o.minDigits : `${o.minDigits} to ${o.maxDigits}`}`);
  }

  let suffix: string | undefined;
  if (suffixText !== undefined) suffix = o.foldLookalikes ? [...suffixText].map((ch) => SUFFIX_LOOKALIKES[ch] ?? ch.toLowerCase()).join('') : suffixText.toLowerCase();

  const number = digits + (suffix !== undefined && o.suffix === 'keep' ? suffix : '');
  const key = branch !== undefined && o.branchPrefixes === 'keep' ? `${branch}${p.join}${number}` : number;
  if (p.pattern && !p.pattern.test(key)) return invalid(`«${raw.trim()}» (${key}) does not match the pattern ${o.pattern}`);

  const value: InventoryNumber = { raw, key, digits };
  if (prefix !== undefined) value.prefix = prefix;
  if (branch !== undefined) value.branch = branch;
  if (suffix !== undefined) value.suffix = suffix;
  return { ok: true, value };
}

/** One end of a range: an optional branch code in front, as written, and the digits. */
interface RangeEnd {
  branch?: { written: string; folded: string };
  digits: string;
}

const RANGE_END = /^(?:(\p{L}+)([0-9]{0,3})([-/._ ]))?([0-9]+)$/u;
const RANGE_MARK = / *(?:-|…|\.{2,3}) */g;
const FROM_TO = /^(?:с|от|from)\s+(.+?)\s+(?:по|до|to)\s+(.+)$/iu;

function rangeEnd(text: string, p: Prepared): RangeEnd | undefined {
  const { rest } = skipPrefixes(text, p);
  const m = RANGE_END.exec(text.slice(rest).trim());
  if (!m) return undefined;
  const [, letters, digitsAfter, sep, digits] = m;
  if (letters === undefined) return { digits: digits! };
  // A branch code needs a separator before the number ("ЦГБ-48213", "Ф4/12345"): "D15-00312" is one number, not 15…312.
  return { branch: { written: `${letters}${digitsAfter}${sep}`, folded: foldPrefix(`${letters}${digitsAfter}`, p.options.foldLookalikes) }, digits: digits! };
}

/**
 * The numbers of a range written in one cell — "48213-48217", "48213–48217",
 * "48213…48217", "с 48213 по 48217", "ЦГБ-48213-48217" — as strings for
 * `parseInventoryNumber`, zero-padded to the width of the first when it is
 * padded ("0048213-0048215" → "0048213", "0048214", "0048215"). Undefined when
 * the text is not a range ("48213", "D15-00312", "12345-а"); an error when it
 * runs backwards ("48213-17" is not read as 48213…48217), is wider than
 * `MAX_INVENTORY_RANGE`, its ends carry different branch codes, or a padded
 * end is not as wide as the start ("15-00312"). A branch code in front needs a
 * separator ("ЦГБ-48213-48217", "Ф4/12345-12349") and is kept on every number.
 */
export function expandInventoryRange(text: string, options?: InventoryNumberOptions): { ok: true; numbers: string[] } | { ok: false; reason: string } | undefined {
  const p = prepare(options);
  const s = clean(text).trim();
  let ends: [RangeEnd, RangeEnd] | undefined;
  const fromTo = FROM_TO.exec(s);
  if (fromTo) {
    const a = rangeEnd(fromTo[1]!, p);
    const b = rangeEnd(fromTo[2]!, p);
    if (a && b) ends = [a, b];
  }
  if (!ends) {
    for (const m of s.matchAll(RANGE_MARK)) {
      const a = rangeEnd(s.slice(0, m.index), p);
      const b = a && rangeEnd(s.slice(m.index + m[0].length), p);
      if (a && b) {
        ends = [a, b];
        break;
      }
    }
  }
  if (!ends) return undefined;
  const [a, b] = ends;
  if (b.branch && (!a.branch || a.branch.folded !== b.branch.folded)) return { ok: false, reason: `the ends of «${text.trim()}» carry different branch codes` };
  if (a.digits.length > 15 || b.digits.length > 15) return { ok: false, reason: `«${text.trim()}» has numbers too long to count` };
  // "15-00312" is a branch and a number written without letters, not 15…312: a padded end must be as wide as the start.
  if (b.digits.startsWith('0') && b.digits.length !== a.digits.length) return { ok: false, reason: `«${text.trim()}» is not a clear range: its ends are written with different widths` };
  const first = Number(a.digits);
  const last = Number(b.digits);
  if (last < first) {
    const hint = b.digits.length < a.digits.length ? ` (is «${b.digits}» short for «${a.digits.slice(0, a.digits.length - b.digits.length)}${b.digits}»? write the range in full)` : '';
    return { ok: false, reason: `the range «${text.trim()}» runs backwards${hint}` };
  }
  const size = last - first + 1;
  if (size > MAX_INVENTORY_RANGE) return { ok: false, reason: `the range «${text.trim()}» holds ${size} numbers, more than ${MAX_INVENTORY_RANGE}` };
  const width = a.digits.length > 1 && a.digits.startsWith('0') ? a.digits.length : 0;
  const lead = a.branch?.written ?? '';
  const numbers: string[] = [];
  for (let n = first; n <= last; n++) numbers.push(lead + String(n).padStart(width, '0'));
  return { ok: true, numbers };
}
