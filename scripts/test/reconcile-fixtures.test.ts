/**
 * fixtures/reconcile: the generated scenario is what the generator makes,
 * byte for byte; every planted entry holds in the files; a recount from the
 * files themselves (holdings.mrc, the act CSVs and XLSX forms, the fund
 * snapshots) gives exactly the planted findings, the withdrawal table and the
 * balance of planted.json; the tables add up; the external transfer has its
 * 500 copies; stated totals equal the lines except where ACT_TOTAL_MISMATCH
 * is planted. And the 1M-copy benchmark generator is deterministic.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BranchDirectory, COPY_MAPPERS, type Copy, KARAGANDA_CBS, parseInventoryNumber } from '../../packages/holdings/src/index.js';
import { type MarcRecord, readIso2709All } from '../../packages/marc/src/index.js';
import { INVENTORY_BRANCHES } from '../fixtures/inventory-branches.js';
import { type ExcelSheet, loadExcelJs } from '../fixtures/inventory-xlsx.js';
import { ACT_COLUMNS } from '../fixtures/reconcile-act-csv.js';
import { FORM_COLUMNS, FORM_HEADER_ROW } from '../fixtures/reconcile-act-form.js';
import { type ReconcileBenchmarkSummary, reconcileBenchmarkChunks } from '../fixtures/reconcile-benchmark-data.js';
import type { ExpectedFinding } from '../fixtures/reconcile-findings.js';
import { type ActSummary, type BuiltReconcile, buildReconcileFixtures } from '../fixtures/reconcile-fixtures.js';
import { FINDING_CODES, REASONS, SUBJECT_GROUPS, type SubjectGroup } from '../fixtures/reconcile-model.js';
import type { Tally, WithdrawalRow } from '../fixtures/reconcile-withdrawals.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = join(root, 'fixtures/reconcile');

interface Amount {
  copies: number;
  sum: number;
}
interface PlantedJson {
  files: Record<string, { bytes: number; sha256: string }>;
  acts: ActSummary[];
  planted: { code: string; file: string; line: number; act?: string; inventoryNumber?: string; field?: string; related?: { file: string; line: number }; copies?: { inventoryNumber: string; branch: string }[] }[];
  findings: ExpectedFinding[];
  withdrawals: Record<string, WithdrawalRow>;
  withdrawals2023: Record<string, WithdrawalRow>;
  balance: { line: number; branch: string; group: string; language: string; start: Amount; received: Amount; withdrawn: Amount; transferredOut: Amount; transferredIn: Amount; expectedEnd: Amount; end: Amount }[];
  records: { controlNumber: string; group: SubjectGroup; language: 'kaz' | 'rus'; bbk?: string; udc?: string; copies: number }[];
}

/** One CSV line split at `;` outside quotes. */
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

/** `1 200,00` → 120000 tiyn. */
function money(text: string): number {
  const m = /^(\d{1,3}(?: \d{3})*),(\d{2})$/.exec(text);
  if (!m) throw new Error(`not money: ${JSON.stringify(text)}`);
  return Number(m[1]!.replace(/ /g, '')) * 100 + Number(m[2]);
}

/** `DD.MM.YYYY` → ISO. */
function iso(text: string): string {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  if (!m) throw new Error(`not a date: ${JSON.stringify(text)}`);
  return `${m[3]}-${m[2]}-${m[1]}`;
}

/** The number's key as the scenario defines it: branch prefix (`ЦГБ-`, `Ф4/`) and leading zeros dropped; undefined when it has no digits to read. */
function key(written: string): string | undefined {
  const m = /^(?:ЦГБ-|Ф\d{1,2}\/)?(\d+)$/.exec(written);
  return m ? String(Number(m[1])) : undefined;
}

/** The words of the acts for each reason. */
const REASON_OF: Record<string, string> = {
  worn: 'worn',
  ветхость: 'worn',
  outdated: 'outdated',
  'морально устаревшая': 'outdated',
  устарелость: 'outdated',
  shortage: 'shortage',
  недостача: 'shortage',
  lost: 'lost',
  'утеряно читателями': 'lost',
  'стихийное бедствие': 'disaster',
  other: 'other',
  прочие: 'other',
  transferred: 'transferred',
};

