/** Cyrillic capitals that look like the Latin letters of Roman numerals. */
const CYRILLIC_ROMAN: Readonly<Record<string, string>> = { Х: 'X', І: 'I', С: 'C', М: 'M' };

const ROMAN = /^(?=[MDCLXVI])M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

/**
 * The Roman numeral a word stands for when some of its letters are Cyrillic
 * look-alikes (Х, І, С, М): `ХIХ` (Cyrillic Х) → `XIX`. Undefined when the
 * word is not a well-formed Roman numeral in capitals or has no Cyrillic
 * look-alike in it (`XIX` is already right).
 */
export function romanNumeralLookalike(word: string): string | undefined {
  let latin = '';
  let cyrillic = false;
  for (const ch of word) {
    const twin = CYRILLIC_ROMAN[ch];
    if (twin !== undefined) cyrillic = true;
    latin += twin ?? ch;
  }
  return cyrillic && ROMAN.test(latin) ? latin : undefined;
}
