import { describe, expect, it } from 'vitest';
import { columnOfHeading, findHeader, parseMapping, resolveColumns } from '../src/index.js';

describe('column headings', () => {
  it('knows the Russian and Kazakh headings of 1C exports however they are written', () => {
    for (const h of ['Инвентарный номер', 'Инв. номер', 'Инв. №', 'Инв.№', '№ инв.', 'ИНВ №']) expect(columnOfHeading(h), h).toBe('inventoryNumber');
    for (const h of ['Заглавие', 'Наименование', 'Название', 'Атауы']) expect(columnOfHeading(h), h).toBe('title');
    for (const h of ['Цена', 'Стоимость', 'Цена, тг', 'Бағасы']) expect(columnOfHeading(h), h).toBe('price');
    for (const h of ['Филиал', 'Подразделение', 'Место хранения', 'Сигла']) expect(columnOfHeading(h), h).toBe('branch');
    for (const h of ['№ КСУ', 'Номер записи КСУ', 'Партия']) expect(columnOfHeading(h), h).toBe('batch');
    expect(columnOfHeading('Дата поступления')).toBe('dateReceived');
    expect(columnOfHeading('Примечание бухгалтера')).toBeUndefined();
  });

  it('finds the header under the title lines of the export', () => {
    const rows = [
      { line: 1, cells: ['Инвентарная книга КГУ «ЦБС г. Караганды»', '', ''] },
      { line: 2, cells: ['Выгрузка из 1С на 01.01.2023', '', ''] },
      { line: 3, cells: ['Инв. №', 'Заглавие', 'Цена'] },
      { line: 4, cells: ['48213', 'Абай жолы', '1 200,00'] },
    ];
    expect(findHeader(rows)?.line).toBe(3);
    expect(findHeader(rows.slice(0, 2))).toBeUndefined();
  });
});

describe('the mapping file', () => {
  const header = ['№', 'Инв. №', 'Заглавие', 'Цена', 'Примечание бухгалтера', 'Цена'];

  it('detects what it does not name, and lists the headings no column took', () => {
    const cols = resolveColumns(header, 3, parseMapping({}));
    expect(cols.columns).toEqual({ inventoryNumber: 1, title: 2, price: 3 });
    expect(cols.unmapped).toEqual(['№', 'Примечание бухгалтера', 'Цена']);
    expect(cols.missing).toEqual([]);
  });

  it('takes a column by heading or by 1-based position, and says which it could not find', () => {
    const cols = resolveColumns(header, 3, parseMapping({ columns: { price: 6, note: 'Примечание бухгалтера', author: 'Автор' } }));
    expect(cols.columns).toMatchObject({ price: 5, note: 4, inventoryNumber: 1, title: 2 });
    expect(cols.missing).toEqual([{ column: 'author', heading: 'Автор' }]);
  });

  it('refuses unknown settings and bad inventory number options with E_MAPPING naming them', () => {
    expect(() => parseMapping({ colums: {} })).toThrow(/E_MAPPING|colums/);
    expect(() => parseMapping({ columns: { titel: 'Заглавие' } })).toThrow(/columns/);
    expect(() => parseMapping({ inventoryNumbers: { leadingZeros: 'sometimes' } })).toThrow(/inventoryNumbers\.leadingZeros/);
  });
});