/** Subject group by the default tables of accounting.md (first digits of BBK, else UDC). */
function groupOf(bbk: string | undefined, udc: string | undefined): SubjectGroup {
  if (bbk !== undefined) {
    const two = Number(bbk.slice(0, 2));
    if (bbk.startsWith('84')) return 'fiction';
    if (two >= 80 && two <= 83) return 'philology';
    if (two === 75 || two === 85) return 'arts_sport';
    if (bbk.startsWith('2') || bbk.startsWith('5')) return 'en';
    if (bbk.startsWith('3')) return 'tech';
    if (bbk.startsWith('4')) return 'agri';
    return 'opl';
  }
  const u = udc!;
  if (/^821\.[\d.]+-\d/.test(u)) return 'fiction';
  if (/^8[01]/.test(u) || u.startsWith('82.0')) return 'philology';
  if (u.startsWith('7')) return 'arts_sport';
  if (u.startsWith('61') || /^5/.test(u)) return 'en';
  if (/^6[26-9]/.test(u)) return 'tech';
  if (u.startsWith('63')) return 'agri';
  return 'opl';
}

/** An act line read back from the files. */
interface ReadLine {
  file: string;
  line: number;
  act: ActSummary;
  written: string;
  author: string;
  title: string;
  price: number;
  statedCopies: number;
  statedSum: number;
}

interface HeldCopy {
  copy: Copy;
  record: string;
}

const codeOfSigla = new Map(INVENTORY_BRANCHES.map((b) => [b.sigla, b.code as string]));

let built: BuiltReconcile;
let planted: PlantedJson;
let records: MarcRecord[];
let byKey: Map<string, HeldCopy[]>;
let lines: ReadLine[];
let forms: Map<string, ExcelSheet>;
const actOf = (file: string, number: string, date: string): ActSummary => {
  const act = planted.acts.find((a) => a.file === file && a.number === number && a.date === date);
  if (!act) throw new Error(`no act ${number} of ${date} in ${file}`);
  return act;
};

/** Rows of a flat act CSV (BOM, `;`, CRLF), with their line numbers. */
function readFlat(file: string): ReadLine[] {
  const text = readFileSync(join(dir, file), 'utf8');
  expect(text.startsWith('\uFEFF'), file).toBe(true);
  const rows = text.slice(1).split('\r\n');
  expect(rows.pop()).toBe('');
  expect(rows[0]).toBe(ACT_COLUMNS.join(';'));
  return rows.slice(1).map((row, i) => {
    const c = split(row);
    expect(c.length, `${file}:${i + 2}`).toBe(ACT_COLUMNS.length);
    const act = actOf(file, c[0]!, iso(c[1]!));
    expect(c[2]).toBe(act.type);
    expect([c[3], c[4], c[5]]).toEqual([act.reasonText, act.fromText, act.toText]);
    return { file, line: i + 2, act, written: c[6]!, author: c[7]!, title: c[8]!, price: money(c[10]!), statedCopies: Number(c[11]), statedSum: money(c[12]!) };
  });
}

const tenge = (value: unknown): number => Math.round(Number(value) * 100);

/** The lines of a paper-form act, with the stated totals of its «Всего исключено» sentence. */
function readForm(file: string, sheet: ExcelSheet): ReadLine[] {
  const text = (row: number): string => String(sheet.getRow(row).getCell(1).value ?? '');
  const head = /^АКТ № (\S+) от (\d{2}\.\d{2}\.\d{4})$/.exec(text(5))!;
  const act = actOf(file, head[1]!, iso(head[2]!));
  expect(text(6)).toBe('об исключении документов из библиотечного фонда');
  expect(text(7)).toBe(act.fromText);
  expect(text(9)).toBe(`по причине: ${act.reasonText}`);
  const stated = /^Всего исключено (\d+) экз\. на сумму ([\d ]+,\d{2}) тенге\.$/.exec(text(10))!;
  const out: ReadLine[] = [];
  for (let row = FORM_HEADER_ROW + 1; text(row) !== 'Итого:'; row++) {
    const r = sheet.getRow(row);
    expect(r.getCell(1).value).toBe(out.length + 1);
    expect(r.getCell(6).value).toBe(1);
    expect(r.getCell(7).value).toBe(r.getCell(5).value);
    out.push({ file, line: row, act, written: String(r.getCell(2).value), author: '', title: String(r.getCell(3).value), price: tenge(r.getCell(5).value), statedCopies: Number(stated[1]), statedSum: money(stated[2]!) });
  }
  const total = sheet.getRow(FORM_HEADER_ROW + out.length + 1);
  expect(total.getCell(6).value).toBe(out.length);
  expect(tenge(total.getCell(7).value)).toBe(out.reduce((s, l) => s + l.price, 0));
  return out;
}

/** Lines in date order, then as the files hold them. */
const byDate = (): ReadLine[] => lines.map((l, i) => ({ l, i })).sort((a, b) => (a.l.act.date < b.l.act.date ? -1 : a.l.act.date > b.l.act.date ? 1 : a.i - b.i)).map((x) => x.l);

