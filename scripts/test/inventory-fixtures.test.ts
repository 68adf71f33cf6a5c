/**
 * fixtures/inventory: the generated 1C export is what the generator makes,
 * byte for byte; it looks like a 1C cp1251 export; planted.json holds at each
 * listed line the value it says; the ledger balances and agrees with a
 * recount from the CSV text; editions attach where the catalog says; the XLSX
 * holds the same rows with the letters the CSV lost. And the 500k benchmark
 * generator is deterministic and writes the same row shape.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readIso2709All } from '../../packages/marc/src/index.js';
import { type InventoryBenchmarkSummary, inventoryBenchmarkChunks } from '../fixtures/inventory-benchmark-data.js';
import { BRANCH_KEYS } from '../fixtures/inventory-branches.js';
import { EXPORT_COLUMNS } from '../fixtures/inventory-cells.js';
import { foldText } from '../fixtures/inventory-editions.js';
import { type BuiltInventory, buildInventoryFixtures } from '../fixtures/inventory-fixtures.js';
import type { EditionTruth, InventoryLedger, MoneyByBranch } from '../fixtures/inventory-ledger.js';
import { loadExcelJs } from '../fixtures/inventory-xlsx.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = join(root, 'fixtures/inventory');
const cp1251 = new TextDecoder('windows-1251');

interface Planted {
  line: number;
  xlsxRow: number;
  outcome: string;
  column?: string;
  value?: string;
  what: string;
  firstLine?: number;
  firstValue?: string;
  numbers?: string[];
  catalogRecord?: string;
  edition?: string;
  columns?: string[];
  xlsx?: Record<string, string>;
}
interface PlantedJson {
  layout: { headerLine: number; firstDataLine: number; lastLine: number };
  ledger: InventoryLedger;
  planted: Planted[];
  editions: EditionTruth[];
}

/** One CSV line split at `;` outside quotes (no cell of the export holds a line break). */
function split(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

/** `1 200,00` → 120000 tiyn; anything else (negative, letters, no tiyn) → undefined. */
function money(text: string): number | undefined {
  const m = /^(\d{1,3}(?: \d{3})*),(\d{2})$/.exec(text);
  return m ? Number(m[1]!.replace(/ /g, '')) * 100 + Number(m[2]) : undefined;
}

/** The copy number's digits: `ЦГБ-` and leading zeros dropped. */
function key(inventoryNumber: string): string {
  return inventoryNumber.replace(/^ЦГБ-/, '').replace(/^0+/, '');
}

const col = (name: (typeof EXPORT_COLUMNS)[number]): number => EXPORT_COLUMNS.indexOf(name);
const isBlank = (cells: string[]): boolean => cells.every((c) => c === '');

let built: BuiltInventory;
let planted: PlantedJson;
let lines: string[];
let table: string[][];
/** 1-based line → CSV cells. */
const at = (line: number): string[] => table[line - 1]!;

beforeAll(async () => {
  built = await buildInventoryFixtures();
  planted = JSON.parse(readFileSync(join(dir, 'planted.json'), 'utf8')) as PlantedJson;
  const text = cp1251.decode(readFileSync(join(dir, 'export-cp1251.csv')));
  lines = text.split('\r\n');
  expect(lines.pop()).toBe('');
  table = lines.map(split);
});

/** Lines of data rows: after the header, not blank, not the «Итого:» row. */
function dataLines(): number[] {
  const out: number[] = [];
  for (let line = planted.layout.firstDataLine; line < planted.layout.lastLine; line++) if (!isBlank(at(line))) out.push(line);
  return out;
}

describe('fixtures/inventory', () => {
  it('is what scripts/fixtures/inventory-fixtures.ts generates (run pnpm fixtures after changing it)', () => {
    expect(built.files.map((f) => f.path).sort()).toEqual(['inventory/MANIFEST.md', 'inventory/export-cp1251.csv', 'inventory/export.xlsx', 'inventory/planted.json']);
    for (const f of built.files) expect(readFileSync(join(root, 'fixtures', f.path)).equals(Buffer.from(f.bytes)), f.path).toBe(true);
  });

  it('comes out byte-identical from a second generation, the XLSX included (no clock in the zip)', async () => {
    const again = await buildInventoryFixtures();
    for (const [i, f] of again.files.entries()) expect(Buffer.from(f.bytes).equals(Buffer.from(built.files[i]!.bytes)), f.path).toBe(true);
  });

  it('is a cp1251 CSV as 1C writes it: no BOM, CRLF only, two title lines, the header, 16 cells on every line', () => {
    const bytes = readFileSync(join(dir, 'export-cp1251.csv'));
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('latin1').replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines[0]).toMatch(/^Инвентарная книга КГУ «ЦБС г\. Караганды»;+$/);
    expect(lines[1]).toMatch(/^Выгрузка из 1С на 01\.01\.2023;+$/);
    expect(lines[2]).toBe('№ п/п;Инв. №;Автор;Заглавие;Год издания;Издательство;ISBN;ББК;УДК;Цена;Кол-во;Сумма;Дата поступления;№ КСУ;Филиал;Язык');
    expect(planted.layout.headerLine).toBe(3);
    const ragged = table.map((cells, i) => [i + 1, cells.length] as const).filter(([line, n]) => n !== 16 && lines[line - 1] !== '');
    expect(ragged).toEqual([]);
    expect(at(planted.layout.lastLine)[0]).toBe('Итого:');
    expect(table.length).toBe(planted.layout.lastLine);
    // Several thousand copies of about a thousand editions, over all 21 libraries, in Kazakh and Russian.
    expect(dataLines().length).toBeGreaterThan(3500);
    expect(planted.editions.length).toBeGreaterThan(900);
    expect(new Set(dataLines().map((l) => at(l)[col('Язык')]))).toEqual(new Set(['каз', 'казахский', 'kaz', 'рус', 'русский', '']));
    for (const code of BRANCH_KEYS) expect(planted.ledger.money.mapped.byBranch[code] > 0 || code === '?', code).toBe(true);
    // Quoted cells: titles with ";" or straight quotes come back whole.
    expect(dataLines().some((l) => at(l)[col('Заглавие')]!.includes(';'))).toBe(true);
    expect(dataLines().some((l) => at(l)[col('Заглавие')]!.startsWith('"'))).toBe(true);
  });

  it('has in the «Итого:» row, and in the ledger, the copies and money recounted from the CSV text', () => {
    let copies = 0;
    let sum = 0;
    for (const line of dataLines()) {
      const cells = at(line);
      const q = cells[col('Кол-во')]!;
      const quantity = q === '' ? 1 : /^\d+$/.test(q) ? Number(q) : undefined;
      copies += quantity ?? 0;
      const s = money(cells[col('Сумма')]!);
      const p = money(cells[col('Цена')]!);
      sum += s ?? (p !== undefined && quantity !== undefined ? p * quantity : 0);
    }
    const total = at(planted.layout.lastLine);
    expect(Number(total[col('Кол-во')])).toBe(copies);
    expect(money(total[col('Сумма')]!)).toBe(sum);
    expect(planted.ledger.copies.expected).toBe(copies);
    expect(planted.ledger.money.read.total).toBe(sum);
    expect(planted.ledger.rows.read).toBe(dataLines().length + 1);
    expect(planted.ledger.rows.blankLinesSkipped).toBe(planted.layout.lastLine - planted.layout.firstDataLine - dataLines().length);
  });

  it('holds at every line planted.json lists the planted value, in the CSV and the same XLSX row', () => {
    expect(planted.planted.length).toBeGreaterThan(40);
    for (const p of planted.planted) {
      expect(p.xlsxRow, `line ${p.line}`).toBe(p.line);
      const cells = at(p.line);
      if (p.column !== undefined) expect(cells[EXPORT_COLUMNS.indexOf(p.column as never)], `line ${p.line} ${p.column}`).toBe(p.value);
      switch (p.outcome) {
        case 'E_INV_DUPLICATE':
          if (p.firstLine !== undefined) {
            expect(p.firstLine).toBeLessThan(p.line);
            expect(at(p.firstLine)[col('Инв. №')]).toBe(p.firstValue);
            expect(key(p.firstValue!)).toBe(key(p.value!));
          } else expect(p.catalogRecord).toMatch(/^0001\d{5}$/);
          break;
        case 'batch-expanded': {
          const [from, to] = p.value!.split(/[-–]/).map(Number) as [number, number];
          expect(p.numbers).toEqual(Array.from({ length: to - from + 1 }, (_, i) => String(from + i)));
          expect(Number(cells[col('Кол-во')])).toBe(p.numbers!.length);
          break;
        }
        case 'batch-level':
          expect(cells[col('Инв. №')]).toBe('');
          break;
        case 'filtered':
          if (p.column === undefined) expect(isBlank(cells)).toBe(true);
          break;
        case 'lost-letters':
          for (const c of p.columns!) {
            expect(cells[EXPORT_COLUMNS.indexOf(c as never)]).toContain('?');
            expect(cells[EXPORT_COLUMNS.indexOf(c as never)]).toBe(p.xlsx![c]!.replace(/[ӘәҒғҚқҢңӨөҰұҮүҺһ]/g, '?'));
          }
          break;
      }
    }
    const count = (outcome: string): number => planted.planted.filter((p) => p.outcome === outcome).length;
    expect(count('E_INV_DUPLICATE')).toBe(8);
    expect(count('already-in-catalog')).toBe(2);
    expect(count('E_ROW_PRICE')).toBe(5);
    expect(count('E_ROW_BRANCH_UNKNOWN')).toBe(4);
    expect(count('batch-expanded')).toBe(4);
    expect(count('batch-level')).toBe(5);
    // About a tenth of the rows of Kazakh editions lost letters.
    const kazakh = dataLines().filter((l) => ['каз', 'казахский', 'kaz'].includes(at(l)[col('Язык')]!)).length;
    expect(count('lost-letters') / kazakh).toBeGreaterThan(0.06);
    expect(count('lost-letters') / kazakh).toBeLessThan(0.16);
  });

  it('lists every row that is not an ordinary copy row, and only those have duplicate or catalog numbers', async () => {
    const listed = new Map<number, string>();
    for (const p of planted.planted) if (p.outcome !== 'lost-letters') listed.set(p.line, p.outcome);
    const lostLines = new Set(planted.planted.filter((p) => p.outcome === 'lost-letters').map((p) => p.line));
    const items = await readIso2709All(join(root, 'fixtures/sample/catalog-utf8.mrc'), { mode: 'strict' });
    const owner = new Map<string, string>();
    for (const item of items) if (item.kind === 'record') for (const n of item.record.subfieldValues('876', 'a')) owner.set(key(n), item.record.controlValue('001')!);
    const seen = new Set<string>();
    for (const line of dataLines()) {
      const cells = at(line);
      const outcome = listed.get(line);
      const number = cells[col('Инв. №')]!;
      if (outcome === undefined) {
        expect(number, `line ${line}`).toMatch(/^(ЦГБ-)?\d{5,7}$/);
        expect(cells[col('Заглавие')], `line ${line}`).not.toBe('');
        expect(money(cells[col('Цена')]!), `line ${line}`).toBeDefined();
        expect(['1', ''], `line ${line}`).toContain(cells[col('Кол-во')]);
        expect(cells[col('Сумма')] === '' || cells[col('Сумма')] === cells[col('Цена')], `line ${line}`).toBe(true);
        expect(cells[col('Дата поступления')], `line ${line}`).toMatch(/^(0[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])\.(19[89]\d|20[0-2]\d)$/);
        expect(cells[col('Филиал')], `line ${line}`).not.toBe('');
        expect(lostLines.has(line) || !cells.join(';').includes('?'), `line ${line}: a «?» that is not a lost letter`).toBe(true);
      }
      if (outcome === undefined || outcome === 'batch-expanded') {
        const numbers = outcome === 'batch-expanded' ? planted.planted.find((p) => p.line === line)!.numbers! : [key(number)];
        for (const n of numbers) {
          expect(seen.has(n), `line ${line}: ${n} used before`).toBe(false);
          expect(owner.has(n), `line ${line}: ${n} is a catalog number`).toBe(false);
          seen.add(n);
        }
      }
    }
    for (const p of planted.planted) {
      if (p.outcome === 'already-in-catalog') {
        const edition = planted.editions.find((e) => e.id === p.edition)!;
        expect(owner.get(key(p.value!))).toBe(edition.attach);
      }
      if (p.outcome === 'E_INV_DUPLICATE' && p.catalogRecord) {
        const edition = planted.editions.find((e) => e.id === p.edition)!;
        expect(owner.get(key(p.value!))).toBe(p.catalogRecord);
        expect(edition.attach).not.toBe(p.catalogRecord);
      }
    }
  });

  it('has a ledger that balances: rows, copies and money (in total and by branch)', () => {
    const l = planted.ledger;
    expect(l).toEqual(built.ledger);
    const rejectedByCode = Object.values(l.rows.rejected.byCode).reduce((a, b) => a + b, 0);
    expect(rejectedByCode).toBe(l.rows.rejected.total);
    expect(l.rows.mapped + l.rows.rejected.total + l.rows.batchLevel + l.rows.filtered.total).toBe(l.rows.read);
    expect(l.rows.filtered.totalRow + l.rows.filtered.alreadyInCatalog).toBe(l.rows.filtered.total);
    expect(l.copies.mapped + l.copies.rejected + l.copies.batchLevel + l.copies.filtered).toBe(l.copies.expected);
    expect(l.copies.mappedToCatalogRecords + l.copies.mappedToNewRecords).toBe(l.copies.mapped);
    const parts: MoneyByBranch[] = [l.money.mapped, l.money.rejected, l.money.batchLevel, l.money.filtered];
    for (const k of BRANCH_KEYS) expect(parts.reduce((s, p) => s + p.byBranch[k], 0), k).toBe(l.money.read.byBranch[k]);
    for (const m of [l.money.read, ...parts]) {
      expect(Object.keys(m.byBranch)).toEqual([...BRANCH_KEYS]);
      expect(Object.values(m.byBranch).reduce((a, b) => a + b, 0)).toBe(m.total);
      for (const v of Object.values(m.byBranch)) expect(Number.isInteger(v)).toBe(true);
    }
    expect(parts.reduce((s, p) => s + p.total, 0)).toBe(l.money.read.total);
    // Each outcome's count in planted.json agrees with the ledger.
    const count = (outcome: string): number => planted.planted.filter((p) => p.outcome === outcome).length;
    for (const [code, n] of Object.entries(l.rows.rejected.byCode)) expect(count(code), code).toBe(n);
    expect(count('batch-level')).toBe(l.rows.batchLevel);
    expect(count('already-in-catalog')).toBe(l.rows.filtered.alreadyInCatalog);
    expect(l.money.unreadable.map((u) => u.line)).toEqual(planted.planted.filter((p) => p.outcome === 'E_ROW_PRICE').map((p) => p.line));
  });

  it('says for every edition where it attaches, and every mapped row belongs to exactly one edition', async () => {
    const items = await readIso2709All(join(root, 'fixtures/sample/catalog-utf8.mrc'), { mode: 'strict' });
    const records = new Map(items.flatMap((i) => (i.kind === 'record' ? [[i.record.controlValue('001')!, i.record] as const] : [])));
    const mappedLines = new Set<number>();
    let copies = 0;
    for (const e of planted.editions) {
      for (const line of e.mappedLines) {
        expect(mappedLines.has(line), `line ${line} in two editions`).toBe(false);
        mappedLines.add(line);
        const cells = at(line);
        expect(cells[col('Год издания')]).toBe(String(e.year));
        expect(cells[col('ISBN')]).toBe(e.isbn);
        // The CSV has the edition as typed, with «?» where cp1251 lost a letter.
        const csv = (value: string): string => (e.typing === 'exact' ? value.replace(/[ӘәҒғҚқҢңӨөҰұҮүҺһ]/g, '?') : value);
        expect(cells[col('Автор')]).toBe(csv(e.author));
        expect(cells[col('Заглавие')]).toBe(csv(e.title));
      }
      copies += e.mappedCopies;
      if (e.attach === 'new') continue;
      const record = records.get(e.attach);
      expect(record, e.attach).toBeDefined();
      const year = /\d{4}/.exec([...record!.subfieldValues('260', 'c'), ...record!.subfieldValues('264', 'c')][0]!)![0];
      expect(String(e.year)).toBe(year);
      const isbn = record!.subfieldValues('020', 'a')[0]?.replace(/-/g, '');
      if (e.isbn) expect(e.isbn.replace(/-/g, '')).toBe(isbn);
      const title = foldText(record!.subfieldValues('245', 'a')[0]!);
      expect(foldText(e.title).includes(title), `${e.id}: «${e.title}» is not «${title}»`).toBe(true);
    }
    const mapped = dataLines().filter((l) => {
      const outcome = planted.planted.find((p) => p.line === l && p.outcome !== 'lost-letters')?.outcome;
      return outcome === undefined || outcome === 'batch-expanded';
    });
    expect([...mappedLines].sort((a, b) => a - b)).toEqual(mapped);
    expect(copies).toBe(planted.ledger.copies.mapped);
    const attached = planted.editions.filter((e) => e.attach !== 'new');
    expect(attached.length / planted.editions.length).toBeGreaterThan(0.55);
    expect(attached.length / planted.editions.length).toBeLessThan(0.65);
    expect(new Set(attached.filter((e) => e.mappedCopies > 0).map((e) => e.attach)).size).toBe(planted.ledger.records.catalogAttached);
    const fresh = planted.editions.filter((e) => e.attach === 'new');
    expect(fresh.filter((e) => e.mappedCopies > 0).length).toBe(planted.ledger.records.new);
    // New editions can be told apart from each other.
    expect(new Set(fresh.map((e) => `${foldText(e.author)}|${foldText(e.title)}|${e.year}`)).size).toBe(fresh.length);
  });

  it('has in the XLSX the same rows as in the CSV: numbers, dates, and the Kazakh letters the CSV lost', async () => {
    const { Workbook } = loadExcelJs();
    const workbook = new Workbook();
    await workbook.xlsx.load(readFileSync(join(dir, 'export.xlsx')));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Инвентарная книга');
    expect(sheet.getRow(1).getCell(16).isMerged).toBe(true);
    expect(sheet.getRow(1).getCell(16).master.address).toBe('A1');
    expect(sheet.getRow(2).getCell(2).master.address).toBe('A2');
    const moneyColumns = new Set([col('Цена'), col('Сумма')]);
    const asText = (value: unknown, c: number): string => {
      if (value === null || value === undefined) return '';
      if (value instanceof Date) return `${String(value.getUTCDate()).padStart(2, '0')}.${String(value.getUTCMonth() + 1).padStart(2, '0')}.${value.getUTCFullYear()}`;
      if (typeof value === 'number') {
        if (!moneyColumns.has(c)) return String(value).replace('.', ',');
        const tiyn = Math.round(Math.abs(value) * 100);
        return `${value < 0 ? '-' : ''}${String(Math.floor(tiyn / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${String(tiyn % 100).padStart(2, '0')}`;
      }
      return String(value);
    };
    const lost = new Set(planted.planted.filter((p) => p.outcome === 'lost-letters').map((p) => p.line));
    let differing = 0;
    for (let line = 1; line <= planted.layout.lastLine; line++) {
      const row = sheet.getRow(line);
      const csv = at(line);
      const xlsx = EXPORT_COLUMNS.map((_, c) => (line <= 2 && c > 0 ? '' : asText(row.getCell(c + 1).value, c)));
      const texts = csv.length === 1 ? EXPORT_COLUMNS.map(() => '') : csv;
      expect(xlsx.map((t) => t.replace(/[ӘәҒғҚқҢңӨөҰұҮүҺһ]/g, '?')), `row ${line}`).toEqual(texts);
      if (xlsx.join(';') !== texts.join(';')) {
        differing++;
        expect(lost.has(line), `row ${line} differs but lost no letters`).toBe(true);
      }
    }
    expect(differing).toBe(lost.size);
    const first = sheet.getRow(planted.layout.firstDataLine);
    expect(typeof first.getCell(col('Цена') + 1).value).toBe('number');
    expect(first.getCell(col('Дата поступления') + 1).value).toBeInstanceOf(Date);
    expect(typeof first.getCell(col('Инв. №') + 1).value).toBe('string');
  });
});

