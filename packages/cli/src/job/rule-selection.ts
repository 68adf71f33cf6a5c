import { type ActiveRule, type Profile, resolveRules } from '@kitap/clean';
import { loadProjectConfig } from './project-config.js';

export interface RuleSelectionOptions {
  config?: string;
  profile?: string;
  rule?: string[];
}

/** The rules a lint or fix run uses: the project config (or none), a profile given on the command line, and `--rule` filters. */
export function selectRules(options: RuleSelectionOptions): { profile: Profile; rules: ActiveRule[]; configPath: string | undefined } {
  const loaded = loadProjectConfig(options.config);
  const clean = { ...loaded.clean };
  if (options.profile !== undefined) clean.profile = options.profile;
  const { profile, rules } = resolveRules(clean, options.rule && options.rule.length ? options.rule : undefined);
  return { profile, rules, configPath: loaded.path };
}
