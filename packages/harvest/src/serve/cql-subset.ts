import { foldText, foldedWords, isbnKey } from './match-keys.js';
import type { ServedRecord } from './served-catalog.js';

/** A query the stand-in cannot run, as an SRU diagnostic (number in `info:srw/diagnostic/1/`). */
export class CqlDiagnostic extends Error {
  constructor(
    readonly number: number,
    readonly details: string,
    message: string,
  ) {
    super(message);
  }
}

type Index = 'title' | 'author' | 'isbn' | 'any' | 'all';
type Relation = '=' | '==' | 'all' | 'any';

/** One search clause: an index, a relation and a term. */
export interface CqlClause {
  index: Index;
  relation: Relation;
  term: string;
}

/** Index names the stand-in knows, with and without context set. */
const INDEXES: Record<string, Index> = {
  title: 'title',
  'dc.title': 'title',
  'bath.title': 'title',
  author: 'author',
  creator: 'author',
  'dc.creator': 'author',
  'bath.author': 'author',
  isbn: 'isbn',
  'bath.isbn': 'isbn',
  'cql.serverchoice': 'any',
  'cql.allrecords': 'all',
};

const RELATIONS = new Set(['=', '==', 'all', 'any', 'adj', 'exact', '<>', '<', '>', '<=', '>=', 'within', 'encloses']);

/** Splits CQL into tokens: quoted strings, relation symbols, parentheses, words. */
function tokenize(query: string): { text: string; quoted: boolean }[] {
  const tokens: { text: string; quoted: boolean }[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let text = '';
      i++;
      while (i < query.length && query[i] !== '"') {
        if (query[i] === '\\' && i + 1 < query.length) i++;
        text += query[i]!;
        i++;
      }
      if (i >= query.length) throw new CqlDiagnostic(10, query, 'A quoted term is not closed.');
      i++;
      tokens.push({ text, quoted: true });
      continue;
    }
    const symbol = /^(==|<>|<=|>=|=|<|>|\(|\)|\/)/.exec(query.slice(i));
    if (symbol) {
      tokens.push({ text: symbol[1]!, quoted: false });
      i += symbol[1]!.length;
      continue;
    }
    const word = /^[^\s"()=<>/]+/.exec(query.slice(i))![0];
    tokens.push({ text: word, quoted: false });
    i += word.length;
  }
  return tokens;
}

/**
 * Parses the stand-in's CQL subset: clauses joined by `and`; a clause is
 * `index relation term` (indexes title, author, isbn with or without a
 * `dc.`/`bath.` context, `cql.allRecords`, `cql.serverChoice`; relations `=`,
 * `==`, `all`, `any`) or a bare term (server choice: title or author).
 * Anything else is a CqlDiagnostic: 10 query syntax error, 16 unsupported
 * index, 19 unsupported relation, 37 unsupported boolean operator.
 */
export function parseCql(query: string): CqlClause[] {
  const tokens = tokenize(query);
  if (tokens.length === 0) throw new CqlDiagnostic(10, query, 'The query is empty.');
  const clauses: CqlClause[] = [];
  let i = 0;
  for (;;) {
    const first = tokens[i];
    if (first === undefined) throw new CqlDiagnostic(10, query, 'The query ends where a search clause was expected.');
    if (!first.quoted && (first.text === '(' || first.text === ')')) throw new CqlDiagnostic(10, first.text, 'This stand-in does not support parentheses.');
    const second = tokens[i + 1];
    const relationWord = second !== undefined && !second.quoted ? second.text.toLowerCase() : undefined;
    if (relationWord !== undefined && RELATIONS.has(relationWord) && !first.quoted) {
      const index = INDEXES[first.text.toLowerCase()];
      if (index === undefined) throw new CqlDiagnostic(16, first.text, `The index ${JSON.stringify(first.text)} is not supported (title, author, isbn, cql.allRecords).`);
      if (relationWord !== '=' && relationWord !== '==' && relationWord !== 'all' && relationWord !== 'any') {
        throw new CqlDiagnostic(19, second!.text, `The relation ${JSON.stringify(second!.text)} is not supported (=, ==, all, any).`);
      }
      const term = tokens[i + 2];
      if (term === undefined || (!term.quoted && /^[()=<>/]/.test(term.text))) throw new CqlDiagnostic(10, query, `The clause on ${first.text} has no search term.`);
      clauses.push({ index, relation: relationWord, term: term.text });
      i += 3;
    } else {
      if (!first.quoted && /^[=<>/]/.test(first.text)) throw new CqlDiagnostic(10, first.text, `Unexpected ${JSON.stringify(first.text)}.`);
      clauses.push({ index: 'any', relation: '=', term: first.text });
      i += 1;
    }
    const joiner = tokens[i];
    if (joiner === undefined) return clauses;
    const word = joiner.quoted ? '' : joiner.text.toLowerCase();
    if (word === 'or' || word === 'not' || word === 'prox') throw new CqlDiagnostic(37, joiner.text, `The boolean operator ${JSON.stringify(joiner.text)} is not supported; only "and".`);
    if (word !== 'and') throw new CqlDiagnostic(10, joiner.text, `Expected "and" between clauses, found ${JSON.stringify(joiner.text)}.`);
    i++;
  }
}

/** The words of a term, folded; a word ending in `*` matches as a prefix. */
function termWords(term: string): { word: string; prefix: boolean }[] {
  const out: { word: string; prefix: boolean }[] = [];
  for (const raw of term.trim().split(/\s+/)) {
    const prefix = raw.endsWith('*');
    const words = foldedWords(prefix ? raw.slice(0, -1) : raw);
    words.forEach((word, k) => out.push({ word, prefix: prefix && k === words.length - 1 }));
  }
  return out;
}

/** Whether folded field values match a term: by words (`=` and `all`: every word, `any`: one), or whole for `==`. */
function textMatches(values: readonly string[], relation: Relation, term: string): boolean {
  if (relation === '==') {
    const wanted = foldText(term);
    return values.some((v) => v === wanted);
  }
  const wanted = termWords(term);
  if (wanted.length === 0) return false;
  const words = new Set(values.flatMap((v) => v.split(' ')));
  const has = ({ word, prefix }: { word: string; prefix: boolean }): boolean => (prefix ? [...words].some((w) => w.startsWith(word)) : words.has(word));
  return relation === 'any' ? wanted.some(has) : wanted.every(has);
}

/** Whether a record matches one clause. */
function clauseMatches(record: ServedRecord, clause: CqlClause): boolean {
  switch (clause.index) {
    case 'all':
      return true;
    case 'isbn': {
      const key = isbnKey(clause.term);
      return key !== undefined && record.isbns.includes(key);
    }
    case 'title':
      return textMatches(record.titles, clause.relation, clause.term);
    case 'author':
      return textMatches(record.authors, clause.relation, clause.term);
    case 'any':
      return textMatches([...record.titles, ...record.authors], clause.relation, clause.term);
  }
}

/** Whether a record matches every clause (the clauses are joined by `and`). */
export function matchesCql(record: ServedRecord, clauses: readonly CqlClause[]): boolean {
  return clauses.every((clause) => clauseMatches(record, clause));
}
