import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encode, type CharsetName } from '@kitap/marc';
import { openCsv } from '../../src/sources/csv.js';
import { openTable } from '../../src/sources/open-table.js';
import { chunked, collect, REGISTER, REGISTER_RU, tempDir, toCsv } from './helpers.js';

const dir = tempDir('csv');

async function readBytes(bytes: Uint8Array, options: Parameters<typeof openCsv>[2] = {}, chunk = 1 << 16) {
  const table = await openCsv('test.csv', chunked(bytes, chunk), options);
  return { table, rows: await collect(table.rows) };
}

describe('CSV encodings', () => {
  const cases: [CharsetName, readonly (readonly string[])[]][] = [
    ['utf-8', REGISTER],
    ['cp1251', REGISTER_RU],
    ['rk1048', REGISTER],
    ['pt154', REGISTER],
    ['cp866', REGISTER_RU],
  ];

  for (const [charset, register] of cases) {
    it(`reads ${charset} bytes back to the same cells, given or detected`, async () => {
      const bytes = encode(toCsv(register), charset);
      const detected = await readBytes(bytes);
      expect(detected.table.encoding).toBe(charset);
      expect(detected.table.encodingSource).toBe('detected');
      expect(detected.rows.map((r) => r.cells)).toEqual(register);
      const given = await readBytes(bytes, { encoding: charset });
      expect(given.table.encodingSource).toBe('given');
      expect(given.rows.map((r) => r.cells)).toEqual(register);
    });
  }

  it('tells rk1048 from pt154 by where the Kazakh letters decode inside words', async () => {
    const text = toCsv([['48213', 'Әуезов М.', 'Абай жолы'], ['48214', 'Есенберлин І.', 'Көшпенділер'], ['48215', 'Мұқанов С.', 'Ботакөз']]);
    for (const cs of ['rk1048', 'pt154'] as const) {
      const { table, rows } = await readBytes(encode(text, cs));
      expect(table.encoding).toBe(cs);
      expect(rows[2]?.cells[1]).toBe('Мұқанов С.');
    }
  });

  it('prefers cp1251 for Russian text, which rk1048 and pt154 would read the same, and says so', async () => {
    const { table } = await readBytes(encode(toCsv(REGISTER_RU), 'cp1251'));
    expect(table.encoding).toBe('cp1251');
    expect(table.notes.join('\n')).toMatch(/rk1048 and pt154 read these bytes the same way/);
  });

  it('skips a UTF-8 byte-order mark and reports it as the source', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toCsv(REGISTER), 'utf8')]);
    const { table, rows } = await readBytes(bytes);
    expect(table.encoding).toBe('utf-8');
    expect(table.encodingSource).toBe('bom');
    expect(rows[0]?.cells[0]).toBe('Инв. №');
    expect(rows[0]?.offset).toBe(3);
  });

  it('detects UTF-8 even when the 64 KiB sample ends in the middle of a character', async () => {
    const line = '48213;Әуезов М.;Абай жолы\n';
    let text = 'ә'; // shifts every line by one byte so that a two-byte letter straddles byte 65,536
    while (Buffer.byteLength(text) < 70_000) text += line;
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes[65_535]).toBeGreaterThanOrEqual(0x80);
    const { table } = await readBytes(bytes);
    expect(table.encoding).toBe('utf-8');
  });

  it('refuses UTF-16 with a message that says how to save the file', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(toCsv(REGISTER), 'utf16le')]);
    await expect(openCsv('export.csv', chunked(bytes, 4096))).rejects.toMatchObject({ code: 'E_INPUT', message: expect.stringMatching(/UTF-16LE.*UTF-8/) });
  });

  it('marks rows with bytes that are not valid in the encoding', async () => {
    const bytes = Buffer.concat([Buffer.from('48213;Абай жолы;', 'utf8'), Buffer.from([0xff, 0xfe]), Buffer.from('\n48214;Көшпенділер;1990\n', 'utf8')]);
    const { rows } = await readBytes(bytes, { encoding: 'utf-8' });
    expect(rows[0]?.cells[2]).toContain('\uFFFD');
    expect(rows[0]?.warning).toMatch(/not valid in utf-8/);
    expect(rows[1]?.warning).toBeUndefined();
  });
});

