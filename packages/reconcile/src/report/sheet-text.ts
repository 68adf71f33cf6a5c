/** The most characters a spreadsheet cell holds. */
export const SHEET_TEXT_LIMIT = 32_767;

// Characters XML 1.0 cannot carry (C0 controls but tab, newline and return; U+FFFE, U+FFFF) and lone surrogates.
// With the u flag a surrogate range matches only a lone surrogate: a pair is one code point.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;

/**
 * Text as a workbook cell can hold it: characters XML cannot carry (a control
 * byte left in a record by a broken export) become U+FFFD, so the file still
 * opens, and text past the cell limit is cut with «…». The text stays a
 * string: a leading `=`, `+`, `-` or `@` is kept as written and the writer
 * stores it as a string cell, never as a formula.
 */
export function sheetText(text: string): string {
  const clean = text.replace(NOT_XML, '\uFFFD');
  return clean.length <= SHEET_TEXT_LIMIT ? clean : `${clean.slice(0, SHEET_TEXT_LIMIT - 1)}…`;
}
