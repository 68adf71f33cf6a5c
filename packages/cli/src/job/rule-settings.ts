import { type ActiveRule, type CleanConfig, type Profile, resolveRules } from '@kitap/clean';

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