beforeAll(async () => {
  built = await buildReconcileFixtures();
  planted = JSON.parse(readFileSync(join(dir, 'planted.json'), 'utf8')) as PlantedJson;
  const items = await readIso2709All(join(dir, 'holdings.mrc'), { mode: 'strict' });
  records = items.flatMap((i) => (i.kind === 'record' ? [i.record] : []));
  expect(records.length).toBe(items.length);
  byKey = new Map();
  for (const record of records) {
    for (const read of COPY_MAPPERS['852/876'].read(record)) {
      expect(read.unmapped).toEqual([]);
      const k = key(read.copy.inventoryNumber!)!;
      byKey.set(k, [...(byKey.get(k) ?? []), { copy: read.copy, record: record.controlValue('001')! }]);
    }
  }
  const { Workbook } = loadExcelJs();
  forms = new Map();
  lines = [...readFlat('acts/acts-2023.csv'), ...readFlat('acts/acts-2025.csv')];
  for (const a of planted.acts.filter((x) => x.shape === 'form')) {
    const workbook = new Workbook();
    await workbook.xlsx.load(readFileSync(join(dir, a.file)));
    const sheet = workbook.worksheets[0]!;
    forms.set(a.file, sheet);
    lines.push(...readForm(a.file, sheet));
  }
});

