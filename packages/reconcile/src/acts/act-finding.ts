/**
 * Findings about acts in the toolkit's one shape (`Finding` of @kitap/core),
 * with the act named the way staff name it: «act № 17 of 10.10.2023».
 */
import type { Finding, Place, Severity } from '@kitap/core';
import { dottedDate, isIsoDate } from '@kitap/holdings';
import type { ActCode } from './act-codes.js';

/** What a finding may add to its code, severity, message and place. */
export interface ActFindingDetails {
  actual?: string;
  expected?: string;
  related?: Place;
}

/** A finding about an act file, row or act. */
export function actFinding(code: ActCode, severity: Severity, message: string, place: Place, details: ActFindingDetails = {}): Finding {
  const finding: Finding = { ruleId: code, severity, message, place };
  if (details.actual !== undefined) finding.actual = details.actual;
  if (details.expected !== undefined) finding.expected = details.expected;
  if (details.related !== undefined) finding.related = details.related;
  return finding;
}

/** An act's date as staff write it: `10.10.2023`, the text as written when it is no date, «no date» when empty. */
export function actDateLabel(date: string): string {
  if (isIsoDate(date)) return dottedDate(date);
  return date === '' ? 'no date' : `«${date}»`;
}

/** «act № 17 of 10.10.2023», for messages. */
export function actLabel(act: { number: string; date: string }): string {
  const number = act.number === '' ? 'without a number' : `№ ${act.number}`;
  return `act ${number} of ${actDateLabel(act.date)}`;
}
