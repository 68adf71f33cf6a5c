import { KitapError } from '@kitap/core';
import { z } from 'zod';

/**
 * What the stand-in server does wrong, on purpose, so that a client's retries,
 * renewals and exactly-once delivery can be tested. Shares are fractions of
 * requests (0…1), drawn from a PRNG seeded with `seed`, so a run can be
 * replayed (with one client request at a time the sequence of faults is the
 * same on every run).
 */
export interface FaultSpec {
  /** Seed of the PRNG; default: a random one, reported by `stats().seed`. */
  seed?: number;
  /** Latency added before every answer, uniform in [minMs, maxMs]. */
  latency?: { minMs: number; maxMs: number };
  /** Share of requests answered 500 before anything is done. */
  error500?: number;
  /** Share of requests answered 429 with `Retry-After` before anything is done. */
  error429?: number;
  /** The `Retry-After` of a 429, in whole seconds (default 1). */
  retryAfterSeconds?: number;
  /** Share of requests whose connection is destroyed without an answer. */
  drop?: number;
  /**
   * Of the dropped import requests, the share dropped AFTER the import was
   * committed (the answer is lost, the records are in): default 0.5.
   */
  dropAfterCommit?: number;
  /** Each token is refused (401, expired) from its (N+1)-th authenticated request on. */
  expireTokenAfter?: number;
  /** Share of answers whose body is written in small pieces with pauses. */
  slowBody?: number;
  /** Into how many pieces a slow body is cut (default 8). */
  slowBodyChunks?: number;
  /** The pause between two pieces of a slow body, in ms (default 25). */
  slowBodyDelayMs?: number;
}

/** A fault spec with its defaults filled in, as the server uses it. */
export interface ResolvedFaults {
  seed: number;
  latency: { minMs: number; maxMs: number } | undefined;
  error500: number;
  error429: number;
  retryAfterSeconds: number;
  drop: number;
  dropAfterCommit: number;
  expireTokenAfter: number | undefined;
  slowBody: number;
  slowBodyChunks: number;
  slowBodyDelayMs: number;
}

const share = z.number().min(0).max(1);
const ms = z.number().int().min(0).max(600_000);

/** zod schema of `FaultSpec`: shares in 0…1, whole milliseconds, and drops + 429s + 500s at most every request. */
export const faultSpecSchema = z
  .strictObject({
    seed: z.number().int().optional(),
    latency: z
      .strictObject({ minMs: ms, maxMs: ms })
      .refine((l) => l.minMs <= l.maxMs, 'latency: the minimum is above the maximum')
      .optional(),
    error500: share.optional(),
    error429: share.optional(),
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    drop: share.optional(),
    dropAfterCommit: share.optional(),
    expireTokenAfter: z.number().int().min(1).optional(),
    slowBody: share.optional(),
    slowBodyChunks: z.number().int().min(1).max(10_000).optional(),
    slowBodyDelayMs: ms.optional(),
  })
  .refine((s) => (s.drop ?? 0) + (s.error429 ?? 0) + (s.error500 ?? 0) <= 1 + 1e-9, 'drop + error429 + error500 add up to more than 100%');

/** The keys of the text form, for messages and `--help`. */
export const FAULT_SPEC_KEYS = [
  'latency',
  'error500',
  'error429',
  'retryAfter',
  'drop',
  'dropAfterCommit',
  'expireToken',
  'slowBody',
  'slowBodyChunks',
  'slowBodyDelay',
  'seed',
] as const;

/**
 * Reads the text form of a fault spec, as `--faults` takes it:
 * `latency=20-80ms,error500=5%,error429=2%,drop=2%,expireToken=after:300,slowBody=1%`.
 * Shares are `5%` or `0.05`; durations `20ms`, `1.5s` or a bare number of ms
 * (`retryAfter` in whole seconds: `1s` or `1`); `latency` is one duration or a
 * range `20-80ms`. Throws `KitapError('E_USAGE')` naming the bad item.
 */
