import rule from '../../src/rules/fixed-field-codes.js';
import { testRule } from '../rule-tester.js';

const abai = '=245  10$aАбай жолы /$cМ. Әуезов.';
const rusmarc = '=101  0\\$arus\n=200  1\\$aКараганда$eфотоальбом';

/** An 008 line from its 40 characters, blanks written `\` as mnemonic text has them. */
function f008(value: string): string {
  if (value.length !== 40) throw new Error(`a test 008 needs 40 characters, not ${value.length}`);
  return `=008  ${value.replaceAll(' ', '\\')}`;
}

/** A 100 line from its 36 characters of $a. */
function f100(value: string): string {
  if (value.length !== 36) throw new Error(`a test 100 $a needs 36 characters, not ${value.length}`);
  return `=100  \\\\$a${value}`;
}

testRule(rule, {
  valid: [
    { name: 'a Kazakh novel of 2023', record: `${f008('240115s2023    kz            000 1 kaz d')}\n${abai}` },
    { name: 'multiple dates, Russian', record: `${f008('240115m20192023ru            000 1 rus d')}\n${abai}` },
    { name: 'no dates given, fill characters for place and language', record: `${f008('240115b        |||           000 0 |||  ')}\n${abai}` },
    { name: 'a detailed date with month and day', record: `${f008('240115e20230415kz            000 0 kaz d')}\n${abai}` },
    { name: 'reprint with an unknown original date', record: `${f008('240115r2023uuuukz            000 1 kaz d')}\n${abai}` },
    { name: 'an 008 of the wrong length is fixed-field-length’s business', record: `=008  240115s2O23\n${abai}` },
    { name: 'a RUSMARC monograph', record: `${f100('20240115d2023    k  y0rusy50      ca')}\n${rusmarc}` },
    { name: 'a RUSMARC serial still published, decade unknown digit blank', record: `${f100('20240115a201 9999k  y0kazy50      ca')}\n${rusmarc}` },
    // Language codes are language-code's: it knows the whole code list and fixes them, so they are not reported twice.
    { name: 'a MARC21 language in capitals is left to language-code', record: `${f008('240115s2023    kz            000 1 KAZ d')}\n${abai}` },
    { name: 'a RUSMARC language of cataloguing in capitals is left to language-code', record: `${f100('20240115d2023    k  y0RUSy50      ca')}\n${rusmarc}` },
  ],
  invalid: [
    {
      name: 'a letter O in the year and a 13th month; the language in capitals is left to language-code',
      record: `${f008('241315s2O23    kz            000 1 KAZ d')}\n${abai}`,
      errors: [
        { messageId: 'invalid', tag: '008', message: 'Unexpected "241315" in 008/00-05 (date entered on file), expected a date written YYMMDD' },
        { messageId: 'invalid', tag: '008', message: 'Unexpected "2O23" in 008/07-10 (date 1), expected four digits (u for an unknown digit) or ||||', actual: '2O23' },
      ],
    },
    {
      name: 'a second date with a single date, a place in capitals, unknown 38 and 39 codes',
      record: `${f008('240115s20232024KZ            000 1 kazza')}\n${abai}`,
      errors: [
        { messageId: 'invalid', tag: '008', message: 'Unexpected "2024" in 008/11-14 (date 2), expected blanks when 008/06 is "s"' },
        { messageId: 'invalid', tag: '008', message: 'Unexpected "KZ " in 008/15-17 (place of publication), expected a MARC country code in lowercase letters, such as "kz " or "ru "' },
        { messageId: 'invalid', tag: '008', message: 'Unexpected "z" in 008/38 (modified record), expected blank, d, o, r, s, x or |' },
        { messageId: 'invalid', tag: '008', message: 'Unexpected "a" in 008/39 (cataloguing source), expected blank, c, d, u or |' },
      ],
    },
    {
      name: 'an unknown type of date: the dates are not judged against it',
      record: `${f008('240115x2023    kz            000 1 kaz d')}\n${abai}`,
      errors: [{ messageId: 'invalid', tag: '008', message: 'Unexpected "x" in 008/06 (type of date), expected b, c, d, e, i, k, m, n, p, q, r, s, t, u or |' }],
    },
    {
      name: 'dates with "no dates given", blank date entered',
      record: `${f008('      b1995    kz            000 1 kaz d')}\n${abai}`,
      errors: [
        { messageId: 'invalid', tag: '008', message: 'Unexpected blanks in 008/00-05 (date entered on file), expected a date written YYMMDD' },
        { messageId: 'invalid', tag: '008', message: 'Unexpected "1995" in 008/07-10 (date 1), expected blanks when 008/06 is "b" (no dates given)' },
      ],
    },
    {
      name: 'RUSMARC: 30 February, a second date for a one-year monograph, character set mistyped (the language is language-code’s)',
      record: `${f100('20240230d20232024k  y0RUSy5O      ca')}\n${rusmarc}`,
      errors: [
        { messageId: 'invalid', tag: '100', subfield: 'a', message: 'Unexpected "20240230" in 100 $a/0-7 (date entered on file), expected a date written YYYYMMDD' },
        { messageId: 'invalid', tag: '100', subfield: 'a', message: 'Unexpected "2024" in 100 $a/13-16 (publication date 2), expected blanks when 100 $a/8 is "d"' },
        { messageId: 'invalid', tag: '100', subfield: 'a', message: 'Unexpected "5O  " in 100 $a/26-29 (character sets), expected two-digit character set codes, such as "50  " for Unicode' },
      ],
    },
    {
      name: 'RUSMARC: a currently published serial without 9999, a modified record code out of range',
      record: `${f100('20240115a2010    k  y2kazy50      ca')}\n${rusmarc}`,
      errors: [
        { messageId: 'invalid', tag: '100', subfield: 'a', message: 'Unexpected blanks in 100 $a/13-16 (publication date 2), expected 9999 when 100 $a/8 is "a" (currently published)' },
        { messageId: 'invalid', tag: '100', subfield: 'a', message: 'Unexpected "2" in 100 $a/21 (modified record code), expected 0, 1 or |' },
      ],
    },
    {
      name: 'RUSMARC: an unknown type of publication date, so the dates are not judged against it',
      record: `${f100('20240115x2O23    k  y0rusy50      ca')}\n${rusmarc}`,
      errors: [{ messageId: 'invalid', tag: '100', subfield: 'a', message: 'Unexpected "x" in 100 $a/8 (type of publication date), expected a, b, c, d, e, f, g, h, i, j, k, l or u' }],
    },
  ],
});
