import { LATIN_TO_CYRILLIC } from '@kitap/text';

/**
 * The class number of a BBK index that the subject groups are decided by:
 * the main-table number with its periods dropped (`84(5Каз)6-44` → `84`,
 * `63.3(5Каз)` → `633`, `32.973` → `32973`), or for the old letter editions a
 * capital letter and its digits (`Ш5`). Periods are dropped because in BBK
 * they only mark digit groups (after the first two digits, then every three),
 * so `32.97.3` and `32.973` are the same class.
 */
export interface BbkClass {
  /** The index as written. */
  written: string;
  /** Digits of the main number without periods, or a capital letter and its digits. */
  main: string;
}

/**
 * The class number of a UDC notation: the main number with its periods
 * (`821.512.122-31` → `821.512.122`), and whether a form subdivision follows
 * it (a hyphen auxiliary such as `-31`, `-3`, `-1`: the work itself, not a
 * study of it). Periods are kept: in UDC `82.0` (theory of literature) and
 * `820` are different classes.
 */
export interface UdcClass {
  /** The notation as written. */
  written: string;
  /** The main number: digits and periods, commas read as periods, no period at the end. */
  main: string;
  /** True when a hyphen auxiliary (`-` and a digit) follows the main number outside parentheses and quotes. */
  form: boolean;
}

// All whitespace, NBSP and the narrow NBSP included.
const SPACES = /\s+/gu;
// A "ББК"/"УДК" label in front of the number, as some catalogs write it in $a.
const BBK_LABEL = /^(?:ББК|ВВК)[.:]?/iu;
const UDC_LABEL = /^(?:УДК|UDC|УDC)[.:]?/iu;
const BBK_DIGIT_MAIN = /^\d+(?:[.,]\d+)*/u;
// Old editions: a capital letter and digits (`Ш5`, `Т3`), not the start of a word (`Каз`).
const BBK_LETTER_MAIN = /^[А-ЯЁ](?:\d+(?:[.,]\d+)*)?(?![а-яёәғқңөұүһі])/u;
const UDC_MAIN = /^\d+(?:[.,]\d+)*/u;
// The relations that start another notation: ":" relation, "+" addition, "/" range, "::" order-fixing.
const UDC_RELATION = /[:+/]/u;
const UDC_ENCLOSED = /\([^()]*\)|"[^"]*"|«[^»]*»|\[[^\]]*\]/gu;

/** Latin letters written for their Cyrillic look-alikes: «84(5Kaз)», «T3» (Latin K, T). */
function cyrillicLookalikes(text: string): string {
  let out = '';
  for (const ch of text) out += LATIN_TO_CYRILLIC[ch] ?? ch;
  return out;
}

/**
 * The BBK class of an index as catalogs write it: spaces anywhere
 * (`84 (5Каз) 6`), a «ББК» label in front, a comma for a period (`63,3`),
 * Latin look-alike letters (`T3` with a Latin T), the qualifiers after the
 * main number (`84(5Каз)6`, `84Р7`, `81.2Каз-2`, `74.268.1я7`) and a second
 * index after `:`, `+` or `/` (only the first counts). Undefined when the
 * text does not start with a class number (empty, an author sign, `(5Каз)`).
 */
export function bbkClass(written: string): BbkClass | undefined {
  const text = cyrillicLookalikes(written.replace(SPACES, '')).replace(BBK_LABEL, '');
  const digits = BBK_DIGIT_MAIN.exec(text);
  if (digits) return { written, main: digits[0].replace(/[.,]/gu, '') };
  const letter = BBK_LETTER_MAIN.exec(text);
  if (letter) return { written, main: letter[0].replace(/[.,]/gu, '') };
  return undefined;
}

/**
 * The UDC class of a notation as catalogs write it: spaces anywhere, an
 * «УДК» label in front, a comma for a period (`82,0`), a notation in square
 * brackets, auxiliaries after the main number (`94(574)`, `821.512.122-31`,
 * `821.161.1-3=512.122`) and a second notation after `:`, `+` or `/` (only
 * the first counts). Undefined when the text does not start with a number.
 */
export function udcClass(written: string): UdcClass | undefined {
  const text = written.replace(SPACES, '').replace(UDC_LABEL, '').replace(/^\[/u, '');
  const match = UDC_MAIN.exec(text);
  if (!match) return undefined;
  const main = match[0].replace(/,/gu, '.');
  let rest = text.slice(match[0].length);
  const relation = UDC_RELATION.exec(rest);
  if (relation) rest = rest.slice(0, relation.index);
  const form = /-\d/u.test(rest.replace(UDC_ENCLOSED, ''));
  return { written, main, form };
}