describe('CSV delimiters', () => {
  for (const [delimiter, name] of [[';', 'semicolon'], [',', 'comma'], ['\t', 'tab'], ['|', 'bar']] as const) {
    it(`detects the ${name}`, async () => {
      const { table, rows } = await readBytes(Buffer.from(toCsv(REGISTER, delimiter), 'utf8'));
      expect(table.delimiter).toBe(delimiter);
      expect(rows.map((r) => r.cells)).toEqual(REGISTER);
    });
  }

  it("prefers ';' over the decimal commas of prices", async () => {
    // every row has exactly one comma (the price) and five semicolons
    const { table } = await readBytes(Buffer.from(toCsv(REGISTER.slice(1), ';'), 'utf8'));
    expect(table.delimiter).toBe(';');
  });

  it('does not count delimiters inside quoted cells', async () => {
    const rows = [
      ['Инв. №', 'Заглавие', 'Примечание'],
      ['48213', 'Абай жолы; роман-эпопея; т. 1', 'Ф-л №4'],
      ['48214', 'Көшпенділер; трилогия', '№15 д.'],
      ['48215', 'Война и мир; т. 1; т. 2', 'ЦБ'],
    ];
    const { table, rows: read } = await readBytes(Buffer.from(toCsv(rows, ','), 'utf8'));
    expect(table.delimiter).toBe(',');
    expect(read.map((r) => r.cells)).toEqual(rows);
  });

  it('uses a given delimiter', async () => {
    const { table, rows } = await readBytes(Buffer.from('48213|Абай жолы;т.1\n', 'utf8'), { delimiter: ';' });
    expect(table.delimiter).toBe(';');
    expect(rows[0]?.cells).toEqual(['48213|Абай жолы', 'т.1']);
  });
});

