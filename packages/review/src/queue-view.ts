import type { ReviewDecision, ReviewItem } from '@kitap/store';
import { z } from 'zod';

const memberRefSchema = z.object({ index: z.number().int(), id: z.string().nullable() }).loose();
/** The dedup explanations a cluster carries (`PairExplanation[]` of @kitap/dedup). */
const whySchema = z.array(
  z
    .object({
      pair: z.tuple([memberRefSchema, memberRefSchema]),
      score: z.number(),
      decision: z.string(),
      reasons: z.array(z.object({ feature: z.string(), points: z.number(), detail: z.string() }).loose()),
    })
    .loose(),
);

/** A line of a record's mnemonic text; `common` when every record of the cluster has the very same line. */
export interface MemberLine {
  text: string;
  common: boolean;
}

export interface MemberView {
  /** 1-based position in the catalog the dedup stage read. */
  number: number;
  id: string | null;
  title: string;
  copies: number;
  lines: MemberLine[];
}

export interface PairView {
  a: { number: number; id: string | null };
  b: { number: number; id: string | null };
  score: number;
  decision: string;
  reasons: { feature: string; points: number; detail: string }[];
}

/** A cluster of the review queue as the page shows it. */
export interface ReviewItemView {
  key: string;
  cluster: string;
  /** 1-based position in the queue. */
  position: number;
  score: number;
  decision: ReviewDecision | null;
  decidedAt: string | null;
  note: string | null;
  members: MemberView[];
  pairs: PairView[];
  /** The explanations as stored, when they are not in the shape the page knows. */
  whyText: string | null;
}

export type QueueStatus = 'all' | 'undecided' | ReviewDecision;

export interface QueueCounts {
  total: number;
  undecided: number;
  merge: number;
  keepApart: number;
}

export function queueCounts(items: readonly ReviewItem[]): QueueCounts {
  let merge = 0;
  let keepApart = 0;
  for (const i of items) {
    if (i.decision === 'merge') merge++;
    else if (i.decision === 'keep-apart') keepApart++;
  }
  return { total: items.length, undecided: items.length - merge - keepApart, merge, keepApart };
}

export function matchesStatus(item: ReviewItem, status: QueueStatus): boolean {
  return status === 'all' || (status === 'undecided' ? item.decision === null : item.decision === status);
}

export function reviewItemView(item: ReviewItem, position: number): ReviewItemView {
  const texts = item.members.map((m) => m.mnemonic.split(/\r?\n/).filter((l) => l.trim() !== ''));
  const sets = texts.map((lines) => new Set(lines));
  const members = item.members.map(
    (m, i): MemberView => ({
      number: m.index + 1,
      id: m.id,
      title: m.title,
      copies: m.copies,
      lines: texts[i]!.map((text) => ({ text, common: sets.every((s) => s.has(text)) })),
    }),
  );
  const why = whySchema.safeParse(item.why);
  const ref = (m: { index: number; id: string | null }): { number: number; id: string | null } => ({ number: m.index + 1, id: m.id });
  return {
    key: item.key,
    cluster: item.cluster,
    position,
    score: item.score,
    decision: item.decision,
    decidedAt: item.decidedAt,
    note: item.note,
    members,
    pairs: why.success ? why.data.map((p) => ({ a: ref(p.pair[0]), b: ref(p.pair[1]), score: p.score, decision: p.decision, reasons: p.reasons.map((r) => ({ feature: r.feature, points: r.points, detail: r.detail })) })) : [],
    whyText: why.success ? null : JSON.stringify(item.why, null, 2),
  };
}
