import { scriptCounts, scriptOf, type Script } from './script.js';

/**
 * Latin letters that look the same as a Cyrillic letter in common fonts, and
 * the reverse. Only pairs that are unambiguous in Kazakh and Russian text are
 * listed: Latin i, h and ə are Kazakh look-alikes (see kazakh-lookalikes.ts),
 * not plain homoglyphs, because their Cyrillic twin is a Kazakh letter.
 */
export const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у',
};

export const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', К: 'K', М: 'M', О: 'O', Р: 'P', Т: 'T', Х: 'X', У: 'Y',
  а: 'a', с: 'c', е: 'e', о: 'o', р: 'p', х: 'x', у: 'y', і: 'i', І: 'I', һ: 'h', ј: 'j', ѕ: 's',
};

/** A word that mixes Latin and Cyrillic letters, and what it becomes in its dominant script when that is possible. */
export interface MixedScriptWord {
  /** The script most of its letters are in. */
  dominant: Exclude<Script, 'other'> | undefined;
  /** The word with every minority letter replaced by its look-alike, when each one has a look-alike. */
  fixed: string | undefined;
}

/** `undefined` when the word is in one script; otherwise the dominant script and the repair. */
export function mixedScriptWord(word: string): MixedScriptWord | undefined {
  const { latin, cyrillic } = scriptCounts(word);
  if (latin === 0 || cyrillic === 0) return undefined;
  if (latin === cyrillic) return { dominant: undefined, fixed: undefined };
  const dominant = latin > cyrillic ? 'latin' : 'cyrillic';
  const map = dominant === 'latin' ? CYRILLIC_TO_LATIN : LATIN_TO_CYRILLIC;
  let fixed = '';
  for (const ch of word) {
    const s = scriptOf(ch);
    if (s !== 'other' && s !== dominant) {
      const twin = map[ch];
      if (twin === undefined) return { dominant, fixed: undefined };
      fixed += twin;
    } else fixed += ch;
  }
  return { dominant, fixed };
}