describe('CSV quoting and lines', () => {
  it('keeps quoted delimiters, doubled quotes and line breaks in cells, and counts physical lines', async () => {
    const text = [
      'Инв. №;Заглавие;Примечание',
      '48213;"Абай жолы; роман-эпопея";"Ф-л №4"',
      '48214;"Көшпенділер',
      'трилогия',
      '";"списан ""условно"""',
      '48215;Война и мир;',
      '',
    ].join('\r\n');
    const { rows } = await readBytes(Buffer.from(text, 'utf8'));
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 6]);
    expect(rows[1]?.cells).toEqual(['48213', 'Абай жолы; роман-эпопея', 'Ф-л №4']);
    expect(rows[2]?.cells).toEqual(['48214', 'Көшпенділер\r\nтрилогия\r\n', 'списан "условно"']);
    expect(rows[2]?.raw).toBe('48214;"Көшпенділер\r\nтрилогия\r\n";"списан ""условно"""');
    expect(rows[3]?.cells).toEqual(['48215', 'Война и мир', '']);
  });

  it('gives byte offsets of row starts', async () => {
    const text = '48213;Абай жолы\n48214;"Көшпенділер\nтрилогия"\n48215;Ботакөз\n';
    const bytes = Buffer.from(text, 'utf8');
    const { rows } = await readBytes(bytes, {}, 5);
    for (const r of rows) expect(bytes.subarray(r.offset ?? -1).toString('utf8').startsWith(r.raw)).toBe(true);
  });

  it('skips blank lines but keeps counting them', async () => {
    const { rows } = await readBytes(Buffer.from('Инв. №;Заглавие\n\n48213;Абай жолы\r\n\r\n48214;Көшпенділер', 'utf8'));
    expect(rows.map((r) => [r.line, r.cells[0]])).toEqual([[1, 'Инв. №'], [3, '48213'], [5, '48214']]);
  });

  it('keeps a quote inside an unquoted cell as a character', async () => {
    const { rows } = await readBytes(Buffer.from('48215;Абай "жолы";1987\n', 'utf8'));
    expect(rows[0]?.cells).toEqual(['48215', 'Абай "жолы"', '1987']);
    expect(rows[0]?.error).toBeUndefined();
  });

  it('turns an unescaped quote inside a quoted cell into an error row and reads on', async () => {
    const text = '48213;"Роман "Абай жолы" в двух томах";1987\n48214;Көшпенділер;1990\n';
    const { rows } = await readBytes(Buffer.from(text, 'utf8'));
    expect(rows).toHaveLength(2);
    expect(rows[0]?.error).toMatch(/line 1.*'А'/);
    expect(rows[0]?.raw).toBe('48213;"Роман "Абай жолы" в двух томах";1987');
    expect(rows[1]).toMatchObject({ line: 2, cells: ['48214', 'Көшпенділер', '1990'] });
  });

  it('costs an unclosed quote one line, not the lines up to the next quote', async () => {
    const text = ['48213;Абай жолы;1987', '48214;"Көшпенділер;1990', '48215;Война и мир;1869', '48216;"Ботакөз";1987', '48217;Қан мен тер;1970', ''].join('\n');
    const { rows } = await readBytes(Buffer.from(text, 'utf8'), { delimiter: ';' });
    expect(rows.map((r) => [r.line, r.cells[0], r.error === undefined])).toEqual([
      [1, '48213', true],
      [2, '48214', false],
      [3, '48215', true],
      [4, '48216', true],
      [5, '48217', true],
    ]);
    expect(rows[1]?.error).toMatch(/line 4.*opened at line 2.*line 2 is rejected/);
    expect(rows[3]?.cells).toEqual(['48216', 'Ботакөз', '1987']);
  });

  it('reports a quote still open at the end of the file and keeps the lines after it', async () => {
    const text = '48213;Абай жолы\n48214;"Көшпенділер\n48215;Ботакөз\n';
    const { rows } = await readBytes(Buffer.from(text, 'utf8'), { delimiter: ';' });
    expect(rows.map((r) => r.cells[0])).toEqual(['48213', '48214', '48215']);
    expect(rows[1]?.error).toMatch(/never closed/);
  });

  it('cuts the cells of a single-byte line from its text: quotes undone, undefined bytes marked, the raw text whole', async () => {
    const first = '48214;"Көшпенділер;\r\n""трилогия""" ;';
    const bytes = Buffer.concat([encode(first, 'rk1048'), Buffer.from([0x98]), encode('Ана тілі\r\n48215;Абай жолы\r\n', 'rk1048')]);
    const { rows } = await readBytes(bytes, { encoding: 'rk1048', delimiter: ';' });
    expect(rows[0]?.cells).toEqual(['48214', 'Көшпенділер;\r\n"трилогия"', '\uFFFDАна тілі']);
    expect(rows[0]?.raw).toBe(`${first}\uFFFDАна тілі`);
    expect(rows[0]?.warning).toMatch(/^1 byte sequence\(s\) not valid in rk1048/);
    expect(rows[1]?.cells).toEqual(['48215', 'Абай жолы']);
    expect(rows[1]?.warning).toBeUndefined();
  });

  it('tolerates spaces between a closing quote and the delimiter', async () => {
    const { rows } = await readBytes(Buffer.from('48213;"Абай жолы"  ;1987\n', 'utf8'), { delimiter: ';' });
    expect(rows[0]?.cells).toEqual(['48213', 'Абай жолы', '1987']);
  });

  it('reads every chunking of the input the same way', async () => {
    const text = toCsv(REGISTER) + '48216;"Қан мен\nтер";"""Жазушы"""\r\n\r\n48217;"сломанная "кавычка";1\n48218;Ана тілі;2\n';
    const bytes = encode(text, 'rk1048');
    const whole = (await readBytes(bytes, { encoding: 'rk1048', delimiter: ';' })).rows;
    for (const size of [1, 2, 3, 7, 64]) {
      expect((await readBytes(bytes, { encoding: 'rk1048', delimiter: ';' }, size)).rows).toEqual(whole);
    }
  });

  it('round-trips any table of cells (property)', async () => {
    const cell = fc.oneof(
      fc.constantFrom('', 'Абай жолы', 'Әуезов М.', 'Көшпенділер', 'Война и мир', '1 200,00', 'Ф-л №4', '№15 д.'),
      fc.stringMatching(/^[а-яәіңғүұқөһ ;,"\r\n]{0,12}$/),
    );
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    // UTF-8 cells are decoded one by one; single-byte ones are cut from the decoded line.
    const charset = fc.constantFrom<CharsetName>('utf-8', 'rk1048');
    await fc.assert(
      fc.asyncProperty(table, fc.integer({ min: 1, max: 40 }), charset, async (rows, size, encoding) => {
        const text = toCsv(rows, ';', '\n');
        const read = (await readBytes(encode(text, encoding), { delimiter: ';', encoding }, size)).rows;
        // blank rows (one empty cell) are skipped, so compare without them
        const expected = rows.filter((r) => !(r.length === 1 && r[0] === ''));
        expect(read.map((r) => r.cells)).toEqual(expected);
        // each row starts on the line after the previous one's last line break
        let line = 1;
        for (const [i, r] of read.entries()) {
          expect(r.line).toBe(line);
          line += 1 + (expected[i] ?? []).join('').split(/\r\n|\r|\n/).length - 1;
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('CSV streaming', () => {
  it('emits rows before the input ends, holding only a little of it', async () => {
    let produced = 0;
    let ended = false;
    async function* longInput(): AsyncGenerator<Uint8Array> {
      const header = Buffer.from(toCsv(REGISTER.slice(0, 1)), 'utf8');
      produced += header.length;
      yield header;
      for (let i = 0; i < 20_000; i++) {
        const line = Buffer.from(`${60000 + i};Әуезов М.;"Абай жолы; т. ${i}";1987;1 200,00;Ф-л №4\n`, 'utf8');
        produced += line.length;
        yield line;
      }
      ended = true;
    }
    for (const options of [{}, { encoding: 'utf-8', delimiter: ';' }] as const) {
      produced = 0;
      ended = false;
      const table = await openCsv('stream.csv', longInput(), options);
      let firstRowAt = -1;
      let total = 0;
      let lastBeforeEnd = 0;
      for await (const row of table.rows) {
        if (total === 0) firstRowAt = produced;
        total++;
        if (!ended) lastBeforeEnd = total;
        expect(row.cells[2]).toMatch(/^(Заглавие|Абай жолы; т\. \d+)$/);
      }
      expect(total).toBe(20_001);
      expect(firstRowAt).toBeGreaterThan(0);
      expect(firstRowAt).toBeLessThan(200 * 1024); // the whole input is about 1.4 MB
      expect(lastBeforeEnd).toBeGreaterThan(19_990);
    }
  });

  it('can be read only once', async () => {
    const path = dir.write('once.csv', toCsv(REGISTER));
    const table = await openTable(path);
    await collect(table.rows);
    await expect(collect(table.rows)).rejects.toMatchObject({ code: 'E_INTERNAL' });
  });
});
