/**
 * What the report tests expect of a text shown to the library staff: a
 * Russian sentence first, English only as the detail in brackets after it
 * (and that detail taken from the finding's English message), and the values
 * of a finding free of English words and ISO dates.
 */
import { expect } from 'vitest';

/** Three Latin words in a row: an English phrase (codes, file names, «MARC-in-JSON» or «act_number, inventory_number» are not). */
const ENGLISH_PHRASE = /[A-Za-z]{2,}[,;:]?\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}/u;

/** A text's Russian sentence and the English detail in brackets after it, when it has one («…. (detail)»). */
export function splitDetail(text: string): { sentence: string; detail?: string } {
  const at = text.indexOf('. (');
  if (at < 0 || !text.endsWith(')')) return { sentence: text };
  return { sentence: text.slice(0, at + 1), detail: text.slice(at + 3, -1) };
}

/**
 * The text starts with a Russian word, its sentence holds no English phrase,
 * and the English message (`english`, as findings.json keeps it) is never
 * shown whole: only a part of it, in brackets after the Russian.
 */
export function expectRussianText(text: string, english?: string): void {
  const { sentence, detail } = splitDetail(text);
  expect(sentence, text).toMatch(/^[«(]?[А-ЯЁ]/u);
  expect(sentence, text).not.toMatch(ENGLISH_PHRASE);
  if (english === undefined) return;
  expect(text).not.toBe(english);
  if (detail !== undefined) expect(english, text).toContain(detail);
}

/** The same, for a text that may show the whole English message in brackets (a finding no wording fits). */
export function expectRussianFirst(text: string, english: string): void {
  const { sentence, detail } = splitDetail(text);
  expect(sentence, text).toMatch(/^[«(]?[А-ЯЁ]/u);
  expect(sentence, text).not.toMatch(ENGLISH_PHRASE);
  expect(sentence, text).not.toContain(english);
  if (detail !== undefined) expect(english, text).toContain(detail);
}

/** A value of the «Фактически» or «Ожидалось» column: no English word, no ISO date. */
export function expectRussianValue(value: string, context: string): void {
  expect(value, context).not.toMatch(/[A-Za-z]{2,}/u);
  expect(value, context).not.toMatch(/\d{4}-\d{2}-\d{2}/u);
}

/** The finding rows of an audit page: code, the description's text and the values line under it, unescaped. */
export function pageFindings(html: string): { code: string; message: string; values: string }[] {
  const unescape = (s: string): string => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
  return [...html.matchAll(/<tr class="finding [^"]*" data-code="([^"]*)">(.*?)<\/tr>/gu)].map((m) => {
    const cells = [...m[2]!.matchAll(/<td[^>]*>(.*?)<\/td>/gu)].map((c) => c[1]!);
    const description = cells.at(-1) ?? '';
    const [message = '', ...under] = description.split('<br>');
    const values = under.find((part) => /фактически:|ожидалось:/u.test(part)) ?? '';
    return { code: unescape(m[1]!), message: unescape(message), values: unescape(values.replace(/<[^>]*>/gu, '')) };
  });
}