describe('fixtures/reconcile', () => {
  it('is what scripts/fixtures/reconcile-fixtures.ts generates (run pnpm fixtures after changing it)', () => {
    expect(built.files.map((f) => f.path).sort()).toEqual(
      ['MANIFEST.md', 'acts/acts-2023.csv', 'acts/acts-2025.csv', 'acts/akt-17.xlsx', 'acts/akt-23.xlsx', 'acts/akt-31.xlsx', 'fund-end.csv', 'fund-start.csv', 'holdings.mrc', 'planted.json'].map((f) => `reconcile/${f}`),
    );
    for (const f of built.files) expect(readFileSync(join(root, 'fixtures', f.path)).equals(Buffer.from(f.bytes)), f.path).toBe(true);
  });

  it('comes out byte-identical from a second generation, the XLSX forms included', async () => {
    const again = await buildReconcileFixtures();
    for (const [i, f] of again.files.entries()) expect(Buffer.from(f.bytes).equals(Buffer.from(built.files[i]!.bytes)), f.path).toBe(true);
  });

  it('holds about 12,000 copies of Kazakh and Russian editions over the 21 libraries, in MARC 21 852/876 of at most 2.5 MB', () => {
    expect(readFileSync(join(dir, 'holdings.mrc')).length).toBeLessThanOrEqual(2.5 * 1024 * 1024);
    const copies = [...byKey.values()].flat();
    expect(copies.length).toBeGreaterThan(11_500);
    expect(copies.length).toBeLessThan(12_500);
    expect(new Set(copies.map((c) => codeOfSigla.get(c.copy.branch!)))).toEqual(new Set(INVENTORY_BRANCHES.map((b) => b.code)));
    for (const { copy } of copies) {
      expect(copy.price, copy.inventoryNumber).toBeGreaterThan(0);
      expect(copy.dateReceived).toMatch(/^(19[7-9]\d|20[0-2]\d)-\d{2}-\d{2}$/);
      expect(['available', 'on-loan', 'bindery', 'written-off', 'transferred']).toContain(copy.status);
    }
    // Keys are unique but for the two ambiguous pairs planted on purpose.
    expect([...byKey.values()].filter((held) => held.length > 1).length).toBe(2);
    const languages = new Set<string>();
    for (const record of records) {
      expect(record.leader.value[9]).toBe('a');
      const lang = record.controlValue('008')!.slice(35, 38);
      expect(record.subfieldValues('041', 'a')[0]).toBe(lang);
      languages.add(lang);
      for (const f of record.get('084')) if (f.kind === 'data') expect(f.subfields.find((s) => s.code === '2')?.value).toBe('rubbk');
    }
    expect(languages).toEqual(new Set(['kaz', 'rus']));
  });

  it('gives each record the subject group its BBK (or, without one, its UDC) says, and its language', () => {
    expect(planted.records.map((r) => r.controlNumber)).toEqual(records.map((r) => r.controlValue('001')));
    records.forEach((record, i) => {
      const truth = planted.records[i]!;
      expect(record.subfieldValues('084', 'a')[0]).toBe(truth.bbk);
      expect(record.subfieldValues('080', 'a')[0]).toBe(truth.udc);
      expect(truth.bbk !== undefined || truth.udc !== undefined).toBe(true);
      expect(groupOf(truth.bbk, truth.udc), `${truth.controlNumber} ${truth.bbk} ${truth.udc}`).toBe(truth.group);
      expect(record.controlValue('008')!.slice(35, 38)).toBe(truth.language);
    });
    for (const g of SUBJECT_GROUPS) expect(planted.records.some((r) => r.group === g), g).toBe(true);
    expect(planted.records.filter((r) => r.udc === undefined).length).toBeGreaterThan(100);
    expect(planted.records.filter((r) => r.bbk === undefined).length).toBeGreaterThan(100);
  });

  it('has the year\'s acts: about 40 write-off acts from 13 libraries, 10 internal transfers, one external transfer, 3 paper forms and 2 acts of 136-НҚ', () => {
    const writeOffs = planted.acts.filter((a) => a.kind === 'write-off' && a.date.startsWith('2023'));
    expect(writeOffs.length).toBeGreaterThanOrEqual(35);
    expect(new Set(writeOffs.map((a) => a.from)).size).toBe(13);
    expect(new Set(writeOffs.map((a) => a.reason))).toEqual(new Set(['worn', 'outdated', 'shortage', 'lost', 'disaster', 'other']));
    const written = writeOffs.reduce((n, a) => n + a.lines, 0);
    expect(written).toBeGreaterThan(2_200);
    expect(written).toBeLessThan(2_600);
    expect(planted.acts.filter((a) => a.kind === 'internal-transfer').length).toBe(10);
    expect(planted.acts.filter((a) => a.toText === 'ООИФ ЦГБ').length).toBeGreaterThan(2);
    expect(planted.acts.filter((a) => a.shape === 'form').map((a) => a.file)).toEqual(['acts/akt-17.xlsx', 'acts/akt-23.xlsx', 'acts/akt-31.xlsx']);
    for (const a of planted.acts) expect(a.instruction, `${a.number} ${a.date}`).toBe(a.date <= '2025-04-17' ? '374' : '136-НҚ');
    expect(planted.acts.filter((a) => a.instruction === '136-НҚ').map((a) => a.file)).toEqual(['acts/acts-2025.csv', 'acts/acts-2025.csv']);
    expect(new Set(lines.map((l) => REASON_OF[l.act.reasonText] ?? l.act.reasonText))).toEqual(new Set([...REASONS, '']));
    // Every library as the acts spell it is one the branch directory knows, but for the reserve fund and the outside institution.
    const directory = BranchDirectory.fromJson(KARAGANDA_CBS);
    for (const a of planted.acts) {
      if (a.fromText !== 'ООИФ ЦГБ') expect(directory.resolve(a.fromText)?.code, a.fromText).toBe(a.from);
      if (a.to !== undefined && a.toText !== 'ООИФ ЦГБ') expect(directory.resolve(a.toText)?.code, a.toText).toBe(a.to);
      if (a.toText === 'ООИФ ЦГБ') expect([a.to, a.toDepartment]).toEqual(['CGB', 'ООИФ']);
    }
    // Every line's act has its lines where planted.json says.
    for (const a of planted.acts) {
      const own = lines.filter((l) => l.act === a);
      expect(own.length, a.number).toBe(a.lines);
      expect([own[0]!.line, own[own.length - 1]!.line]).toEqual([a.firstLine, a.lastLine]);
      expect(own.reduce((s, l) => s + l.price, 0)).toBe(a.linesSum);
    }
  });

  it('has the external transfer of 500 copies to «РГУ «Учреждение ЕЦ-166/17»»', () => {
    const external = planted.acts.filter((a) => a.kind === 'external-transfer');
    expect(external.length).toBe(1);
    const a = external[0]!;
    expect([a.type, a.reason, a.toText, a.institution, a.from, a.lines, a.statedCopies]).toEqual(['transfer', 'transferred', 'РГУ «Учреждение ЕЦ-166/17»', 'РГУ «Учреждение ЕЦ-166/17»', 'CGB', 500, 500]);
    const own = lines.filter((l) => l.act === a);
    expect(new Set(own.map((l) => key(l.written))).size).toBe(500);
    expect(own.every((l) => byKey.get(key(l.written)!)?.length === 1)).toBe(true);
    expect(own.filter((l) => byKey.get(key(l.written)!)![0]!.copy.status === 'transferred').length).toBe(498);
    expect(planted.withdrawals2023.transferred!.copies).toBe(500);
    expect(planted.withdrawals2023.transferred!.sum).toBe(a.linesSum);
  });

  it('states on every act the totals of its lines, except where ACT_TOTAL_MISMATCH is planted', () => {
    const wrong: string[] = [];
    for (const a of planted.acts) {
      const own = lines.filter((l) => l.act === a);
      expect(new Set(own.map((l) => `${l.statedCopies}|${l.statedSum}`)).size, a.number).toBe(1);
      if (own[0]!.statedCopies !== own.length) wrong.push(`${a.file} ${a.number} copies ${own.length} ${own[0]!.statedCopies}`);
      if (own[0]!.statedSum !== a.linesSum) wrong.push(`${a.file} ${a.number} sum ${a.linesSum} ${own[0]!.statedSum}`);
    }
    const planted2 = planted.findings.filter((f) => f.code === 'ACT_TOTAL_MISMATCH').map((f) => `${f.file} ${f.act} ${f.field} ${String(f.actual)} ${String(f.expected)}`);
    expect(wrong.sort()).toEqual(planted2.sort());
    expect(planted2.filter((p) => p.includes(' copies ')).length).toBeGreaterThanOrEqual(1);
    expect(planted2.filter((p) => p.includes(' sum ')).length).toBeGreaterThanOrEqual(2);
  });

  it('writes inventory numbers that @kitap/holdings reads to the keys the scenario means (branch prefixes stripped)', () => {
    const directory = BranchDirectory.fromJson(KARAGANDA_CBS);
    const read = (written: string): string | undefined => {
      const parsed = parseInventoryNumber(written, { branchPrefixes: 'strip' }, directory);
      return parsed.ok ? parsed.value.key : undefined;
    };
    const spellings = new Set<string>();
    for (const l of lines) {
      expect(read(l.written), `${l.file}:${l.line} ${l.written}`).toBe(key(l.written));
      spellings.add(l.written.replace(/\d/g, '9'));
    }
    for (const [k, held] of byKey) for (const h of held) expect(read(h.copy.inventoryNumber!)).toBe(k);
    // Acts write the same number in several ways.
    for (const shape of ['99999', '9999999', 'ЦГБ-99999', 'Ф9/99999', 'Ф99/99999', 'б/н', '??']) expect(spellings.has(shape), shape).toBe(true);
  });

  it('holds at every planted line what planted.json says was planted there', () => {
    const counts = new Map<string, number>();
    for (const p of planted.planted) counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
    for (const code of FINDING_CODES) expect(counts.get(code) ?? 0, code).toBeGreaterThanOrEqual(2);
    for (const p of planted.planted) {
      if (p.code === 'BALANCE_MISMATCH' || p.code === 'ACT_TOTAL_MISMATCH') continue;
      const line = lines.find((l) => l.file === p.file && l.line === p.line)!;
      expect(line, `${p.file}:${p.line}`).toBeDefined();
      expect([line.act.number, line.written], `${p.file}:${p.line}`).toEqual([p.act, p.inventoryNumber]);
      const held = byKey.get(key(line.written) ?? '') ?? [];
      switch (p.code) {
        case 'ACT_LINE_UNMATCHED':
          expect(key(line.written)).toBeDefined();
          expect(held).toEqual([]);
          break;
        case 'INVENTORY_NUMBER_INVALID':
          expect(['б/н', '??']).toContain(line.written);
          break;
        case 'ACT_LINE_AMBIGUOUS':
          expect(held.map((h) => `${h.copy.inventoryNumber} ${codeOfSigla.get(h.copy.branch!)}`).sort()).toEqual(p.copies!.map((c) => `${c.inventoryNumber} ${c.branch}`).sort());
          expect(held.every((h) => h.copy.status === 'available')).toBe(true);
          expect(held.map((h) => h.copy.inventoryNumber).some((n) => /^(0|ЦГБ-)/.test(n ?? ''))).toBe(true);
          break;
        case 'INVENTORY_NUMBER_DUPLICATE': {
          const first = lines.find((l) => l.file === p.related!.file && l.line === p.related!.line)!;
          expect(first.act).toBe(line.act);
          expect(p.related!.line).toBe(p.line - 1);
          expect([first.written, line.written]).toEqual([`ЦГБ-${key(line.written)}`, key(line.written)]);
          break;
        }
        default:
          expect(held.length).toBe(1);
      }
    }
  });

  it('gives, recounted from the files, exactly the findings planted.json lists: ordinary lines produce none', () => {
    const found: string[] = [];
    const add = (code: string, l: ReadLine): void => {
      found.push(`${code} ${l.file}:${l.line}`);
    };
    const writtenOff = new Set<string>();
    const inAct = new Map<ActSummary, Set<string>>();
    for (const l of byDate()) {
      const k = key(l.written);
      if (k === undefined) {
        add('INVENTORY_NUMBER_INVALID', l);
        continue;
      }
      const seen = inAct.get(l.act) ?? new Set<string>();
      inAct.set(l.act, seen);
      if (seen.has(k)) add('INVENTORY_NUMBER_DUPLICATE', l);
      seen.add(k);
      const held = byKey.get(k) ?? [];
      if (held.length === 0) add('ACT_LINE_UNMATCHED', l);
      if (held.length > 1) add('ACT_LINE_AMBIGUOUS', l);
      if (held.length !== 1) continue;
      const { copy } = held[0]!;
      const at = codeOfSigla.get(copy.branch!);
      if (l.act.kind === 'write-off') {
        if (writtenOff.has(k)) add('COPY_WRITTEN_OFF_TWICE', l);
        writtenOff.add(k);
        if (copy.status !== 'written-off') add('WRITTEN_OFF_STILL_ACTIVE', l);
        expect(at, `${l.file}:${l.line}`).toBe(l.act.from);
      } else if (l.act.kind === 'external-transfer') {
        if (copy.status !== 'transferred') add('TRANSFERRED_OUT_STILL_ACTIVE', l);
        expect(at).toBe('CGB');
      } else {
        if (at !== l.act.to) add('TRANSFER_LOCATION_MISMATCH', l);
        expect(copy.status).toBe('available');
        if (l.act.toDepartment && at === l.act.to) expect(copy.department).toBe(l.act.toDepartment);
      }
      if (copy.dateReceived! > l.act.date) add('ACT_BEFORE_RECEIPT', l);
      if (copy.price !== l.price) add('PRICE_MISMATCH', l);
    }
    const expected = planted.findings.filter((f) => f.code !== 'ACT_TOTAL_MISMATCH' && f.code !== 'BALANCE_MISMATCH').map((f) => `${f.code} ${f.file}:${f.line}`);
    expect(found.sort()).toEqual(expected.sort());
    expect(planted.findings).toEqual(JSON.parse(JSON.stringify(built.findings)));
    for (const f of planted.findings) expect(f.severity, f.code).toBe(f.code === 'PRICE_MISMATCH' ? 'warning' : 'error');
    // A number twice in one write-off act is also the copy written off twice; in a transfer act it is not.
    const dup = planted.findings.filter((f) => f.code === 'INVENTORY_NUMBER_DUPLICATE');
    expect(dup.map((d) => planted.findings.some((f) => f.code === 'COPY_WRITTEN_OFF_TWICE' && f.file === d.file && f.line === d.line))).toEqual([false, true]);
  });

  it('has a withdrawal table that adds up and that a recount from the files gives', () => {
    for (const table of [planted.withdrawals, planted.withdrawals2023]) {
      const total = table.total!;
      const sumOf = (tallies: Tally[]): Tally => tallies.reduce((a, t) => ({ copies: a.copies + t.copies, sum: a.sum + t.sum, kazCopies: a.kazCopies + t.kazCopies, kazSum: a.kazSum + t.kazSum }), { copies: 0, sum: 0, kazCopies: 0, kazSum: 0 });
      const plain = (t: Tally): Tally => ({ copies: t.copies, sum: t.sum, kazCopies: t.kazCopies, kazSum: t.kazSum });
      expect(plain(sumOf(REASONS.map((r) => table[r]!)))).toEqual(plain(total));
      for (const row of [...REASONS.map((r) => table[r]!), total]) {
        expect(plain(sumOf(Object.values(row.byGroup)))).toEqual(plain(row));
        expect(plain(sumOf(Object.values(row.byBranch)))).toEqual(plain(row));
        expect(Object.keys(row.byGroup)).toEqual([...SUBJECT_GROUPS]);
        expect(Object.keys(row.byBranch)).toEqual(INVENTORY_BRANCHES.map((b) => b.code));
      }
      for (const g of SUBJECT_GROUPS) expect(plain(sumOf(REASONS.map((r) => table[r]!.byGroup[g])))).toEqual(plain(total.byGroup[g]));
    }
    const groupOfRecord = new Map(planted.records.map((r) => [r.controlNumber, r]));
    const recount = (keep: (l: ReadLine) => boolean): Record<string, WithdrawalRow> => {
      const empty = (): Tally => ({ copies: 0, sum: 0, kazCopies: 0, kazSum: 0 });
      const row = (): WithdrawalRow => ({ ...empty(), byGroup: Object.fromEntries(SUBJECT_GROUPS.map((g) => [g, empty()])) as WithdrawalRow['byGroup'], byBranch: Object.fromEntries(INVENTORY_BRANCHES.map((b) => [b.code, empty()])) as WithdrawalRow['byBranch'] });
      const table: Record<string, WithdrawalRow> = Object.fromEntries([...REASONS, 'total'].map((r) => [r, row()]));
      const counted = new Set<string>();
      const add = (t: Tally, price: number, kaz: boolean): void => {
        t.copies++;
        t.sum += price;
        if (kaz) {
          t.kazCopies++;
          t.kazSum += price;
        }
      };
      for (const l of byDate()) {
        if (l.act.kind === 'internal-transfer' || !keep(l)) continue;
        const k = key(l.written);
        const held = k === undefined ? [] : (byKey.get(k) ?? []);
        if (held.length !== 1 || counted.has(k!)) continue;
        counted.add(k!);
        const record = groupOfRecord.get(held[0]!.record)!;
        for (const r of [table[REASON_OF[l.act.reasonText]!]!, table.total!]) {
          add(r, l.price, record.language === 'kaz');
          add(r.byGroup[record.group], l.price, record.language === 'kaz');
          add(r.byBranch[l.act.from as keyof WithdrawalRow['byBranch']], l.price, record.language === 'kaz');
        }
      }
      return table;
    };
    expect(recount(() => true)).toEqual(planted.withdrawals);
    expect(recount((l) => l.act.date.startsWith('2023'))).toEqual(planted.withdrawals2023);
    const w = planted.withdrawals2023.total!;
    expect(w.copies).toBeGreaterThan(2_700);
    expect(w.kazCopies).toBeGreaterThan(0);
    expect(w.kazCopies / w.copies).toBeLessThan(0.3);
    for (const r of REASONS) expect(planted.withdrawals2023[r]!.copies, r).toBeGreaterThan(0);
  });

  it('has fund snapshots whose balance holds in every cell but the two planted ones, recounted from the files', () => {
    const readFund = (file: string): string[][] => {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text.startsWith('\uFEFFbranch;group;language;copies;sum\r\n')).toBe(true);
      const rows = text.slice(1).split('\r\n');
      expect(rows.pop()).toBe('');
      return rows.map(split);
    };
    const start = readFund('fund-start.csv');
    const end = readFund('fund-end.csv');
    expect(start.length).toBe(1 + 21 * 7 * 2);
    const mismatched: number[] = [];
    for (const cell of planted.balance) {
      const s = start[cell.line - 1]!;
      const e = end[cell.line - 1]!;
      expect(s.slice(0, 3)).toEqual([cell.branch, cell.group, cell.language]);
      expect(e.slice(0, 3)).toEqual([cell.branch, cell.group, cell.language]);
      expect({ copies: Number(s[3]), sum: money(s[4]!) }).toEqual(cell.start);
      expect({ copies: Number(e[3]), sum: money(e[4]!) }).toEqual(cell.end);
      const terms = (pick: (a: Amount) => number): number => pick(cell.start) + pick(cell.received) - pick(cell.withdrawn) - pick(cell.transferredOut) + pick(cell.transferredIn);
      expect({ copies: terms((a) => a.copies), sum: terms((a) => a.sum) }).toEqual(cell.expectedEnd);
      if (cell.end.copies !== cell.expectedEnd.copies || cell.end.sum !== cell.expectedEnd.sum) {
        mismatched.push(cell.line);
        expect(Math.abs(cell.end.copies - cell.expectedEnd.copies)).toBe(1);
        expect(Math.sign(cell.end.sum - cell.expectedEnd.sum)).toBe(cell.end.copies - cell.expectedEnd.copies);
      }
    }
    expect(mismatched).toEqual(planted.findings.filter((f) => f.code === 'BALANCE_MISMATCH').map((f) => f.line));
    expect(mismatched.length).toBe(2);
    // Recount received, withdrawn, transfers and the start of the year from the holdings and the acts.
    const recordOf = new Map(planted.records.map((r) => [r.controlNumber, r]));
    const cellKey = (branch: string, record: string): string => {
      const r = recordOf.get(record)!;
      return `${branch}|${r.group}|${r.language === 'kaz' ? 'kaz' : 'other'}`;
    };
    const tally = new Map<string, Record<'start' | 'received' | 'withdrawn' | 'transferredOut' | 'transferredIn', Amount>>();
    const add = (k: string, term: 'start' | 'received' | 'withdrawn' | 'transferredOut' | 'transferredIn', sum: number): void => {
      const cell = tally.get(k) ?? { start: { copies: 0, sum: 0 }, received: { copies: 0, sum: 0 }, withdrawn: { copies: 0, sum: 0 }, transferredOut: { copies: 0, sum: 0 }, transferredIn: { copies: 0, sum: 0 } };
      cell[term].copies++;
      cell[term].sum += sum;
      tally.set(k, cell);
    };
    const movedFrom = new Map<string, string>();
    const counted = new Set<string>();
    for (const l of byDate()) {
      if (!l.act.date.startsWith('2023')) continue;
      const k = key(l.written);
      const held = k === undefined ? [] : (byKey.get(k) ?? []);
      if (held.length !== 1 || counted.has(`${l.act.kind === 'internal-transfer'}|${k}`)) continue;
      counted.add(`${l.act.kind === 'internal-transfer'}|${k}`);
      const record = held[0]!.record;
      if (l.act.kind === 'internal-transfer') {
        movedFrom.set(k!, l.act.from);
        add(cellKey(l.act.from, record), 'transferredOut', l.price);
        add(cellKey(l.act.to!, record), 'transferredIn', l.price);
      } else add(cellKey(l.act.from, record), 'withdrawn', l.price);
    }
    for (const [k, held] of byKey) {
      for (const { copy, record } of held) {
        const branch = codeOfSigla.get(copy.branch!)!;
        if (copy.dateReceived!.startsWith('2023')) add(cellKey(branch, record), 'received', copy.price!);
        const before2023 = (copy.notes ?? []).some((n) => /^Списан: акт № \d+ от \d\d\.\d\d\.2022/.test(n));
        if (copy.dateReceived! < '2023-01-01' && !before2023) add(cellKey(movedFrom.get(k) ?? branch, record), 'start', copy.price!);
      }
    }
    for (const cell of planted.balance) {
      const got = tally.get(`${cell.branch}|${cell.group}|${cell.language}`);
      const zero = { copies: 0, sum: 0 };
      expect({ start: got?.start ?? zero, received: got?.received ?? zero, withdrawn: got?.withdrawn ?? zero, transferredOut: got?.transferredOut ?? zero, transferredIn: got?.transferredIn ?? zero }, `line ${cell.line}`).toEqual({
        start: cell.start,
        received: cell.received,
        withdrawn: cell.withdrawn,
        transferredOut: cell.transferredOut,
        transferredIn: cell.transferredIn,
      });
    }
  });

  it('lays the form acts out like the paper form: merged header cells, the table heading, numbers as numbers', () => {
    for (const [file, sheet] of forms) {
      expect(sheet.getRow(5).getCell(7).isMerged, file).toBe(true);
      expect(sheet.getRow(5).getCell(7).master.address).toBe('A5');
      expect(sheet.getRow(1).getCell(5).value).toBe('УТВЕРЖДАЮ');
      expect(FORM_COLUMNS.map((_, i) => sheet.getRow(FORM_HEADER_ROW).getCell(i + 1).value)).toEqual([...FORM_COLUMNS]);
      const first = sheet.getRow(FORM_HEADER_ROW + 1);
      expect(typeof first.getCell(2).value).toBe('string');
      expect(typeof first.getCell(4).value).toBe('number');
      expect(first.getCell(5).numFmt).toBe('#,##0.00');
    }
  });
});

