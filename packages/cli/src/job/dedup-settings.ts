import { KitapError } from '@kitap/core';
import { type DedupConfig, dedupConfigSchema } from '@kitap/dedup';
import { loadProjectConfig } from './project-config.js';

/** The dedup settings of the project config (or the defaults), checked; a bad setting is E_CONFIG naming it. */
export function dedupSettings(configPath: string | undefined): { config: DedupConfig; path: string | undefined } {
  const loaded = loadProjectConfig(configPath);
  const parsed = dedupConfigSchema.safeParse(loaded.dedup);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `dedup.${i.path.join('.') || '(section)'}: ${i.message}`).join('; ');
    throw new KitapError('E_CONFIG', issues, loaded.path ? { file: loaded.path } : {});
  }
  return { config: parsed.data, path: loaded.path };
}
