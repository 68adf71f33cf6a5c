export { KAZAKH_LETTERS, dominantScript, hasKazakhLetters, isKazakhLetter, scriptCounts, scriptOf, type Script } from './script.js';
export { CYRILLIC_TO_LATIN, LATIN_TO_CYRILLIC, mixedScriptWord, type MixedScriptWord } from './homoglyphs.js';
export { KAZAKH_LOOKALIKES, fixKazakhLookalikes } from './kazakh-lookalikes.js';
export { replaceWords, words, type Word } from './words.js';
export { CONTROL_CHARACTER, CONTROL_CHARACTERS, codePointName, isNfc } from './unicode.js';
export { isbn10CheckDigit, isbn10To13, isbn13CheckDigit, parseIsbn, type Isbn } from './isbn.js';
export { issnCheckDigit, parseIssn, type Issn } from './issn.js';
export { deletionKeys, editDistance } from './edit-distance.js';