describe('scripts/gen-reconcile-benchmark.ts data', () => {
  function generate(seed: number, copies: number, actLines: number): { holdings: Buffer; acts: Buffer; summary: ReconcileBenchmarkSummary } {
    const parts: Record<string, Uint8Array[]> = { 'holdings.mrc': [], 'acts.csv': [] };
    const it = reconcileBenchmarkChunks({ seed, copies, actLines, chunkRecords: 200 });
    let step = it.next();
    while (!step.done) {
      parts[step.value.file]!.push(step.value.bytes);
      step = it.next();
    }
    return { holdings: Buffer.concat(parts['holdings.mrc']!), acts: Buffer.concat(parts['acts.csv']!), summary: step.value };
  }

  it('gives the same bytes for the same seed and other bytes for another, with exactly the copies and act lines asked for', async () => {
    const a = generate(5, 10_000, 1_000);
    const b = generate(5, 10_000, 1_000);
    expect(a.holdings.equals(b.holdings)).toBe(true);
    expect(a.acts.equals(b.acts)).toBe(true);
    expect(generate(6, 10_000, 1_000).holdings.equals(a.holdings)).toBe(false);
    expect([a.summary.copies, a.summary.actLines]).toEqual([10_000, 1_000]);
    const text = a.acts.toString('utf8');
    expect(text.startsWith(`\uFEFF${ACT_COLUMNS.join(';')}\r\n`)).toBe(true);
    const rows = text.slice(1).split('\r\n').slice(1, -1).map(split);
    expect(rows.length).toBe(1_000);
    expect(rows.every((r) => r.length === ACT_COLUMNS.length)).toBe(true);
    expect(new Set(rows.map((r) => `${r[0]}|${r[1]}`)).size).toBe(a.summary.acts);
    const items = await readIso2709All(a.holdings, { mode: 'strict' });
    let copies = 0;
    for (const item of items) if (item.kind === 'record') copies += COPY_MAPPERS['852/876'].read(item.record).length;
    expect(items.length).toBe(a.summary.records);
    expect(copies).toBe(10_000);
  });
});
