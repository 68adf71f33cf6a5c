import { describe, expect, it } from 'vitest';
import { encode, type CharsetName } from '@kitap/marc';
import { openXml } from '../../src/sources/xml.js';
import { openTable } from '../../src/sources/open-table.js';
import { chunked, collect, tempDir } from './helpers.js';

const dir = tempDir('xml');

const BOOKS = [
  ['48213', 'Әуезов М.', 'Абай жолы', '1200.50'],
  ['48214', 'Есенберлин І.', 'Көшпенділер', '850.00'],
  ['51890', 'Толстой Л.', 'Война и мир & «Анна Каренина»', '1750.00'],
];
const NAMES = ['ИнвНомер', 'Автор', 'Заглавие', 'Цена'];

const esc = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');

function plainXml(): string {
  const rows = BOOKS.map((b) => `  <Книга>\n${b.map((v, i) => `    <${NAMES[i]}>${esc(v)}</${NAMES[i]}>`).join('\n')}\n  </Книга>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!-- выгрузка из 1С: <Книга> -->\n<Книги дата="2023-10-10">\n${rows.join('\n')}\n</Книги>\n`;
}

function attributeXml(): string {
  const rows = BOOKS.map((b) => `  <row ${b.map((v, i) => `${NAMES[i]}="${esc(v)}"`).join(' ')}/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<table>\n${rows.join('\n')}\n</table>\n`;
}

/** The serialisation of a 1C ValueTable (XDTO), as 1C writes it. */
function valueTableXml(): string {
  const columns = NAMES.map((n) => `<column><Name xsi:type="xs:string">${n}</Name><ValueType><Type>xs:string</Type></ValueType><Title>${n}</Title></column>`);
  const rows = BOOKS.map((b) => `<row>${b.map((v) => `<Value xsi:type="xs:string">${esc(v)}</Value>`).join('')}</row>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ValueTable xmlns="http://v8.1c.ru/8.1/data/core" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n${columns.join('\n')}\n${rows.join('\n')}\n</ValueTable>\n`;
}

/** A 1C EnterpriseData message: header with repeated object types, one other object, then the books. */
function enterpriseDataXml(): string {
  const types = ['Справочник.Номенклатура', 'Справочник.Организации', 'Документ.Списание', 'Документ.Поступление', 'Документ.Перемещение'];
  const header = `<msg:Header><msg:Format>http://v8.1c.ru/edi/edi_stnd/EnterpriseData/1.8</msg:Format><msg:CreationDate>2023-10-10T12:00:00</msg:CreationDate><msg:AvailableObjectTypes>${types.map((t) => `<msg:ObjectType><msg:Name>${t}</msg:Name><msg:Sending>*</msg:Sending></msg:ObjectType>`).join('')}</msg:AvailableObjectTypes></msg:Header>`;
  const org = '<Справочник.Организации><КлючевыеСвойства><Ссылка>7e3e0ef4-8295-11f1-8af8-04ecd881cf53</Ссылка><Наименование>КГУ «ЦБС г. Караганды»</Наименование></КлючевыеСвойства></Справочник.Организации>';
  const books = BOOKS.map((b) => `<Справочник.Номенклатура><КлючевыеСвойства>${b.map((v, i) => `<${NAMES[i]}>${esc(v)}</${NAMES[i]}>`).join('')}</КлючевыеСвойства></Справочник.Номенклатура>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Message xmlns:msg="http://www.1c.ru/SSL/Exchange/Message" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n${header}\n<Body xmlns="http://v8.1c.ru/edi/edi_stnd/EnterpriseData/1.8">\n${org}\n${books.join('\n')}\n</Body>\n</Message>\n`;
}

async function read(xml: string | Uint8Array, options: Parameters<typeof openXml>[2] = {}, chunk = 1 << 16) {
  const bytes = typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml;
  const table = await openXml('test.xml', chunked(bytes, chunk), options);
  return { table, rows: await collect(table.rows) };
}

describe('XML shapes', () => {
  it('plain table XML: the repeated element is the row, its children the cells', async () => {
    const { table, rows } = await read(plainXml());
    expect(table.columns).toEqual(NAMES);
    expect(rows.map((r) => r.cells)).toEqual(BOOKS);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(table.notes.join('\n')).toMatch(/<Книги> › <Книга>/);
  });

  it('plain table XML with the cells in attributes', async () => {
    const { table, rows } = await read(attributeXml());
    expect(table.columns).toEqual(NAMES);
    expect(rows.map((r) => r.cells)).toEqual(BOOKS);
  });

  it('a 1C value table: column names from <column><Name>, cells from <Value>', async () => {
    const { table, rows } = await read(valueTableXml());
    expect(table.columns).toEqual(NAMES);
    expect(rows.map((r) => r.cells)).toEqual(BOOKS);
    expect(rows[0]?.raw).toBe(BOOKS[0]?.join('\t'));
    expect(table.notes.join('\n')).toMatch(/1C value table/);
  });

  it('a 1C EnterpriseData message: the most frequent Body object is the row, nested names dotted', async () => {
    const { table, rows } = await read(enterpriseDataXml());
    expect(table.columns).toEqual(NAMES.map((n) => `КлючевыеСвойства.${n}`));
    expect(rows.map((r) => r.cells)).toEqual(BOOKS);
    expect(table.notes.join('\n')).toMatch(/EnterpriseData.*<Справочник\.Номенклатура>.*not read: Справочник\.Организации ×1/);
  });

  it('reads every chunking the same way', async () => {
    for (const xml of [plainXml(), valueTableXml(), enterpriseDataXml()]) {
      const whole = (await read(xml)).rows;
      for (const size of [1, 3, 17]) expect((await read(xml, {}, size)).rows).toEqual(whole);
    }
  });
});

describe('XML cells', () => {
  it('numbers repeated elements, names attributes of nested elements, and keeps text untrimmed', async () => {
    const xml = `<Акт><Строка><Инв> 48213 </Инв><Цена валюта="KZT">1200</Цена><Автор>Мұқанов С.</Автор><Автор>Әуезов М.</Автор><Пусто xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></Строка><Строка><Инв>48214</Инв><Заглавие><![CDATA[Абай <жолы>]]></Заглавие></Строка></Акт>`;
    const { table, rows } = await read(xml);
    expect(table.columns).toEqual(['Инв', 'Цена@валюта', 'Цена', 'Автор', 'Автор[2]', 'Пусто', 'Заглавие']);
    expect(rows.map((r) => r.cells)).toEqual([
      [' 48213 ', 'KZT', '1200', 'Мұқанов С.', 'Әуезов М.', '', ''],
      ['48214', '', '', '', '', '', 'Абай <жолы>'],
    ]);
  });

  it('decodes character references once', async () => {
    const { rows } = await read('<Книги><Книга автор="&#1178;азақ &amp;amp;"><Заглавие>&#x049A;ан мен тер &amp;#65; &lt;т.1&gt;</Заглавие></Книга></Книги>');
    expect(rows[0]?.cells).toEqual(['Қазақ &amp;', 'Қан мен тер &#65; <т.1>']);
  });

  it('grows the columns when a row after the sample brings a new name', async () => {
    const filler = '<Книга><Инв>1</Инв><Заглавие>Абай жолы</Заглавие></Книга>'.repeat(6000); // about 400 KB, beyond the sample
    const xml = `<Книги>${filler}<Книга><Инв>48213</Инв><Филиал>Ф-л №4</Филиал></Книга></Книги>`;
    const { table, rows } = await read(xml);
    expect(table.columns).toEqual(['Инв', 'Заглавие', 'Филиал']);
    expect(rows[0]?.cells).toEqual(['1', 'Абай жолы']);
    expect(rows[rows.length - 1]?.cells).toEqual(['48213', '', 'Ф-л №4']);
  });

  it('takes the row element the caller names', async () => {
    const xml = '<Фонд><Филиал имя="Ф-л №4"><Экз инв="48213"/><Экз инв="48214"/></Филиал><Филиал имя="№15 д."><Экз инв="51890"/></Филиал></Фонд>';
    const { rows } = await read(xml, { xmlRow: 'Экз' });
    expect(rows.map((r) => r.cells)).toEqual([['48213'], ['48214'], ['51890']]);
    const auto = await read(xml);
    expect(auto.rows.map((r) => r.cells[0])).toEqual(['Ф-л №4', '№15 д.']);
  });

  it('is not fooled by markup inside comments, CDATA and attribute values', async () => {
    const xml =
      '<?xml version="1.0"?><?xml-stylesheet href="a.xsl?x=<Книга>"?><!DOCTYPE Книги [<!ENTITY пример "<Книга>"><!-- ] > -->]>' +
      '<Книги><!-- <Книга><Инв>0</Инв></Книга> --><Книга примечание="a > b"><Инв>48213</Инв></Книга><Книга><Инв><![CDATA[</Книга>48214]]></Инв></Книга></Книги>';
    const { rows } = await read(xml, {}, 5);
    expect(rows.map((r) => r.cells)).toEqual([['a > b', '48213'], ['', '</Книга>48214']]);
  });
});

describe('XML streaming', () => {
  it('emits rows before the input ends', async () => {
    let produced = 0;
    let ended = false;
    async function* longInput(): AsyncGenerator<Uint8Array> {
      const parts = ['<?xml version="1.0" encoding="UTF-8"?><Книги>'];
      for (let i = 0; i < 20_000; i++) parts.push(`<Книга><Инв>${60000 + i}</Инв><Заглавие>Абай жолы</Заглавие></Книга>`);
      parts.push('</Книги>');
      for (const p of parts) {
        const b = Buffer.from(p, 'utf8');
        produced += b.length;
        yield b;
      }
      ended = true;
    }
    const table = await openXml('stream.xml', longInput());
    let firstRowAt = -1;
    let beforeEnd = 0;
    let total = 0;
    for await (const row of table.rows) {
      if (total === 0) firstRowAt = produced;
      total++;
      if (!ended) beforeEnd = total;
      expect(row.cells[1]).toBe('Абай жолы');
    }
    expect(total).toBe(20_000);
    expect(firstRowAt).toBeLessThan(400 * 1024); // the whole input is about 1.5 MB
    expect(beforeEnd).toBe(20_000);
  });
});

describe('XML errors', () => {
  it('turns a malformed row into an error row and reads on', async () => {
    const xml = '<Книги><Книга><Инв>48213</Инв></Книга><Книга><Инв>48214</Заглавие></Книга><Книга><Инв>48215</Инв></Книга></Книги>';
    const { rows } = await read(xml);
    expect(rows.map((r) => [r.line, r.cells[0] ?? '', r.error !== undefined])).toEqual([
      [1, '48213', false],
      [2, '', true],
      [3, '48215', false],
    ]);
    expect(rows[1]?.error).toMatch(/row element 2.*not well formed/);
    expect(rows[1]?.raw).toContain('48214');
  });

  it('reports a row cut off by the end of the file', async () => {
    const { rows } = await read('<Книги><Книга><Инв>48213</Инв></Книга><Книга><Инв>48214</Инв>');
    expect(rows[1]?.error).toMatch(/cut off by the end of the file/);
  });

  it('refuses a file with no element to take rows from', async () => {
    await expect(read('<?xml version="1.0"?>\n<!-- пусто -->\n')).rejects.toMatchObject({ code: 'E_INPUT' });
  });
});

describe('XML encodings', () => {
  const cp1251 = (xml: string, declared: string | undefined): Uint8Array =>
    encode(declared === undefined ? xml.replace(/^<\?xml[^>]*>\n/, '') : xml.replace('encoding="UTF-8"', `encoding="${declared}"`), 'cp1251');
  const RU = plainXml().replace('Әуезов М.', 'Толстой Л.').replace('Абай жолы', 'Война и мир').replace('Есенберлин І.', 'Пушкин А.').replace('Көшпенділер', 'Евгений Онегин');

  it('follows the XML declaration', async () => {
    const { table, rows } = await read(cp1251(RU, 'windows-1251'));
    expect(table).toMatchObject({ encoding: 'cp1251', encodingSource: 'xml-declaration' });
    expect(rows[0]?.cells[1]).toBe('Толстой Л.');
  });

  it('detects the encoding of a file without a declaration', async () => {
    const { table, rows } = await read(cp1251(RU, undefined));
    expect(table).toMatchObject({ encoding: 'cp1251', encodingSource: 'detected' });
    expect(rows[1]?.cells[2]).toBe('Евгений Онегин');
  });

  it('believes the bytes over a declaration that says UTF-8 over cp1251', async () => {
    const { table, rows } = await read(cp1251(RU, 'UTF-8'));
    expect(table).toMatchObject({ encoding: 'cp1251', encodingSource: 'detected' });
    expect(table.notes.join('\n')).toMatch(/although the XML declaration says "UTF-8"/);
    expect(rows[0]?.cells[2]).toBe('Война и мир');
  });

  it('reads Kazakh text declared as KZ-1048 and Russian declared as cp866', async () => {
    const cases: [string, CharsetName, string][] = [['KZ-1048', 'rk1048', plainXml()], ['cp866', 'cp866', RU.replace(/[«»]/g, "'")]];
    for (const [name, charset, xml] of cases) {
      const { table, rows } = await read(encode(xml.replace('encoding="UTF-8"', `encoding="${name}"`), charset));
      expect(table.encoding).toBe(charset);
      expect(rows[0]?.cells[1]).toBe(charset === 'rk1048' ? 'Әуезов М.' : 'Толстой Л.');
    }
  });

  it('opens an XML export through openTable, even named .csv', async () => {
    const path = dir.write('выгрузка.csv', valueTableXml());
    const table = await openTable(path);
    expect(table.format).toBe('xml');
    expect((await collect(table.rows)).map((r) => r.cells)).toEqual(BOOKS);
  });
});
