/** A word in a text and where it starts (in UTF-16 code units). */
export interface Word {
  text: string;
  start: number;
}

// Letters and combining marks, joined by an apostrophe or hyphen inside the word.
const WORD = /[\p{L}\p{M}]+(?:['’\-][\p{L}\p{M}]+)*/gu;

/** The words of a text, in order. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) out.push({ text: m[0], start: m.index });
  return out;
}

/** The text with each word replaced by `replace(word)` (undefined keeps it); undefined when nothing changed. */
export function replaceWords(text: string, replace: (word: string) => string | undefined): string | undefined {
  let changed = false;
  const out = text.replace(WORD, (w) => {
    const r = replace(w);
    if (r === undefined || r === w) return w;
    changed = true;
    return r;
  });
  return changed ? out : undefined;
}
