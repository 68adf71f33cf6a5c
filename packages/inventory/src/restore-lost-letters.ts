import { LOST_LETTER, foldForMatch, foldScripts, lostLetterEquals, markLostLetters } from '@kitap/text';

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

function key(word: string): string {
  return foldScripts(foldForMatch(word));
}

/**
 * Puts back Kazakh letters lost as "?" using a text that has them, word by
 * word: a damaged word («?аза?») takes the spelling of the reference's word it
 * matches letter for letter («Қазақ»). Words with no match stay as they are.
 * Used to compare an export row with the catalog record it may belong to; the
 * export's own text is kept in the reports.
 */
export function restoreLostLetters(text: string, reference: string): { text: string; restored: number } {
  const marked = markLostLetters(text);
  if (marked.count === 0) return { text, restored: 0 };
  const candidates = [...reference.matchAll(WORD)].map((m) => m[0]);
  let restored = 0;
  const out = marked.text.replace(WORD, (word) => {
    if (!word.includes(LOST_LETTER)) return word;
    const k = key(word);
    const hit = candidates.find((c) => lostLetterEquals(k, key(c)));
    if (hit === undefined) return word.replaceAll(LOST_LETTER, '?');
    restored += [...word].filter((c) => c === LOST_LETTER).length;
    return hit;
  });
  return { text: out, restored };
}
