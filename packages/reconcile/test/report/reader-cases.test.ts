import { describe, expect, it } from 'vitest';
import type { AuditFinding } from '../../src/audit/run-audit.js';
import { READER_CASES, type ReaderCase, isReaderCase } from '../../src/reader-cases.js';
import { findingRows } from '../../src/report/finding-rows.js';
import { READING_WORDS, readingText } from '../../src/report/reading-text.js';
import { expectRussianText, expectRussianValue } from './russian-text.js';

/** The code a case's findings carry (the MARC reader's codes vary: one of them). */
function codeOf(c: ReaderCase): string {
  const at = READER_CASES.indexOf(c);
  const first = (id: ReaderCase): number => READER_CASES.indexOf(id);
  if (at < first('act-table-without-act')) return 'ACT_FILE_UNREADABLE';
  if (at < first('row-unreadable')) return 'ACT_SHAPE_UNKNOWN';
  if (at < first('title-without-number')) return 'ACT_LINE_INVALID';
  if (at < first('act-date-missing')) return 'ACT_HEADER_INVALID';
  if (at < first('copy-number-unreadable')) return 'ACT_DATE_INVALID';
  if (c === 'copy-number-unreadable') return 'HOLDINGS_COPY_INVALID';
  return c === 'holdings-line-not-json' ? 'E_JSON' : 'E_TRUNCATED';
}

/** A finding of the case with every value and datum a reader may give it; the English message holds the detail, as the readers' do. */
function sample(c: ReaderCase): AuditFinding {
  return {
    ruleId: codeOf(c),
    severity: 'error',
    message: 'what the reader says in English: the parser\'s words',
    place: { file: 'acts/akt-17.csv', line: 3, index: 2 },
    actual: c === 'act-date-future' ? '2030-01-01' : 'дорого',
    expected: c === 'act-date-future' ? 'on or before 2025-06-30' : 'значение',
    related: { file: 'acts/akt-17.csv', line: 2 },
    messageId: c,
    data: { detail: 'the parser\'s words', inventoryNumber: '48213', record: '000700001', tableLine: 4, latest: '2025-06-30' },
  };
}

describe('the cases of the findings of reading the inputs', () => {
  it('are told apart by id: no case twice', () => {
    expect(new Set(READER_CASES).size).toBe(READER_CASES.length);
    expect(isReaderCase('amount-not-money')).toBe(false);
    expect(isReaderCase(undefined)).toBe(false);
  });

  it('has Russian words for every case a reader can give, and for no other', () => {
    expect(Object.keys(READING_WORDS).sort()).toEqual([...READER_CASES].sort());
  });

  it.each(READER_CASES)('%s: says what is wrong in Russian, its values too', (c) => {
    const f = sample(c);
    const text = readingText(f);
    expect(text, `${c} has no Russian text`).toBeDefined();
    expectRussianText(text!, f.message);
    const [row] = findingRows({ acts: [], findings: [f] });
    expect(row!.message).toBe(text);
    expectRussianValue(row!.actual, `${c} actual`);
    // A fixed English «expected» value of the case is replaced by its Russian.
    if (READING_WORDS[c].expected !== undefined) expect(row!.expected).toBe(READING_WORDS[c].expected);
    expectRussianValue(row!.expected, `${c} expected`);
  });

  it('words a folder that cannot be listed with the system\'s words in brackets', () => {
    const f: AuditFinding = { ...sample('act-folder-unreadable'), place: { file: '/data/acts/2023' }, data: { detail: 'EACCES: permission denied, scandir \'/data/acts/2023\'' } };
    expect(readingText(f)).toBe('Файл или папка актов «2023» не открывается. (EACCES: permission denied, scandir \'/data/acts/2023\')');
  });

  it('gives no reading text to a finding without a case: the check\'s name and message stand for it', () => {
    const { messageId: _, ...noCase } = sample('price-not-money');
    expect(readingText(noCase)).toBeUndefined();
    expect(readingText({ ...noCase, messageId: 'some-lint-message' })).toBeUndefined();
  });
});
