import type { FrameReadOptions } from './frame-worker.js';
import type { RuleSelectionOptions } from './rule-selection.js';

/** What a lint or fix worker needs: the rules as the command chose them (it chooses them again), and how the records were read. */
export interface CleanWorkerSetup {
  rules: RuleSelectionOptions;
  read: FrameReadOptions;
}

/** The setup of a command's workers from its options. */
export function cleanWorkerSetup(options: RuleSelectionOptions & FrameReadOptions & { input: string }): CleanWorkerSetup {
  const rules: RuleSelectionOptions = {};
  if (options.config !== undefined) rules.config = options.config;
  if (options.profile !== undefined) rules.profile = options.profile;
  if (options.rule !== undefined) rules.rule = options.rule;
  return { rules, read: { mode: options.mode, file: options.input } };
}
