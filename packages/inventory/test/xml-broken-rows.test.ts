import { describe, expect, it } from 'vitest';
import { runSmallExport, scratch } from './run-small-export.js';

const dir = scratch('xml-broken');
const MAPPING = { format: 'xml', columns: { inventoryNumber: 'Inv', title: 'Title', price: 'Price', branch: 'Branch' } } as const;
const row = (inv: string, title: string, price = '100,00'): string => `<Row><Inv>${inv}</Inv><Title>${title}</Title><Price>${price}</Price><Branch>ЦГБ</Branch></Row>`;
const xml = (...rows: string[]): string => `<?xml version="1.0" encoding="UTF-8"?>\n<Rows>\n${rows.join('\n')}\n</Rows>\n`;

describe('XML rows that cannot be read are rejected, never lost', () => {
  it('rejects a row element that is not well formed (E_ROW_PARSE, its row number) and counts it as read', async () => {
    const broken = '<Row><Inv>80002</Inv><Title>B <i>два</Title><Price>200,00</Price><Branch>ЦГБ</Branch></Row>';
    const { result, rejects } = await runSmallExport(dir, 'malformed.xml', xml(row('80001', 'A'), broken, row('80003', 'C', '300,00')), MAPPING);
    expect(result.report.totals.rows).toMatchObject({ read: 3, mapped: 2, rejected: 1 });
    expect(result.report.notData.blank).toBe(0);
    expect(result.report.ledger.balanced).toBe(true);
    expect(rejects).toHaveLength(1);
    expect(rejects[0]?.slice(0, 3)).toEqual(['2', '', 'E_ROW_PARSE']);
    expect(rejects[0]?.[4]).toMatch(/XML row element 2 \(byte \d+\) is not well formed/);
    expect(rejects[0]?.[6]).toBe(broken);
  });

  it('rejects the row a file cut off in the middle of it', async () => {
    const whole = xml(row('80001', 'A'), row('80002', 'B'));
    const cut = whole.slice(0, whole.indexOf('<Title>B') + 9);
    const { result, rejects } = await runSmallExport(dir, 'cut.xml', cut, MAPPING);
    expect(result.report.totals.rows).toMatchObject({ read: 2, mapped: 1, rejected: 1 });
    expect(rejects.map((r) => [r[0], r[2]])).toEqual([['2', 'E_ROW_PARSE']]);
    expect(rejects[0]?.[4]).toMatch(/XML row element 2 .*cut off by the end of the file/);
  });

  it('rejects a row that gives a read column two different values, and reads one that repeats the same value', async () => {
    const twice = '<Row><Inv>90010</Inv><Inv>90010b</Inv><Title>A</Title><Price>100,00</Price><Branch>ЦГБ</Branch></Row>';
    const same = '<Row><Inv>90011</Inv><Inv>90011</Inv><Title>B</Title><Price>100,00</Price><Branch>ЦГБ</Branch></Row>';
    const { result, rejects } = await runSmallExport(dir, 'twice.xml', xml(row('90009', 'C'), twice, same), MAPPING);
    expect(result.report.totals.rows).toMatchObject({ read: 3, mapped: 2, rejected: 1 });
    expect(rejects.map((r) => [r[0], r[2]])).toEqual([['2', 'E_ROW_PARSE']]);
    expect(rejects[0]?.[4]).toMatch(/<Inv> \(column inventoryNumber\) occurs more than once .*"90010", "90010b"/);
  });

  it('rejects a row whose end tag is missing on its own, and reads the rows after it', async () => {
    const unclosed = '<Row><Inv>70002</Inv><Title>B</Title><Price>200,00</Price><Branch>ЦГБ</Branch>';
    const { result, rejects } = await runSmallExport(dir, 'unclosed.xml', xml(row('70001', 'A'), unclosed, row('70003', 'C'), row('70004', 'D')), MAPPING);
    expect(result.report.totals.rows).toMatchObject({ read: 4, mapped: 3, rejected: 1 });
    expect(result.report.ledger.balanced).toBe(true);
    expect(rejects.map((r) => [r[0], r[2]])).toEqual([['2', 'E_ROW_PARSE']]);
    expect(rejects[0]?.[4]).toMatch(/XML row element 2 \(byte \d+\) has no end tag: the next <Row> starts inside it/);
    expect(rejects[0]?.[6]?.trim()).toBe(unclosed);
  });

  it('rejects a row the end of the file cuts off inside its start tag, and says the file is cut off', async () => {
    const whole = xml(row('60001', 'A'), row('60002', 'B'));
    const cut = whole.slice(0, whole.lastIndexOf('<Row>') + 3);
    expect(cut.endsWith('<Ro')).toBe(true);
    const { result, rejects } = await runSmallExport(dir, 'cut-tag.xml', cut, MAPPING);
    expect(result.report.totals.rows).toMatchObject({ read: 2, mapped: 1, rejected: 1 });
    expect(rejects.map((r) => [r[0], r[2], r[6]])).toEqual([['2', 'E_ROW_PARSE', '<Ro']]);
    expect(rejects[0]?.[4]).toMatch(/XML row element 2 \(byte \d+\) is cut off by the end of the file inside its start tag/);
    expect(result.report.input.notes.join('\n')).toMatch(/the XML ends inside markup at byte \d+: the file is cut off/);
  });

  it('says a file cut off between rows is cut off (its rows are all read)', async () => {
    const whole = xml(row('50001', 'A'), row('50002', 'B'));
    const cut = whole.slice(0, whole.indexOf('</Rows>'));
    const { result, rejects } = await runSmallExport(dir, 'cut-between.xml', cut, MAPPING);
    expect(result.report.totals.rows).toMatchObject({ read: 2, mapped: 2, rejected: 0 });
    expect(rejects).toEqual([]);
    expect(result.report.input.notes.join('\n')).toMatch(/the XML ends before <Rows> is closed: the file is cut off/);
  });

  it('says nothing of a cut in a whole file', async () => {
    const { result } = await runSmallExport(dir, 'whole.xml', xml(row('40001', 'A')), MAPPING);
    expect(result.report.input.notes.join('\n')).not.toMatch(/cut off/);
  });
});
