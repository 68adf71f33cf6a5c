import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims of a stand-in token, as Web-RABIS's public code reads them: the user's `id` and `exp` (seconds since 1970). */
export interface TokenClaims {
  id: number;
  exp: number;
  iat: number;
  /** A unique token id, so two sign-ins in the same second give different tokens. */
  jti?: string;
}

/** Why a token was refused. */
export type TokenProblem = 'malformed' | 'bad-signature' | 'expired';

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/**
 * Signs the claims as a compact JWT with HMAC-SHA256 (HS256), the scheme of
 * Web-RABIS's tokens. node:crypto is enough; no JWT library is needed.
 */
export function signHs256(claims: TokenClaims, secret: Buffer): string {
  const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/**
 * Checks a compact HS256 JWT: its header, its signature (in constant time)
 * and its `exp` against `nowSeconds`. Gives the claims or why it was refused.
 */
export function verifyHs256(token: string, secret: Buffer, nowSeconds: number): { ok: true; claims: TokenClaims } | { ok: false; problem: TokenProblem } {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, problem: 'malformed' };
  const [header, payload, signature] = parts as [string, string, string];
  let claims: unknown;
  try {
    const h = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
    if (h.alg !== 'HS256') return { ok: false, problem: 'malformed' };
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, problem: 'bad-signature' };
  if (!isClaims(claims)) return { ok: false, problem: 'malformed' };
  if (nowSeconds >= claims.exp) return { ok: false, problem: 'expired' };
  return { ok: true, claims };
}

function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'number' && typeof v.exp === 'number' && typeof v.iat === 'number';
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
