import type { Code } from './codes.js';

/** Counts of one stage of a job: everything that came in went out, was rejected or filtered. */
export interface StageCounts {
  in: number;
  out: number;
  rejected: number;
  filtered: number;
  /** Money totals in tiyn (1/100 KZT), integers only, when the stage carries money. */
  money?: { in: number; out: number; rejected: number; filtered: number };
}

export interface LedgerJson {
  stages: Record<string, StageCounts>;
  rejectsByCode: Partial<Record<Code, number>>;
  balanced: boolean;
}

export class Ledger {
  private readonly stages = new Map<string, StageCounts>();
  private readonly rejectCodes = new Map<Code, number>();

  stage(name: string): StageCounts {
    let counts = this.stages.get(name);
    if (!counts) {
      counts = { in: 0, out: 0, rejected: 0, filtered: 0 };
      this.stages.set(name, counts);
    }
    return counts;
  }

  countReject(code: Code, n = 1): void {
    this.rejectCodes.set(code, (this.rejectCodes.get(code) ?? 0) + n);
  }

  /** Stages whose `in` differs from `out + rejected + filtered`. */
  unbalanced(): string[] {
    const bad: string[] = [];
    for (const [name, c] of this.stages) {
      if (c.in !== c.out + c.rejected + c.filtered) bad.push(name);
      if (c.money && c.money.in !== c.money.out + c.money.rejected + c.money.filtered) bad.push(`${name} (money)`);
    }
    return bad;
  }

  toJSON(): LedgerJson {
    const stages: Record<string, StageCounts> = {};
    for (const [name, c] of this.stages) stages[name] = { ...c };
    const rejectsByCode: Partial<Record<Code, number>> = {};
    for (const [code, n] of [...this.rejectCodes].sort(([a], [b]) => a.localeCompare(b))) rejectsByCode[code] = n;
    return { stages, rejectsByCode, balanced: this.unbalanced().length === 0 };
  }

  /** Lines for people: "read 120 = written 117 + rejected 3". */
  format(): string[] {
    const lines: string[] = [];
    for (const [name, c] of this.stages) {
      const ok = c.in === c.out + c.rejected + c.filtered ? 'balanced' : 'NOT BALANCED';
      const filtered = c.filtered ? ` + filtered ${c.filtered}` : '';
      lines.push(`${name}: in ${c.in} = out ${c.out} + rejected ${c.rejected}${filtered} (${ok})`);
    }
    return lines;
  }
}
