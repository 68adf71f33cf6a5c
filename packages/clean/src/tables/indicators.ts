/**
 * Indicator values allowed per tag, for the fields that matter in a public
 * library's book catalog. Each entry is `[first, second]`: the characters the
 * indicator may be, a space standing for blank. Tags not listed are not checked.
 *
 * Sources: MARC 21 Format for Bibliographic Data (LC, current edition, with the
 * values added up to 2021: 080 first indicator blank, 082 first indicator 7,
 * 856 second indicators 3 and 4); UNIMARC Manual – Bibliographic (3rd ed. and
 * updates) and RUSMARC.
 */
export type IndicatorRule = readonly [first: string, second: string];

const BLANK = ' ';
const DIGITS = '0123456789';

export const MARC21_INDICATORS: Readonly<Record<string, IndicatorRule>> = {
  '020': [BLANK, BLANK],
  '022': [' 01', BLANK],
  '041': [' 01', ' 7'],
  '080': [' 01', BLANK],
  '082': ['017', ' 04'],
  '084': [BLANK, BLANK],
  '100': ['013', BLANK],
  '110': ['012', BLANK],
  '245': ['01', DIGITS],
  '246': ['0123', ' 012345678'],
  '250': [BLANK, BLANK],
  '260': [' 23', BLANK],
  '264': [' 23', '01234'],
  '300': [BLANK, BLANK],
  '490': ['01', BLANK],
  '500': [BLANK, BLANK],
  '504': [BLANK, BLANK],
  '505': ['0128', ' 0'],
  '520': [' 012348', BLANK],
  '600': ['013', '01234567'],
  '650': [' 012', '01234567'],
  '651': [BLANK, '01234567'],
  '653': [' 012', ' 0123456'],
  '700': ['013', ' 2'],
  '710': ['012', ' 2'],
  '830': [BLANK, DIGITS],
  '852': [' 012345678', ' 012'],
  '856': [' 012347', ' 012348'],
};

export const UNIMARC_INDICATORS: Readonly<Record<string, IndicatorRule>> = {
  '010': [BLANK, BLANK],
  '011': [' 01', BLANK],
  // 8: the expression is described in a linked authority record; | when a converted record cannot tell.
  '101': ['0128|', ' 7'],
  '200': ['01', BLANK],
  '205': [BLANK, BLANK],
  '210': [' 01', ' 1'],
  '215': [BLANK, BLANK],
  '225': ['012', BLANK],
  '300': [BLANK, BLANK],
  '330': [BLANK, BLANK],
  '606': [' 012', BLANK],
  '675': [BLANK, BLANK],
  '686': [BLANK, BLANK],
  '700': [BLANK, '01'],
  '701': [BLANK, '01'],
  '702': [BLANK, '01'],
  '710': ['01', '012'],
  '801': [BLANK, '0123'],
  '856': [' 012347', BLANK],
};
