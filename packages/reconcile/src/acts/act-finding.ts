/**
 * Findings about acts in the toolkit's one shape (`Finding` of @kitap/core),
 * with the act named the way staff name it: «act № 17 of 10.10.2023».
 */
import type { Finding, Place, Severity } from '@kitap/core';
import { dottedDate, isIsoDate } from '@kitap/holdings';
import type { ReaderCase, ReaderData, ReaderFinding } from '../reader-cases.js';
import type { ActCode, ACT_READ_CODES } from './act-codes.js';

/** What a finding may add to its code, severity, message and place. */
export interface ActFindingDetails {
  actual?: string;
  expected?: string;
  related?: Place;
}

/** What a finding of reading adds: its case (reader-cases.ts), and the data the Russian report needs. */
export interface ReaderFindingDetails extends ActFindingDetails {
  case: ReaderCase;
  data?: ReaderData;
}

/** The codes whose findings are about reading the acts: each names its case. */
export type ActReadingCode = (typeof ACT_READ_CODES)[number] | 'ACT_DATE_INVALID';

/** A finding about an act file, row or act; one of reading (ACT_READ_CODES, ACT_DATE_INVALID) names its case. */
export function actFinding(code: ActReadingCode, severity: Severity, message: string, place: Place, details: ReaderFindingDetails): ReaderFinding;
export function actFinding(code: Exclude<ActCode, ActReadingCode>, severity: Severity, message: string, place: Place, details?: ActFindingDetails): Finding;
export function actFinding(code: ActCode, severity: Severity, message: string, place: Place, details: ActFindingDetails & Partial<ReaderFindingDetails> = {}): Finding {
  const finding: Finding & { data?: ReaderData } = { ruleId: code, severity, message, place };
  if (details.actual !== undefined) finding.actual = details.actual;
  if (details.expected !== undefined) finding.expected = details.expected;
  if (details.related !== undefined) finding.related = details.related;
  if (details.case !== undefined) finding.messageId = details.case;
  if (details.data !== undefined && Object.keys(details.data).length > 0) finding.data = details.data;
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
