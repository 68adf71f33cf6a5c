import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { type Finding, KitapError } from '@kitap/core';
import { type BranchDirectory, COPY_MAPPERS, type Copy, type CopyLayout, copyFields, type InventoryNumberOptions, type MapperLayout, fromWebRabisInv, parseInventoryNumber } from '@kitap/holdings';
import { type MarcRecord, readRecords } from '@kitap/marc';
import { withCase } from '../reader-cases.js';
import { copyFacts } from '../statistics/copy-facts.js';
import { languageGroupOf } from '../statistics/language-group.js';
import { subjectGroupOf } from '../statistics/subject-group-of.js';
import type { SubjectRules } from '../statistics/subject-rules.js';
import { readCopyList } from './copy-list.js';
import type { HoldingCopy } from './holding-copy.js';

/** How holdings are read. */
export interface ReadHoldingsOptions {
  branches: BranchDirectory;
  inventoryNumbers: InventoryNumberOptions;
  rules: SubjectRules;
  /** Character set of a MARC file (default: detected). */
  encoding?: string | undefined;
  /** The copy layouts read from MARC records (default: every layout). */
  layouts?: readonly MapperLayout[] | undefined;
  /**
   * Which copies the caller needs whole (subject group, language, title): the
   * others come with placeholder groups, which saves classifying every record
   * of a large fund when only the copies named by acts matter. Default: all.
   */
  wants?: ((key: string, copy: { dateReceived?: string | undefined }) => boolean) | undefined;
  /**
   * Set when `wants` looks at the key alone: a record none of whose inventory
   * numbers is wanted is then not mapped at all (only its copy fields' numbers
   * are read), which is most of a fund audited against a year's acts.
   */
  wantsKeyOnly?: boolean | undefined;
}

// The layouts `copyFields` reads (inventory number and branch only, decoding only the copy fields).
const QUICK_LAYOUTS: ReadonlySet<MapperLayout> = new Set(['852/876', '910', '952', '995', '949', '090']);

/** The copy layouts of each profile: MARC21 systems keep copies in 852/876, 949, 952 or 090; RUSMARC ones in 910, 995 or 899. */
export const PROFILE_LAYOUTS: Readonly<Record<'marc21' | 'rusmarc' | 'kazakh-public-library', readonly MapperLayout[]>> = {
  marc21: ['852/876', '949', '952', '090'],
  rusmarc: ['910', '995', '899'],
  'kazakh-public-library': ['852/876', '910', '952', '995', '899', '949', '090'],
};

// Stands in for the groups of a copy the caller said it does not need.
const UNCLASSIFIED = { group: 'opl', language: 'other' } as const;

export type HoldingItem = { kind: 'copy'; copy: HoldingCopy } | { kind: 'problem'; finding: Finding };

// The copy layouts tried on every record, and the field that tells each is there.
const LAYOUT_TAGS: readonly [MapperLayout, string][] = [
  ['852/876', '876'],
  ['910', '910'],
  ['952', '952'],
  ['995', '995'],
  ['899', '899'],
  ['949', '949'],
  ['090', '090'],
];

/**
 * The copies of a holdings file, one at a time (memory does not grow with the
 * file): MARC in any format kitap reads, with copies in any layout of
 * `@kitap/holdings` (a record may carry several); `web-rabis.jsonl`, one
 * Web-RABIS record per line with its `inv` copies; or a CSV/XLSX copy list
 * (`copy-list.ts`). A copy whose inventory
 * number cannot be read is a problem (`HOLDINGS_COPY_INVALID`), never dropped
 * silently.
 */
export async function* readHoldings(path: string, options: ReadHoldingsOptions): AsyncGenerator<HoldingItem> {
  if (/\.jsonl?$/i.test(path)) yield* readWebRabis(path, options);
  else if (/\.(csv|tsv|txt|xlsx)$/i.test(path)) yield* readCopyList(path, options);
  else yield* readMarcHoldings(path, options);
}

function keyOf(inventoryNumber: string, options: ReadHoldingsOptions): string | undefined {
  const parsed = parseInventoryNumber(inventoryNumber, options.inventoryNumbers, options.branches);
  return parsed.ok ? parsed.value.key : undefined;
}

function branchCode(text: string | undefined, options: ReadHoldingsOptions): string | undefined {
  if (text === undefined) return undefined;
  return options.branches.resolve(text)?.code ?? text;
}

function invalid(path: string, index: number, number: string, record: string | undefined): HoldingItem {
  return {
    kind: 'problem',
    finding: withCase(
      {
        ruleId: 'HOLDINGS_COPY_INVALID',
        severity: 'warning',
        message: `a copy${record ? ` of record ${record}` : ''} has an inventory number that cannot be read: «${number}»; it cannot be matched with act lines`,
        place: { file: path, index },
        actual: number,
      },
      'copy-number-unreadable',
      record ? { record } : undefined,
    ),
  };
}

function holdingCopy(copy: Copy, index: number, record: string | undefined, facts: { group: HoldingCopy['group']; language: HoldingCopy['language']; title?: string | undefined }, key: string, options: ReadHoldingsOptions): HoldingCopy {
  const out: HoldingCopy = { key, inventoryNumber: copy.inventoryNumber!, index, group: facts.group, language: facts.language };
  const branch = branchCode(copy.branch, options);
  if (branch !== undefined) out.branch = branch;
  if (copy.status !== undefined) out.status = copy.status;
  if (copy.price !== undefined) out.price = copy.price;
  if (copy.dateReceived !== undefined) out.dateReceived = copy.dateReceived;
  if (record !== undefined) out.record = record;
  if (facts.title !== undefined) out.title = facts.title;
  return out;
}