export function parseFaultSpec(text: string): FaultSpec {
  const spec: FaultSpec = {};
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) throw usage(item, 'expected key=value');
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    switch (key) {
      case 'latency': {
        const range = /^(\d+(?:\.\d+)?)\s*(ms|s)?\s*-\s*(\d+(?:\.\d+)?)\s*(ms|s)?$/.exec(value);
        if (range) {
          const unit = range[4] ?? range[2];
          spec.latency = { minMs: duration(`${range[1]}${range[2] ?? unit ?? ''}`, item), maxMs: duration(`${range[3]}${unit ?? ''}`, item) };
        } else {
          const one = duration(value, item);
          spec.latency = { minMs: one, maxMs: one };
        }
        break;
      }
      case 'error500':
      case 'error429':
      case 'drop':
      case 'dropAfterCommit':
      case 'slowBody':
        spec[key] = fraction(value, item);
        break;
      case 'retryAfter': {
        const seconds = /^(\d+)\s*s?$/.exec(value);
        if (!seconds) throw usage(item, 'Retry-After is a whole number of seconds, like 1s');
        spec.retryAfterSeconds = Number(seconds[1]);
        break;
      }
      case 'expireToken': {
        const after = /^(?:after:)?(\d+)$/.exec(value);
        if (!after) throw usage(item, 'expected after:N (a token is refused after N requests)');
        spec.expireTokenAfter = Number(after[1]);
        break;
      }
      case 'slowBodyChunks':
      case 'seed':
        if (!/^-?\d+$/.test(value)) throw usage(item, 'expected a whole number');
        spec[key === 'seed' ? 'seed' : 'slowBodyChunks'] = Number(value);
        break;
      case 'slowBodyDelay':
        spec.slowBodyDelayMs = duration(value, item);
        break;
      default:
        throw usage(item, `unknown fault "${key}"; known: ${FAULT_SPEC_KEYS.join(', ')}`);
    }
  }
  return checkFaultSpec(spec);
}

/** Checks a spec given as an object; throws `KitapError('E_USAGE')` with every problem. */
export function checkFaultSpec(spec: FaultSpec): FaultSpec {
  const parsed = faultSpecSchema.safeParse(spec);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`);
    throw new KitapError('E_USAGE', `fault spec: ${problems.join('; ')}`);
  }
  return spec;
}

/** The spec with its defaults (no faults at all when `spec` is undefined). */
export function resolveFaults(spec: FaultSpec | string | undefined, randomSeed: () => number): ResolvedFaults {
  const s = typeof spec === 'string' ? parseFaultSpec(spec) : checkFaultSpec(spec ?? {});
  return {
    seed: s.seed ?? randomSeed(),
    latency: s.latency,
    error500: s.error500 ?? 0,
    error429: s.error429 ?? 0,
    retryAfterSeconds: s.retryAfterSeconds ?? 1,
    drop: s.drop ?? 0,
    dropAfterCommit: s.dropAfterCommit ?? 0.5,
    expireTokenAfter: s.expireTokenAfter,
    slowBody: s.slowBody ?? 0,
    slowBodyChunks: s.slowBodyChunks ?? 8,
    slowBodyDelayMs: s.slowBodyDelayMs ?? 25,
  };
}

/** The resolved faults in the text form, for the banner (only what is switched on). */
export function formatFaults(f: ResolvedFaults): string {
  const pct = (x: number): string => `${Math.round(x * 10_000) / 100}%`;
  const parts: string[] = [];
  if (f.latency) parts.push(`latency=${f.latency.minMs === f.latency.maxMs ? `${f.latency.minMs}ms` : `${f.latency.minMs}-${f.latency.maxMs}ms`}`);
  if (f.error500 > 0) parts.push(`error500=${pct(f.error500)}`);
  if (f.error429 > 0) parts.push(`error429=${pct(f.error429)}`, `retryAfter=${f.retryAfterSeconds}s`);
  if (f.drop > 0) parts.push(`drop=${pct(f.drop)}`, `dropAfterCommit=${pct(f.dropAfterCommit)}`);
  if (f.expireTokenAfter !== undefined) parts.push(`expireToken=after:${f.expireTokenAfter}`);
  if (f.slowBody > 0) parts.push(`slowBody=${pct(f.slowBody)}`, `slowBodyChunks=${f.slowBodyChunks}`, `slowBodyDelay=${f.slowBodyDelayMs}ms`);
  parts.push(`seed=${f.seed}`);
  return parts.join(',');
}

function fraction(value: string, item: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(%)?$/.exec(value);
  if (!m) throw usage(item, 'expected a share like 5% or 0.05');
  const n = Number(m[1]);
  // 28.55% is 28550000 / 1e8, the double nearest 0.2855 (28.55 / 100 is not).
  const f = m[2] === '%' ? Math.round(n * 1e6) / 1e8 : n;
  if (f > 1) throw usage(item, 'a share is at most 100%');
  return f;
}

function duration(value: string, item: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s)?$/.exec(value);
  if (!m) throw usage(item, 'expected a duration like 20ms or 1.5s');
  const n = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
  return Math.round(n);
}

function usage(item: string, why: string): KitapError {
  return new KitapError('E_USAGE', `fault spec: "${item}": ${why}`);
}
