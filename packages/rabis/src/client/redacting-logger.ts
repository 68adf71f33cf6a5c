import { REDACTED_TEXT } from './secret.js';

/** Levels of the client's log. */
export type RabisLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where the client writes what it does (requests, retries, sign-ins); silent by default. */
export interface RabisLogger {
  log(level: RabisLogLevel, message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** A logger that drops everything. */
export const silentLogger: RabisLogger = { log: () => {} };

// Field names whose values are credentials whatever they hold.
const SECRET_KEY = /pass(word)?|token|secret|authori[sz]ation|cookie|jwt/i;

/**
 * Masks every credential in a text: each secret the client knows (the
 * password, the configured token, the current JWT) is replaced by
 * `[redacted]`, as is anything after `Bearer `.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would mask ordinary words; such a secret is not worth the name anyway.
    if (secret.length >= 4) out = out.split(secret).join(REDACTED_TEXT);
  }
  return out.replace(/\bBearer\s+[^\s"',;]+/gi, `Bearer ${REDACTED_TEXT}`);
}

/** A copy of log fields with secrets masked: by key name (password, token, authorization …) and by value. */
export function redactFields(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return redactText(value.message, secrets);
  if (Array.isArray(value)) return value.map((item) => redactFields(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? REDACTED_TEXT : redactFields(item, secrets, depth + 1);
  return out;
}

/**
 * Wraps a logger so nothing it receives can carry a credential: messages and
 * fields pass through `redactText`/`redactFields` with the secrets known at
 * the time of the call (`secrets()` is asked each time, as tokens change).
 */
export function redactingLogger(inner: RabisLogger, secrets: () => readonly string[]): RabisLogger {
  return {
    log(level, message, fields) {
      const known = secrets();
      if (fields === undefined) inner.log(level, redactText(message, known));
      else inner.log(level, redactText(message, known), redactFields(fields, known) as Record<string, unknown>);
    },
  };
}
