import { describe, expect, it } from 'vitest';
import * as charset from '../../src/charset/index.js';
import { CHARSETS, parseCharsetName } from '../../src/charset/index.js';

describe('charset names', () => {
  it('lists the eight supported charsets', () => {
    expect([...CHARSETS]).toEqual(['utf-8', 'cp1251', 'rk1048', 'pt154', 'cp866', 'koi8-r', 'latin1', 'marc8']);
  });

  it('exports the API the reader uses', () => {
    expect(typeof charset.decode).toBe('function');
    expect(typeof charset.encode).toBe('function');
    expect(typeof charset.detectCharset).toBe('function');
    expect(typeof charset.parseCharsetName).toBe('function');
  });

  it.each([
    ['utf-8', 'utf-8'],
    ['UTF8', 'utf-8'],
    ['utf_8', 'utf-8'],
    ['windows-1251', 'cp1251'],
    ['Windows1251', 'cp1251'],
    ['win1251', 'cp1251'],
    ['CP1251', 'cp1251'],
    ['kz-1048', 'rk1048'],
    ['KZ1048', 'rk1048'],
    ['strk1048', 'rk1048'],
    ['STRK1048-2002', 'rk1048'],
    ['rk1048', 'rk1048'],
    ['ptcp154', 'pt154'],
    ['PT154', 'pt154'],
    ['cp1169', 'pt154'],
    ['ibm866', 'cp866'],
    ['dos', 'cp866'],
    ['866', 'cp866'],
    ['koi8r', 'koi8-r'],
    ['KOI8-R', 'koi8-r'],
    ['iso-8859-1', 'latin1'],
    ['ISO_8859-1', 'latin1'],
    ['latin-1', 'latin1'],
    ['marc-8', 'marc8'],
    ['MARC8', 'marc8'],
    ['ansel', 'marc8'],
    ['  cp866  ', 'cp866'],
  ])('parses %j as %s', (alias, name) => {
    expect(parseCharsetName(alias)).toBe(name);
  });

  it.each(['windows-1252', 'cp1252', 'utf-16', 'koi8-u', '', 'unicode'])('rejects %j', (alias) => {
    expect(parseCharsetName(alias)).toBeUndefined();
  });

  it('round-trips every canonical name', () => {
    for (const name of CHARSETS) expect(parseCharsetName(name)).toBe(name);
  });
});
