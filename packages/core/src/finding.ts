import type { Code } from './codes.js';
import type { Place } from './place.js';

export type Severity = 'error' | 'warning' | 'info';

/** One shape for every problem kitap reports: lint, dedup, mapping, audit, codecs. */
export interface Finding {
  /** A rule id (lint, audit) or a stable code (codecs). */
  ruleId: string;
  severity: Severity;
  message: string;
  place: Place;
  actual?: string;
  expected?: string;
  related?: Place;
  /** Which of the rule's messages this is (lint). */
  messageId?: string;
  /** A short label of the record for people: its title. */
  label?: string;
  /** True when `kitap fix` can repair it without asking. */
  fixable?: boolean;
}

/** A problem a codec noticed and repaired or tolerated; kept on the record. */
export interface Warning {
  code: Code;
  message: string;
  place: Place;
}

export function warningToFinding(warning: Warning): Finding {
  return { ruleId: warning.code, severity: 'warning', message: warning.message, place: warning.place };
}
