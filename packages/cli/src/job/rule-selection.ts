import type { ActiveRule, Profile } from '@kitap/clean';
import { loadProjectConfig } from './project-config.js';
import { type RuleSettings, rulesFromSettings } from './rule-settings.js';

export { type RuleSettings, rulesFromSettings } from './rule-settings.js';

export interface RuleSelectionOptions {
  config?: string;
  profile?: string;
  rule?: string[];
}

/** The rules a lint or fix run uses: the project config (or none), a profile given on the command line, and `--rule` filters. */
export function selectRules(options: RuleSelectionOptions): { profile: Profile; rules: ActiveRule[]; configPath: string | undefined; settings: RuleSettings } {
  const loaded = loadProjectConfig(options.config);
  const clean = { ...loaded.clean };
  if (options.profile !== undefined) clean.profile = options.profile;
  const settings: RuleSettings = options.rule && options.rule.length ? { clean, only: [...options.rule] } : { clean };
  const { profile, rules } = rulesFromSettings(settings);
  return { profile, rules, configPath: loaded.path, settings };
}
