import { readFileSync, statSync } from 'node:fs';
import { KitapError } from '@kitap/core';
import type { z } from 'zod';
import { type RabisConfig, type RabisConfigInput, rabisConfigSchema } from './rabis-config.js';

/** The environment variables that carry credentials (they win over the config file). */
export const RABIS_ENV = {
  username: 'KITAP_RABIS_USERNAME',
  password: 'KITAP_RABIS_PASSWORD',
  token: 'KITAP_RABIS_TOKEN',
} as const;

/** Where the client configuration comes from; later sources win. */
export interface LoadRabisConfigOptions {
  /** A JSON config file; when it holds a password or token it must not be readable by group or others. */
  file?: string;
  /** Environment with `KITAP_RABIS_*` credentials (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Values from the command line (`--url` …): win over the file and the environment. */
  overrides?: Partial<RabisConfigInput>;
}

/**
 * Reads the client configuration from a config file, the environment and the
 * command line, in that order of precedence (lowest first). A config file
 * holding a password or token that group or others can read is refused with
 * E_CONFIG: `chmod 600` it, or pass credentials through the environment.
 * Messages never quote credential values.
 */
export function loadRabisConfig(options: LoadRabisConfigOptions = {}): RabisConfig {
  const env = options.env ?? process.env;
  let raw: Record<string, unknown> = {};
  if (options.file !== undefined) raw = readConfigFile(options.file);

  const fromEnv: Record<string, string> = {};
  for (const [key, name] of Object.entries(RABIS_ENV)) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }
  const overrides: Record<string, unknown> = { ...options.overrides };
  const merged: Record<string, unknown> = { ...raw, ...fromEnv, ...overrides };
  if (isObject(raw['routes']) || isObject(overrides['routes'])) {
    merged['routes'] = { ...(isObject(raw['routes']) ? raw['routes'] : {}), ...(isObject(overrides['routes']) ? overrides['routes'] : {}) };
  }
  const parsed = rabisConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const where = options.file === undefined ? 'the Web-RABIS configuration' : `the Web-RABIS configuration (${options.file})`;
    throw new KitapError('E_CONFIG', `${where} is not valid: ${describeIssues(parsed.error)}`, options.file === undefined ? {} : { file: options.file });
  }
  return parsed.data;
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  let mode: number;
  try {
    mode = statSync(file).mode;
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new KitapError('E_CONFIG', `the Web-RABIS config file ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, { file });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // The parser's message may quote the file's text, credentials included: say only where.
    throw new KitapError('E_CONFIG', `the Web-RABIS config file ${file} is not valid JSON`, { file });
  }
  if (!isObject(raw)) throw new KitapError('E_CONFIG', `the Web-RABIS config file ${file} must hold a JSON object`, { file });
  const holdsSecret = raw['password'] !== undefined || raw['token'] !== undefined;
  // Mode bits mean nothing on Windows; there the file's ACL is the user's business.
  if (holdsSecret && process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new KitapError(
      'E_CONFIG',
      `the Web-RABIS config file ${file} holds credentials but group or others can read it (mode ${(mode & 0o777).toString(8)}); run "chmod 600 ${file}" or pass credentials in ${RABIS_ENV.password} / ${RABIS_ENV.token}`,
      { file },
    );
  }
  return raw;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(top)'}: ${issue.message}`).join('; ');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
