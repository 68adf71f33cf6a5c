import { scriptOf } from './script.js';

/**
 * Characters typed in place of Kazakh letters, mapped to the Kazakh letter:
 * Latin schwa for ә, Latin i and h for і and һ, Latin barred o for ө, and the
 * Khakas, Altai, Bashkir and Chukchi letters some keyboard layouts give for
 * ң, қ and ғ.
 */
export const KAZAKH_LOOKALIKES: Readonly<Record<string, string>> = {
  'ə': 'ә', 'Ə': 'Ә', 'ǝ': 'ә', 'Ǝ': 'Ә',
  i: 'і', I: 'І', h: 'һ', H: 'Һ',
  'ɵ': 'ө', 'Ɵ': 'Ө', 'θ': 'ө', 'Θ': 'Ө',
  'ӊ': 'ң', 'Ӊ': 'Ң', 'ҥ': 'ң', 'Ҥ': 'Ң',
  'ӄ': 'қ', 'Ӄ': 'Қ', 'ҡ': 'қ', 'Ҡ': 'Қ',
  'ӻ': 'ғ', 'Ӻ': 'Ғ', 'ӷ': 'ғ', 'Ӷ': 'Ғ',
};

/** Look-alikes that are themselves Latin letters; these are replaced only inside a Cyrillic word. */
const NEEDS_CYRILLIC_NEIGHBOURS = new Set(['i', 'I', 'h', 'H', 'ə', 'Ə', 'ǝ', 'Ǝ', 'ɵ', 'Ɵ']);

/**
 * The word with look-alike characters replaced by Kazakh letters, or undefined
 * when there is nothing to replace. A Latin look-alike is replaced only when
 * the rest of the word's letters are Cyrillic ("Қазақстан" with a Latin i in
 * "Ұлттық кiтапхана"), so Latin words ("ISBN", "hi-fi") are never touched.
 */
export function fixKazakhLookalikes(word: string): string | undefined {
  let cyrillic = 0;
  let latinOther = 0;
  for (const ch of word) {
    const s = scriptOf(ch);
    if (s === 'cyrillic') cyrillic++;
    else if (s === 'latin' && !NEEDS_CYRILLIC_NEIGHBOURS.has(ch)) latinOther++;
  }
  let changed = false;
  let out = '';
  for (const ch of word) {
    const twin = KAZAKH_LOOKALIKES[ch];
    if (twin !== undefined && (!NEEDS_CYRILLIC_NEIGHBOURS.has(ch) || (cyrillic > 0 && latinOther === 0))) {
      out += twin;
      changed = true;
    } else out += ch;
  }
  return changed ? out : undefined;
}
