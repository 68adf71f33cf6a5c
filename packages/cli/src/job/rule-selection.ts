import { type ActiveRule, type CleanConfig, type Profile, resolveRules } from '@kitap/clean';
import { loadProjectConfig } from './project-config.js';

export interface RuleSelectionOptions {
  config?: string;
  profile?: string;
  rule?: string[];
}

/**
 * What decides a run's rules, as plain data: the project config's clean-up
 * settings with the command line's profile, and the `--rule` filter. Worker
 * threads get this rather than the config's path, so they use the very config
 * the run read (a `--config <(…)` pipe can be read once, and a file edited
 * during the run must not change the rules half way).
 */
export interface RuleSettings {
  clean: Partial<CleanConfig>;
  only?: string[];
}

/** The rules of settings made by selectRules (in a worker thread, say). */
export function rulesFromSettings(settings: RuleSettings): { profile: Profile; rules: ActiveRule[] } {
  return resolveRules(settings.clean, settings.only);
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
