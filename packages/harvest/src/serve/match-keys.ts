/**
 * Text as the stand-in's search compares it: NFC, lower case, ё as е, and
 * anything but letters and digits as a word break. Kazakh letters stay
 * themselves («Әуезов» does not match «Ауезов»): a real catalog's index
 * would not fold them either.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('ru')
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a text, folded. */
export function foldedWords(text: string): string[] {
  const folded = foldText(text);
  return folded === '' ? [] : folded.split(' ');
}

/**
 * An ISBN as a comparison key: the 13-digit form (an ISBN-10 gets the 978
 * prefix and a new check digit), so that 5-7667-0045-X and 978-5-7667-0045-3
 * are the same book. Undefined when the text holds no ISBN-shaped digits.
 */
export function isbnKey(text: string): string | undefined {
  const compact = text.toUpperCase().replace(/[\s-]/g, '');
  const match = /^(\d{13}|\d{9}[\dX])(?![\dX])/.exec(compact);
  if (!match) return undefined;
  const isbn = match[1]!;
  if (isbn.length === 13) return isbn;
  const twelve = `978${isbn.slice(0, 9)}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}
