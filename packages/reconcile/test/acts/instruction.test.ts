import { describe, expect, it } from 'vitest';
import { instructionFor } from '../../src/acts/instruction.js';

describe('instructionFor', () => {
  it('labels the 2023 write-offs with order No. 374', () => {
    expect(instructionFor('2023-10-10')).toMatchObject({ id: 'order-374', to: '2025-04-17' });
    expect(instructionFor('2023-10-10').title).toContain('№ 374');
  });

  it('switches to order No. 136-НҚ after 17 April 2025, the last day of 374 included', () => {
    expect(instructionFor('2025-04-17').id).toBe('order-374');
    expect(instructionFor('2025-04-18')).toMatchObject({ id: 'order-136-nk', from: '2025-04-18' });
    expect(instructionFor('2025-04-18').title).toContain('136-НҚ');
    expect(instructionFor('2026-01-15').id).toBe('order-136-nk');
  });

  it('labels acts older than order 374 with it, having no earlier rules', () => {
    expect(instructionFor('2012-03-01').id).toBe('order-374');
  });

  it('refuses a date that is not ISO or not on the calendar', () => {
    expect(() => instructionFor('10.10.2023')).toThrow(RangeError);
    expect(() => instructionFor('2023-02-29')).toThrow(RangeError);
  });

  it('hands out copies: changing one label does not change the next', () => {
    const label = instructionFor('2023-10-10');
    label.title = 'changed';
    expect(instructionFor('2023-10-10').title).not.toBe('changed');
  });
});