async function* readMarcHoldings(path: string, options: ReadHoldingsOptions): AsyncGenerator<HoldingItem> {
  let index = -1;
  for await (const item of readRecords(path, { file: path, mode: 'lenient', ...(options.encoding ? { encoding: options.encoding } : {}) })) {
    index++;
    if (item.kind === 'reject') {
      const finding: Finding = { ruleId: item.reject.code, severity: 'error', message: `a holdings record cannot be read: ${item.reject.message}; its copies are not in the audit`, place: item.reject.place };
      yield { kind: 'problem', finding: withCase(finding, 'holdings-record-unreadable', { detail: item.reject.message }) };
      continue;
    }
    yield* copiesOfRecord(item.record, index, path, options);
  }
}

function* copiesOfRecord(record: MarcRecord, index: number, path: string, options: ReadHoldingsOptions): Generator<HoldingItem> {
  const tags = record.tags;
  const id = record.controlValue('001')?.trim() || undefined;
  let facts: { group: HoldingCopy['group']; language: HoldingCopy['language']; title?: string | undefined } | undefined;
  for (const [layout, tag] of LAYOUT_TAGS) {
    if (!tags.includes(tag) || (options.layouts !== undefined && !options.layouts.includes(layout))) continue;
    if (options.wants && options.wantsKeyOnly && QUICK_LAYOUTS.has(layout)) {
      // The numbers first: when none is wanted, the copies are counted without being mapped.
      const quick = copyFields(record, [layout as CopyLayout]);
      const keys = quick.map((c) => (c.inventoryNumber === undefined ? undefined : keyOf(c.inventoryNumber.value, options)));
      if (keys.every((k) => k !== undefined && !options.wants!(k, {}))) {
        for (let i = 0; i < quick.length; i++) {
          const light: HoldingCopy = { key: keys[i]!, inventoryNumber: quick[i]!.inventoryNumber!.value, index, group: UNCLASSIFIED.group, language: UNCLASSIFIED.language };
          if (id !== undefined) light.record = id;
          yield { kind: 'copy', copy: light };
        }
        continue;
      }
    }
    for (const read of COPY_MAPPERS[layout].read(record)) {
      const copy = read.copy;
      if (copy.inventoryNumber === undefined) {
        yield invalid(path, index, '', id);
        continue;
      }
      const key = keyOf(copy.inventoryNumber, options);
      if (key === undefined) {
        yield invalid(path, index, copy.inventoryNumber, id);
        continue;
      }
      if (options.wants && !options.wants(key, copy)) {
        yield { kind: 'copy', copy: holdingCopy(copy, index, id, UNCLASSIFIED, key, options) };
        continue;
      }
      if (!facts) {
        const f = copyFacts(record, copy);
        facts = { group: subjectGroupOf({ bbk: f.bbk, udc: f.udc }, options.rules).group, language: languageGroupOf({ languages: f.languages, ...(f.title !== undefined ? { title: f.title } : {}) }), title: f.title };
      }
      yield { kind: 'copy', copy: holdingCopy(copy, index, id, facts, key, options) };
    }
  }
}

interface WebRabisDoc {
  id?: number | string;
  title?: string;
  bbk?: string;
  udc?: string;
  language?: { language?: string };
  kitap?: { controlNumber?: string };
  inv?: { invNumber: string; barcode?: string; department: { code: string; name?: string }; state: { code: string; name?: string } }[];
}

async function* readWebRabis(path: string, options: ReadHoldingsOptions): AsyncGenerator<HoldingItem> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let index = -1;
  try {
    for await (const text of lines) {
      index++;
      if (text.trim() === '') continue;
      let doc: WebRabisDoc;
      try {
        doc = JSON.parse(text) as WebRabisDoc;
      } catch (error) {
        const finding: Finding = { ruleId: 'E_JSON', severity: 'error', message: `line ${index + 1} is not JSON: ${(error as Error).message}; its copies are not in the audit`, place: { file: path, line: index + 1 } };
        yield { kind: 'problem', finding: withCase(finding, 'holdings-line-not-json', { detail: (error as Error).message }) };
        continue;
      }
      const record = doc.kitap?.controlNumber ?? (doc.id === undefined ? undefined : String(doc.id));
      const facts = {
        group: subjectGroupOf({ bbk: doc.bbk ? [doc.bbk] : [], udc: doc.udc ? [doc.udc] : [] }, options.rules).group,
        language: languageGroupOf({ languages: doc.language?.language ? [doc.language.language] : [], ...(doc.title !== undefined ? { title: doc.title } : {}) }),
        title: doc.title,
      };
      for (const inv of doc.inv ?? []) {
        const copy = fromWebRabisInv(inv);
        // A Web-RABIS copy's place is its department; kitap writes the branch code there (or "branch/department").
        copy.branch = inv.department.code.split('/')[0]!;
        const key = keyOf(inv.invNumber, options);
        if (key === undefined) {
          yield invalid(path, index, inv.invNumber, record);
          continue;
        }
        yield { kind: 'copy', copy: holdingCopy(copy, index, record, facts, key, options) };
      }
    }
  } catch (error) {
    throw new KitapError('E_INPUT', `cannot read the holdings: ${(error as Error).message}`, { file: path });
  }
}