describe('scripts/gen-inventory-benchmark.ts data', () => {
  function generate(seed: number, rows: number): { bytes: Buffer; summary: InventoryBenchmarkSummary } {
    const chunks: Uint8Array[] = [];
    const it = inventoryBenchmarkChunks({ seed, rows, chunkRows: 500 });
    let step = it.next();
    while (!step.done) {
      chunks.push(step.value);
      step = it.next();
    }
    return { bytes: Buffer.concat(chunks), summary: step.value };
  }

  it('gives the same bytes for the same seed and other bytes for another, in the export\'s row shape', () => {
    const a = generate(5, 2000);
    const b = generate(5, 2000);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(generate(6, 2000).bytes.equals(a.bytes)).toBe(false);
    const text = cp1251.decode(a.bytes);
    const rows = text.split('\r\n');
    expect(rows.pop()).toBe('');
    expect(rows[2]).toBe(EXPORT_COLUMNS.join(';'));
    const data = rows.slice(3, -1).map(split).filter((cells) => !isBlank(cells));
    expect(data.length).toBe(2000);
    expect(data.every((cells) => cells.length === 16)).toBe(true);
    expect(data.map((cells) => cells[0])).toEqual(Array.from({ length: 2000 }, (_, i) => String(i + 1)));
    const total = split(rows[rows.length - 1]!);
    expect(total[0]).toBe('Итого:');
    expect(Number(total[col('Кол-во')])).toBe(a.summary.copies);
    expect(money(total[col('Сумма')]!)).toBe(a.summary.moneyTiyn);
    expect(a.summary.rows).toBe(2000);
    // Dates run forward from 1988 to 2022.
    const years = data.map((cells) => Number(/\d{4}$/.exec(cells[col('Дата поступления')]!)?.[0] ?? 0)).filter((y) => y > 0);
    expect(years[0]).toBe(1988);
    expect(years[years.length - 1]).toBe(2022);
  });
});
