const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * True when the string holds a lone UTF-16 surrogate. Such text cannot be
 * written as UTF-8: Node would replace it by U+FFFD without a word, so writers
 * refuse it instead.
 */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}
