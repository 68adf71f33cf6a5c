import { KitapError, type Severity } from '@kitap/core';
import { z } from 'zod';
import type { ActiveRule } from './engine.js';
import { PROFILES, type Profile, type RuleSetting } from './profiles.js';
import type { Rule } from './rule.js';
import { RULES } from './rules/index.js';

const severity = z.enum(['error', 'warning', 'info', 'off']);

/** The clean-up part of `kitap.config.json`: a profile, and per-rule severities and options. */
export const cleanConfigSchema = z.object({
  profile: z.string().default('kazakh-public-library'),
  rules: z
    .record(z.string(), z.union([severity, z.object({ severity: severity.optional(), options: z.record(z.string(), z.unknown()).optional() }).strict()]))
    .default({}),
});

export type CleanConfig = z.infer<typeof cleanConfigSchema>;

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}

function merge(into: { severity?: Severity | 'off'; options: Record<string, unknown> }, setting: RuleSetting | undefined): void {
  if (setting === undefined) return;
  if (typeof setting === 'string') into.severity = setting;
  else {
    if (setting.severity !== undefined) into.severity = setting.severity;
    if (setting.options) Object.assign(into.options, setting.options);
  }
}

/**
 * The rules to run: the profile's, with the config's severities and options on
 * top, limited to `only` when given (then those rules run even if the profile
 * or config switched them off). Unknown rule ids and bad options are E_CONFIG
 * errors that name the rule.
 */
export function resolveRules(config: Partial<CleanConfig> = {}, only?: readonly string[]): { profile: Profile; rules: ActiveRule[] } {
  const parsed = cleanConfigSchema.parse(config);
  const profile = Object.hasOwn(PROFILES, parsed.profile) ? PROFILES[parsed.profile] : undefined;
  if (!profile) throw new KitapError('E_CONFIG', `unknown profile "${parsed.profile}"; known: ${Object.keys(PROFILES).join(', ')}`);
  for (const id of [...Object.keys(parsed.rules), ...Object.keys(profile.rules), ...(only ?? [])]) {
    if (!ruleById(id)) throw new KitapError('E_CONFIG', `unknown rule "${id}"; see docs/rules/ for the list`);
  }
  const active: ActiveRule[] = [];
  for (const rule of RULES) {
    if (!rule.meta.flavours.some((f) => profile.only.includes(f))) continue;
    const setting: { severity?: Severity | 'off'; options: Record<string, unknown> } = { options: {} };
    merge(setting, profile.rules[rule.meta.id]);
    merge(setting, parsed.rules[rule.meta.id]);
    let level = setting.severity ?? rule.meta.severity;
    if (only) {
      if (!only.includes(rule.meta.id)) continue;
      if (level === 'off') level = rule.meta.severity;
    }
    if (level === 'off') continue;
    const options = rule.meta.options.safeParse(setting.options);
    if (!options.success) {
      throw new KitapError('E_CONFIG', `options of rule "${rule.meta.id}": ${options.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ')}`);
    }
    active.push({ rule, severity: level, options: options.data });
  }
  return { profile, rules: active };
}
