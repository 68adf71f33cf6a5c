import type { FrameReadOptions } from './frame-worker.js';
import type { RuleSettings } from './rule-settings.js';

/** What a lint or fix worker needs: the rules as the command chose them (from the config it read), and how the records were read. */
export interface CleanWorkerSetup {
  rules: RuleSettings;
  read: FrameReadOptions;
}

/** The setup of a command's workers: the rule settings it selected, and how it reads its input. */
export function cleanWorkerSetup(rules: RuleSettings, options: FrameReadOptions & { input: string }): CleanWorkerSetup {
  return { rules, read: { mode: options.mode, file: options.input } };
}
