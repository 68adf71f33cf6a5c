import { describe, expect, it } from 'vitest';
import { type Copy, type WebRabisRef, fromWebRabisInv, toWebRabisInv, webRabisInvSchema } from '../src/index.js';

// The installation's departments, as its dictionary would give them (codes invented for the test).
const DEPARTMENTS: Readonly<Record<string, WebRabisRef>> = {
  'ЦГБ|Абонемент': { code: 'CGB-AB', name: 'ЦГБ, абонемент' },
  '№15 д.|Абонемент': { code: 'D15-AB', name: 'Детская библиотека №15, абонемент' },
};
const department = (copy: Copy): WebRabisRef | undefined => DEPARTMENTS[`${copy.branch ?? ''}|${copy.department ?? ''}`];

const copy: Copy = {
  inventoryNumber: '48213',
  barcode: '2000000000039',
  branch: '№15 д.',
  department: 'Абонемент',
  status: 'on-loan',
  price: 120000,
  dateReceived: '1987-03-12',
  callNumber: '84(5Каз)-44 Ә 95',
};

describe('toWebRabisInv', () => {
  it('makes a Web-RABIS copy and lists what it cannot hold', () => {
    const result = toWebRabisInv(copy, { department, index: 3 });
    expect(result).toEqual({
      ok: true,
      inv: { invNumber: '48213', barcode: '2000000000039', department: { code: 'D15-AB', name: 'Детская библиотека №15, абонемент' }, state: { code: 'on-loan', name: 'Выдан' } },
      lost: [
        { copy: 3, property: 'price', value: '1200.00' },
        { copy: 3, property: 'dateReceived', value: '1987-03-12' },
        { copy: 3, property: 'callNumber', value: '84(5Каз)-44 Ә 95' },
      ],
    });
    if (result.ok) expect(webRabisInvSchema.parse(result.inv)).toEqual(result.inv);
  });

  it('uses the installation state codes when given, and takes a copy with no status as available', () => {
    const stateCodes = { available: { code: 'Inv.InFund', name: 'В фонде' } };
    const result = toWebRabisInv({ inventoryNumber: '100004', branch: 'ЦГБ', department: 'Абонемент' }, { department, stateCodes });
    expect(result).toMatchObject({ ok: true, inv: { invNumber: '100004', state: { code: 'Inv.InFund' } } });
    expect(toWebRabisInv({ inventoryNumber: '100004', branch: 'ЦГБ', department: 'Абонемент' }, { department, statusWhenMissing: 'not-available' })).toMatchObject({
      ok: true,
      inv: { state: { code: 'not-available' } },
    });
  });

  it('says why a copy cannot become a Web-RABIS copy', () => {
    expect(toWebRabisInv({ branch: 'ЦГБ', department: 'Абонемент' }, { department })).toMatchObject({ ok: false, problem: 'no-inventory-number' });
    expect(toWebRabisInv({ inventoryNumber: '1', branch: 'Ф-л №4', department: 'Абонемент' }, { department })).toMatchObject({ ok: false, problem: 'no-department', reason: expect.stringContaining('Ф-л №4') });
    expect(toWebRabisInv({ inventoryNumber: '1', branch: 'ЦГБ', department: 'Абонемент', status: 'group', copies: 12 }, { department })).toMatchObject({ ok: false, problem: 'no-state' });
  });
});

describe('fromWebRabisInv', () => {
  it('reads a Web-RABIS copy back, by state code', () => {
    expect(fromWebRabisInv({ invNumber: '48213', barcode: '2000000000039', department: { code: 'D15-AB', name: 'Абонемент' }, state: { code: 'written-off' } })).toEqual({
      inventoryNumber: '48213',
      barcode: '2000000000039',
      department: 'Абонемент',
      status: 'written-off',
    });
    expect(fromWebRabisInv({ invNumber: '7', department: { code: 'CGB-AB' }, state: { code: 'Inv.InFund' } }, { available: { code: 'Inv.InFund' } })).toEqual({
      inventoryNumber: '7',
      department: 'CGB-AB',
      status: 'available',
    });
  });

  it('keeps an unknown state as a note instead of dropping it', () => {
    expect(fromWebRabisInv({ invNumber: '7', department: { code: 'CGB-AB' }, state: { code: 'Inv.Restoration', name: 'На реставрации' } })).toEqual({
      inventoryNumber: '7',
      department: 'CGB-AB',
      notes: ['Состояние Web-RABIS: Inv.Restoration (На реставрации)'],
    });
  });

  it('rejects malformed copies in the schema', () => {
    expect(webRabisInvSchema.safeParse({ invNumber: '', department: { code: 'x' }, state: { code: 'y' } }).success).toBe(false);
    expect(webRabisInvSchema.safeParse({ invNumber: '1', department: { code: 'x', id: 5 }, state: { code: 'y' } }).success).toBe(false);
  });
});
