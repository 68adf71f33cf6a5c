import { existsSync, readFileSync } from 'node:fs';
import { KitapError, lazyModule } from '@kitap/core';
import { type CleanConfig, cleanConfigSchema } from '@kitap/clean';
import { z } from 'zod';

/**
 * The YAML parser, loaded only when a YAML config is read (~35 ms to load, which every run and each
 * lint or fix worker paid before), from its CommonJS entry.
 */
const yaml = lazyModule<typeof import('yaml')>(import.meta.url, 'yaml');

function parseYaml(text: string): unknown {
  return yaml().parse(text);
}

/** Names looked for in the current folder when no `--config` is given. */
export const CONFIG_NAMES = ['kitap.config.json', 'kitap.config.yaml', 'kitap.config.yml'];

/** The project config: a profile and rule settings for lint/fix (more sections come with more commands). */
export const projectConfigSchema = z
  .object({
    $schema: z.string().optional(),
    profile: cleanConfigSchema.shape.profile.optional(),
    rules: cleanConfigSchema.shape.rules.optional(),
    /** Checked by the dedup and merge commands with their own schema, so their messages name the setting. */
    dedup: z.record(z.string(), z.unknown()).optional(),
    /** Checked by kitap inventory (attach thresholds). */
    inventory: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export interface LoadedConfig {
  path: string | undefined;
  clean: Partial<CleanConfig>;
  dedup: Record<string, unknown>;
  inventory: Record<string, unknown>;
}

/**
 * Reads `--config <file>` or the first of kitap.config.json/.yaml/.yml in the
 * current folder; none is fine. A file that cannot be parsed, or a setting
 * kitap does not know (a typo such as "rule" for "rules"), is an E_CONFIG error
 * naming the file and the setting.
 */
export function loadProjectConfig(explicit: string | undefined, cwd = process.cwd()): LoadedConfig {
  const path = explicit ?? CONFIG_NAMES.map((n) => `${cwd}/${n}`).find((p) => existsSync(p));
  if (path === undefined) return { path: undefined, clean: {}, dedup: {}, inventory: {} };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new KitapError('E_CONFIG', `cannot read the config: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, { file: path });
  }
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new KitapError('E_CONFIG', `not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${(error as Error).message}`, { file: path });
  }
  const parsed = projectConfigSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ');
    throw new KitapError('E_CONFIG', issues, { file: path });
  }
  const clean: Partial<CleanConfig> = {};
  if (parsed.data.profile !== undefined) clean.profile = parsed.data.profile;
  if (parsed.data.rules !== undefined) clean.rules = parsed.data.rules;
  return { path, clean, dedup: parsed.data.dedup ?? {}, inventory: parsed.data.inventory ?? {} };
}
