/*
 * Kazakh letters lost to `?`. A cp1251 (or cp866) export cannot hold ә ғ қ ң ө
 * ұ ү һ, and 1C, like most Windows software, writes `?` for a character the
 * target code page lacks: «Қазақ халқы» leaves the export as «?аза? хал?ы».
 * The letters cannot be recovered from the text alone, but they can be matched:
 * a lost letter stands for exactly one of those eight letters, so «?аза?»
 * matches «қазақ» (and «казак», the look-alike spelling) and nothing longer or
 * shorter.
 */

/**
 * The letter a lost `?` becomes inside match keys: U+04FF (ӿ), a Cyrillic
 * letter no Kazakh or Russian text uses, so the folding of `foldForMatch`
 * keeps it inside its word instead of treating it as punctuation.
 */
export const LOST_LETTER = '\u04ff';

// What a lost Kazakh letter reads as after `foldScripts`: ә→а, ғ→г, қ→к, ң→н, ө→о, ұ/ү→у, һ→х.
const LOST_LETTER_IMAGES = new Set(['а', 'г', 'к', 'н', 'о', 'у', 'х']);

const LETTER = /[\p{L}]/u;

/**
 * Marks the `?` that stand for lost letters with `LOST_LETTER` and counts
 * them. A `?` touching a letter is a lost letter, except at the end of a word
 * where it may be a question mark: there it counts as lost only when its word
 * holds another `?`, when a word follows it («Абайды? жолы», «Елe?-ала?»),
 * or when the text has other lost letters; a lone `?.` after a space is an
 * initial («Кекілбаев ?.»). So «?аза? хал?ы» has three, «Кім?», «Что делать?»
 * and «Кто виноват? : роман» none.
 */
export function markLostLetters(text: string): { text: string; count: number } {
  if (!text.includes('?')) return { text, count: 0 };
  const chars = [...text];
  const out = chars.slice();
  const isLetter = (c: string | undefined): boolean => c !== undefined && (LETTER.test(c) || /\d/.test(c));
  const terminal: number[] = [];
  let count = 0;
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== '?') continue;
    const before = isLetter(chars[i - 1]) || chars[i - 1] === '?';
    const after = isLetter(chars[i + 1]) || chars[i + 1] === '?';
    // A lone "?." after a space is an initial whose letter was lost («Кекілбаев ?.»).
    const initial = !before && !after && (i === 0 || /\s/u.test(chars[i - 1]!)) && chars[i + 1] === '.';
    if (!before && !after && !initial) continue;
    if (!after && !initial && !wordHasOtherQuestionMark(chars, i) && !wordFollows(chars, i)) {
      terminal.push(i);
      continue;
    }
    out[i] = LOST_LETTER;
    count++;
  }
  // A question mark at the end of a word is a lost letter too when the text has lost others.
  if (count > 0) {
    for (const i of terminal) out[i] = LOST_LETTER;
    count += terminal.length;
  }
  return { text: count ? out.join('') : text, count };
}

/** True when a word follows `at` after spaces, or after a hyphen of a compound («Елe?-ала?», «Абайды? жолы»). */
function wordFollows(chars: readonly string[], at: number): boolean {
  let j = at + 1;
  while (j < chars.length && /\s/u.test(chars[j]!)) j++;
  const hyphen = j === at + 1 && (chars[j] === '-' || chars[j] === '\u2010');
  if (hyphen) j++;
  return (j > at + 1 || hyphen) && j < chars.length && (LETTER.test(chars[j]!) || /\d/.test(chars[j]!) || chars[j] === '?');
}

function wordHasOtherQuestionMark(chars: readonly string[], at: number): boolean {
  for (let j = at - 1; j >= 0 && (LETTER.test(chars[j]!) || chars[j] === '?'); j--) if (chars[j] === '?') return true;
  return false;
}

/**
 * A key that a text with lost letters shares with every spelling it could
 * stand for: each lost letter and each letter a lost Kazakh letter folds to
 * (а г к н о у х) becomes `*`. Give it a folded key (`titleKey`, or
 * `foldScripts(foldForMatch(…))`) of a text marked by `markLostLetters`. Equal
 * lossy keys are candidates; `lostLetterEquals` decides.
 */
export function lossyKey(folded: string): string {
  let out = '';
  for (const ch of folded) out += ch === LOST_LETTER || LOST_LETTER_IMAGES.has(ch) ? '*' : ch;
  return out;
}

/**
 * True when two folded keys are the same text once every lost letter is read
 * as the Kazakh letter it could have been: equal length, and every position
 * equal or a lost letter against one of а г к н о у х (or another lost letter).
 */
export function lostLetterEquals(a: string, b: string): boolean {
  if (a === b) return true;
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p === q) continue;
    if (p === LOST_LETTER && (q === LOST_LETTER || LOST_LETTER_IMAGES.has(q))) continue;
    if (q === LOST_LETTER && LOST_LETTER_IMAGES.has(p)) continue;
    return false;
  }
  return true;
}

/** True when a folded key holds a lost letter. */
export function hasLostLetters(folded: string): boolean {
  return folded.includes(LOST_LETTER);
}
