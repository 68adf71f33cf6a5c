import { describe, expect, it } from 'vitest';
import type { ActLine } from '../src/acts/act.js';
import { actBeforeReceipt } from '../src/audit/act-line-match.js';

const line = (actDate: string): ActLine => ({ file: 'akt.csv', line: 2, actNumber: '1', actDate, actType: 'write-off', inventoryNumber: '5001' });
const copy = { dateReceived: '2019-02-01' };

describe('an act dated before the copy was received', () => {
  it('is found when the act date is a real date', () => {
    expect(actBeforeReceipt(line('2018-10-10'), copy)).toBe(true);
    expect(actBeforeReceipt(line('2023-10-10'), copy)).toBe(false);
  });

  it('is never claimed from an act date that cannot be read (its ACT_DATE_INVALID says enough)', () => {
    // Compared as text, «10.10.23» and «10/10/2023» both sort before «2019-02-01».
    expect(actBeforeReceipt(line('10.10.23'), copy)).toBe(false);
    expect(actBeforeReceipt(line('10/10/2023'), copy)).toBe(false);
    expect(actBeforeReceipt(line(''), copy)).toBe(false);
  });
});
