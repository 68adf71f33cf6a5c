import { describe, expect, it } from 'vitest';
import { Leader, MarcRecord, controlField, dataField, subfields, unimarcCharsetsToUtf8 } from '../../src/index.js';

const A100 = '19980716d1997    u  y0rusy0189    ca';

function rusmarc(a100?: string): MarcRecord {
  return new MarcRecord(new Leader('00000nam0 2200000   450 '), [
    controlField('001', 'RU\\NLR\\bibl\\1'),
    ...(a100 === undefined ? [] : [dataField('100', ' ', ' ', subfields('a', a100))]),
    dataField('101', '0', ' ', subfields('a', 'rus')),
    dataField('200', '1', ' ', subfields('a', 'Основы гидравлики')),
  ]);
}

describe('unimarcCharsetsToUtf8', () => {
  it('sets 100 $a/26-29 to "50  " (ISO 10646) and blanks 30-33, keeping every other position', () => {
    const record = rusmarc(A100);
    expect(unimarcCharsetsToUtf8(record)).toEqual({ kind: 'set', before: '0189    ' });
    expect(record.subfieldValues('100', 'a')).toEqual(['19980716d1997    u  y0rusy50      ca']);
    expect(record.modified).toBe(true);
    // additional sets G2/G3 named before are blanked too: ISO 10646 holds every character
    const withG2 = rusmarc('19980716d1997    u  y0rusy01890203ca');
    unimarcCharsetsToUtf8(withG2);
    expect(withG2.subfieldValues('100', 'a')).toEqual(['19980716d1997    u  y0rusy50      ca']);
  });

  it('leaves a record that already says UTF-8 unmodified', () => {
    const record = rusmarc('19980716d1997    u  y0rusy50      ca');
    expect(unimarcCharsetsToUtf8(record)).toEqual({ kind: 'unchanged' });
    expect(record.modified).toBe(false);
  });

  it('never invents a 100, and leaves one too short for positions 26-29 as it is', () => {
    const none = rusmarc();
    expect(unimarcCharsetsToUtf8(none)).toEqual({ kind: 'missing' });
    expect(none.get('100')).toEqual([]);
    const short = rusmarc('19980716d1997    u  y0rusy01');
    expect(unimarcCharsetsToUtf8(short)).toEqual({ kind: 'short', length: 28, othersSet: false });
    expect(short.subfieldValues('100', 'a')).toEqual(['19980716d1997    u  y0rusy01']);
    expect(short.modified).toBe(false);
    // 30 to 33 characters: 26-29 are set, and the blanks of 30-33 that are there
    const thirtyTwo = rusmarc(A100.slice(0, 32));
    expect(unimarcCharsetsToUtf8(thirtyTwo)).toEqual({ kind: 'set', before: '0189  ' });
    expect(thirtyTwo.subfieldValues('100', 'a')).toEqual(['19980716d1997    u  y0rusy50    ']);
  });

  it('treats every 100 of a damaged record that repeats it alike, whichever comes first, and tells of the short one', () => {
    for (const order of [['short', 'full'], ['full', 'short']] as const) {
      const record = new MarcRecord(new Leader('00000nam0 2200000   450 '), [
        controlField('001', 'two-100'),
        ...order.map((which) => dataField('100', ' ', ' ', subfields('a', which === 'full' ? A100 : A100.slice(0, 20)))),
        dataField('200', '1', ' ', subfields('a', 'Война и мир')),
      ]);
      expect(unimarcCharsetsToUtf8(record), order.join(' then ')).toEqual({ kind: 'short', length: 20, othersSet: true });
      expect(record.subfieldValues('100', 'a').filter((a) => a.length >= 30), order.join(' then ')).toEqual(['19980716d1997    u  y0rusy50      ca']);
    }
  });
});
