import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { type FileView, fileProblem } from './file-problem.js';
import { countText, tiynText } from './number-text.js';

const counts = { in: z.number(), out: z.number(), rejected: z.number(), filtered: z.number().default(0) };
const moneySchema = z.object(counts).loose();
const stageSchema = z.object({ stage: z.string(), unit: z.string().optional(), note: z.string().optional(), money: moneySchema.optional(), ...counts }).loose();
/** `kitap migrate` writes stages as a list; the ledger of the other commands (`@kitap/core` `LedgerJson`) as an object by stage name. */
const stagesSchema = z.union([z.array(stageSchema), z.record(z.string(), z.object({ unit: z.string().optional(), note: z.string().optional(), money: moneySchema.optional(), ...counts }).loose())]);
const ledgerSchema = z.object({ tool: z.string().optional(), balanced: z.boolean().optional(), stages: stagesSchema }).loose();

export interface LedgerMoneyRow {
  in: number;
  out: number;
  rejected: number;
  filtered: number;
  balanced: boolean;
}

/** One stage of the ledger as the page shows it: `in = out + rejected + filtered`, checked here again. */
export interface LedgerStageRow {
  stage: string;
  unit: string | null;
  in: number;
  out: number;
  rejected: number;
  filtered: number;
  balanced: boolean;
  note: string | null;
  money: LedgerMoneyRow | null;
}

/** Any other value of the ledger, by its path (`copies.in`, `money.written`), in words for people. */
export interface LedgerFact {
  key: string;
  value: string;
}

export interface LedgerView {
  tool: string | null;
  /** What the ledger says of itself. */
  balanced: boolean | null;
  /** Whether every stage on the page balances. */
  stagesBalanced: boolean;
  stages: LedgerStageRow[];
  facts: LedgerFact[];
}

const SHOWN_APART = new Set(['tool', 'balanced', 'stages']);

/** Reads `ledger.json` for the page; a missing or damaged file is said, not thrown. */
export async function readLedgerView(path: string): Promise<FileView<{ ledger: LedgerView }>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    return fileProblem(path, error);
  }
  const parsed = ledgerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { file: basename(path), state: 'unreadable', error: `not a kitap ledger: ${issue ? `${issue.path.join('.') || 'ledger'}: ${issue.message}` : 'unknown shape'}` };
  }
  const ledger = parsed.data;
  const entries = Array.isArray(ledger.stages) ? ledger.stages : Object.entries(ledger.stages).map(([stage, c]) => ({ stage, ...c }));
  const stages = entries.map(
    (s): LedgerStageRow => ({
      stage: s.stage,
      unit: s.unit ?? null,
      in: s.in,
      out: s.out,
      rejected: s.rejected,
      filtered: s.filtered,
      balanced: s.in === s.out + s.rejected + s.filtered,
      note: s.note ?? null,
      money: s.money ? { in: s.money.in, out: s.money.out, rejected: s.money.rejected, filtered: s.money.filtered, balanced: s.money.in === s.money.out + s.money.rejected + s.money.filtered } : null,
    }),
  );
  const facts: LedgerFact[] = [];
  for (const [key, value] of Object.entries(ledger)) {
    if (!SHOWN_APART.has(key) && key !== 'version') flatten(key, value, false, facts);
  }
  return {
    file: basename(path),
    state: 'ok',
    ledger: {
      tool: ledger.tool ?? null,
      balanced: ledger.balanced ?? null,
      stagesBalanced: stages.every((s) => s.balanced && (s.money?.balanced ?? true)),
      stages,
      facts,
    },
  };
}

/** Flattens nested values into facts; numbers under an object whose `unit` is `tiyn` are shown as tenge too. */
function flatten(key: string, value: unknown, tiyn: boolean, out: LedgerFact[]): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'number') {
    out.push({ key, value: tiyn ? `${tiynText(value)} (${countText(value)} tiyn)` : countText(value) });
  } else if (typeof value === 'string' || typeof value === 'boolean') {
    out.push({ key, value: String(value) });
  } else if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) out.push({ key, value: value.join(', ') });
    else value.forEach((v, i) => flatten(`${key}[${i + 1}]`, v, tiyn, out));
  } else if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const inTiyn = tiyn || object['unit'] === 'tiyn';
    for (const [k, v] of Object.entries(object)) flatten(`${key}.${k}`, v, inTiyn && k !== 'unit', out);
  }
}
