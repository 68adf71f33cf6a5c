import { dataField, subfields } from '@kitap/marc';
import { describe, expect, it } from 'vitest';
import { fieldMnemonic } from '../src/job/field-mnemonic.js';

describe('a field as a line of mnemonic text (the journal\'s beforeText/afterText, the dry run\'s diff)', () => {
  it('keeps a value\'s trailing space, which a fix may be about', () => {
    expect(fieldMnemonic(dataField('245', '1', '0', subfields('a', 'Абай жолы ')))).toBe('=245  10$aАбай жолы ');
    expect(fieldMnemonic(dataField('100', ' ', ' ', subfields('a', '19980716d1997    u  y0rusy50      ca ')))).toBe('=100  \\\\$a19980716d1997    u  y0rusy50      ca ');
  });

  it('gives a leader as a leader line, and nothing for no field', () => {
    expect(fieldMnemonic('00000nam a2200000   4500')).toBe('=LDR  00000nam a2200000   4500');
    expect(fieldMnemonic(null)).toBeNull();
  });
});
