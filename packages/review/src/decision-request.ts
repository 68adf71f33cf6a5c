import { z } from 'zod';

/** The body of `POST /api/decisions`: a cluster's key and a decision, or `null` to take the decision back. */
export const decisionRequestSchema = z
  .object({
    key: z.string().min(1).max(10_000),
    decision: z.enum(['merge', 'keep-apart']).nullable(),
    note: z.string().max(2000).optional(),
  })
  .strict();

export type DecisionRequest = z.infer<typeof decisionRequestSchema>;

/** The request, or what is wrong with it in words. */
export function parseDecisionRequest(text: string): { ok: true; request: DecisionRequest } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'the body is not JSON' };
  }
  const parsed = decisionRequestSchema.safeParse(json);
  if (parsed.success) return { ok: true, request: parsed.data };
  return { ok: false, error: parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; ') };
}
